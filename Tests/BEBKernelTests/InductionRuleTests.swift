import Testing

@testable import BEBKernel

/// `induction` (φ(0), ∀k. k ≥ 1 ⇒ φ(k - 1) ⇒ φ(k) ⊢ ∀k. k ≥ 0 ⇒ φ(k), k an Int) and
/// `disjunction` (φi ⊢ φ1 ∨ … ∨ φn).
@Suite struct InductionRuleTests {
  let x = Variable("x", .real)
  let k = Variable("k", .int)
  var xt: Term { .variable(x) }
  var kt: Term { .variable(k) }
  func n(_ v: Int) -> Term { .number(Rational(v)) }

  /// φ(t) := x ≥ t (any formula in k will do: the rule looks at shapes only).
  func phi(_ t: Term) -> Formula { .relation(.ge, xt, t) }
  var previous: Term { .apply(.sub, [kt, n(1)]) }
  func step(_ from: Formula, _ guardTerm: Term = .number(.one)) -> Formula {
    .forall(k, .implies(.relation(.ge, kt, guardTerm), .implies(from, phi(kt))))
  }
  var claim: Formula { .forall(k, .implies(.relation(.ge, kt, n(0)), phi(kt))) }

  func state(_ hypotheses: [(String, Formula)], conclusion: Formula) -> ProofState {
    try! ProofState(
      ResultStatement(
        id: "t", parameters: [x], hypotheses: hypotheses.map { (name: $0.0, formula: $0.1) },
        conclusion: conclusion),
      definitions: [])
  }

  @Test func inductionFromBaseAndStepIsAccepted() throws {
    let s = state([("base", phi(n(0))), ("step", step(phi(previous)))], conclusion: claim)
    let result = try s.induction(
      claim, base: try s.hypothesis("base"), step: try s.hypothesis("step"))
    #expect(result.formula == claim.canonical)
    _ = try s.qed(result)
  }

  @Test func theStepMayNameItsVariableDifferently() throws {
    let j = Variable("j", .int)
    let renamed = Formula.forall(
      j,
      .implies(
        .relation(.ge, .variable(j), n(1)),
        .implies(phi(.apply(.sub, [.variable(j), n(1)])), phi(.variable(j)))))
    let s = state([("base", phi(n(0))), ("step", renamed)], conclusion: claim)
    _ = try s.induction(claim, base: try s.hypothesis("base"), step: try s.hypothesis("step"))
  }

  @Test func aVariableNamedKBoundInsidePhiIsNotTheInductionVariable() throws {
    // φ(k) := x ≥ k ∧ ∀ k : Int, k ≥ 0 ⇒ x ≥ -k: the inner k is φ's own, left alone by
    // k := k - 1, so the step's premise is x ≥ k - 1 ∧ (the same inner formula).
    let inner = Formula.forall(
      k, .implies(.relation(.ge, kt, n(0)), .relation(.ge, xt, .apply(.neg, [kt]))))
    let phiOf = { (t: Term) -> Formula in .and([self.phi(t), inner]) }
    let claim = Formula.forall(k, .implies(.relation(.ge, kt, n(0)), phiOf(kt)))
    let good = Formula.forall(
      k, .implies(.relation(.ge, kt, n(1)), .implies(phiOf(previous), phiOf(kt))))
    let s = state([("base", phiOf(n(0))), ("step", good)], conclusion: claim)
    _ = try s.induction(claim, base: try s.hypothesis("base"), step: try s.hypothesis("step"))
    // Substituting into the inner binder too (x ≥ -(k - 1)) is not the rule's premise.
    let captured = Formula.forall(
      k,
      .implies(
        .relation(.ge, kt, n(1)),
        .implies(
          .and([
            phi(previous),
            .forall(
              k,
              .implies(
                .relation(.ge, kt, n(0)), .relation(.ge, xt, .apply(.neg, [previous])))),
          ]), phiOf(kt))))
    let t = state([("base", phiOf(n(0))), ("step", captured)], conclusion: claim)
    #expect(throws: KernelError.self) {
      try t.induction(claim, base: try t.hypothesis("base"), step: try t.hypothesis("step"))
    }
  }

  @Test func aBaseOtherThanZeroIsRefused() throws {
    let s = state([("base", phi(n(1))), ("step", step(phi(previous)))], conclusion: claim)
    #expect(throws: KernelError.self) {
      try s.induction(claim, base: try s.hypothesis("base"), step: try s.hypothesis("step"))
    }
  }

  @Test func aStepThatDoesNotUseThePreviousCaseIsRefused() throws {
    // φ(k) ⇒ φ(k) instead of φ(k - 1) ⇒ φ(k).
    let s = state([("base", phi(n(0))), ("step", step(phi(kt)))], conclusion: claim)
    #expect(throws: KernelError.self) {
      try s.induction(claim, base: try s.hypothesis("base"), step: try s.hypothesis("step"))
    }
  }

  @Test func aStepFromZeroOnIsRefused() throws {
    // k ≥ 0 ⇒ φ(k - 1) ⇒ φ(k): not the rule's shape.
    let s = state([("base", phi(n(0))), ("step", step(phi(previous), n(0)))], conclusion: claim)
    #expect(throws: KernelError.self) {
      try s.induction(claim, base: try s.hypothesis("base"), step: try s.hypothesis("step"))
    }
  }

  @Test func aClaimOverTheRealsIsRefused() throws {
    let r = Variable("k", .real)
    let overReals = Formula.forall(
      r, .implies(.relation(.ge, .variable(r), n(0)), phi(.variable(r))))
    let realStep = Formula.forall(
      r,
      .implies(
        .relation(.ge, .variable(r), n(1)),
        .implies(phi(.apply(.sub, [.variable(r), n(1)])), phi(.variable(r)))))
    let s = state([("base", phi(n(0))), ("step", realStep)], conclusion: overReals)
    #expect(throws: KernelError.self) {
      try s.induction(overReals, base: try s.hypothesis("base"), step: try s.hypothesis("step"))
    }
  }

  @Test func aClaimWithoutTheLowerBoundIsRefused() throws {
    let unbounded = Formula.forall(k, phi(kt))
    let s = state([("base", phi(n(0))), ("step", step(phi(previous)))], conclusion: unbounded)
    #expect(throws: KernelError.self) {
      try s.induction(unbounded, base: try s.hypothesis("base"), step: try s.hypothesis("step"))
    }
  }

  @Test func theoremsOfAnotherProofAreRefused() throws {
    let other = state([("base", phi(n(0))), ("step", step(phi(previous)))], conclusion: claim)
    let s = state([("base", phi(n(0))), ("step", step(phi(previous)))], conclusion: claim)
    #expect(throws: KernelError.self) {
      try s.induction(
        claim, base: try other.hypothesis("base"), step: try s.hypothesis("step"))
    }
  }

  @Test func aDisjunctionFollowsFromOneOfItsParts() throws {
    let either = Formula.or([.relation(.lt, xt, n(0)), phi(n(0))])
    let s = state([("h", phi(n(0)))], conclusion: either)
    let result = try s.disjunction(try s.hypothesis("h"), either)
    #expect(result.formula == either.canonical)
    _ = try s.qed(result)
  }

  @Test func aDisjunctionDoesNotFollowFromAnotherFact() throws {
    let either = Formula.or([.relation(.lt, xt, n(0)), phi(n(1))])
    let s = state([("h", phi(n(0)))], conclusion: either)
    #expect(throws: KernelError.self) { try s.disjunction(try s.hypothesis("h"), either) }
    // Nor may its other part mention a variable the proof does not know.
    let z = Variable("z", .real)
    let stranger = Formula.or([phi(n(0)), .relation(.lt, .variable(z), n(0))])
    #expect(throws: KernelError.self) { try s.disjunction(try s.hypothesis("h"), stranger) }
  }
}
