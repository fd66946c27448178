import Foundation
import Testing

@testable import BEBCLI
@testable import BEBCheck

/// The rule table is the one list of rules: the checker dispatches exactly its names, the
/// kernel rules it names exist, docs/LANGUAGE.md documents each, and `beb rules` prints it.
@Suite struct ProofRulesTests {
  /// One step per rule (claims the rule may well refuse: what matters is that it is a rule).
  static let file: String = {
    var text = """
      lemma lemma-rules "every rule by name"
        given x : Real
        show x = x

      proof lemma-rules

      """
    for (index, rule) in ProofRule.names.enumerated() {
      text +=
        rule == "exists_above_mean"
        ? "  obtain y\(index) such that h\(index) : y\(index) = y\(index) by \(rule)\n"
        : "  have h\(index) : x = x by \(rule)\n"
    }
    return text + "  have unknown : x = x by linarth\n  show x = x by ring\n"
  }()

  @Test func theCheckerKnowsEveryRuleOfTheTableAndNoOther() throws {
    let outcome = try CommandLineTests().withFiles(["t.beb": Self.file]) { folder in
      BEB.run(["check", "--symbolic-only", "--json", "t.beb"], in: folder)
    }
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    let results = try #require(json["results"] as? [[String: Any]])
    let steps = try #require(results.first?["steps"] as? [[String: Any]])
    var reasons: [String: String] = [:]
    for step in steps {
      reasons[step["id"] as? String ?? ""] = step["reason"] as? String ?? ""
    }
    for (index, rule) in ProofRule.names.enumerated() {
      let reason = reasons["h\(index)"] ?? reasons["y\(index)"] ?? "no step"
      #expect(!reason.contains("unknown rule"), "\(rule): \(reason)")
      #expect(reason != "no step", "\(rule): no step reported")
    }
    #expect(
      reasons["unknown"]?.contains(
        "unknown rule, fact or result 'linarth'; did you mean 'linarith'?")
        == true, "\(reasons["unknown"] ?? "")")
  }

  @Test func everyRuleIsDocumentedAndReplaysKernelRules() throws {
    let language = try String(
      contentsOfFile: DevelopmentTests.root + "/docs/LANGUAGE.md", encoding: .utf8)
    for rule in ProofRule.all {
      #expect(
        language.contains("`by \(rule.name)"), "docs/LANGUAGE.md does not show by \(rule.name)")
      for kernel in rule.kernel {
        #expect(
          KernelInfo.rules.contains { $0 == kernel || $0.hasPrefix(kernel + " ") },
          "\(rule.name) names kernel rule \(kernel), which KernelInfo.rules does not list")
      }
    }
    #expect(Set(ProofRule.names).count == ProofRule.all.count, "a rule is listed twice")
    // The checker dispatches through the table (each entry carries its apply function), so a
    // rule is described exactly when it is checked. Each family's file holds its own rules.
    #expect(ProofRule.logic.allSatisfy { $0.family == .logic })
    #expect(ProofRule.arithmetic.allSatisfy { $0.family == .arithmetic })
    #expect(ProofRule.probability.allSatisfy { $0.family == .probability })
    #expect(
      ProofRule.all.count == ProofRule.logic.count + ProofRule.arithmetic.count
        + ProofRule.probability.count)
  }

  @Test func rulesCommandListsTheTable() {
    let all = BEB.run(["rules"])
    #expect(all.status == 0)
    for rule in ProofRule.names { #expect(all.stdout.contains("  \(rule) ")) }
    let one = BEB.run(["rules", "cantelli"])
    #expect(one.stdout.hasPrefix("cantelli (probability)\n  proves:  Pr[x ~ D](f ≥ E f + c)"))
    let unknown = BEB.run(["rules", "linarth"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("no rule 'linarth'; did you mean 'linarith'?"))
  }

  /// Termwise equal sums are equal by sum_le (issue 17: no rule rewrote a sum term by term);
  /// subst, which does not rewrite under a sum, says so and points there.
  @Test func sumsAreRewrittenTermByTermBySumLe() throws {
    let file = """
      lemma lemma-sumeq "termwise equal sums"
        given P Q : Dist, s0 : Text
        assume pw : ∀ x : Sentence, P(x | s0) = Q(x | s0)
        show Σ_{s : Sentence} P(s | s0) · P(s | s0) = Σ_{s : Sentence} Q(s | s0) · Q(s | s0)

      proof lemma-sumeq
        have bad : Σ_{s : Sentence} P(s | s0) · P(s | s0) = Σ_{s : Sentence} Q(s | s0) · Q(s | s0) by subst [pw]
        have sq : ∀ x : Sentence, P(x | s0) · P(x | s0) = Q(x | s0) · Q(x | s0) by subst [pw(x)]
        show Σ_{s : Sentence} P(s | s0) · P(s | s0) = Σ_{s : Sentence} Q(s | s0) · Q(s | s0) by sum_le [sq]

      """
    let outcome = try CommandLineTests().withFiles(["t.beb": file]) { folder in
      BEB.run(["check", "--symbolic-only", "--steps", "t.beb"], in: folder)
    }
    #expect(
      outcome.stdout.contains(
        "equations rewrite outside sums and expectations only; for termwise equal sums, prove ∀ x, f = g and use sum_le [h]"
      ), "\(outcome.stdout)")
    #expect(outcome.stdout.contains("  sq "))
    // The last step (sum_le) verifies; only `bad` fails.
    #expect(outcome.stdout.contains("not every step is justified: bad\n"), "\(outcome.stdout)")
  }
}
