import BEBCheck
import BEBReport
import Foundation
import Testing

@testable import BEBCLI

/// The necessity table of every result, in every format: with the worlds run (the golden
/// model, `--necessity`) and from the symbolic check alone.
@Suite struct NecessityReportTests {
  /// The fixture rendered without `--necessity`: tables from the symbolic check alone.
  static let symbolicFiles: [String: String] = {
    let model = ReportSupport.model
    let symbolic = ReportModel(
      report: model.report, development: model.development, pathPrefix: model.pathPrefix)
    return Dictionary(
      ReportRenderer.render(symbolic, formats: ReportFormat.all).map { ($0.0, $0.1) },
      uniquingKeysWith: { a, _ in a })
  }()

  @Test func everyFormatShowsTheVerdicts() throws {
    let files = ReportSupport.files()
    let md = try #require(files["beb-report.md"])
    #expect(md.contains("| `hx` | **needed** | without it the statement is false on a world"))
    #expect(md.contains("| `spare_y'` | **not used** | no step of the verified proof rests on it"))
    #expect(md.contains("Without `hx`, a world where the statement is false:"))
    #expect(
      md.contains("| `hb` | **unknown** | used by step step-2; the statement itself is false"))
    let html = try #require(files["beb-report.html"])
    #expect(html.contains("<td><code>hx</code></td><td><strong>needed</strong></td>"))
    #expect(html.contains("<td><code>spare_y&#39;</code></td><td><strong>not used</strong></td>"))
    #expect(html.contains("<table class=\"necessity cards\">"))
    let tex = try #require(files["beb-report.tex"])
    #expect(tex.contains("\\texttt{hx} & \\textbf{needed} & \\raggedright without it"))
    #expect(tex.contains("\\texttt{spare\\_y'} & \\textbf{not used} & \\raggedright no step"))
    #expect(tex.contains("Without \\texttt{hx}, a world where the statement is false:"))
    let json = try #require(files["beb-report.json"])
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let results = try #require(document["results"] as? [[String: Any]])
    let spare = try #require(results.first { $0["id"] as? String == "lemma-spare" })
    let rows = try #require(spare["necessity"] as? [[String: Any]])
    #expect(rows.map { $0["verdict"] as? String } == ["needed", "not used"])
    #expect((rows[0]["counterexample"] as? String)?.contains("x = 0") == true)
    #expect(rows[1]["counterexample"] is NSNull)
    // A needed row's world is shown as the counterexample tables show worlds.
    #expect(
      md.contains(
        "Without `hx`, a world where the statement is false:\n\n| in the world | value |\n| --- | --- |\n| `sentences` | `0..1` |\n| `horizon` | `1` |\n| `x` | `0` |"
      ))
    #expect(tex.contains("\\texttt{x} & \\raggedright\\texttt{0} \\tabularnewline"))
    #expect(html.contains("<td><code>x</code></td><td><code>0</code></td>"))
  }

  /// Without the worlds nothing is `needed`, every format says the worlds were not run, and
  /// `not used` is still found from the verified proof.
  @Test func symbolicTablesClaimNothingNeeded() throws {
    let md = try #require(Self.symbolicFiles["beb-report.md"])
    #expect(!md.contains("**needed**"))
    #expect(md.contains("| `spare_y'` | **not used** |"))
    #expect(md.contains("| `hx` | **unknown** | used by step step-1; worlds not run without it"))
    #expect(md.contains("Necessity of hypotheses: from the symbolic check only"))
    let html = try #require(Self.symbolicFiles["beb-report.html"])
    #expect(!html.contains("<strong>needed</strong>"))
    #expect(html.contains("worlds not run without it"))
    let tex = try #require(Self.symbolicFiles["beb-report.tex"])
    #expect(!tex.contains("\\textbf{needed}"))
    #expect(tex.contains("worlds not run without it"))
    let json = try #require(Self.symbolicFiles["beb-report.json"])
    #expect(!json.contains("\"verdict\": \"needed\""))
    // `beb check --json` without --necessity gives the same JSON.
    let check = BEB.run(
      ["check", "--json", "--numeric", "--worlds", "200", ReportCommandTests.fixture],
      in: ReportSupport.root)
    #expect(check.stdout == json)
  }

  @Test func necessityIsInTheHelp() {
    #expect(BEB.run(["help", "report"]).stdout.contains("--necessity"))
    #expect(BEB.run(["check", "--help"]).stdout.contains("--necessity"))
    #expect(BEB.run(["--help"]).stdout.contains("[--necessity]"))
    let typo = BEB.run(
      ["report", "--necesity", ReportCommandTests.fixture], in: ReportSupport.root)
    #expect(typo.status == 2)
    #expect(typo.stderr.contains("did you mean '--necessity'?"))
  }
}
