import BEBKernel
import BEBSymbolic

/// The arithmetic rules: identities, linear and sign reasoning, monotonicity, sums.
extension ProofRule {
  static let arithmetic: [ProofRule] = [
    ProofRule(
      name: "ring", family: .arithmetic, proves: "a = b",
      usage: "by ring, or by ring [e1, …] to rewrite with equations first",
      sideConditions: "equal polynomials in the atoms (division total, x/0 = 0)",
      kernel: ["ring"], partwise: true, apply: { try $0.ring($1, rule: "ring") }),
    ProofRule(
      name: "subst", family: .arithmetic, proves: "a = b",
      usage: "by subst [e1, …]: each equation's left side replaced by its right side",
      sideConditions: "the two sides then have equal normal forms", kernel: ["ring"],
      partwise: true, apply: { try $0.ring($1, rule: "subst") }),
    ProofRule(
      name: "field", family: .arithmetic, proves: "a = b",
      usage: "by field [facts]",
      sideConditions: "equal rational functions; every divisor shown nonzero from the facts",
      kernel: ["field", "nonzero"], partwise: true, apply: { try $0.field($1) }),
    ProofRule(
      name: "linarith", family: .arithmetic, proves: "≤ < ≥ >, and = (as ≤ both ways)",
      usage: "by linarith [facts]",
      sideConditions:
        "a nonnegative combination of the facts and of the atoms' ranges; an equation cites the axiom schema ax-le-antisymm",
      kernel: ["linarith", "bounds"], partwise: true,
      apply: { try $0.linarith($1, products: false) }),
    ProofRule(
      name: "nlinarith", family: .arithmetic, proves: "= ≤ < ≥ >",
      usage: "by nlinarith [facts]", sideConditions: "as linarith, with pairwise products of facts",
      kernel: ["linarith", "bounds"], partwise: true,
      apply: { try $0.linarith($1, products: true) }),
    ProofRule(
      name: "positivity", family: .arithmetic, proves: "t > 0, t ≥ 0, t ≠ 0",
      usage: "by positivity [facts]",
      sideConditions: "from the structure of t and facts about its parts", kernel: ["sign"],
      partwise: true,
      apply: { try $0.positivity($1) }),
    ProofRule(
      name: "mono", family: .arithmetic, proves: "C[u] ⋈ C[v]",
      usage: "by mono [facts]",
      sideConditions:
        "u ⋈ v from the facts, and C monotone at the hole (+, −, k·x with k ≥ 0, x/d with d ≥ 0, n/x, log, exp, sqrt, powers)",
      kernel: ["mono"], partwise: true, apply: { try $0.mono($1) }),
    ProofRule(
      name: "triangle", family: .arithmetic, proves: "|Σ_x f| ≤ Σ_x |f| (also for E)",
      usage: "by triangle", sideConditions: "none", kernel: ["sumTriangle"],
      apply: { checker, step in
        guard case .relation(.le, .apply(.abs, let inner), _) = step.claim.canonical else {
          throw StepError.triangleShape
        }
        return try checker.derive(
          step.claim, from: [try checker.state.sumTriangle(inner[0])], automation: false)
      }),
    ProofRule(
      name: "sum_le", family: .arithmetic, proves: "Σ_x f ≤ Σ_x g, or Σ_x f = Σ_x g (also for E)",
      usage: "by sum_le [h] with h : ∀ x, f ≤ g (or ∀ x, f = g: the sums are equal)",
      sideConditions: "h stated for the terms the sum weighs", kernel: ["sumMonotone"],
      apply: { try $0.sumLe($1) }),
    ProofRule(
      name: "sum_const", family: .arithmetic, proves: "Σ_{i=a..b} c = c · (b - a + 1)",
      usage: "by sum_const [h] with h : a ≤ b + 1", sideConditions: "none",
      kernel: ["sumConstant"],
      apply: { try $0.state.sumConstant($1.claim, facts: $0.citedAndKnown($1)) }),
  ]
}

extension ProofChecker {
  /// by (n)linarith [facts]: a certificate over the cited facts and the atoms' ranges.
  func linarith(_ step: RuleStep, products: Bool) throws -> Theorem {
    try prover.linarith(step.claim, step.cited.flatMap(split), products: products)
  }

  /// by positivity [facts]: from the structure of the term and the cited facts and hypotheses.
  func positivity(_ step: RuleStep) throws -> Theorem {
    try prover.positivity(step.claim, step.cited.flatMap(split) + hypothesisFacts())
  }

  /// The cited facts that are equations (conjuncts included), for rewriting.
  func equations(_ step: RuleStep) -> [Theorem] {
    step.cited.flatMap(split).filter {
      if case .relation(.eq, _, _) = $0.formula { return true } else { return false }
    }
  }

  /// by ring / by subst [e…]: equal normal forms after rewriting with the cited equations.
  func ring(_ step: RuleStep, rule: String) throws -> Theorem {
    guard case .relation(.eq, let a, let b) = step.claim else {
      throw StepError.onlyEquations(rule: rule)
    }
    let equations = equations(step)
    do {
      return try state.ring(a, b, using: equations)
    } catch {
      throw equations.isEmpty
        ? StepError.sidesDiffer(rule: rule, left: a, right: b, point: Counterpoint.find(a, b))
        : StepError.differAfterRewriting(rule: rule)
    }
  }

  /// by field [facts]: equal rational functions, every divisor shown nonzero from the facts.
  func field(_ step: RuleStep) throws -> Theorem {
    guard case .relation(.eq, let a, let b) = step.claim else {
      throw StepError.onlyEquations(rule: "field")
    }
    let equations = equations(step)
    let available = step.cited.flatMap(split) + allFacts()
    var nonzero = available
    let (a2, b2) = (ProofState.rewritten(a, equations), ProofState.rewritten(b, equations))
    // Each divisor once (the same one often divides on both sides): its sign is a search.
    var seen: Set<Term> = []
    for divisor in ProofState.divisors(a2) + ProofState.divisors(b2)
    where seen.insert(divisor).inserted {
      if let sign = try? state.sign(divisor, facts: available) {
        nonzero.append((try? state.nonzero(sign)) ?? sign)
      }
    }
    guard NormalForm.normalize(a2).isEquivalent(to: NormalForm.normalize(b2)) else {
      throw equations.isEmpty
        ? StepError.sidesDiffer(rule: "field", left: a, right: b, point: Counterpoint.find(a, b))
        : StepError.differAfterRewriting(rule: "field")
    }
    return try state.field(a, b, facts: nonzero, using: equations)
  }

  /// by mono [facts]: C[u] ⋈ C[v] from u ⋈ v (a cited fact, or linear arithmetic over the
  /// facts and hypotheses), C monotone at the hole.
  func mono(_ step: RuleStep) throws -> Theorem {
    guard case .relation(let r, let a, let b) = step.claim.canonical else {
      throw StepError.monoNeedsInequality
    }
    let pool = step.cited.flatMap(split) + hypothesisFacts()
    let (u, v, keeps) = Prover.leaf(a, b)
    // The direction of the parts that gives the claim's is tried first, strict before weak
    // (a failed search, with products, is most of the rule's time): a below b needs u below v
    // where the path keeps the order, u above v where it reverses it. The first comparison
    // found is the one the order [<, >, ≤, ≥] finds, unless two opposite ones are derivable
    // (u = v, or facts that contradict each other): then the one the claim needs.
    let order: [Relation]
    switch r {
    case .lt, .le: order = keeps ? [.lt, .le, .gt, .ge] : [.gt, .ge, .lt, .le]
    case .gt, .ge: order = keeps ? [.gt, .ge, .lt, .le] : [.lt, .le, .gt, .ge]
    case .eq, .ne: order = [.lt, .gt, .le, .ge]
    }
    var leaf: Theorem?
    for relation in order where leaf == nil {
      leaf = try? derive(.relation(relation, u, v), from: step.cited, automation: false)
      if leaf == nil {
        leaf = try? prover.linarith(.relation(relation, u, v), pool, products: true)
      }
    }
    guard let leaf else { throw StepError.monoNoComparison(u, v) }
    return try derive(
      step.claim, from: [try state.mono(a, b, leaf: leaf, facts: pool)], automation: false)
  }

  /// by sum_le [h]: Σ f ≤ Σ g (or =) from the pointwise h : ∀ x, f ≤ g (or =).
  func sumLe(_ step: RuleStep) throws -> Theorem {
    guard case .relation(let r, let x, let y) = step.claim, let pointwise = step.cited.first else {
      throw StepError.sumLeNeedsPointwise
    }
    let (a, b) = r == .gt || r == .ge ? (y, x) : (x, y)
    return try derive(
      step.claim,
      from: [
        try state.sumMonotone(
          a, b, pointwise: pointwise, facts: step.cited.dropFirst().flatMap(split) + allFacts())
      ],
      automation: false)
  }
}
