import Testing

@testable import BEBKernel

/// `assume`, `discharge` and `cases`: case analysis on a disjunction.
@Suite struct CasesRuleTests {
  let x = Variable("x", .real)
  let y = Variable("y", .real)
  var xt: Term { .variable(x) }
  func n(_ k: Int) -> Term { .number(Rational(k)) }

  func state(_ hypotheses: [(String, Formula)]) -> ProofState {
    try! ProofState(
      ResultStatement(
        id: "t", parameters: [x, y], hypotheses: hypotheses.map { (name: $0.0, formula: $0.1) },
        conclusion: .relation(.ge, xt, n(0))),
      definitions: [])
  }

  @Test func proofByCasesIsAccepted() throws {
    let either = Formula.or([.relation(.eq, xt, n(0)), .relation(.eq, xt, n(1))])
    var s = state([("h", either)])
    let h = try s.hypothesis("h")
    var branches: [Theorem] = []
    for part in [Formula.relation(.eq, xt, n(0)), .relation(.eq, xt, n(1))] {
      let a = try s.assume(part)
      let goal = Formula.relation(.ge, xt, n(0))
      let proved = try s.linarith(
        goal, facts: [a],
        certificate: LinearCertificate(
          constant: part == .relation(.eq, xt, n(1)) ? .one : .zero, linear: [.one]))
      branches.append(try s.discharge(proved, a))
    }
    let result = try s.cases(h, branches)
    #expect(result.formula == Formula.relation(.ge, xt, n(0)).canonical)
    _ = try s.qed(result)
  }

  @Test func openAssumptionsCannotEndAProof() throws {
    var s = state([])
    let a = try s.assume(.relation(.ge, xt, n(0)))
    #expect(throws: KernelError.self) { try s.qed(a) }
  }

  @Test func casesNeedsEveryCase() throws {
    let either = Formula.or([.relation(.eq, xt, n(0)), .relation(.eq, xt, n(-1))])
    var s = state([("h", either)])
    let h = try s.hypothesis("h")
    let a = try s.assume(.relation(.eq, xt, n(0)))
    let proved = try s.linarith(
      .relation(.ge, xt, n(0)), facts: [a],
      certificate: LinearCertificate(constant: .zero, linear: [.one]))
    let branch = try s.discharge(proved, a)
    // Only one branch for two cases, or the same branch twice: refused.
    #expect(throws: KernelError.self) { try s.cases(h, [branch]) }
    #expect(throws: KernelError.self) { try s.cases(h, [branch, branch]) }
  }

  @Test func dischargeNeedsAnAssumption() throws {
    var s = state([("h", .relation(.ge, xt, n(0)))])
    let h = try s.hypothesis("h")
    _ = try s.assume(.relation(.ge, xt, n(0)))
    #expect(throws: KernelError.self) { try s.discharge(h, h) }
  }

  @Test func generalizeRefusesAnOpenAssumptionAboutTheVariable() throws {
    var s = state([])
    let z = try s.fix("z", .real)
    let a = try s.assume(.relation(.gt, .variable(z), n(0)))
    #expect(throws: KernelError.self) { try s.generalize(a, over: z) }
  }
}
