import Testing

@testable import BEBKernel

/// Normalisation has budgets: past them a product or power stays an atom, so no input can
/// make a rule run for minutes, and the rule stays sound (an atom is only less normalised).
@Suite struct BudgetTests {
  @Test func aHugePowerStaysAnAtomAndRingStillDecides() throws {
    let (x, y, z, w) = (
      Variable("x", .real), Variable("y", .real), Variable("z", .real), Variable("w", .real)
    )
    func sum(_ vs: [Variable]) -> Term {
      vs.dropFirst().reduce(Term.variable(vs[0])) { .apply(.add, [$0, .variable($1)]) }
    }
    let state = try ProofState(
      ResultStatement(id: "t", parameters: [x, y, z, w], hypotheses: [], conclusion: .truth(true)),
      definitions: [])
    let sixty = Term.number(Rational(60))
    let left = Term.apply(.pow, [sum([x, y, z, w]), sixty])
    let right = Term.apply(.pow, [sum([w, z, y, x]), sixty])
    // Equal: the atoms have the same normalised base.
    let theorem = try state.ring(left, right)
    #expect(theorem.formula == Formula.relation(.eq, left, right).canonical)
    // Not equal: a different base is a different atom.
    let other = Term.apply(.pow, [sum([x, y, z]), sixty])
    #expect(throws: KernelError.self) { try state.ring(left, other) }
  }
}
