import BEBKernel
import BEBSymbolic
import BEBSyntax

/// The probability rules: expectations, tail bounds, events. Each is one kernel rule, given
/// the cited facts (conjuncts included) and every known fact for its side conditions.
extension ProofRule {
  static let probability: [ProofRule] = [
    ProofRule(
      name: "expect_const", family: .probability, proves: "E[x ~ D] c = c",
      usage: "by expect_const", sideConditions: "D a distribution", kernel: ["expectConstant"],
      apply: { try $0.state.expectConstant($1.claim, facts: $0.citedAndKnown($1)) }),
    ProofRule(
      name: "exists_above_mean", family: .probability,
      proves: "(in obtain) ∃ x, |x| = n ∧ D(x) > 0 ∧ f > t",
      usage:
        "obtain x such that … by exists_above_mean [h] with h : E[x ~ D, |x| = n] f > t (or ≥)",
      sideConditions: "D a distribution", kernel: ["existsAboveMean", "obtain"],
      apply: { _, _ in throw StepError.existsAboveMeanOpens },
      open: { checker, why in
        guard let premise = try why.facts.map({ try checker.fact($0) }).first else {
          throw StepError.existsAboveMeanNeedsFact
        }
        return try checker.state.existsAboveMean(premise, facts: checker.allFacts())
      }),
    ProofRule(
      name: "cantelli", family: .probability,
      proves: "Pr[x ~ D](f ≥ E f + c) ≤ Var f / (Var f + c²), and the lower tail (f ≤ E f - c)",
      usage: "by cantelli [h] with h : c > 0", sideConditions: "c > 0; D a distribution",
      kernel: ["cantelli"],
      apply: { try $0.state.cantelli($1.claim, facts: $0.citedAndKnown($1)) }),
    ProofRule(
      name: "markov", family: .probability, proves: "Pr[x ~ D](f ≥ c) ≤ E f / c",
      usage: "by markov [facts]", sideConditions: "f ≥ 0 on D's support, c > 0",
      kernel: ["markov"],
      apply: { try $0.state.markov($1.claim, facts: $0.citedAndKnown($1)) }),
    ProofRule(
      name: "union_bound", family: .probability, proves: "Pr(φ ∨ ψ) ≤ Pr(φ) + Pr(ψ)",
      usage: "by union_bound", sideConditions: "D a distribution", kernel: ["unionBound"],
      apply: { try $0.state.unionBound($1.claim, facts: $0.allFacts()) }),
    ProofRule(
      name: "complement", family: .probability, proves: "Pr(¬φ) = 1 - Pr(φ)",
      usage: "by complement", sideConditions: "D a distribution", kernel: ["complement"],
      apply: { try $0.state.complement($1.claim, facts: $0.allFacts()) }),
    ProofRule(
      name: "pr_mono", family: .probability, proves: "Pr(φ) ≤ Pr(ψ)",
      usage: "by pr_mono [h] with h : ∀ x, φ ⇒ ψ (or ∀ x, D(x) > 0 ∧ φ ⇒ ψ)",
      sideConditions: "D a distribution", kernel: ["eventMonotone"],
      apply: { checker, step in
        guard let pointwise = step.cited.first else { throw StepError.prMonoNeedsPointwise }
        return try checker.state.eventMonotone(
          step.claim, pointwise: pointwise, facts: checker.allFacts())
      }),
    ProofRule(
      name: "mixture_event", family: .probability,
      proves: "Pr[x ~ M(·|q)](φ) = w · Pr[x ~ P(·|q)](φ) + (1 - w) · Pr[x ~ Q(·|q)](φ)",
      usage: "by mixture_event [facts], M = mix(α, P, Q), w = α·P(q)/(α·P(q) + (1 - α)·Q(q))",
      sideConditions: "α ∈ [0, 1] and M(q) > 0", kernel: ["mixtureEvent"],
      apply: { try $0.state.mixtureEvent($1.claim, facts: $0.citedAndKnown($1)) }),
  ]
}

extension ProofChecker {
  /// The cited facts (conjuncts included), then every known fact.
  func citedAndKnown(_ step: RuleStep) -> [Theorem] {
    step.cited.flatMap(split) + allFacts()
  }
}
