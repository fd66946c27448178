import BEBKernel
import Testing

@testable import BEBNumeric

/// The work budget of one decision: a formula that needs more work is `unknown` (never a
/// wrong verdict), the next decision starts with a full budget, and a value whose
/// computation ran out is not cached (its completed parts are).
struct FuelTests {
  let i = Variable("i", .nat)
  let j = Variable("j", .nat)
  let k = Variable("k", .nat)

  /// Σ_{v = 0..64} body.
  func sum(_ v: Variable, _ body: Term) -> Term {
    .bind(.sum, v, range: [.number(.zero), .number(Rational(64))], body: body)
  }

  @Test func aDecisionThatNeedsTooMuchWorkIsUnknown() {
    let world = World(sentences: 2, horizon: 1, values: [:])
    let evaluator = Evaluator(world: world, definitions: [:])
    // 65³ = 274625 terms (the body mentions i, j and k, so no inner sum is computed once
    // for all): more than the budget (100000 units). The sum is 3 · 65² · (0 + … + 64).
    let body = Term.apply(.add, [.apply(.add, [.variable(i), .variable(j)]), .variable(k)])
    let three = sum(i, sum(j, sum(k, body)))
    let big = Formula.relation(.eq, three, .number(Rational(26_364_000)))
    #expect(evaluator.truth(big) == .unknown)
    #expect(evaluator.ranOutOfWork)
    // The next decision has a full budget again: 65² = 4225 terms.
    let two = Formula.relation(.eq, sum(i, sum(j, .number(.one))), .number(Rational(4225)))
    #expect(evaluator.truth(two) == .yes)
    #expect(!evaluator.ranOutOfWork)
    // What was computed within a budget is cached (inner sums), the exhausted outer value
    // is not: asking again makes progress, and every answer on the way is unknown or right.
    var answers: [Truth] = []
    for _ in 0..<5 { answers.append(evaluator.truth(big)) }
    #expect(answers.allSatisfy { $0 != .no })
    #expect(answers.last == .yes)
    let wrong = Formula.relation(.eq, three, .number(Rational(7)))
    #expect(evaluator.truth(wrong) == .no)
  }

  @Test func withinTheBudgetEveryVerdictStands() {
    let world = World(sentences: 2, horizon: 1, values: [:])
    let evaluator = Evaluator(world: world, definitions: [:])
    let two = sum(i, sum(j, .number(.one)))
    #expect(evaluator.truth(.relation(.eq, two, .number(Rational(4225)))) == .yes)
    #expect(evaluator.truth(.relation(.eq, two, .number(Rational(4224)))) == .no)
  }
}
