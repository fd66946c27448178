import BEBCLI
import BEBCheck
import BEBReport
import Foundation
import Testing

/// The fixture rendered in every format, compared byte for byte with the golden files.
/// After an intended change, `BEB_RECORD=1 swift test --filter BEBReportTests` rewrites them
/// (and the test fails, so that a person reviews the diff before committing).
@Suite struct GoldenTests {
  @Test(arguments: [
    "beb-report.md", "beb-report.html", "beb-report.tex",
    "beb-report-standalone.tex", "beb-report.json",
  ])
  func matchesGolden(_ name: String) throws {
    let rendered = try #require(ReportSupport.files()[name])
    let path = ReportSupport.golden + "/" + name
    if ReportSupport.recording {
      try AtomicWrite.write(rendered, to: path)
      Issue.record("recorded \(name); review the diff and run the tests again without BEB_RECORD")
      return
    }
    let expected = try #require(
      ReportSupport.contents(path), "no golden file \(name): run with BEB_RECORD=1")
    if rendered != expected {
      let got = rendered.split(separator: "\n", omittingEmptySubsequences: false)
      let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let line = Array(zip(got, want)).firstIndex { $0 != $1 } ?? min(got.count, want.count)
      Issue.record(
        """
        \(name) differs from its golden file at line \(line + 1):
          got:      \(line < got.count ? String(got[line]) : "<end>")
          expected: \(line < want.count ? String(want[line]) : "<end>")
        (BEB_RECORD=1 rewrites the golden files)
        """)
    }
  }

  @Test func jsonIsTheCheckJSON() throws {
    let json = try #require(ReportSupport.files([.json])["beb-report.json"])
    let check = BEB.run(
      ["check", "--json"] + ReportSupport.arguments + ["Tests/BEBReportTests/Fixture"],
      in: ReportSupport.root)
    #expect(check.status == 0)
    #expect(json == check.stdout)
  }
}
