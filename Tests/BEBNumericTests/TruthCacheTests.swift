import BEBKernel
import Testing

@testable import BEBNumeric

/// The truths of quantified reals kept on a world (`EvaluationCache.truth`): one key for
/// formulas that differ only in the names of their free variables, other keys for other
/// values, and nothing kept that the context of the decision left undecided.
struct TruthCacheTests {
  let x = Variable("x", .real)
  let a = Variable("a", .real)
  let c = Variable("c", .real)
  let b = Variable("B", .behavior)

  /// ∃ x : Real, x > bound (decided by the sample values of a real: 0, ±1, ±2, ±1/2, 10, 1/10).
  func someAbove(_ bound: Variable) -> Formula {
    .exists(x, .relation(.gt, .variable(x), .variable(bound)))
  }

  func world(_ values: [Variable: Rational]) -> World {
    World(sentences: 1, horizon: 1, values: values.mapValues { .number(Interval($0)) })
  }

  func key(_ f: Formula, _ evaluator: Evaluator) -> EvaluationCache.Hashed<EvaluationCache.TruthKey>
  {
    evaluator.cache.truthKey(
      f, evaluator.world, [:], evaluator.parameters, fast: true, summing: false)
  }

  @Test func aQuantifiedTruthIsKeptByItsRenamedFormulaAndValues() {
    let cache = EvaluationCache()
    let withA = Evaluator(world: world([a: 1]), definitions: [:], cache: cache)
    #expect(withA.truth(someAbove(a)) == .yes)
    #expect(cache.truth(key(someAbove(a), withA)) == .yes)
    // The same formula about c, on a world where c is 1: the same key, and the truth a
    // fresh evaluation gives.
    let withC = Evaluator(world: world([c: 1]), definitions: [:], cache: cache)
    #expect(key(someAbove(c), withC) == key(someAbove(a), withA))
    #expect(Evaluator(world: world([c: 1]), definitions: [:]).truth(someAbove(c)) == .yes)
    // Answered from the cache: with no unit of work (the witness 2 is the fourth sample) a
    // fresh cache leaves it undecided; the shared one decides it.
    #expect(
      Evaluator(world: world([c: 1]), definitions: [:]).truth(someAbove(c), budget: 0)
        == .unknown)
    #expect(withC.truth(someAbove(c), budget: 0) == .yes)
    // Another value, another key: no sample is above 20, so undecided there, and kept so.
    let far = Evaluator(world: world([c: 20]), definitions: [:], cache: cache)
    #expect(key(someAbove(c), far) != key(someAbove(a), withA))
    #expect(far.truth(someAbove(c)) == .unknown)
    #expect(cache.truth(key(someAbove(c), far)) == .unknown)
    // Two free variables of one sort keep their order: ∃ x, a < x < c is not ∃ x, c < x < a.
    let between = { (low: Variable, high: Variable) in
      Formula.exists(
        self.x,
        .and([
          .relation(.lt, .variable(low), .variable(self.x)),
          .relation(.lt, .variable(self.x), .variable(high)),
        ]))
    }
    let both = Evaluator(world: world([a: 0, c: 3]), definitions: [:], cache: cache)
    #expect(both.truth(between(a, c)) == .yes)
    #expect(both.truth(between(c, a)) == .unknown)
    #expect(key(between(a, c), both) != key(between(c, a), both))
  }

  /// A decision cut off by the nesting, or out of work, is not kept: asked again with room,
  /// it is decided.
  @Test func whatTheContextLeftUndecidedIsNotKept() {
    // ∃ r : Real, r > 0 ∧ (twelve nested quantifiers over sentences): the innermost is past
    // the nesting limit, so every r > 0 leaves the body undecided.
    let s0 = Variable("x0", .sentence)
    var deep = Formula.relation(
      .ge, .apply(.behavior, [.variable(b), .variable(s0)]), .number(Rational(-1)))
    for k in 0..<12 { deep = .forall(Variable("x\(k)", .sentence), deep) }
    let r = Variable("r", .real)
    let outer = Formula.exists(r, .and([.relation(.gt, .variable(r), .number(.zero)), deep]))
    let cache = EvaluationCache()
    let nested = Evaluator(
      world: World(sentences: 1, horizon: 1, values: [b: .behavior([0])]), definitions: [:],
      cache: cache)
    #expect(nested.truth(outer) == .unknown)
    #expect(cache.truth(key(outer, nested)) == nil)
    // Out of work: the witness of ∃ x, x > 5 is the eighth sample (10); with one unit of
    // work nothing is decided and nothing kept.
    let spent = Evaluator(world: world([a: 5]), definitions: [:], cache: cache)
    #expect(spent.truth(someAbove(a), budget: 1) == .unknown)
    #expect(spent.ranOutOfWork)
    #expect(cache.truth(key(someAbove(a), spent)) == nil)
    #expect(spent.truth(someAbove(a)) == .yes)
    #expect(cache.truth(key(someAbove(a), spent)) == .yes)
  }

  /// A recursion inside lowers the work budget of the whole decision and keeps its levels by
  /// nesting: a quantified real that applies one is decided again each time, even decided.
  @Test func aRecursionInsideIsNotKept() {
    let k = Variable("k", .nat)
    // down(k) := k ≤ 0 ∨ down(k − 1).
    let down = DefinitionStatement(
      id: "down", parameters: [k],
      body: .or([
        .relation(.le, .variable(k), .number(.zero)),
        .predicate("down", [.apply(.sub, [.variable(k), .number(.one)])]),
      ]))
    let f = Formula.exists(
      x,
      .and([
        .relation(.gt, .variable(x), .variable(a)), .predicate("down", [.number(Rational(2))]),
      ]))
    let cache = EvaluationCache()
    let evaluator = Evaluator(world: world([a: 1]), definitions: ["down": down], cache: cache)
    #expect(evaluator.truth(f) == .yes)
    #expect(cache.truth(key(f, evaluator)) == nil)
    // Without the recursion the same shape is kept.
    #expect(evaluator.truth(someAbove(a)) == .yes)
    #expect(cache.truth(key(someAbove(a), evaluator)) == .yes)
  }

  /// Quantifiers over other sorts are decided again each time (looking them up cost more
  /// than that), and nothing is kept for them.
  @Test func otherSortsAreNotKept() {
    let s = Variable("s", .sentence)
    let some = Formula.exists(
      s, .relation(.gt, .apply(.behavior, [.variable(b), .variable(s)]), .number(.zero)))
    let cache = EvaluationCache()
    let evaluator = Evaluator(
      world: World(sentences: 2, horizon: 1, values: [b: .behavior([-1, 1])]), definitions: [:],
      cache: cache)
    #expect(evaluator.truth(some) == .yes)
    #expect(cache.truth(key(some, evaluator)) == nil)
  }
}
