import BEBCheck
import BEBReport
import Foundation
import Testing

@testable import BEBCLI

/// Reports of any development: the paper's parts (its header, the plots of Appendix H, the
/// section of findings) only in a report of the paper; the axiom schemas each result rests on.
@Suite struct DevelopmentReportTests {
  /// The bundled development (symbolic): the paper's header, plots and findings.
  @Test func theReportOfThePaperHasThePapersParts() throws {
    try ReportSupport.withFolder { folder in
      let outcome = BEB.run(
        [
          "report", "--format", "md,html", "--out", folder, "--only", "thm-3.1",
          "--only", "lemma-H.3",
        ],
        in: ReportSupport.root)
      #expect(outcome.status == 0, "\(outcome.stderr)")
      let md = try #require(ReportSupport.contents(folder + "/beb-report.md"))
      #expect(md.contains("The Behavior Expectation Bounds theory (Wolf, Wies, Avnery"))
      #expect(md.contains("## Plot data"))
      #expect(md.contains("## Findings against the paper"))
      let html = try #require(ReportSupport.contents(folder + "/beb-report.html"))
      #expect(html.contains("<section id=\"beb-plots\">"))
      #expect(html.contains("<svg class=\"plot\""))
    }
  }

  /// A development of one's own (beb init): a neutral header, no plots, no findings section;
  /// each result lists exactly the axiom schemas it rests on, and their statements follow.
  @Test func theReportOfOnesOwnDevelopment() throws {
    try ReportSupport.withFolder { folder in
      #expect(BEB.run(["init", "dev"], in: folder).status == 0)
      let outcome = BEB.run(["report", "--format", "all"], in: folder + "/dev")
      #expect(outcome.status == 0, "\(outcome.stderr)")
      let md = try #require(ReportSupport.contents(folder + "/dev/reports/beb-report.md"))
      #expect(md.contains("A development checked by beb’s kernel, citing beb’s library"))
      #expect(!md.contains("Wolf, Wies"))
      #expect(!md.contains("Plot data"))
      #expect(!md.contains("Findings against the paper"))
      #expect(md.contains("in 1 file (and 50 imported)"))
      #expect(md.contains("the reported results rest on 9 axiom schemas"))
      #expect(md.contains("- Axiom schemas, transitively: `ax-log-mul`\n"))
      #expect(
        md.contains(
          "- Axiom schemas, transitively: `ax-abs-le`, `ax-abs-mul`, `ax-behavior-after`, "
            + "`ax-chain`, `ax-cond-pos`, `ax-cond-total`, `ax-inv-one-plus`, `ax-mix`\n"))
      #expect(md.contains("## Axiom schemas these results rest on"))
      // The abbreviations a statement uses are shown with it.
      #expect(md.contains("- Let `P := mix(α, P0, P1)`\n- Hypothesis `mix`"))
      #expect(md.contains("- `ax-log-mul` — log of a product"))
      let listed = md.components(separatedBy: "## Axiom schemas these results rest on").last ?? ""
      #expect(listed.components(separatedBy: "\n- `ax-").count - 1 == 9)
      let html = try #require(ReportSupport.contents(folder + "/dev/reports/beb-report.html"))
      #expect(!html.contains("beb-plots"))
      #expect(html.contains("<section id=\"beb-axioms\">"))
      let tex = try #require(ReportSupport.contents(folder + "/dev/reports/beb-report.tex"))
      #expect(tex.contains("Axiom schemas these results rest on"))
      #expect(tex.contains("\\noindent Let\n\\bebmath{$P :=$\\quad }{\\operatorname{mix}"))
      #expect(html.contains("<dt>Let</dt>"))
    }
  }
}
