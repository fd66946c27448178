import BEBCLI
import BEBCheck
import BEBReport
import Foundation
import Testing

/// The LaTeX appendix compiles with pdflatex (standalone wrapper). Without pdflatex the test
/// is skipped, unless the environment variable CI is set: then it fails (CI installs it, see
/// .ci/run).
@Suite struct LaTeXCompileTests {
  static let pdflatex = ReportSupport.which("pdflatex")
  static let required = ProcessInfo.processInfo.environment["CI"] != nil

  /// Runs pdflatex on the standalone wrapper in `folder`; expects it to succeed; its log.
  static func compile(_ folder: String, with pdflatex: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: pdflatex)
    process.arguments = [
      "-halt-on-error", "-interaction=nonstopmode", "-no-shell-escape",
      "beb-report-standalone.tex",
    ]
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let log = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "pdflatex failed:\n\(log.suffix(3000))")
    return log
  }

  @Test(.enabled(if: pdflatex != nil || required, "pdflatex is not installed"))
  func compilesWithPdflatex() throws {
    let pdflatex = try #require(Self.pdflatex, "pdflatex is missing and CI is set")
    try ReportSupport.withFolder { folder in
      for (name, contents) in ReportSupport.files([.tex]) {
        try AtomicWrite.write(contents, to: folder + "/" + name)
      }
      let log = try Self.compile(folder, with: pdflatex)
      // Proof text, not a log: no line runs into the margin (formulas wider than the line are
      // scaled to it, prose is set \sloppy).
      #expect(!log.contains("Overfull"), "overfull boxes:\n\(log.suffix(3000))")
      #expect(FileManager.default.fileExists(atPath: folder + "/beb-report-standalone.pdf"))
    }
  }

  /// The paper's whole development (symbolic check): long formulas, long ids, findings and the
  /// coverage tables — still no line into the margin.
  @Test(.enabled(if: pdflatex != nil || required, "pdflatex is not installed"))
  func thePapersReportCompilesWithoutOverfullBoxes() throws {
    let pdflatex = try #require(Self.pdflatex, "pdflatex is missing and CI is set")
    try ReportSupport.withFolder { folder in
      let outcome = BEB.run(
        ["report", "--format", "tex", "--out", folder], in: ReportSupport.root)
      #expect(outcome.status == 0, "\(outcome.stderr)")
      let log = try Self.compile(folder, with: pdflatex)
      let overfull = log.components(separatedBy: "\n").filter { $0.hasPrefix("Overfull") }
      #expect(overfull.isEmpty, "\(overfull.count) overfull boxes: \(overfull.prefix(5))")
    }
  }

  @Test func appendixHasNoPreamble() throws {
    let tex = try #require(ReportSupport.files([.tex])["beb-report.tex"])
    #expect(!tex.contains("\\documentclass"))
    #expect(!tex.contains("\\begin{document}"))
    #expect(LaTeXReport.standalone().contains("\\input{beb-report}"))
  }
}
