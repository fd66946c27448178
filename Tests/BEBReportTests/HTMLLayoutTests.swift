import BEBCLI
import BEBCheck
import BEBReport
import Foundation
import Testing

/// The HTML report is readable on a wide screen, a tablet and a phone: laid out by headless
/// Chromium in frames 1400, 720, 400 and 320 px wide, the page never scrolls sideways (a long
/// formula scrolls in its own box; on a narrow screen each table row is a card) — the
/// fixture's report, and the paper's whole development with its long formulas and names.
/// Skipped where Chromium is not installed (CI does not install it; run it locally after
/// `apt-get install chromium`).
@Suite struct HTMLLayoutTests {
  static let chromium = ReportSupport.which("chromium") ?? ReportSupport.which("chromium-browser")

  /// The paper's report (symbolic check), made once.
  static let paper: String? = {
    guard chromium != nil else { return nil }
    return ReportSupport.withFolder { folder in
      _ = BEB.run(["report", "--format", "html", "--out", folder], in: ReportSupport.root)
      return ReportSupport.contents(folder + "/beb-report.html")
    }
  }()

  @Test(
    .enabled(if: chromium != nil, "chromium is not installed"),
    arguments: [1400, 720, 400, 320], [false, true])
  func thePageFitsItsWidth(width: Int, paper: Bool) throws {
    let chromium = try #require(Self.chromium)
    let html = try #require(
      paper ? Self.paper : ReportSupport.files([.html])["beb-report.html"])
    // Measured by a script added to a copy of the page (the report itself has none): the
    // page's scroll width against its client width, written into the frame's parent.
    let script = """
      <script>(function(){var d=document.documentElement;
      parent.document.body.setAttribute("data-width", d.scrollWidth + " " + d.clientWidth);})()
      </script></body>
      """
    try ReportSupport.withFolder { folder in
      try AtomicWrite.write(
        html.replacingOccurrences(of: "</body>", with: script), to: folder + "/page.html")
      try AtomicWrite.write(
        "<!DOCTYPE html><html><body style=\"margin:0\"><iframe src=\"page.html\" "
          + "style=\"border:0;width:\(width)px;height:2000px\"></iframe></body></html>",
        to: folder + "/frame.html")
      let process = Process()
      process.executableURL = URL(fileURLWithPath: chromium)
      process.arguments = [
        "--headless=old", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
        "--window-size=\(max(width, 800)),2000", "--virtual-time-budget=3000", "--dump-dom",
        "file://" + folder + "/frame.html",
      ]
      let output = Pipe()
      process.standardOutput = output
      process.standardError = FileHandle.nullDevice
      try process.run()
      let dom = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      let measured = try #require(
        dom.firstMatch(of: /data-width="(\d+) (\d+)"/), "no measurement in:\n\(dom.prefix(500))")
      let scroll = try #require(Int(measured.1))
      let client = try #require(Int(measured.2))
      #expect(client > width - 40 && client <= width, "the frame is \(client) px wide")
      #expect(scroll <= client, "at \(width) px the page is \(scroll) px wide")
    }
  }
}
