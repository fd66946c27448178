import BEBSymbolic
import Testing

@testable import BEBKernel

// Attacks on the trusted kernel: derivations a careless rule would accept and that are false
// (or rest on a side condition nobody proved). Each must be refused. A test here that fails is
// a soundness bug. The last tests check `ring` and `field` against exact evaluation at random
// points.

@Suite struct KernelSoundnessTests: KernelFixture {
  // MARK: Quantifiers and names

  @Test func instantiateRefusesATermOfTheWrongSort() throws {
    // ∀p:Prob. p ≤ 1 must not give 2 ≤ 1, nor x ≤ 1 for a real x.
    let p = Variable("p", .prob)
    let proof = state(["h": .forall(p, le(v("p", .prob), num(1)))])
    let h = try proof.hypothesis("h")
    for term in [num(2), x, num(1, 2), s] {
      #expect(refusal { try proof.instantiate(h, with: term) }?.name == "sortMismatch", "\(term)")
    }
    // A variable the proof never introduced (here: one of the same name as the bound one).
    #expect(refusal { try proof.instantiate(h, with: v("p", .prob)) } == .unknownVariables(["p"]))
  }

  @Test func instantiateRefusesALawThatIsNoDistribution() throws {
    // ∀D:Dist. D(s) ≥ 0 must not give mix(2, P, Q)(s) ≥ 0; with 0 ≤ x ≤ 1 it may give
    // mix(x, P, Q)(s) ≥ 0.
    let law = Variable("D", .dist)
    let proof = state([
      "h": .forall(law, ge(prob(v("D", .dist), s), num(0))), "low": le(num(0), x),
      "high": le(x, num(1)),
    ])
    let (h, low, high) = (
      try proof.hypothesis("h"), try proof.hypothesis("low"), try proof.hypothesis("high")
    )
    #expect(
      refusal { try proof.instantiate(h, with: mix(num(2), lawP, lawQ)) }?.name == "notAdmissible")
    #expect(
      refusal { try proof.instantiate(h, with: mix(x, lawP, lawQ), facts: [low]) }?.name
        == "notAdmissible")
    let mixed = try proof.instantiate(h, with: mix(x, lawP, lawQ), facts: [low, high])
    #expect(mixed.formula == ge(prob(mix(x, lawP, lawQ), s), num(0)).canonical)
    #expect(mixed.uses == ["hyp:h", "hyp:low", "hyp:high"])
  }

  /// Laws that may lose mass (`subProbability`, `beb whatif --sub-probability`): no law has
  /// total mass 1 — on a world where P's next-sentence laws sum to 1/2, E[r ~ P, |r| = 1] 3 is
  /// 3/2 and Pr(¬φ) = 1/2 − Pr(φ) — so the rules that need full mass refuse. What may stand for
  /// a `Dist` is what keeps the mass of the Dist variables it is made of, as without the edit:
  /// a variable, a mixture with a weight in [0, 1], a conditional on a prefix of positive
  /// probability; not a weight of 2, nor a conditional on a prefix that may be impossible (the
  /// zero law, whose P(⟨⟩) = 0 is no law of the sort: with it, P(⟨⟩) = 1 would give 0 = 1).
  @Test func lawsThatMayLoseMassHaveNoFullMass() throws {
    let r = Variable("r", .text)
    let one = Term.number(.one)
    let mean = Term.bind(.expectation, r, range: [lawP, one], body: num(3))
    let constant = eq(mean, num(3))
    let event = Formula.relation(.eq, .variable(r), s)
    let complement = eq(
      .probability(r, law: lawP, length: one, event: .not(event)),
      sub(one, .probability(r, law: lawP, length: one, event: event)))
    let law = Variable("D", .dist)
    let nonnegative = Formula.forall(law, ge(prob(v("D", .dist), s), num(0)))
    let statement = ResultStatement(
      id: "result", parameters: parameters,
      hypotheses: [
        (name: "h", formula: nonnegative), (name: "low", formula: le(num(0), x)),
        (name: "high", formula: le(x, num(1))), (name: "pos", formula: gt(prob(lawP, s), num(0))),
      ], conclusion: .truth(true))
    // The paper's convention: both rules apply.
    let full = try ProofState(statement, definitions: [])
    #expect(try full.expectConstant(constant, facts: []).formula == constant.canonical)
    #expect(try full.complement(complement, facts: []).formula == complement.canonical)
    let leaky = try ProofState(statement, definitions: [], subProbability: true)
    #expect(refusal { try leaky.expectConstant(constant, facts: []) }?.name == "axiom")
    #expect(refusal { try leaky.complement(complement, facts: []) }?.name == "axiom")
    // Nor through a conditional on a prefix of positive probability.
    let conditional = eq(
      .bind(.expectation, r, range: [.apply(.conditional, [lawP, s]), one], body: num(3)), num(3))
    #expect(
      try full.expectConstant(conditional, facts: [full.hypothesis("pos")]).formula
        == conditional.canonical)
    #expect(
      refusal { try leaky.expectConstant(conditional, facts: [leaky.hypothesis("pos")]) }?.name
        == "axiom")
    // Instantiating ∀ D : Dist with laws of the edited sort.
    let h = try leaky.hypothesis("h")
    let (low, high) = (try leaky.hypothesis("low"), try leaky.hypothesis("high"))
    #expect(try leaky.instantiate(h, with: lawQ).formula == ge(prob(lawQ, s), num(0)).canonical)
    #expect(
      try leaky.instantiate(h, with: mix(x, lawP, lawQ), facts: [low, high]).formula
        == ge(prob(mix(x, lawP, lawQ), s), num(0)).canonical)
    #expect(
      refusal { try leaky.instantiate(h, with: mix(num(2), lawP, lawQ)) }?.name == "notAdmissible")
    let conditional2 = Term.apply(.conditional, [lawP, s])
    #expect(refusal { try leaky.instantiate(h, with: conditional2) }?.name == "notAdmissible")
    #expect(
      try leaky.instantiate(h, with: conditional2, facts: [leaky.hypothesis("pos")]).formula
        == ge(prob(conditional2, s), num(0)).canonical)
  }

  @Test func obtainNeverReusesAName() throws {
    // ∃u. u > x and ∃u. u < x must not name one value c with c > x and c < x.
    let u = Variable("u", .real)
    var proof = state(["above": .exists(u, gt(v("u"), x)), "below": .exists(u, lt(v("u"), x))])
    _ = try proof.obtain(try proof.hypothesis("above"), as: "c")
    let below = try proof.hypothesis("below")
    #expect(refusal { try proof.obtain(below, as: "c") } == .notFresh("c"))
    // Nor the name of a parameter: that would give x < x.
    #expect(refusal { try proof.obtain(below, as: "x") } == .notFresh("x"))
    // Nor the name of a variable introduced by fix.
    _ = try proof.fix("w", .real)
    #expect(refusal { try proof.obtain(below, as: "w") } == .notFresh("w"))
  }

  @Test func generalizeRefusesAWitnessChosenAfterTheVariable() throws {
    // From ∀y∃x. x > y, fixing y and obtaining x with x > y must not give ∀y. x > y (the
    // "∃x∀y" reading).
    let (a, b) = (Variable("a", .real), Variable("b", .real))
    var proof = state(["h": .forall(a, .exists(b, gt(v("b"), v("a"))))])
    let y0 = try proof.fix("y0", .real)
    let some = try proof.instantiate(try proof.hypothesis("h"), with: .variable(y0))
    let (x0, above) = try proof.obtain(some, as: "x0")
    #expect(refusal { try proof.generalize(above, over: y0) }?.name == "shape")
    // Generalising after re-packing the witness is fine: ∀y∃x. x > y again.
    let packed = try proof.witness(above, for: .exists(b, gt(v("b"), .variable(y0))), .variable(x0))
    let again = try proof.generalize(packed, over: y0)
    #expect(again.formula == (try proof.hypothesis("h")).formula)
  }

  @Test func generalizeRefusesAParameter() throws {
    // x > 0 ⊢ ∀x. x > 0 would be false: x is a parameter, constrained by the hypothesis.
    let proof = state(["h": gt(x, num(0))])
    #expect(
      refusal { try proof.generalize(try proof.hypothesis("h"), over: Variable("x", .real)) }
        == .notFresh("x"))
  }

  /// SOUNDNESS BUG (kernel API): `obtain` records its variable in `fixed`, so `generalize`
  /// accepts an obtained variable. From the true `∃u. u > 0` it derives `∀c. c > 0`, and
  /// `qed` then checks a false result.
  @Test func generalizeRefusesAnObtainedVariable() throws {
    let (u, a) = (Variable("u", .real), Variable("a", .real))
    var proof = state(
      ["h": .exists(u, gt(v("u"), num(0)))], conclusion: .forall(a, gt(v("a"), num(0))))
    let (c, positive) = try proof.obtain(try proof.hypothesis("h"), as: "c")
    let error = refusal { try proof.generalize(positive, over: c) }
    #expect(error != nil, "∃u. u > 0 ⊢ ∀c. c > 0 was accepted")
    if error == nil, let general = try? proof.generalize(positive, over: c) {
      #expect(throws: KernelError.self, "qed checked ∀a. a > 0") { try proof.qed(general) }
    }
  }

  /// SOUNDNESS BUG (kernel API): a `Theorem` is not tied to the proof that made it. `qed`
  /// compares only the formula, so a hypothesis of one result proves another result that has
  /// no hypotheses at all.
  @Test func qedRefusesATheoremOfAnotherProof() throws {
    let other = state(["h": gt(x, num(0))])
    let borrowed = try other.hypothesis("h")
    let proof = state(conclusion: gt(x, num(0)))
    #expect(throws: KernelError.self, "x > 0 checked with no hypothesis") {
      try proof.qed(borrowed)
    }
  }

  /// Bound variables are renamed `#0`, `#1`, ... by depth; a parameter named so would be
  /// captured (the false `∀a. a ≥ #0` would become `∀#0. #0 ≥ #0`). The kernel refuses such
  /// a parameter outright.
  @Test func aParameterNamedLikeACanonicalVariableIsRefused() throws {
    let p = Variable("#0", .real)
    let a = Variable("a", .real)
    let claim = Formula.forall(a, ge(v("a"), .variable(p)))
    #expect(throws: KernelError.self) {
      _ = try ProofState(
        ResultStatement(id: "capture", parameters: [p], hypotheses: [], conclusion: claim),
        definitions: [])
    }
  }

  /// Not a false theorem, but not a well-formed one either: `Term.sort` falls back to `Real`
  /// for an ill-sorted application, so `instantiate` lets `s + s` (s a text) stand for a real.
  @Test func instantiateRefusesAnIllSortedTerm() throws {
    let proof = state(["h": .forall(Variable("a", .real), ge(pow(v("a"), 2), num(0)))])
    let h = try proof.hypothesis("h")
    // s + s (s a text) has no sort; `Term.sort` would call it Real.
    #expect(refusal { try proof.instantiate(h, with: add(s, s)) }?.name == "sortMismatch")
    #expect(refusal { try proof.instantiate(h, with: log(add(x, s))) }?.name == "sortMismatch")
    // Binders and laws: an expectation under a number, a sum over texts, a probability of a
    // number are ill-sorted wherever they occur.
    let w = Variable("w", .sentence)
    #expect(!expectation(w, x, num(1)).isWellSorted)
    #expect(!sum(Variable("i", .nat), s, num(3), num(1)).isWellSorted)
    #expect(!add(x, prob(x, s)).isWellSorted)
    #expect(!expectation(w, lawP, .variable(w)).isWellSorted)
    #expect(expectation(w, lawP, prob(lawQ, .variable(w))).isWellSorted)
    #expect(sum(Variable("i", .nat), num(1), n, x).isWellSorted)
    // A probability: its outcome a sentence (or a text of a natural length), its event's terms
    // well sorted.
    let event = gt(prob(lawP, .variable(w)), num(0))
    #expect(Term.probability(w, law: lawP, length: nil, event: event).isWellSorted)
    #expect(
      !Term.probability(Variable("r", .real), law: lawP, length: nil, event: event).isWellSorted)
    #expect(!Term.probability(w, law: lawP, length: nil, event: gt(add(s, s), num(0))).isWellSorted)
    // A well-sorted term of a fitting sort is accepted.
    #expect(
      try proof.instantiate(h, with: add(x, x)).formula == ge(pow(add(x, x), 2), num(0)).canonical)
  }

  // MARK: field and ring

  @Test func fieldRefusesADivisorNobodyShowedNonzero() throws {
    let proof = state(["weak": ge(x, num(0)), "other": ne(y, num(0))])
    let (weak, other) = (try proof.hypothesis("weak"), try proof.hypothesis("other"))
    let missing = KernelError.sideCondition(ne(x, num(0)))
    #expect(refusal { try proof.field(div(x, x), num(1), facts: []) } == missing)
    // A divisor hidden inside an atom still counts.
    #expect(refusal { try proof.field(log(div(x, x)), log(num(1)), facts: []) } == missing)
    // x ≥ 0 allows x = 0; a fact about another divisor does not help.
    #expect(refusal { try proof.field(div(x, x), num(1), facts: [weak, other]) } == missing)
    // A negative power is a division too.
    #expect(refusal { try proof.field(mul(x, pow(x, -1)), num(1), facts: [weak]) } == missing)
  }

  @Test func ringRefusesWhatIsFalseSomewhere() {
    let proof = state()
    // x·(1/x) is 0 at x = 0 (x/0 = 0), so it is not 1 everywhere.
    #expect(
      refusal { try proof.ring(mul(x, div(num(1), x)), num(1)) }
        == .notEqual(mul(x, div(num(1), x)), num(1)))
    #expect(refusal { try proof.ring(div(x, x), num(1)) } == .notEqual(div(x, x), num(1)))
    let square = pow(add(x, y), 2)
    #expect(
      refusal { try proof.ring(square, add(pow(x, 2), pow(y, 2))) }
        == .notEqual(square, add(pow(x, 2), pow(y, 2))))
    // Powers with a symbolic or fractional exponent are atoms: x^(1/2)·x^(1/2) is not x.
    let root = Term.apply(.pow, [x, num(1, 2)])
    #expect(refusal { try proof.ring(mul(root, root), x) }?.name == "notEqual")
  }

  // MARK: linarith

  @Test func linarithRefusesUnsoundCertificates() throws {
    let proof = state([
      "one": ge(x, num(1)), "a": ge(x, num(0)), "b": ge(y, num(0)), "p": gt(x, num(0)),
      "e": eq(y, num(0)),
    ])
    func h(_ name: String) throws -> Theorem { try proof.hypothesis(name) }
    let (one, a, b, p, e) = (try h("one"), try h("a"), try h("b"), try h("p"), try h("e"))
    func certificate(
      _ linear: [Rational], _ products: [LinearCertificate.Product] = [], constant: Rational = .zero
    ) -> LinearCertificate {
      LinearCertificate(constant: constant, linear: linear, products: products)
    }
    // x ≥ 1 does not give x ≤ 1 by taking −1 times it.
    #expect(
      refusal { try proof.linarith(le(x, num(1)), facts: [one], certificate: certificate([-1])) }
        == .certificate("negative coefficient on an inequality"))
    // x ≥ 0 does not give x > 0.
    #expect(
      refusal { try proof.linarith(gt(x, num(0)), facts: [a], certificate: certificate([1])) }
        == .certificate("the combination proves only a non-strict inequality"))
    // x > 0 and y = 0 do not give x·y > 0: the product with an equation is not strict.
    #expect(
      refusal {
        try proof.linarith(
          gt(mul(x, y), num(0)), facts: [p, e], certificate: certificate([0, 0], [.init(0, 1, 1)]))
      }
        == .certificate("the combination proves only a non-strict inequality"))
    #expect(
      refusal { try proof.linarith(ge(x, num(0)), facts: [a], certificate: certificate([1, 0])) }
        == .certificate("the certificate has 2 coefficients for 1 facts"))
    // x ≥ 0 and y ≥ 0 do not give x·y ≤ 0.
    #expect(
      refusal {
        try proof.linarith(
          le(mul(x, y), num(0)), facts: [a, b], certificate: certificate([0, 0], [.init(0, 1, -1)]))
      }
        == .certificate("negative coefficient on a product of inequalities"))
    #expect(
      refusal {
        try proof.linarith(
          ge(x, num(0)), facts: [a], certificate: certificate([0], [.init(0, 1, 1)]))
      }
        == .certificate("a product names a fact that is not there"))
    // 0 ≥ 1 from nothing, with a negative constant.
    #expect(
      refusal {
        try proof.linarith(
          ge(num(0), num(1)), facts: [], certificate: certificate([], constant: -1))
      }
        == .certificate("negative constant"))
    // Equations and disequations are not linarith's goals; a disequation is no fact.
    let onlyInequalities = KernelError.certificate(
      "linarith proves ≤, <, ≥ or >; use ring or field for =")
    #expect(
      refusal { try proof.linarith(eq(x, x), facts: [], certificate: certificate([])) }
        == onlyInequalities)
    #expect(
      refusal {
        try proof.linarith(ne(x, num(-1)), facts: [p], certificate: certificate([1], constant: 1))
      } == onlyInequalities)
    let nonzero = try proof.nonzero(p)
    #expect(
      refusal { try proof.linarith(ge(x, num(0)), facts: [nonzero], certificate: certificate([0])) }
        == .certificate("a fact is not an (in)equation: it cannot be used"))
  }

  // MARK: sign and bounds

  @Test func signRefusesWhatTheStructureDoesNotGive() throws {
    let proof = state(["low": le(num(0), x), "high": le(x, num(1)), "negative": lt(y, num(0))])
    let (low, high, negative) = (
      try proof.hypothesis("low"), try proof.hypothesis("high"), try proof.hypothesis("negative")
    )
    #expect(
      refusal { try proof.sign(sub(x, y), facts: []) } == .sideCondition(ge(sub(x, y), num(0))))
    #expect(refusal { try proof.sign(log(x), facts: []) } == .sideCondition(ge(log(x), num(0))))
    #expect(
      refusal { try proof.sign(.apply(.pow, [y, num(1, 2)]), facts: []) }?.name == "sideCondition")
    // y < 0 makes y nonzero, not positive.
    #expect(try proof.sign(y, facts: [negative]).formula == ne(y, num(0)).canonical)
    #expect(try proof.sign(pow(y, 3), facts: [negative]).formula == ne(pow(y, 3), num(0)).canonical)
    // mix(2, P, Q) is no distribution: 2·P(s) − Q(s) may be negative.
    let bad = prob(mix(num(2), lawP, lawQ), s)
    #expect(refusal { try proof.sign(bad, facts: []) } == .sideCondition(ge(bad, num(0))))
    let mixture = prob(mix(x, lawP, lawQ), s)
    #expect(
      refusal { try proof.sign(mixture, facts: [low]) } == .sideCondition(ge(mixture, num(0))))
    let weighted = try proof.sign(mixture, facts: [low, high])
    #expect(weighted.formula == ge(mixture, num(0)).canonical)
    #expect(weighted.uses == ["hyp:low", "hyp:high"])
  }

  @Test func boundsGivesOnlyTheRangesOfTheVocabulary() throws {
    let proof = state(["low": le(num(0), x), "high": le(x, num(1))])
    let (low, high) = (try proof.hypothesis("low"), try proof.hypothesis("high"))
    func ranges(_ term: Term, _ facts: [Theorem] = []) throws -> [Formula] {
      try proof.bounds(term, facts: facts).map(\.formula)
    }
    #expect(
      try ranges(prob(lawP, s)) == [
        le(num(0), prob(lawP, s)).canonical, le(prob(lawP, s), num(1)).canonical,
      ])
    let behavior = Term.apply(.behavior, [behaviorB, t])
    #expect(
      try ranges(behavior) == [le(num(-1), behavior).canonical, le(behavior, num(1)).canonical])
    #expect(try ranges(prob(mix(num(2), lawP, lawQ), s)).isEmpty)
    #expect(try ranges(prob(mix(x, lawP, lawQ), s), [low]).isEmpty)
    #expect(try ranges(prob(mix(x, lawP, lawQ), s), [low, high]).count == 2)
    #expect(try ranges(.apply(.behaviorMean, [behaviorB, mix(num(2), lawP, lawQ)])).isEmpty)
    #expect(
      try ranges(.apply(.behaviorMean, [behaviorB, lawP])) == [
        le(num(-1), .apply(.behaviorMean, [behaviorB, lawP])).canonical,
        le(.apply(.behaviorMean, [behaviorB, lawP]), num(1)).canonical,
      ])
  }

  // MARK: mono

  @Test func monoRefusesContextsNotKnownMonotone() throws {
    let proof = state(["l": lt(x, y), "w": le(x, y)])
    let (l, w) = (try proof.hypothesis("l"), try proof.hypothesis("w"))
    // z·x ≤ z·y needs z ≥ 0; −1 is not.
    #expect(
      refusal { try proof.mono(mul(z, x), mul(z, y), leaf: w, facts: []) }
        == .sideCondition(ge(z, num(0))))
    #expect(
      refusal { try proof.mono(mul(num(-1), x), mul(num(-1), y), leaf: w, facts: []) }
        == .sideCondition(ge(num(-1), num(0))))
    #expect(
      refusal { try proof.mono(div(x, z), div(y, z), leaf: w, facts: []) }
        == .sideCondition(gt(z, num(0))))
    // 1/x ≥ 1/y needs x, y > 0 (−1 < 1 but 1/−1 < 1/1); log needs positive arguments.
    #expect(
      refusal { try proof.mono(div(num(1), x), div(num(1), y), leaf: l, facts: []) }
        == .sideCondition(gt(x, num(0))))
    #expect(
      refusal { try proof.mono(log(x), log(y), leaf: l, facts: []) }
        == .sideCondition(gt(x, num(0))))
    // Squares need nonnegative bases; a negative power is not monotone.
    #expect(
      refusal { try proof.mono(pow(x, 2), pow(y, 2), leaf: l, facts: []) }?.name == "sideCondition")
    #expect(
      refusal { try proof.mono(pow(x, -1), pow(y, -1), leaf: l, facts: []) }?.name
        == "sideCondition")
    // An equation is no leaf.
    let proofWithEquation = state(["e": eq(x, y)])
    let e = try proofWithEquation.hypothesis("e")
    #expect(
      refusal { try proofWithEquation.mono(add(x, num(1)), add(y, num(1)), leaf: e, facts: []) }?
        .name == "shape")
  }

  @Test func monoKeepsStrictnessOnlyWhereItHolds() throws {
    let proof = state([
      "l": lt(x, y), "zw": ge(z, num(0)), "zp": gt(z, num(0)), "xp": gt(x, num(0)),
      "yp": gt(y, num(0)),
    ])
    func h(_ name: String) throws -> Theorem { try proof.hypothesis(name) }
    let (l, zw, zp, xp, yp) = (try h("l"), try h("zw"), try h("zp"), try h("xp"), try h("yp"))
    // z ≥ 0 may be 0: z·x ≤ z·y, not <. Likewise x/z with z ≥ 0 (x/0 = 0).
    #expect(
      try proof.mono(mul(z, x), mul(z, y), leaf: l, facts: [zw]).formula
        == le(mul(z, x), mul(z, y)).canonical)
    #expect(
      try proof.mono(div(x, z), div(y, z), leaf: l, facts: [zw]).formula
        == le(div(x, z), div(y, z)).canonical)
    #expect(
      try proof.mono(mul(x, z), mul(y, z), leaf: l, facts: [zp]).formula
        == lt(mul(x, z), mul(y, z)).canonical)
    // Antitone places flip the relation.
    #expect(
      try proof.mono(sub(num(1), x), sub(num(1), y), leaf: l, facts: []).formula
        == gt(sub(num(1), x), sub(num(1), y)).canonical)
    #expect(
      try proof.mono(neg(x), neg(y), leaf: l, facts: []).formula == gt(neg(x), neg(y)).canonical)
    #expect(
      try proof.mono(div(num(1), x), div(num(1), y), leaf: l, facts: [xp, yp]).formula
        == gt(div(num(1), x), div(num(1), y)).canonical)
    #expect(
      try proof.mono(div(z, x), div(z, y), leaf: l, facts: [xp, yp, zw]).formula
        == ge(div(z, x), div(z, y)).canonical)
    // Two flips make no flip; the leaf may stand on the left or the right.
    #expect(
      try proof.mono(neg(div(num(1), x)), neg(div(num(1), y)), leaf: l, facts: [xp, yp]).formula
        == lt(neg(div(num(1), x)), neg(div(num(1), y))).canonical)
    #expect(
      try proof.mono(neg(y), neg(x), leaf: l, facts: []).formula == lt(neg(y), neg(x)).canonical)
    #expect(
      try proof.mono(log(x), log(y), leaf: l, facts: [xp, yp]).formula
        == lt(log(x), log(y)).canonical)
    #expect(
      try proof.mono(pow(x, 3), pow(y, 3), leaf: l, facts: [xp, yp]).formula
        == lt(pow(x, 3), pow(y, 3)).canonical)
  }

  // MARK: transitivity, cite, qed, substitute

  @Test func transitivityChainsOnlyCompatibleRelations() throws {
    let proof = state([
      "a": lt(x, y), "b": gt(y, z), "c": le(x, y), "d": eq(y, z), "e": ne(y, z), "f": eq(x, y),
      "g": le(z, y),
      "k": eq(z, x),
    ])
    func h(_ name: String) throws -> Theorem { try proof.hypothesis(name) }
    let (a, b, c, d, e, f, g, k) = (
      try h("a"), try h("b"), try h("c"), try h("d"), try h("e"), try h("f"), try h("g"), try h("k")
    )
    // x < y and y > z say nothing about x and z.
    #expect(
      refusal { try proof.transitivity(a, b) }
        == .shape("relations that chain (not < then >)", b.formula))
    #expect(try proof.transitivity(c, d).formula == le(x, z).canonical)
    #expect(refusal { try proof.transitivity(f, e) }?.name == "shape")
    // x = y, y ≠ z and y ≠ z, z = x are refused (sound, if incomplete).
    #expect(refusal { try proof.transitivity(e, k) }?.name == "shape")
    // x ≤ y and z ≤ y: the middle terms do not meet.
    #expect(
      refusal { try proof.transitivity(c, g) } == .mismatch(expected: le(y, y), found: g.formula))
  }

  @Test func citeNeedsEachHypothesisAsInstantiated() throws {
    let (a, b) = (Variable("a", .real), Variable("b", .real))
    let lemma = ResultStatement(
      id: "lemma", parameters: [a, b],
      hypotheses: [
        (name: "first", formula: le(v("a"), v("b"))), (name: "second", formula: gt(v("b"), num(0))),
      ],
      conclusion: lt(v("a"), add(v("b"), v("b"))))
    let proof = state(["xy": le(x, y), "y": gt(y, num(0)), "x": gt(x, num(0))], citing: [lemma])
    func h(_ name: String) throws -> Theorem { try proof.hypothesis(name) }
    let (xy, yPositive, xPositive) = (try h("xy"), try h("y"), try h("x"))
    #expect(
      try proof.cite("lemma", [a: x, b: y], premises: [xy, yPositive]).formula
        == lt(x, add(y, y)).canonical)
    #expect(
      refusal { try proof.cite("lemma", [a: x, b: y], premises: [yPositive, xy]) }?.name
        == "mismatch"
    )
    // x > 0 is not y > 0, the second hypothesis at b := y.
    #expect(
      refusal { try proof.cite("lemma", [a: x, b: y], premises: [xy, xPositive]) }
        == .mismatch(expected: gt(y, num(0)).canonical, found: xPositive.formula))
    #expect(
      refusal { try proof.cite("lemma", [a: x], premises: [xy, yPositive]) }
        == .missingInstantiation(["b"]))
    // The instantiation is simultaneous: a := y, b := x needs y ≤ x and x > 0.
    #expect(
      refusal { try proof.cite("lemma", [a: y, b: x], premises: [xy, xPositive]) }
        == .mismatch(expected: le(y, x).canonical, found: xy.formula))
  }

  @Test func qedRefusesAnAdmittedStepDeepInTheDerivation() throws {
    let proof = state(["h": gt(x, num(0))], conclusion: gt(x, num(0)))
    let admitted = proof.admit(gt(y, num(0)), label: "step-3")
    // The admitted part is dropped again, but the derivation still went through it.
    let both = try proof.conjunction([try proof.hypothesis("h"), admitted])
    #expect(refusal { try proof.qed(try proof.conjunct(both, 0)) } == .admitted("step-3"))
    #expect(try proof.qed(try proof.hypothesis("h")).id == "result")
  }

  // MARK: sums

  @Test func sumRulesRefuseWhatTheyCannotJustify() throws {
    var proof = state()
    let i = try proof.fix("i", .nat)
    // ∀i. i ≤ i + 1, reversed, is no pointwise bound for Σ i ≤ Σ (i + 1).
    let step = try proof.linarith(
      ge(add(.variable(i), num(1)), .variable(i)), facts: [],
      certificate: LinearCertificate(constant: .one, linear: []))
    let reversed = try proof.generalize(step, over: i)
    let k = Variable("k", .nat)
    let (low, high) = (
      sum(k, num(0), n, v("k", .nat)), sum(k, num(0), n, add(v("k", .nat), num(1)))
    )
    #expect(refusal { try proof.sumMonotone(high, low, pointwise: reversed) }?.name == "mismatch")
    // The same bodies over different laws.
    let r = Variable("r", .text)
    #expect(
      refusal {
        try proof.sumMonotone(
          expectation(r, lawP, num(0)), expectation(r, lawQ, num(1)), pointwise: reversed)
      }?.name
        == "shape")
    // Π |f| is not a bound on |Π f| by this rule, and variance is no sum.
    let product = Term.bind(.product, k, range: [num(0), n], body: sub(x, v("k", .nat)))
    #expect(refusal { try proof.sumTriangle(product) }?.name == "shape")
    let variance = Term.bind(.variance, r, range: [lawP, n], body: prob(lawQ, v("r", .text)))
    #expect(refusal { try proof.sumTriangle(variance) }?.name == "shape")
  }

  @Test func sumMonotoneIsStrictOnlyOverANonemptyRange() throws {
    var proof = state()
    let i = try proof.fix("i", .nat)
    let step = try proof.linarith(
      lt(.variable(i), add(.variable(i), num(1))), facts: [],
      certificate: LinearCertificate(constant: .one, linear: []))
    let strict = try proof.generalize(step, over: i)
    let nonnegative = try proof.bounds(n, facts: [])[0]  // 0 ≤ n
    let k = Variable("k", .nat)
    let terms = { (low: Term) in
      (sum(k, low, n, v("k", .nat)), sum(k, low, n, add(v("k", .nat), num(1))))
    }
    // Σ_{k=0..n} has the term k = 0, so pointwise < gives <.
    let (a, b) = terms(num(0))
    #expect(
      try proof.sumMonotone(a, b, pointwise: strict, facts: [nonnegative]).formula
        == lt(a, b).canonical)
    #expect(try proof.sumMonotone(a, b, pointwise: strict).formula == le(a, b).canonical)
    // Σ_{k=1..n} may be empty (n = 0): 0 ≤ n does not make it strict.
    let (c, d) = terms(num(1))
    #expect(
      try proof.sumMonotone(c, d, pointwise: strict, facts: [nonnegative]).formula
        == le(c, d).canonical)
  }

  /// A pointwise fact may be stated only for the terms a sum weighs: texts of the
  /// expectation's length, indices up to the sum's top. A premise that leaves out a term the
  /// sum weighs (|x| = n + 1, i ≥ 1 for a sum from 0) or a sum over every sentence is refused.
  @Test func sumMonotoneTakesAFactAboutTheWeighedTermsOnly() throws {
    var proof = state()
    let i = try proof.fix("i", .nat)
    let r = try proof.fix("r", .text)
    let below = try proof.linarith(
      lt(.variable(i), add(.variable(i), num(1))), facts: [],
      certificate: LinearCertificate(constant: .one, linear: []))
    let textBelow = try proof.linarith(
      lt(prob(lawP, .variable(r)), add(prob(lawP, .variable(r)), num(1))), facts: [],
      certificate: LinearCertificate(constant: .one, linear: []))
    func restricted(_ fact: Theorem, _ premise: Formula, _ v: Variable) throws -> Theorem {
      let assumption = try proof.assume(premise)
      return try proof.generalize(try proof.discharge(fact, assumption), over: v)
    }
    let length = Term.apply(.length, [.variable(r)])
    // E[r ~ P, |r| = n] P(r) ≤ E[r ~ P, |r| = n] (P(r) + 1) from ∀r. |r| = n ⇒ P(r) < P(r) + 1.
    let e = { (body: Term) in Term.bind(.expectation, r, range: [lawP, n], body: body) }
    let (low, high) = (e(prob(lawP, .variable(r))), e(add(prob(lawP, .variable(r)), num(1))))
    let sized = try restricted(textBelow, eq(length, n), r)
    #expect(try proof.sumMonotone(low, high, pointwise: sized).formula == le(low, high).canonical)
    // |r| = n + 1 is a statement about other texts.
    let other = try restricted(textBelow, eq(length, add(n, num(1))), r)
    #expect(refusal { try proof.sumMonotone(low, high, pointwise: other) }?.name == "mismatch")
    // Σ_{k=0..n} k < Σ_{k=0..n} (k + 1) from ∀i. i ≤ n ⇒ i < i + 1, with 0 ≤ n.
    let k = Variable("k", .nat)
    let (a, b) = (sum(k, num(0), n, v("k", .nat)), sum(k, num(0), n, add(v("k", .nat), num(1))))
    let nonnegative = try proof.bounds(n, facts: [])[0]
    let upTo = try restricted(below, le(.variable(i), n), i)
    #expect(
      try proof.sumMonotone(a, b, pointwise: upTo, facts: [nonnegative]).formula
        == lt(a, b).canonical)
    // i ≥ 1 leaves out the term k = 0; i ≤ n is no premise for an expectation's texts.
    let fromOne = try restricted(below, ge(.variable(i), num(1)), i)
    #expect(refusal { try proof.sumMonotone(a, b, pointwise: fromOne) }?.name == "mismatch")
    let sentences = { (body: Term) in Term.bind(.sumOverSentences, r, range: [], body: body) }
    let wrongKind = try restricted(textBelow, eq(length, n), r)
    #expect(
      refusal {
        try proof.sumMonotone(
          sentences(prob(lawP, .variable(r))), sentences(add(prob(lawP, .variable(r)), num(1))),
          pointwise: wrongKind)
      }?.name == "mismatch")
  }

  // MARK: ring and field against evaluation

  /// Whenever `ring` accepts `a = b`, the two sides agree at every point under total division
  /// (x/0 = 0, 0^-k = 0), zeros included, and wherever `Evaluate` defines both. Whenever `field`
  /// accepts with the facts x ≠ 0 and y ≠ 0, they agree at every point with x, y ≠ 0 where
  /// `Evaluate` defines both.
  @Test func ringAndFieldAgreeWithEvaluation() throws {
    let seed: UInt64 = 20_240_601
    var rng = NormalFormRNG(seed: seed)
    let proof = state(["x≠0": ne(x, num(0)), "y≠0": ne(num(0), y)])
    let facts = [try proof.hypothesis("x≠0"), try proof.hypothesis("y≠0")]
    let (xv, yv) = (Variable("x", .real), Variable("y", .real))
    let values: [Rational] = [0, 1, -1, Rational(-1, 2), Rational(5, 7)]
    var (ringAccepted, fieldAccepted, fieldOnly, compared) = (0, 0, 0, 0)
    for round in 0..<600 {
      let a = randomTerm(&rng, depth: 4)
      var b = a
      for _ in 0...rng.int(0...2) { b = perturb(b, &rng) }
      let ringOK = (try? proof.ring(a, b)) != nil
      let fieldOK = (try? proof.field(a, b, facts: facts)) != nil
      if ringOK { ringAccepted += 1 }
      if fieldOK { fieldAccepted += 1 }
      if fieldOK && !ringOK { fieldOnly += 1 }
      guard ringOK || fieldOK else { continue }
      for px in values {
        for py in values {
          let point = [xv: px, yv: py]
          let context = "seed \(seed) round \(round): \(a) = \(b) at x = \(px), y = \(py)"
          if ringOK {
            #expect(totalValue(a, point) == totalValue(b, point), "ring: \(context)")
          }
          guard ringOK || (!px.isZero && !py.isZero),
            let left = Evaluate.value(of: a, at: point),
            let right = Evaluate.value(of: b, at: point)
          else { continue }
          compared += 1
          #expect(left == right, "\(ringOK ? "ring" : "field"): \(context)")
        }
      }
    }
    // The property is not vacuous: both rules accept often, field beyond ring.
    #expect(
      ringAccepted > 200 && fieldOnly > 40 && compared > 5000,
      "ring \(ringAccepted), field \(fieldAccepted), field only \(fieldOnly), compared \(compared)")
  }

  /// A random field term over x and y.
  func randomTerm(_ rng: inout NormalFormRNG, depth: Int) -> Term {
    if depth == 0 || rng.chance(20) {
      return rng.chance(70) ? rng.pick([x, y]) : num(rng.int(-2...3))
    }
    let d = depth - 1
    switch rng.int(0...9) {
    case 0, 1: return add(randomTerm(&rng, depth: d), randomTerm(&rng, depth: d))
    case 2: return sub(randomTerm(&rng, depth: d), randomTerm(&rng, depth: d))
    case 3, 4: return mul(randomTerm(&rng, depth: d), randomTerm(&rng, depth: d))
    case 5, 6:
      // Mostly divisors that the facts x ≠ 0, y ≠ 0 cover, so that field accepts often.
      let divisor =
        rng.chance(70) ? rng.pick([x, y, num(2), pow(x, 2)]) : randomTerm(&rng, depth: d)
      return div(randomTerm(&rng, depth: d), divisor)
    case 7: return neg(randomTerm(&rng, depth: d))
    default:
      return pow(
        rng.chance(60) ? rng.pick([x, y]) : randomTerm(&rng, depth: min(d, 1)), rng.int(-2...3))
    }
  }

  /// `t` rewritten at a random place: by a ring law, by a law that needs a divisor nonzero
  /// (field only), or by one that is false.
  func perturb(_ t: Term, _ rng: inout NormalFormRNG) -> Term {
    if case .apply(let op, var args) = t, rng.chance(55) {
      let i = rng.int(0...(args.count - 1))
      if !(op == .pow && i == 1) {
        args[i] = perturb(args[i], &rng)
        return .apply(op, args)
      }
    }
    let w = rng.pick([x, y, num(2), mul(x, y), sub(x, y)])
    switch (t, rng.int(0...13)) {
    case (.apply(let op, let a), 0) where op == .add || op == .mul: return .apply(op, [a[1], a[0]])
    case (.apply(.mul, let a), 1):
      if case .apply(.add, let s) = a[1] { return add(mul(a[0], s[0]), mul(a[0], s[1])) }
      return mul(a[0], add(a[1], num(0)))
    case (.apply(.div, let a), 2): return mul(a[0], pow(a[1], -1))
    case (.apply(.div, let a), 3): return div(a[1], a[0])  // false
    case (.apply(.pow, let a), 4):
      if case .number(let k) = a[1], k == 2 { return add(pow(a[0], 2), num(0)) }
      return mul(t, div(a[0], a[0]))  // field only
    case (_, 5): return div(mul(t, w), w)  // field only, and only for w = x, y, 2
    case (_, 6): return mul(t, div(w, w))  // field only
    case (_, 7): return add(t, sub(w, w))
    case (_, 8): return add(t, num(1))  // false
    case (_, 9): return neg(neg(t))
    case (.apply(.sub, let a), 10): return add(a[0], mul(num(-1), a[1]))
    case (.apply(.add, let a), 11): return pow(add(a[0], a[1]), 1)
    case (_, 12): return div(mul(w, t), w)  // field only
    case (_, 13): return mul(div(t, w), w)  // field only
    default: return mul(num(1), t)
    }
  }

  /// The value of a field term under total division: x/0 = 0 and 0^-k = 0.
  func totalValue(_ t: Term, _ point: [Variable: Rational]) -> Rational? {
    switch t {
    case .number(let q): return q
    case .variable(let v): return point[v]
    case .apply(let op, let args):
      let values = args.compactMap { totalValue($0, point) }
      guard values.count == args.count else { return nil }
      switch op {
      case .add: return values[0] + values[1]
      case .sub: return values[0] - values[1]
      case .mul: return values[0] * values[1]
      case .neg: return -values[0]
      case .div: return values[1].isZero ? .zero : values[0] / values[1]
      case .pow:
        guard values[1].isInteger, let k = values[1].numerator.asInt else { return nil }
        return values[0].isZero && k < 0 ? .zero : values[0].power(k)
      default: return nil
      }
    default: return nil
    }
  }
}
