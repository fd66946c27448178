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

  @Test func aReasonNamesTheCitedResultAndHypothesis() {
    let found = WhatIf.undischarged(
      "hypothesis 'prefix' of 'lemma-C.2' is not discharged: P₋(s) > 0")
    #expect(found?.result == "lemma-C.2")
    #expect(found?.hypothesis == "prefix")
    #expect(WhatIf.undischarged("side condition not discharged: x ≠ 0") == nil)
    #expect(WhatIf.undischarged(nil) == nil)
  }
}
