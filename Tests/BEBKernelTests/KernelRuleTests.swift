import Testing

@testable import BEBKernel

// Every rule of the trusted kernel, once accepting (the exact formula it derives) and once
// refusing (the exact `KernelError`). Theorems are only ever made by calling rules, as the
// checker does. The attacks a kernel must withstand are in KernelSoundnessTests.swift.

// MARK: Fixture

/// Hand-built terms, formulas and proof states, shared by the kernel test suites.
protocol KernelFixture {}

extension KernelFixture {
  func v(_ name: String, _ sort: Sort = .real) -> Term { .variable(Variable(name, sort)) }
  func num(_ a: Int, _ b: Int = 1) -> Term { .number(Rational(BigInt(a), BigInt(b))) }
  func add(_ a: Term, _ b: Term) -> Term { .apply(.add, [a, b]) }
  func sub(_ a: Term, _ b: Term) -> Term { .apply(.sub, [a, b]) }
  func mul(_ a: Term, _ b: Term) -> Term { .apply(.mul, [a, b]) }
  func div(_ a: Term, _ b: Term) -> Term { .apply(.div, [a, b]) }
  func neg(_ a: Term) -> Term { .apply(.neg, [a]) }
  func pow(_ a: Term, _ k: Int) -> Term { .apply(.pow, [a, num(k)]) }
  func log(_ a: Term) -> Term { .apply(.log, [a]) }
  func exp(_ a: Term) -> Term { .apply(.exp, [a]) }
  func absolute(_ a: Term) -> Term { .apply(.abs, [a]) }
  /// `law(text)`.
  func prob(_ law: Term, _ text: Term) -> Term { .apply(.probOf, [law, text]) }
  /// `weight·first + (1 − weight)·second`.
  func mix(_ weight: Term, _ first: Term, _ second: Term) -> Term {
    .apply(.mixture, [weight, first, second])
  }
  /// `Σ_{index=low..high} body`.
  func sum(_ index: Variable, _ low: Term, _ high: Term, _ body: Term) -> Term {
    .bind(.sum, index, range: [low, high], body: body)
  }
  /// `E[bound ~ law] body`.
  func expectation(_ bound: Variable, _ law: Term, _ body: Term) -> Term {
    .bind(.expectation, bound, range: [law], body: body)
  }

  func eq(_ a: Term, _ b: Term) -> Formula { .relation(.eq, a, b) }
  func ne(_ a: Term, _ b: Term) -> Formula { .relation(.ne, a, b) }
  func lt(_ a: Term, _ b: Term) -> Formula { .relation(.lt, a, b) }
  func le(_ a: Term, _ b: Term) -> Formula { .relation(.le, a, b) }
  func gt(_ a: Term, _ b: Term) -> Formula { .relation(.gt, a, b) }
  func ge(_ a: Term, _ b: Term) -> Formula { .relation(.ge, a, b) }

  // The parameters of every test's result: reals x y z, a natural n, a text s, a sentence t,
  // distributions P Q, a behavior B.
  var x: Term { v("x") }
  var y: Term { v("y") }
  var z: Term { v("z") }
  var n: Term { v("n", .nat) }
  var s: Term { v("s", .text) }
  var t: Term { v("t", .sentence) }
  var lawP: Term { v("P", .dist) }
  var lawQ: Term { v("Q", .dist) }
  var behaviorB: Term { v("B", .behavior) }
  var parameters: [Variable] {
    [
      Variable("x", .real), Variable("y", .real), Variable("z", .real), Variable("n", .nat),
      Variable("s", .text), Variable("t", .sentence), Variable("P", .dist),
      Variable("Q", .dist), Variable("B", .behavior),
    ]
  }

  /// A proof state for a result over `parameters` with these hypotheses, in order, that may
  /// cite the results `citing` (declared in its registry).
  func state(
    _ hypotheses: KeyValuePairs<String, Formula> = [:], conclusion: Formula = .truth(true),
    definitions: [DefinitionStatement] = [], citing: [ResultStatement] = []
  ) -> ProofState {
    var registry = Registry()
    for result in citing { try! registry.declare(result) }
    // Test parameters never start with '#', so the state is always made.
    return try! ProofState(
      ResultStatement(
        id: "result", parameters: parameters,
        hypotheses: hypotheses.map { (name: $0.key, formula: $0.value) }, conclusion: conclusion),
      definitions: definitions, registry: registry)
  }

  /// The error a rule refuses with, or nil when it accepts. (The rules throw only
  /// `KernelError`; a closure's typed throws is not inferred, hence the cast.)
  func refusal<R>(_ rule: () throws -> R) -> KernelError? {
    do {
      _ = try rule()
      return nil
    } catch {
      return error as? KernelError
    }
  }
}

extension KernelError {
  /// The case's name, for refusals whose payload is a rule's internal rendering.
  var name: String { String(String(describing: self).prefix { $0 != "(" }) }
}

// MARK: Logic

@Suite struct KernelRuleTests: KernelFixture {
  @Test func hypothesisGivesTheNamedFormula() throws {
    let proof = state(["h": gt(x, num(0))])
    let h = try proof.hypothesis("h")
    #expect(h.formula == gt(x, num(0)).canonical)
    #expect(h.uses == ["hyp:h"])
    #expect(refusal { try proof.hypothesis("g") } == .noSuchHypothesis("g"))
  }

  @Test func instantiateSubstitutesTheTerm() throws {
    let a = Variable("a", .real)
    let proof = state(["h": .forall(a, ge(pow(v("a"), 2), num(0)))])
    let h = try proof.hypothesis("h")
    #expect(
      try proof.instantiate(h, with: add(x, n)).formula == ge(pow(add(x, n), 2), num(0)).canonical)
  }

  @Test func instantiateAvoidsCapture() throws {
    // ∀a. ∃x. x > a at a := x is ∃x'. x' > x, not ∃x. x > x.
    let (a, bound) = (Variable("a", .real), Variable("x", .real))
    let proof = state(["h": .forall(a, .exists(bound, gt(x, v("a"))))])
    let result = try proof.instantiate(try proof.hypothesis("h"), with: x)
    let u = Variable("u", .real)
    #expect(result.formula == Formula.exists(u, gt(v("u"), x)).canonical)
    #expect(result.formula != Formula.exists(u, gt(v("u"), v("u"))).canonical)
  }

  @Test func instantiateRefusesAWrongSortAnUnknownVariableOrANonForall() throws {
    let k = Variable("k", .nat)
    let proof = state(["h": .forall(k, ge(v("k", .nat), num(0))), "g": gt(x, num(0))])
    let h = try proof.hypothesis("h")
    // A real, a text and a negative number are not naturals.
    for term in [x, s, num(-1), sub(n, num(1))] {
      let error = refusal { try proof.instantiate(h, with: term) }
      guard case .sortMismatch(let bound, let found)? = error else {
        Issue.record("\(term): \(String(describing: error))")
        continue
      }
      #expect(bound.sort == .nat && found == term)
    }
    #expect(refusal { try proof.instantiate(h, with: v("m", .nat)) } == .unknownVariables(["m"]))
    // A known name with another sort is not the known variable.
    #expect(refusal { try proof.instantiate(h, with: v("x", .nat)) } == .unknownVariables(["x"]))
    let g = try proof.hypothesis("g")
    #expect(refusal { try proof.instantiate(g, with: x) }?.name == "shape")
  }

  @Test func conjunctPicksAPart() throws {
    let proof = state(["h": .and([gt(x, num(0)), lt(x, num(1))])])
    let h = try proof.hypothesis("h")
    #expect(try proof.conjunct(h, 1).formula == lt(x, num(1)).canonical)
    #expect(
      refusal { try proof.conjunct(h, 2) } == .shape("a conjunction with a part 3", h.formula))
    let part = try proof.conjunct(h, 0)
    #expect(refusal { try proof.conjunct(part, 0) }?.name == "shape")
  }

  @Test func conjunctionJoinsThePartsAndTheirUses() throws {
    // Conjunction refuses only theorems of another proof; what it joins is checked where it
    // is used (see qed).
    let proof = state(["a": gt(x, num(0)), "b": gt(y, num(0))])
    let both = try proof.conjunction([try proof.hypothesis("a"), try proof.hypothesis("b")])
    #expect(both.formula == Formula.and([gt(x, num(0)), gt(y, num(0))]).canonical)
    #expect(both.uses == ["hyp:a", "hyp:b"])
  }

  @Test func modusPonensNeedsTheExactAntecedent() throws {
    let proof = state([
      "i": .implies(gt(x, num(0)), gt(y, num(0))), "a": gt(x, num(0)), "b": ge(x, num(0)),
    ])
    let i = try proof.hypothesis("i")
    #expect(try proof.modusPonens(i, try proof.hypothesis("a")).formula == gt(y, num(0)).canonical)
    let b = try proof.hypothesis("b")
    #expect(
      refusal { try proof.modusPonens(i, b) }
        == .mismatch(expected: gt(x, num(0)), found: b.formula))
    #expect(refusal { try proof.modusPonens(b, b) } == .shape("an implication", b.formula))
  }

  @Test func unfoldAndFoldFollowTheDefinition() throws {
    let positive = DefinitionStatement(
      id: "positive", parameters: [Variable("u", .real)], body: gt(v("u"), num(0)))
    let proof = state(
      ["h": .predicate("positive", [add(x, y)]), "g": gt(y, num(0)), "w": ge(y, num(0))],
      definitions: [positive])
    let unfolded = try proof.unfold(try proof.hypothesis("h"))
    #expect(unfolded.formula == gt(add(x, y), num(0)).canonical)
    #expect(unfolded.uses == ["hyp:h", "def:positive"])
    let folded = try proof.fold(try proof.hypothesis("g"), into: .predicate("positive", [y]))
    #expect(folded.formula == .predicate("positive", [y]))
    // Refusals: not a definition, an unknown one, a body that differs, an argument's sort.
    let w = try proof.hypothesis("w")
    #expect(refusal { try proof.unfold(w) }?.name == "shape")
    #expect(
      refusal { try proof.fold(w, into: .predicate("nonnegative", [y])) }
        == .noSuchDefinition("nonnegative"))
    #expect(
      refusal { try proof.fold(w, into: .predicate("positive", [y])) }
        == .mismatch(expected: gt(y, num(0)), found: w.formula))
    #expect(
      refusal { try proof.fold(w, into: .predicate("positive", [s])) }
        == .sortMismatch(Variable("u", .real), s))
    #expect(refusal { try proof.fold(w, into: .predicate("positive", [y, y])) }?.name == "shape")
  }

  @Test func citeInstantiatesAResult() throws {
    let a = Variable("a", .real)
    let lemma = ResultStatement(
      id: "lemma", parameters: [a],
      hypotheses: [
        (name: "low", formula: gt(v("a"), num(0))), (name: "high", formula: lt(v("a"), num(1))),
      ],
      conclusion: lt(pow(v("a"), 2), v("a")))
    let proof = state(["p": gt(y, num(0)), "q": lt(y, num(1))], citing: [lemma])
    let (p, q) = (try proof.hypothesis("p"), try proof.hypothesis("q"))
    let cited = try proof.cite("lemma", [a: y], premises: [p, q])
    #expect(cited.formula == lt(pow(y, 2), y).canonical)
    #expect(cited.uses == ["hyp:p", "hyp:q", "lemma:lemma"])
    #expect(
      refusal { try proof.cite("lemma", [a: y], premises: [q, p]) }
        == .mismatch(expected: gt(y, num(0)).canonical, found: q.formula))
    #expect(
      refusal { try proof.cite("lemma", [a: x], premises: [p, q]) }
        == .mismatch(expected: gt(x, num(0)).canonical, found: p.formula))
    #expect(
      refusal { try proof.cite("lemma", [:], premises: [p, q]) } == .missingInstantiation(["a"]))
    #expect(refusal { try proof.cite("lemma", [a: y], premises: [p]) }?.name == "shape")
    #expect(refusal { try proof.cite("lemma", [a: s], premises: [p, q]) } == .sortMismatch(a, s))
    #expect(
      refusal { try proof.cite("lemma", [a: v("w")], premises: [p, q]) } == .unknownVariables(["w"])
    )
  }

  @Test func witnessIntroducesAnExists() throws {
    let u = Variable("u", .real)
    let goal = Formula.exists(u, gt(v("u"), num(0)))
    let proof = state(["h": gt(x, num(0))])
    let h = try proof.hypothesis("h")
    #expect(try proof.witness(h, for: goal, x).formula == goal.canonical)
    #expect(
      refusal { try proof.witness(h, for: goal, y) }
        == .mismatch(expected: gt(y, num(0)).canonical, found: h.formula))
    let k = Variable("k", .nat)
    #expect(
      refusal { try proof.witness(h, for: .exists(k, gt(v("k", .nat), num(0))), x) }
        == .sortMismatch(k, x))
    #expect(refusal { try proof.witness(h, for: goal, v("w")) } == .unknownVariables(["w"]))
    #expect(refusal { try proof.witness(h, for: gt(x, num(0)), x) }?.name == "shape")
  }

  @Test func obtainNamesTheWitness() throws {
    let u = Variable("u", .real)
    var proof = state(["h": .exists(u, gt(v("u"), x)), "g": gt(x, num(0))])
    let h = try proof.hypothesis("h")
    let (c, body) = try proof.obtain(h, as: "c")
    #expect(c == Variable("c", .real))
    #expect(body.formula == gt(v("c"), x).canonical)
    #expect(proof.variables["c"] == c)
    // Every later obtain or fix must pick another name; and only an ∃ can be opened.
    #expect(refusal { try proof.obtain(h, as: "c") } == .notFresh("c"))
    #expect(refusal { try proof.obtain(h, as: "x") } == .notFresh("x"))
    #expect(refusal { try proof.obtain(h, as: "#0") } == .notFresh("#0"))
    let g = try proof.hypothesis("g")
    #expect(refusal { try proof.obtain(g, as: "d") }?.name == "shape")
  }

  @Test func transitivityChainsRelations() throws {
    let proof = state([
      "a": le(x, y), "b": lt(y, z), "c": eq(y, z), "d": gt(y, z), "e": le(add(y, num(0)), z),
      "f": le(z, x), "g": ne(y, z),
    ])
    func h(_ name: String) throws -> Theorem { try proof.hypothesis(name) }
    #expect(try proof.transitivity(h("a"), h("b")).formula == lt(x, z).canonical)
    #expect(try proof.transitivity(h("a"), h("c")).formula == le(x, z).canonical)
    #expect(try proof.transitivity(h("c"), h("f")).formula == le(y, x).canonical)
    // The middle terms may differ in spelling when their ring forms agree.
    #expect(try proof.transitivity(h("a"), h("e")).formula == le(x, z).canonical)
    let (a, d, f, g) = (try h("a"), try h("d"), try h("f"), try h("g"))
    #expect(
      refusal { try proof.transitivity(a, d) }
        == .shape("relations that chain (not ≤ then >)", d.formula))
    #expect(refusal { try proof.transitivity(a, g) }?.name == "shape")
    #expect(
      refusal { try proof.transitivity(a, f) } == .mismatch(expected: le(y, x), found: f.formula))
  }

  /// Symmetry is ring with the equation as a rewrite (there is no separate rule).
  @Test func anEquationTurnsByRingWithIt() throws {
    let proof = state(["e": eq(x, add(y, num(1))), "l": le(x, y)])
    let e = try proof.hypothesis("e")
    #expect(
      try proof.ring(add(y, num(1)), x, using: [e]).formula == eq(add(y, num(1)), x).canonical)
    let l = try proof.hypothesis("l")
    #expect(
      refusal { try proof.ring(y, x, using: [l]) }
        == .shape("an equation to rewrite with", l.formula))
  }

  @Test func nonzeroFollowsFromAStrictInequality() throws {
    let proof = state(["p": gt(x, num(0)), "m": lt(y, x), "w": ge(x, num(0))])
    #expect(try proof.nonzero(try proof.hypothesis("p")).formula == ne(x, num(0)).canonical)
    #expect(try proof.nonzero(try proof.hypothesis("m")).formula == ne(y, x).canonical)
    let w = try proof.hypothesis("w")
    #expect(refusal { try proof.nonzero(w) } == .shape("a strict inequality", w.formula))
  }

  @Test func admitRecordsItsLabel() {
    let admitted = state().admit(gt(x, num(0)), label: "step-1")
    #expect(admitted.formula == gt(x, num(0)).canonical)
    #expect(admitted.uses == ["admitted:step-1"])
  }

  @Test func qedNeedsTheConclusionExactly() throws {
    let conclusion = Formula.forall(Variable("a", .real), ge(pow(v("a"), 2), num(0)))
    let proof = state(
      ["h": .forall(Variable("b", .real), ge(pow(v("b"), 2), num(0))), "g": gt(x, num(0))],
      conclusion: conclusion)
    // The same formula up to the name of the bound variable.
    let checked = try proof.qed(try proof.hypothesis("h"))
    #expect(checked.id == "result" && checked.uses == ["hyp:h"])
    let g = try proof.hypothesis("g")
    #expect(refusal { try proof.qed(g) } == .mismatch(expected: conclusion, found: g.formula))
  }

  @Test func qedRefusesAnythingRestingOnAnAdmittedStep() throws {
    let proof = state(["i": .implies(gt(x, num(0)), gt(y, num(0)))], conclusion: gt(y, num(0)))
    let admitted = proof.admit(gt(x, num(0)), label: "step-2")
    let derived = try proof.modusPonens(try proof.hypothesis("i"), admitted)
    #expect(refusal { try proof.qed(derived) } == .admitted("step-2"))
    #expect(
      refusal { try proof.qed(proof.admit(gt(y, num(0)), label: "last")) } == .admitted("last"))
  }

  // MARK: Equality, generalisation, sums

  @Test func fixThenGeneralize() throws {
    var proof = state()
    let w = try proof.fix("w", .real)
    let body = try proof.ring(add(v("w"), num(0)), v("w"))
    let general = try proof.generalize(body, over: w)
    #expect(
      general.formula
        == Formula.forall(Variable("a", .real), eq(add(v("a"), num(0)), v("a"))).canonical)
    #expect(refusal { try proof.fix("w", .nat) } == .notFresh("w"))
    #expect(refusal { try proof.fix("x", .real) } == .notFresh("x"))
    #expect(refusal { try proof.fix("#1", .real) } == .notFresh("#1"))
    // Only a fixed variable can be generalised over: not a parameter, not an unknown name.
    #expect(refusal { try proof.generalize(body, over: Variable("x", .real)) } == .notFresh("x"))
    #expect(refusal { try proof.generalize(body, over: Variable("u", .real)) } == .notFresh("u"))
    #expect(refusal { try proof.generalize(body, over: Variable("w", .nat)) } == .notFresh("w"))
  }

  /// `∀i:ℕ. i ≤ i + 1`, proved as a user would: fix, linarith, generalize.
  func successorBound(_ proof: inout ProofState) throws -> Theorem {
    let i = try proof.fix("i", .nat)
    let step = try proof.linarith(
      le(.variable(i), add(.variable(i), num(1))), facts: [],
      certificate: LinearCertificate(constant: .one, linear: []))
    return try proof.generalize(step, over: i)
  }

  @Test func sumMonotoneLiftsAPointwiseBound() throws {
    var proof = state()
    let pointwise = try successorBound(&proof)
    let k = Variable("k", .nat)
    let (low, high) = (
      sum(k, num(0), n, v("k", .nat)), sum(k, num(0), n, add(v("k", .nat), num(1)))
    )
    let result = try proof.sumMonotone(low, high, pointwise: pointwise)
    #expect(result.formula == le(low, high).canonical)
    // A pointwise bound about another body, over a product, or with different ranges.
    let other = sum(k, num(0), n, add(v("k", .nat), num(2)))
    #expect(refusal { try proof.sumMonotone(low, other, pointwise: pointwise) }?.name == "mismatch")
    let product = { (body: Term) in Term.bind(.product, k, range: [num(0), n], body: body) }
    #expect(
      refusal {
        try proof.sumMonotone(
          product(v("k", .nat)), product(add(v("k", .nat), num(1))), pointwise: pointwise)
      }?
      .name == "shape")
    #expect(
      refusal {
        try proof.sumMonotone(
          low, sum(k, num(1), n, add(v("k", .nat), num(1))), pointwise: pointwise)
      }?
      .name == "shape")
  }

  @Test func sumMonotoneOverAnExpectationNeedsADistribution() throws {
    var proof = state()
    let text = try proof.fix("r", .text)
    let bound = try proof.bounds(prob(lawP, .variable(text)), facts: [])[1]
    let pointwise = try proof.generalize(bound, over: text)
    let r = Variable("r", .text)
    let result = try proof.sumMonotone(
      expectation(r, lawQ, prob(lawP, v("r", .text))), expectation(r, lawQ, num(1)),
      pointwise: pointwise)
    #expect(
      result.formula
        == le(expectation(r, lawQ, prob(lawP, v("r", .text))), expectation(r, lawQ, num(1)))
        .canonical)
    let law = mix(num(2), lawP, lawQ)
    let error = refusal {
      try proof.sumMonotone(
        expectation(r, law, prob(lawP, v("r", .text))), expectation(r, law, num(1)),
        pointwise: pointwise)
    }
    guard case .axiom("sumMonotone", _)? = error else {
      Issue.record("expected an axiom refusal, got \(String(describing: error))")
      return
    }
  }

  @Test func sumTriangleBoundsTheAbsoluteValue() throws {
    let proof = state()
    let k = Variable("k", .nat)
    let total = sum(k, num(0), n, sub(x, v("k", .nat)))
    #expect(
      try proof.sumTriangle(total).formula
        == le(absolute(total), sum(k, num(0), n, absolute(sub(x, v("k", .nat))))).canonical)
    let r = Variable("r", .text)
    let mean = expectation(r, lawP, prob(lawQ, v("r", .text)))
    #expect(
      try proof.sumTriangle(mean).formula
        == le(absolute(mean), expectation(r, lawP, absolute(prob(lawQ, v("r", .text))))).canonical)
    let product = Term.bind(.product, k, range: [num(0), n], body: sub(x, v("k", .nat)))
    #expect(refusal { try proof.sumTriangle(product) }?.name == "shape")
    #expect(refusal { try proof.sumTriangle(x) }?.name == "shape")
    #expect(
      refusal { try proof.sumTriangle(sum(k, num(0), v("m", .nat), x)) } == .unknownVariables(["m"])
    )
    let error = refusal { try proof.sumTriangle(expectation(r, mix(num(2), lawP, lawQ), num(1))) }
    #expect(error == .axiom("sumTriangle", "the law is not known to be a distribution"))
  }

  // MARK: ring and field

  @Test func ringProvesPolynomialIdentities() throws {
    let proof = state()
    let square = try proof.ring(
      pow(add(x, y), 2), add(add(pow(x, 2), mul(num(2), mul(x, y))), pow(y, 2)))
    #expect(
      square.formula
        == eq(pow(add(x, y), 2), add(add(pow(x, 2), mul(num(2), mul(x, y))), pow(y, 2))).canonical)
    // Division is total with x/0 = 0, and 1/(2x) = (1/2)·(1/x) holds for every x.
    #expect(try proof.ring(div(x, num(0)), num(0)).formula == eq(div(x, num(0)), num(0)).canonical)
    #expect(
      try proof.ring(div(num(1), mul(num(2), x)), mul(num(1, 2), div(num(1), x))).uses.isEmpty)
    #expect(
      refusal { try proof.ring(pow(add(x, y), 2), add(pow(x, 2), pow(y, 2))) }
        == .notEqual(pow(add(x, y), 2), add(pow(x, 2), pow(y, 2))))
    #expect(refusal { try proof.ring(x, v("w")) } == .unknownVariables(["w"]))
  }

  @Test func ringRewritesWithEquations() throws {
    let proof = state(["e": eq(x, add(y, num(1))), "l": le(x, y)])
    let e = try proof.hypothesis("e")
    let result = try proof.ring(sub(x, y), num(1), using: [e])
    #expect(result.formula == eq(sub(x, y), num(1)).canonical)
    #expect(result.uses == ["hyp:e"])
    #expect(refusal { try proof.ring(sub(x, y), num(1)) } == .notEqual(sub(x, y), num(1)))
    let l = try proof.hypothesis("l")
    #expect(
      refusal { try proof.ring(sub(x, y), num(1), using: [l]) }
        == .shape("an equation to rewrite with", l.formula))
  }

  @Test func fieldCancelsDivisorsKnownNonzero() throws {
    let proof = state([
      "nz": ne(x, num(0)), "pos": gt(x, num(0)), "neg": lt(sub(x, num(1)), num(0)),
    ])
    let (nz, pos, negative) = (
      try proof.hypothesis("nz"), try proof.hypothesis("pos"), try proof.hypothesis("neg")
    )
    let cancelled = try proof.field(div(x, x), num(1), facts: [nz])
    #expect(cancelled.formula == eq(div(x, x), num(1)).canonical)
    #expect(cancelled.uses == ["hyp:nz"])
    #expect(try proof.field(mul(x, pow(x, -1)), num(1), facts: [pos]).uses == ["hyp:pos"])
    // (x² − 1)/(x − 1) = x + 1 when x − 1 < 0.
    let quotient = div(sub(pow(x, 2), num(1)), sub(x, num(1)))
    #expect(
      try proof.field(quotient, add(x, num(1)), facts: [negative]).formula
        == eq(quotient, add(x, num(1))).canonical)
    #expect(
      refusal { try proof.field(div(x, y), div(y, x), facts: [nz]) }
        == .notEqual(div(x, y), div(y, x)))
    #expect(
      refusal { try proof.field(quotient, add(x, num(1)), facts: [nz]) }
        == .sideCondition(ne(sub(x, num(1)), num(0))))
  }

  @Test func fieldRewritesWithEquations() throws {
    let proof = state(["e": eq(y, mul(num(2), x)), "nz": ne(x, num(0))])
    let (e, nz) = (try proof.hypothesis("e"), try proof.hypothesis("nz"))
    let result = try proof.field(div(y, x), num(2), facts: [nz], using: [e])
    #expect(result.formula == eq(div(y, x), num(2)).canonical)
    #expect(result.uses == ["hyp:e", "hyp:nz"])
    #expect(
      refusal { try proof.field(div(y, x), num(2), facts: [nz]) } == .notEqual(div(y, x), num(2)))
  }

  // MARK: linarith

  @Test func linarithReplaysACertificate() throws {
    let proof = state(["a": ge(x, num(0)), "b": gt(y, num(1)), "e": eq(z, add(x, y))])
    let (a, b, e) = (
      try proof.hypothesis("a"), try proof.hypothesis("b"), try proof.hypothesis("e")
    )
    // z > 1: z − 1 = 1·(z − x − y) + 1·x + 1·(y − 1), strict through b.
    let goal = gt(z, num(1))
    let result = try proof.linarith(
      goal, facts: [a, b, e], certificate: LinearCertificate(constant: .zero, linear: [1, 1, 1]))
    #expect(result.formula == goal.canonical)
    #expect(result.uses == ["hyp:a", "hyp:b", "hyp:e"])
    // An equation may take a negative coefficient: x + y ≥ z from z − x − y = 0.
    #expect(
      try proof.linarith(
        le(z, add(x, y)), facts: [e], certificate: LinearCertificate(constant: .zero, linear: [-1])
      ).uses == ["hyp:e"])
    // A product of two inequalities with a nonnegative coefficient.
    let product = try proof.linarith(
      ge(mul(x, sub(y, num(1))), num(0)), facts: [a, b],
      certificate: LinearCertificate(constant: .zero, linear: [0, 0], products: [.init(0, 1, 1)]))
    #expect(product.formula == ge(mul(x, sub(y, num(1))), num(0)).canonical)
    #expect(
      refusal {
        try proof.linarith(
          gt(z, num(2)), facts: [a, b, e],
          certificate: LinearCertificate(constant: .zero, linear: [1, 1, 1]))
      }
        == .certificate("the combination of the facts is not the goal"))
  }

  /// Ex falso: facts whose combination is a constant below 0 (or 0, strictly) contradict
  /// each other, and then any goal follows; a combination that is 0 non-strictly does not.
  @Test func linarithProvesAnythingFromContradictoryFacts() throws {
    let proof = state([
      "p": gt(x, num(1)), "q": le(x, num(1)), "r": ge(x, num(1)), "s": ge(y, num(0)),
    ])
    let (p, q, r, s) = (
      try proof.hypothesis("p"), try proof.hypothesis("q"), try proof.hypothesis("r"),
      try proof.hypothesis("s")
    )
    // (x − 1) + (1 − x) = 0, strictly through p: 0 > 0 is false, so z > 5 follows.
    let goal = gt(z, num(5))
    let absurd = try proof.linarith(
      goal, facts: [p, q], certificate: LinearCertificate(constant: .zero, linear: [1, 1]))
    #expect(absurd.formula == goal.canonical)
    #expect(absurd.uses == ["hyp:p", "hyp:q"])
    // (x − 1) + 2·(1 − x) = 1 − x is not a constant: refused.
    #expect(
      refusal {
        try proof.linarith(
          goal, facts: [p, q], certificate: LinearCertificate(constant: .zero, linear: [1, 2]))
      } == .certificate("the combination of the facts is not the goal"))
    // (x − 1) ≥ 0 and (1 − x) ≥ 0 are consistent (x = 1): their sum 0 ≥ 0 proves nothing.
    #expect(
      refusal {
        try proof.linarith(
          goal, facts: [r, q], certificate: LinearCertificate(constant: .zero, linear: [1, 1]))
      } == .certificate("the combination of the facts is not the goal"))
    // A positive constant added to a zero combination is not absurd either (1 > 0 is true).
    #expect(
      refusal {
        try proof.linarith(
          goal, facts: [r, q], certificate: LinearCertificate(constant: .one, linear: [1, 1]))
      } == .certificate("the combination of the facts is not the goal"))
    // An unrelated consistent fact does not help.
    #expect(
      refusal {
        try proof.linarith(
          goal, facts: [s], certificate: LinearCertificate(constant: .zero, linear: [0]))
      } == .certificate("the combination of the facts is not the goal"))
  }

  // MARK: sign and bounds

  @Test func signReadsTheStructure() throws {
    let proof = state(["d": gt(x, y), "nz": ne(y, num(0)), "m": lt(z, num(0))])
    let (d, nz, m) = (
      try proof.hypothesis("d"), try proof.hypothesis("nz"), try proof.hypothesis("m")
    )
    #expect(
      try proof.sign(add(pow(x, 2), num(1)), facts: []).formula
        == gt(add(pow(x, 2), num(1)), num(0)).canonical)
    #expect(try proof.sign(sub(x, y), facts: [d]).formula == gt(sub(x, y), num(0)).canonical)
    #expect(try proof.sign(mul(y, z), facts: [nz, m]).formula == ne(mul(y, z), num(0)).canonical)
    #expect(try proof.sign(absolute(y), facts: [nz]).formula == gt(absolute(y), num(0)).canonical)
    #expect(try proof.sign(prob(lawP, s), facts: []).formula == ge(prob(lawP, s), num(0)).canonical)
    #expect(try proof.sign(exp(x), facts: []).formula == gt(exp(x), num(0)).canonical)
    #expect(
      refusal { try proof.sign(sub(x, y), facts: []) } == .sideCondition(ge(sub(x, y), num(0))))
    #expect(refusal { try proof.sign(log(x), facts: []) } == .sideCondition(ge(log(x), num(0))))
    #expect(refusal { try proof.sign(v("w"), facts: []) } == .unknownVariables(["w"]))
  }

  @Test func boundsGivesTheVocabularysRanges() throws {
    let proof = state()
    #expect(
      try proof.bounds(prob(lawP, s), facts: []).map(\.formula) == [
        le(num(0), prob(lawP, s)).canonical, le(prob(lawP, s), num(1)).canonical,
      ])
    let behavior = Term.apply(.behavior, [behaviorB, t])
    #expect(
      try proof.bounds(behavior, facts: []).map(\.formula) == [
        le(num(-1), behavior).canonical, le(behavior, num(1)).canonical,
      ])
    #expect(try proof.bounds(exp(x), facts: []).map(\.formula) == [lt(num(0), exp(x)).canonical])
    #expect(try proof.bounds(n, facts: []).map(\.formula) == [le(num(0), n).canonical])
    // Nothing for terms the vocabulary does not bound, or for a "law" that is no distribution.
    #expect(try proof.bounds(x, facts: []).isEmpty)
    #expect(try proof.bounds(prob(mix(num(2), lawP, lawQ), s), facts: []).isEmpty)
    #expect(
      refusal { try proof.bounds(prob(v("R", .dist), s), facts: []) } == .unknownVariables(["R"]))
  }

  /// The sort Behavior's range is an assumption a what-if may edit: `bounds` states the
  /// edited range, and a range without 0 (where a conditional on a null prefix puts a
  /// behavior expectation) is refused.
  @Test func boundsFollowTheBehaviorRange() throws {
    let statement = ResultStatement(
      id: "result", parameters: parameters, hypotheses: [], conclusion: .truth(true))
    let behavior = Term.apply(.behavior, [behaviorB, t])
    let wide = try ProofState(
      statement, definitions: [], behaviorRange: (Rational(-2), Rational(BigInt(1), BigInt(2))))
    #expect(
      try wide.bounds(behavior, facts: []).map(\.formula) == [
        le(num(-2), behavior).canonical, le(behavior, num(1, 2)).canonical,
      ])
    // -1 ≤ B(t) no longer holds as a bound of the vocabulary: linarith cannot get it.
    #expect(
      try wide.bounds(behavior, facts: []).map(\.formula).contains(le(num(-1), behavior).canonical)
        == false)
    let half = Rational(BigInt(1), BigInt(2))
    for (low, high) in [(half, Rational(1)), (Rational(-1), -half)] {
      #expect(throws: KernelError.self) {
        try ProofState(statement, definitions: [], behaviorRange: (low, high))
      }
    }
    #expect(
      try ProofState(statement, definitions: [], behaviorRange: (0, 1)).behaviorRange.low == 0)
  }

  /// The range of `Prob` variables (an assumption edit): `bounds` gives a Prob variable's
  /// edited ends, a probability of a text keeps [0, 1], a probability may stand for a Prob
  /// variable only when [0, 1] lies in the range, and a range reaching below 0 (where a Prob
  /// variable would not be nonnegative, as `sign` says) or an empty one is refused.
  @Test func boundsFollowTheProbRange() throws {
    let p = Variable("p", .prob)
    let statement = ResultStatement(
      id: "result", parameters: parameters + [p], hypotheses: [], conclusion: .truth(true))
    let half = Rational(BigInt(1), BigInt(2))
    let wide = try ProofState(statement, definitions: [], probRange: (0, 2))
    #expect(
      try wide.bounds(.variable(p), facts: []).map(\.formula) == [
        le(num(0), .variable(p)).canonical, le(.variable(p), num(2)).canonical,
      ])
    let text = prob(lawP, s)
    #expect(
      try wide.bounds(text, facts: []).map(\.formula) == [
        le(num(0), text).canonical, le(text, num(1)).canonical,
      ])
    let narrow = try ProofState(statement, definitions: [], probRange: (half, 1))
    #expect(
      try narrow.bounds(.variable(p), facts: []).map(\.formula).first
        == le(num(1, 2), .variable(p)).canonical)
    // ∀ q : Prob, q ≥ 1/2 holds in [1/2, 1]; P(s) may not stand for q there (it can be 0),
    // and may in [0, 2], which holds [0, 1].
    let q = Variable("q", .prob)
    let claim = Formula.forall(q, ge(.variable(q), num(1, 2)))
    let inNarrow = try ProofState(
      ResultStatement(
        id: "result", parameters: parameters, hypotheses: [(name: "h", formula: claim)],
        conclusion: .truth(true)), definitions: [], probRange: (half, 1))
    let h = try inNarrow.hypothesis("h")
    #expect(refusal { try inNarrow.instantiate(h, with: text) }?.name == "notAdmissible")
    let inWide = try ProofState(
      ResultStatement(
        id: "result", parameters: parameters, hypotheses: [(name: "h", formula: claim)],
        conclusion: .truth(true)), definitions: [], probRange: (0, 2))
    #expect(try inWide.instantiate(try inWide.hypothesis("h"), with: text).formula != .truth(true))
    for (low, high) in [(Rational(-1), Rational(1)), (Rational(1), half)] {
      #expect(throws: KernelError.self) {
        try ProofState(statement, definitions: [], probRange: (low, high))
      }
    }
  }

  // MARK: mono

  @Test func monoFollowsMonotoneContexts() throws {
    let proof = state(["l": lt(x, y), "w": le(x, y), "z": gt(z, num(0)), "zw": ge(z, num(0))])
    func h(_ name: String) throws -> Theorem { try proof.hypothesis(name) }
    #expect(
      try proof.mono(add(x, num(1)), add(y, num(1)), leaf: h("l"), facts: []).formula
        == lt(add(x, num(1)), add(y, num(1))).canonical)
    #expect(
      try proof.mono(mul(z, x), mul(z, y), leaf: h("l"), facts: [h("z")]).formula
        == lt(mul(z, x), mul(z, y)).canonical)
    #expect(
      try proof.mono(exp(div(x, z)), exp(div(y, z)), leaf: h("w"), facts: [h("z")]).formula
        == le(exp(div(x, z)), exp(div(y, z))).canonical)
    #expect(
      refusal { try proof.mono(mul(z, x), mul(num(2), y), leaf: h("l"), facts: []) }?.name
        == "shape")
    #expect(
      refusal { try proof.mono(absolute(x), absolute(y), leaf: h("l"), facts: []) }?.name == "shape"
    )
    #expect(refusal { try proof.mono(x, y, leaf: h("z"), facts: []) }?.name == "shape")
  }
}

/// `"hyp:h"`, `"lemma:id"`, `"def:id"`, `"admitted:label"`, `"assumption:n"`: dependencies
/// written as the labels the checker prints, to keep the expectations short.
extension Dependency: ExpressibleByStringLiteral {
  public init(stringLiteral text: String) {
    let (kind, name) = (text.prefix { $0 != ":" }, String(text.drop { $0 != ":" }.dropFirst()))
    switch kind {
    case "hyp": self = .hypothesis(name)
    case "lemma": self = .result(name)
    case "def": self = .definition(name)
    case "admitted": self = .admitted(name)
    default: self = .assumption(Int(name)!)
    }
  }
}
