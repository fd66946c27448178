// Rules of the probability vocabulary that bind a variable (so they cannot be stated as
// axioms in the language): each recognises an instance of its schema in the claim, rebuilds
// the instance from its parts, and compares canonical forms, so only true instances pass.
//
//   existsAboveMean  E[x ~ D, |x| = n] f > t ⊢ ∃ x : Text, |x| = n ∧ D(x) > 0 ∧ f > t
//                    (and for one sentence: ∃ x : Sentence, D(x) > 0 ∧ f > t)
//   expectConstant   ⊢ E[x ~ D, |x| = n] c = c                 (c free of x)
//   sumConstant      ⊢ Σ_{i=a..b} c = c · (b - a + 1)           given a ≤ b + 1
//   cantelli         c > 0 ⊢ Pr[x ~ D, |x| = n](f ≥ E f + c) ≤ Var f / (Var f + c²)
//                    and   Pr[x ~ D, |x| = n](f ≤ E f - c) ≤ Var f / (Var f + c²)
//   markov           a > 0, f ≥ 0 ⊢ Pr[x ~ D, |x| = n](f ≥ a) ≤ E f / a
//   unionBound       ⊢ Pr(φ ∨ ψ) ≤ Pr(φ) + Pr(ψ)
//   complement       ⊢ Pr(¬φ) = 1 - Pr(φ)
//   eventMonotone    ∀x. φ ⇒ ψ ⊢ Pr(φ) ≤ Pr(ψ)
// D must have full mass: a distribution variable, a mixture with weight in [0, 1] of such, a
// best-of-n of one, or a conditional D'(·|s0) with D'(s0) > 0 known. Texts of a given length
// n then carry total probability 1 (in a world: n within the horizon). When laws may lose mass
// (`subProbability`, an assumption edit) a distribution variable need not have full mass, so
// no law has it, and these rules refuse.

extension ProofState {
  /// Whether `law` is made from distribution variables without losing mass: a law of the sort
  /// Dist (total mass 1 on texts of each length when the variables have it; when laws may lose
  /// mass, a law of the edited sort, as its variables are, with P(⟨⟩) = 1).
  static func hasFullMass(_ law: Term, facts: [Theorem], used: inout Set<Dependency>) -> Bool {
    switch law {
    case .variable: return true
    case .apply(.bestOfN, let args):
      // Best of n ≥ 1 draws (best of none returns nothing: mass 0).
      let n = RingForm.of(args[2])
      let atLeastOne =
        (n.constant.map { $0 >= 1 } ?? false)
        || facts.contains { fact in
          guard let (p, kind) = signForm(fact.formula) else { return false }
          let found = (p == n - .one && kind != .zero) || (p == n && kind == .positive)
          if found { used.formUnion(fact.uses) }
          return found
        }
      return atLeastOne && hasFullMass(args[0], facts: facts, used: &used)
    case .apply(.mixture, let args):
      return isDistribution(law, facts: facts, used: &used)
        && hasFullMass(args[1], facts: facts, used: &used)
        && hasFullMass(args[2], facts: facts, used: &used)
    case .apply(.conditional, let args):
      guard hasFullMass(args[0], facts: facts, used: &used) else { return false }
      return sign(of: .apply(.probOf, [args[0], args[1]]), facts: facts, used: &used) == .positive
    default:
      return false
    }
  }

  /// What the full mass of `law` rests on; fails when it is not known (`rule` names the rule).
  private func fullMass(_ law: Term, _ facts: [Theorem], _ rule: String) throws(KernelError)
    -> Set<Dependency>
  {
    var used: Set<Dependency> = []
    guard !subProbability, Self.hasFullMass(law, facts: facts, used: &used) else {
      throw .axiom(rule, "the law is not known to be a distribution of total mass 1")
    }
    return used
  }

  /// Fails unless `claim` mentions only variables of the proof and is `expected`, the instance
  /// a schema rebuilds from the claim's parts (compared in canonical form).
  func requireInstance(_ claim: Formula, _ expected: Formula) throws(KernelError) {
    try requireKnown(claim.freeVariables)
    try require(claim, is: expected)
  }

  /// `E[x ~ D, |x| = n] f > t ⊢ ∃ x, |x| = n ∧ D(x) > 0 ∧ f > t` (an expectation above t has an
  /// outcome of positive probability above t).
  /// Likewise with `≥`: an expectation at least t has an outcome at least t.
  public func existsAboveMean(_ premise: Theorem, facts: [Theorem]) throws(KernelError) -> Theorem {
    try own([premise] + facts)
    guard case .relation(let r, let lhs, let rhs) = premise.formula, r != .eq, r != .ne else {
      throw .shape("E[x ~ D] f > t", premise.formula)
    }
    let (mean, t) = r == .gt || r == .ge ? (lhs, rhs) : (rhs, lhs)
    let strict = r == .gt || r == .lt
    guard case .bind(.expectation, let x, let range, let f) = mean else {
      throw .shape("E[x ~ D] f > t", premise.formula)
    }
    var used = premise.uses.union(try fullMass(range[0], facts, "existsAboveMean"))
    var parts: [Formula] = []
    if range.count > 1 { parts.append(.relation(.eq, .apply(.length, [.variable(x)]), range[1])) }
    parts.append(.relation(.gt, .apply(.probOf, [range[0], .variable(x)]), .number(.zero)))
    parts.append(.relation(strict ? .gt : .ge, f, t))
    return make(.exists(x, .and(parts)), uses: used)
  }

  /// `⊢ E[x ~ D, |x| = n] c = c` for a body `c` free of x, under a full-mass law.
  public func expectConstant(_ claim: Formula, facts: [Theorem]) throws(KernelError) -> Theorem {
    try own(facts)
    guard
      case .relation(.eq, .bind(.expectation, let x, let range, let c), let c2) = claim.canonical,
      c == c2, !c.freeVariables.contains(x)
    else { throw .shape("E[x ~ D] c = c", claim) }
    try requireKnown(claim.freeVariables)
    return make(claim, uses: try fullMass(range[0], facts, "expectConstant"))
  }

  /// `⊢ Σ_{i=a..b} c = c · (b - a + 1)` for `c` free of i, given a fact `a ≤ b + 1` (so the
  /// range is never "negative").
  public func sumConstant(_ claim: Formula, facts: [Theorem]) throws(KernelError) -> Theorem {
    try own(facts)
    guard case .relation(.eq, .bind(.sum, let i, let range, let c), _) = claim.canonical,
      !c.freeVariables.contains(i)
    else { throw .shape("Σ_{i=a..b} c = c · (b - a + 1)", claim) }
    try requireKnown(claim.freeVariables)
    let (a, b) = (range[0], range[1])
    // The range holds b - a + 1 naturals only when a and b + 1 are naturals.
    var bIsNaturalMinusOne = false
    if case .apply(.sub, let parts) = b {
      bIsNaturalMinusOne = parts[0].sort.isSubsort(of: .nat) && parts[1] == .number(.one)
    }
    guard a.sort.isSubsort(of: .nat), b.sort.isSubsort(of: .nat) || bIsNaturalMinusOne else {
      throw .axiom("sumConstant", "the bounds must be naturals (the upper one may be m - 1)")
    }
    let expected = Formula.relation(
      .eq, .bind(.sum, i, range: range, body: c),
      .apply(.mul, [c, .apply(.add, [.apply(.sub, [b, a]), .number(.one)])]))
    guard case .relation(_, _, let want) = expected.canonical,
      case .relation(_, _, let got) = claim.canonical, RingForm.equal(want, got)
    else { throw .mismatch(expected: expected, found: claim) }
    // a ≤ b + 1, read off a fact as a polynomial: (b + 1 - a) ≥ 0 or > 0.
    let gap = RingForm.of(b) + .one - RingForm.of(a)
    if let fact = facts.first(where: {
      guard let (p, kind) = Self.signForm($0.formula) else { return false }
      return kind != .zero && p == gap
    }) {
      return make(claim, uses: fact.uses)
    }
    var used: Set<Dependency> = []
    let known = Self.sign(of: gap.term, facts: facts, used: &used)
    guard known == .positive || known == .nonnegative else {
      throw .sideCondition(.relation(.le, a, .apply(.add, [b, .number(.one)])))
    }
    return make(claim, uses: used)
  }

  /// Cantelli's inequality, upper or lower tail, for `c > 0` (a fact) under a full-mass law.
  public func cantelli(_ claim: Formula, facts: [Theorem]) throws(KernelError) -> Theorem {
    try own(facts)
    guard
      case .relation(.le, .probability(let x, let law, let length, let event), _) = claim.canonical,
      case .relation(let r, let f, let shifted) = event, r == .ge || r == .le,
      case .apply(let op, let parts) = shifted, op == (r == .ge ? .add : .sub)
    else { throw .shape("Pr[x ~ D](f ≥ E f + c) ≤ Var f / (Var f + c²)", claim) }
    let c = parts[1]
    guard !c.freeVariables.contains(x) else { throw .shape("a constant c", claim) }
    let range = [law] + (length.map { [$0] } ?? [])
    let mean = Term.bind(.expectation, x, range: range, body: f)
    let variance = Term.bind(.variance, x, range: range, body: f)
    let bound = Term.apply(
      .div, [variance, .apply(.add, [variance, .apply(.pow, [c, .number(2)])])])
    let expected = Formula.relation(
      .le,
      .probability(x, law: law, length: length, event: .relation(r, f, .apply(op, [mean, c]))),
      bound)
    try requireInstance(claim, expected)
    var used = try fullMass(law, facts, "cantelli")
    guard Self.sign(of: c, facts: facts, used: &used) == .positive else {
      throw .sideCondition(.relation(.gt, c, .number(.zero)))
    }
    return make(claim, uses: used)
  }

  /// Markov's inequality: `Pr[x ~ D](f ≥ a) ≤ E f / a` for `a > 0` and `f ≥ 0` (by `sign`).
  public func markov(_ claim: Formula, facts: [Theorem]) throws(KernelError) -> Theorem {
    try own(facts)
    guard
      case .relation(.le, .probability(let x, let law, let length, let event), _) = claim.canonical,
      case .relation(.ge, let f, let a) = event, !a.freeVariables.contains(x)
    else { throw .shape("Pr[x ~ D](f ≥ a) ≤ E f / a", claim) }
    let range = [law] + (length.map { [$0] } ?? [])
    let expected = Formula.relation(
      .le, .probability(x, law: law, length: length, event: event),
      .apply(.div, [.bind(.expectation, x, range: range, body: f), a]))
    try requireInstance(claim, expected)
    var used = try fullMass(law, facts, "markov")
    guard Self.sign(of: a, facts: facts, used: &used) == .positive else {
      throw .sideCondition(.relation(.gt, a, .number(.zero)))
    }
    let fSign = Self.sign(of: f, facts: facts, used: &used)
    guard fSign == .positive || fSign == .nonnegative else {
      throw .sideCondition(.relation(.ge, f, .number(.zero)))
    }
    return make(claim, uses: used)
  }

  /// `⊢ Pr(φ ∨ ψ) ≤ Pr(φ) + Pr(ψ)` under a distribution.
  public func unionBound(_ claim: Formula, facts: [Theorem]) throws(KernelError) -> Theorem {
    try own(facts)
    guard
      case .relation(.le, .probability(let x, let law, let length, .or(let events)), _) = claim
        .canonical,
      events.count == 2
    else { throw .shape("Pr(φ ∨ ψ) ≤ Pr(φ) + Pr(ψ)", claim) }
    let expected = Formula.relation(
      .le, .probability(x, law: law, length: length, event: .or(events)),
      .apply(
        .add,
        [
          .probability(x, law: law, length: length, event: events[0]),
          .probability(x, law: law, length: length, event: events[1]),
        ]))
    try requireInstance(claim, expected)
    var used: Set<Dependency> = []
    guard Self.isDistribution(law, facts: facts, used: &used) else {
      throw .axiom("unionBound", "the law is not known to be a distribution")
    }
    return make(claim, uses: used)
  }

  /// `⊢ Pr(¬φ) = 1 - Pr(φ)` under a full-mass law.
  public func complement(_ claim: Formula, facts: [Theorem]) throws(KernelError) -> Theorem {
    try own(facts)
    guard
      case .relation(.eq, .probability(let x, let law, let length, .not(let event)), _) = claim
        .canonical
    else { throw .shape("Pr(¬φ) = 1 - Pr(φ)", claim) }
    let expected = Formula.relation(
      .eq, .probability(x, law: law, length: length, event: .not(event)),
      .apply(.sub, [.number(.one), .probability(x, law: law, length: length, event: event)]))
    try requireInstance(claim, expected)
    return make(claim, uses: try fullMass(law, facts, "complement"))
  }

  /// `∀x. φ ⇒ ψ ⊢ Pr[x ~ D](φ) ≤ Pr[x ~ D](ψ)` under a distribution. The pointwise fact
  /// quantifies over texts (or sentences) of the sampled sort.
  public func eventMonotone(_ claim: Formula, pointwise: Theorem, facts: [Theorem])
    throws(KernelError)
    -> Theorem
  {
    try own([pointwise] + facts)
    guard
      case .relation(
        .le, .probability(let x, let law, let length, let phi),
        .probability(let y, let law2, let length2, let psi)) = claim.canonical,
      x == y, law == law2, length == length2
    else { throw .shape("Pr[x ~ D](φ) ≤ Pr[x ~ D](ψ)", claim) }
    try requireKnown(claim.freeVariables)
    // ∀x. φ ⇒ ψ, or only where the outcome can occur: the premise may add D(x) > 0 (outcomes
    // of probability zero do not count) and |x| = n (the event is about texts of length n).
    let needed = Formula.forall(x, .implies(phi, psi)).canonical
    var parts: [Formula] = []
    if case .and(let conjuncts) = phi { parts = conjuncts } else { parts = [phi] }
    let support = Formula.relation(.gt, .apply(.probOf, [law, .variable(x)]), .number(.zero))
    let sized = length.map { Formula.relation(.eq, .apply(.length, [.variable(x)]), $0) }
    let extras: [[Formula]] = [[support]] + (sized.map { [[$0], [support, $0]] } ?? [])
    let accepted =
      [needed] + extras.map { Formula.forall(x, .implies(.and($0 + parts), psi)).canonical }
    guard accepted.contains(pointwise.formula) else {
      throw .mismatch(expected: needed, found: pointwise.formula)
    }
    var used = pointwise.uses
    guard Self.isDistribution(law, facts: facts, used: &used) else {
      throw .axiom("eventMonotone", "the law is not known to be a distribution")
    }
    return make(claim, uses: used)
  }
}

extension ProofState {
  /// `⊢ Pr[x ~ M(·|q)](φ) = w · Pr[x ~ P(·|q)](φ) + (1 − w) · Pr[x ~ Q(·|q)](φ)` for the mixture
  /// M = mix(α, P, Q), with the posterior weight w = α P(q) / (α P(q) + (1 − α) Q(q)) (eq. 10):
  /// drawing after q from the mixture is drawing from P(·|q) with probability w. Needs α in
  /// [0, 1] and M(q) > 0 from the facts (where M(q) = 0 the two sides can differ).
  public func mixtureEvent(_ claim: Formula, facts: [Theorem]) throws(KernelError) -> Theorem {
    try own(facts)
    guard
      case .relation(.eq, .probability(let x, let law, let length, let event), _) = claim.canonical,
      case .apply(.conditional, let c) = law, case .apply(.mixture, let m) = c[0]
    else {
      throw .shape("Pr[x ~ mix(α, P, Q)(·|q)](φ) = w · Pr[x ~ P(·|q)](φ) + (1 − w) · …", claim)
    }
    let (alpha, p, q, prefix) = (m[0], m[1], m[2], c[1])
    let weighted = Term.apply(.mul, [alpha, .apply(.probOf, [p, prefix])])
    let rest = Term.apply(
      .mul, [.apply(.sub, [.number(.one), alpha]), .apply(.probOf, [q, prefix])])
    let w = Term.apply(.div, [weighted, .apply(.add, [weighted, rest])])
    func pr(_ d: Term) -> Term {
      .probability(x, law: .apply(.conditional, [d, prefix]), length: length, event: event)
    }
    let expected = Formula.relation(
      .eq, .probability(x, law: law, length: length, event: event),
      .apply(
        .add,
        [.apply(.mul, [w, pr(p)]), .apply(.mul, [.apply(.sub, [.number(.one), w]), pr(q)])]))
    try requireInstance(claim, expected)
    var used: Set<Dependency> = []
    guard Self.isDistribution(c[0], facts: facts, used: &used),
      Self.sign(of: .apply(.probOf, [c[0], prefix]), facts: facts, used: &used) == .positive
    else { throw .sideCondition(.relation(.gt, .apply(.probOf, [c[0], prefix]), .number(.zero))) }
    return make(claim, uses: used)
  }
}
