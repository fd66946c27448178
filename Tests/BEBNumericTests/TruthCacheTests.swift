import BEBKernel
import Testing

@testable import BEBNumeric

/// The truths of quantified formulas kept on a world (`EvaluationCache.truth`): one key for
/// formulas that differ only in the names of their free variables, other keys for other
/// values, and nothing kept that the context of the decision left undecided.
struct TruthCacheTests {
  let s = Variable("s", .text)
  let b = Variable("B", .behavior)
  let c = Variable("C", .behavior)

  /// ∃ s : Text, |s| = 1 ∧ beh(s) > 0.
  func somePositive(_ beh: Variable) -> Formula {
    let one = Formula.relation(.eq, .apply(.length, [.variable(s)]), .number(.one))
    let positive = Formula.relation(
      .gt, .apply(.behavior, [.variable(beh), .variable(s)]), .number(.zero))
    return .exists(s, .and([one, positive]))
  }

  func world(_ name: Variable, _ scores: [Rational]) -> World {
    World(sentences: scores.count, horizon: 1, values: [name: .behavior(scores)])
  }

  func key(_ f: Formula, _ evaluator: Evaluator) -> EvaluationCache.Hashed<EvaluationCache.TruthKey>
  {
    evaluator.cache.truthKey(
      f, evaluator.world, [:], evaluator.parameters, fast: true, summing: false)
  }

  @Test func aQuantifiedTruthIsKeptByItsRenamedFormulaAndValues() {
    let cache = EvaluationCache()
    let withB = Evaluator(world: world(b, [-1, 0, 1]), definitions: [:], cache: cache)
    #expect(withB.truth(somePositive(b)) == .yes)
    #expect(cache.truth(key(somePositive(b), withB)) == .yes)
    // The same formula about C, on a world where C has B's scores: the same key, and the
    // truth a fresh evaluation gives.
    let withC = Evaluator(world: world(c, [-1, 0, 1]), definitions: [:], cache: cache)
    #expect(key(somePositive(c), withC) == key(somePositive(b), withB))
    #expect(
      Evaluator(world: world(c, [-1, 0, 1]), definitions: [:]).truth(somePositive(c)) == .yes)
    // Other scores, another key: false there, and kept so.
    let none = Evaluator(world: world(c, [-1, 0, 0]), definitions: [:], cache: cache)
    #expect(key(somePositive(c), none) != key(somePositive(b), withB))
    #expect(none.truth(somePositive(c)) == .no)
    #expect(cache.truth(key(somePositive(c), none)) == .no)
    // Two free variables of one sort keep their order: ∃ s, B(s) > C(s) is not ∃ s, C(s) > B(s).
    let above = { (x: Variable, y: Variable) in
      Formula.exists(
        self.s,
        .and([
          .relation(.eq, .apply(.length, [.variable(self.s)]), .number(.one)),
          .relation(
            .gt, .apply(.behavior, [.variable(x), .variable(self.s)]),
            .apply(.behavior, [.variable(y), .variable(self.s)])),
        ]))
    }
    let both = World(
      sentences: 2, horizon: 1, values: [b: .behavior([0, 0]), c: .behavior([1, 1])])
    let evaluator = Evaluator(world: both, definitions: [:], cache: cache)
    #expect(evaluator.truth(above(b, c)) == .no)
    #expect(evaluator.truth(above(c, b)) == .yes)
    #expect(key(above(b, c), evaluator) != key(above(c, b), evaluator))
  }

  /// A decision cut off by the nesting, or out of work, is not kept: asked again with room,
  /// it is decided.
  @Test func whatTheContextLeftUndecidedIsNotKept() {
    // Thirteen nested quantifiers over sentences: the innermost is past the nesting limit.
    var deep = Formula.relation(
      .ge, .apply(.behavior, [.variable(b), .variable(Variable("x0", .sentence))]),
      .number(Rational(-1)))
    for k in 0..<13 { deep = .forall(Variable("x\(k)", .sentence), deep) }
    let cache = EvaluationCache()
    let evaluator = Evaluator(world: world(b, [0]), definitions: [:], cache: cache)
    #expect(evaluator.truth(deep) == .unknown)
    #expect(cache.truth(key(deep, evaluator)) == nil)
    // Out of work: ∀ s, |s| = 1 ⇒ B(s) ≥ -1 needs a unit of work for each of five
    // sentences of different scores; with one unit it decides nothing and keeps nothing.
    let atLeast = Formula.forall(
      s,
      .implies(
        .relation(.eq, .apply(.length, [.variable(s)]), .number(.one)),
        .relation(.ge, .apply(.behavior, [.variable(b), .variable(s)]), .number(Rational(-1)))))
    let half = Rational(BigInt(1), BigInt(2))
    let spent = Evaluator(world: world(b, [-1, -half, 0, half, 1]), definitions: [:], cache: cache)
    #expect(spent.truth(atLeast, budget: 1) == .unknown)
    #expect(spent.ranOutOfWork)
    #expect(cache.truth(key(atLeast, spent)) == nil)
    #expect(spent.truth(atLeast) == .yes)
    #expect(cache.truth(key(atLeast, spent)) == .yes)
  }
}
