import BEBSyntax
import Foundation
import Testing

@testable import BEBCLI
@testable import BEBCheck

/// `beb whatif` follows a broken citation into the cited result: which of its steps use the
/// hypothesis that is no longer discharged, and which fail without it.
@Suite struct DescentTests {
  @Test func droppingSupportDescendsIntoLemmaC3() throws {
    let root = DevelopmentTests.root
    let text = BEB.run(
      ["whatif", "thm-3.1-repaired", "--drop", "support", "--worlds", "10"], in: root)
    #expect(text.status == 1)
    #expect(
      text.stdout.contains(
        "thm-3.1-repaired step len cites lemma-C.3-repaired, whose hypothesis 'support' is not discharged;"
      ))
    #expect(text.stdout.contains("in lemma-C.3-repaired's proof it is used by chain,"))
    // One level down: the step that used it fails, and says why.
    #expect(text.stdout.contains("q1pos [unjustified, by support] P1(q) > 0"))
    #expect(text.stdout.contains("hypothesis 'support' of 'ax-kl-chain' is not discharged"))
    let json = BEB.run(
      ["whatif", "thm-3.1-repaired", "--drop", "support", "--worlds", "10", "--json"], in: root)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let descents = try #require(object["descents"] as? [[String: Any]])
    #expect(descents.count == 1)
    #expect(descents.first?["result"] as? String == "lemma-C.3-repaired")
    #expect(descents.first?["hypothesis"] as? String == "support")
    let failing = try #require(descents.first?["steps_failing_without_it"] as? [[String: Any]])
    #expect(failing.contains { $0["id"] as? String == "q1pos" })
  }

  /// The checker records which cited result and hypothesis were not discharged, as data (the
  /// descent follows that, not the wording of the reason).
  @Test func aFailedCitationRecordsTheResultAndHypothesis() throws {
    let file = """
      lemma lemma-base "needs a positive a"
        given a : Real
        assume apos : a > 0
        show a + 1 > 1

      proof lemma-base
        show a + 1 > 1 by linarith [apos]

      lemma lemma-top "cites lemma-base without apos"
        given a : Real
        show a + 1 > 1

      proof lemma-top
        show a + 1 > 1 by lemma-base

      """
    let report = try CommandLineTests().withFiles(["t.beb": file]) { folder in
      let development = try Loader.load(paths: [folder + "/t.beb"]).get()
      return Checker.check(development, options: CheckOptions())
    }
    let step = try #require(report.results.first { $0.entry.id == "lemma-top" }?.steps.first)
    #expect(step.undischarged == CitedHypothesis(result: "lemma-base", hypothesis: "apos"))
    let verified = try #require(report.results.first { $0.entry.id == "lemma-base" }?.steps.first)
    #expect(verified.undischarged == nil)
  }

  /// A descent's what-if takes the kernel outcomes its parent's unedited check already has
  /// (`WhatIf.unedited`): it reports what a what-if on the cited result alone reports, and
  /// the steps that use the hypothesis are those of the unedited proof checked alone.
  @Test func aDescentReportsWhatAWhatIfOnTheCitedResultAloneReports() throws {
    let root = DevelopmentTests.root
    var sources: [SourceFile] = []
    for path in [root + "/theorems", root + "/proofs"] {
      sources += try Loader.discover(path).get()
    }
    let development = try Loader.load(sources: sources).get()
    var options = CheckOptions()
    options.worlds = 10
    let whatIf = WhatIf(
      original: development, sources: sources, id: "thm-3.1-repaired", options: options)
    let answer = try whatIf.run([.drop("support")])
    #expect(!answer.unedited.isEmpty)
    let descent = try #require(whatIf.descents(answer).first)
    #expect(descent.result == "lemma-C.3-repaired")
    let alone = try WhatIf(
      original: development, sources: sources, id: descent.result, options: options
    ).run([.drop(descent.hypothesis)])
    let comparison = try #require(alone.comparisons.first { $0.id == descent.result })
    #expect(descent.failing.map(\.id) == comparison.nowFailing.map(\.id))
    #expect(descent.failing.map(\.reason) == comparison.nowFailing.map(\.reason))
    #expect(descent.statement == comparison.after.numeric)
    var symbolic = options
    symbolic.only = [descent.result]
    let unedited = try #require(
      Checker.check(development, options: symbolic).results.first { $0.entry.id == descent.result })
    let using = unedited.steps.filter { $0.uses.contains(descent.hypothesis) }.map(\.id)
    #expect(!using.isEmpty && descent.usedBy == using)
  }
}
