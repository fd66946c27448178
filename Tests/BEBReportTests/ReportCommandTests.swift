import BEBCheck
import BEBReport
import Foundation
import Testing

@testable import BEBCLI

/// `beb report` end to end (in-process), on the fixture.
@Suite struct ReportCommandTests {
  static let fixture = "Tests/BEBReportTests/Fixture"

  @Test func writesEveryFormatByteIdenticalAcrossRuns() throws {
    try ReportSupport.withFolder { folder in
      func run(_ out: String) -> Outcome {
        BEB.run(
          ["report"] + ReportSupport.arguments + ["--out", folder + out, Self.fixture],
          in: ReportSupport.root)
      }
      let first = run("/a")
      let second = run("/b")
      #expect(first.status == 0, "\(first.stderr)")
      #expect(second.status == 0)
      let names = [
        "beb-report-standalone.tex", "beb-report.html", "beb-report.json", "beb-report.md",
        "beb-report.tex",
      ]
      #expect(ReportSupport.listing(folder + "/a") == names)
      #expect(ReportSupport.listing(folder + "/b") == names)
      for name in names {
        let a = try #require(ReportSupport.contents(folder + "/a/" + name))
        let b = try #require(ReportSupport.contents(folder + "/b/" + name))
        #expect(a == b, "\(name) differs between two runs")
        #expect(!a.contains(folder), "\(name) names the scratch folder")
      }
      #expect(first.stdout.contains("wrote " + folder + "/a/beb-report.html"))
    }
  }

  @Test func htmlIsSelfContained() throws {
    let html = try #require(ReportSupport.files([.html])["beb-report.html"])
    #expect(html.contains("<math"))
    #expect(html.contains("<svg"))
    #expect(!html.lowercased().contains("http"))
    #expect(!html.contains("<script"))
    #expect(!html.contains("<link"))
    #expect(!html.contains("xmlns"))
    #expect(!html.contains("src="))
    // Every result has its section, and the graph links to it.
    for id in ["lemma-sum", "lemma-wrong", "lemma-wrong-repaired", "ax-half"] {
      #expect(html.contains("id=\"\(id)\""))
      #expect(html.contains("<a href=\"#\(id)\">"))
    }
  }

  @Test func formatsAndFolders() {
    ReportSupport.withFolder { folder in
      let out = folder + "/new/nested"
      let run = BEB.run(
        ["report"] + ReportSupport.arguments + ["--format", "md,json", "--out", out, Self.fixture],
        in: ReportSupport.root)
      #expect(run.status == 0)
      #expect(ReportSupport.listing(out) == ["beb-report.json", "beb-report.md"])
      let tex = BEB.run(
        ["report"] + ReportSupport.arguments + ["--format=tex", "--out", out, Self.fixture],
        in: ReportSupport.root)
      #expect(tex.status == 0)
      #expect(ReportSupport.listing(out).contains("beb-report-standalone.tex"))
    }
  }

  @Test func usageErrors() {
    let root = ReportSupport.root
    #expect(BEB.run(["report", "--help"]).stdout.contains("--format"))
    #expect(BEB.run(["help", "report"]).stdout.contains("--out DIR"))
    #expect(BEB.run(["--help"]).stdout.contains("beb report"))
    #expect(!BEB.run(["--help"]).stdout.contains("(planned): report"))
    let format = BEB.run(["report", "--format", "htm", Self.fixture], in: root)
    #expect(format.status == 2)
    #expect(format.stderr.contains("did you mean 'html'?"))
    let option = BEB.run(["report", "--fromat", "md"], in: root)
    #expect(option.status == 2)
    #expect(option.stderr.contains("did you mean '--format'?"))
    #expect(BEB.run(["report", "--out"], in: root).status == 2)
    #expect(BEB.run(["report", "--worlds", "0", Self.fixture], in: root).status == 2)
    #expect(BEB.run(["report", "--seed", "-1", Self.fixture], in: root).status == 2)
    let only = BEB.run(["report", "--only", "lemma-summ", Self.fixture], in: root)
    #expect(only.status == 2)
    #expect(only.stderr.contains("did you mean 'lemma-sum'?"))
    let missing = BEB.run(["report", "no-such-folder"], in: root)
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("no report written"))
  }

  @Test func onlyAndTiming() throws {
    try ReportSupport.withFolder { folder in
      let run = BEB.run(
        ["report"] + ReportSupport.arguments + [
          "--only", "lemma-sum", "--timing", "--format", "md", "--out", folder, Self.fixture,
        ],
        in: ReportSupport.root)
      #expect(run.status == 0)
      let md = try #require(ReportSupport.contents(folder + "/beb-report.md"))
      #expect(md.contains("Time: "))
      #expect(md.contains("### `lemma-sum`"))
      #expect(!md.contains("### `lemma-wrong`"))
    }
  }

  /// A report that cannot be written leaves the old files whole and no temporary files.
  @Test func failedWriteKeepsOldReports() throws {
    try ReportSupport.withFolder { folder in
      // A folder where beb-report.html should go makes that write fail.
      try FileManager.default.createDirectory(
        atPath: folder + "/beb-report.html/inside", withIntermediateDirectories: true)
      try AtomicWrite.write("old report\n", to: folder + "/beb-report.md")
      let run = BEB.run(
        ["report"] + ReportSupport.arguments + [
          "--format", "html,md", "--out", folder, Self.fixture,
        ], in: ReportSupport.root)
      #expect(run.status == 2)
      #expect(run.stderr.contains("cannot write"))
      #expect(ReportSupport.contents(folder + "/beb-report.md") == "old report\n")
      #expect(ReportSupport.listing(folder) == ["beb-report.html", "beb-report.md"])
      let notFolder = BEB.run(
        ["report"] + ReportSupport.arguments + ["--out", folder + "/beb-report.md", Self.fixture],
        in: ReportSupport.root)
      #expect(notFolder.status == 2)
      #expect(ReportSupport.contents(folder + "/beb-report.md") == "old report\n")
    }
  }

  @Test func atomicWriteReplacesWholeFiles() throws {
    try ReportSupport.withFolder { folder in
      let path = folder + "/report.txt"
      try AtomicWrite.write("first\n", to: path)
      try AtomicWrite.write("second, longer\n", to: path)
      #expect(ReportSupport.contents(path) == "second, longer\n")
      #expect(ReportSupport.listing(folder) == ["report.txt"])
      #expect(throws: AtomicWrite.Failure.self) {
        try AtomicWrite.write("x", to: folder + "/missing/report.txt")
      }
      #expect(ReportSupport.listing(folder) == ["report.txt"])
    }
  }
}
