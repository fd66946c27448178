import BEBKernel
import Testing

@testable import BEBNumeric

/// Recursive definitions on worlds: each level decided once, levels past
/// `Evaluator.recursionLevels` left undecided, and no level below 0 ever reached.
@Suite struct RecursiveDefinitionTests {
  let k = Variable("k", .real)
  let x = Variable("x", .real)
  let t = Variable("t", .text)

  func n(_ v: Int, _ d: Int = 1) -> Term { .number(Rational(BigInt(v), BigInt(d))) }
  func minus(_ a: Term, _ b: Term) -> Term { .apply(.sub, [a, b]) }

  /// up(k, x) := (k = 0 ∧ x ≥ 0) ∨ (k ≥ 1 ∧ up(k - 1, x - 1)): for a natural k, x ≥ k.
  var up: DefinitionStatement {
    DefinitionStatement(
      id: "up", parameters: [k, x],
      body: .or([
        .and([.relation(.eq, .variable(k), n(0)), .relation(.ge, .variable(x), n(0))]),
        .and([
          .relation(.ge, .variable(k), n(1)),
          .predicate("up", [minus(.variable(k), n(1)), minus(.variable(x), n(1))]),
        ]),
      ]))
  }

  func evaluator(_ definitions: [DefinitionStatement]) -> Evaluator {
    Evaluator(
      world: World(sentences: 2, horizon: 1, values: [:]),
      definitions: Dictionary(uniqueKeysWithValues: definitions.map { ($0.id, $0) }))
  }

  @Test func levelsAreDecidedDownToTheBase() {
    let e = evaluator([up])
    #expect(e.isRecursive("up", up))
    #expect(e.truth(.predicate("up", [n(2), n(3)])) == .yes)
    #expect(e.truth(.predicate("up", [n(3), n(3)])) == .yes)
    #expect(e.truth(.predicate("up", [n(3), n(2)])) == .no)
    // Below 0, and between 0 and 1: neither disjunct holds.
    #expect(e.truth(.predicate("up", [n(-1), n(5)])) == .no)
    #expect(e.truth(.predicate("up", [n(1, 2), n(5)])) == .no)
    // Each level is kept once decided, whatever the path to it.
    #expect(
      e.decided.truths[
        .init(.init(id: "up", values: [.number(Interval(1)), .number(Interval(1))]))] == .yes)
  }

  /// heavy(k) := (k = 0 ∧ Σ_{i=0..64} Σ_{j=0..64} (i + j) ≥ 0) ∨ (k ≥ 1 ∧ heavy(k − 1)): the base
  /// case sums 65 · 65 terms, more than a recursion's work budget (Fuel.recursionBudget).
  var heavy: DefinitionStatement {
    let (i, j) = (Variable("i", .nat), Variable("j", .nat))
    // The inner sum mentions i, so it is computed for each i (not once, from the cache).
    let inner = Term.bind(
      .sum, j, range: [n(0), n(64)], body: .apply(.add, [.variable(i), .variable(j)]))
    let outer = Term.bind(.sum, i, range: [n(0), n(64)], body: inner)
    return DefinitionStatement(
      id: "heavy", parameters: [k],
      body: .or([
        .and([.relation(.eq, .variable(k), n(0)), .relation(.ge, outer, n(0))]),
        .and([
          .relation(.ge, .variable(k), n(1)),
          .predicate("heavy", [minus(.variable(k), n(1))]),
        ]),
      ]))
  }

  @Test func anApplicationThatRanOutOfWorkIsOutOfWorkAgainAtOnce() {
    let e = evaluator([heavy])
    let key = Evaluator.Decided.Key(.init(id: "heavy", values: [.number(Interval(1))]))
    #expect(e.truth(.predicate("heavy", [n(1)])) == .unknown)
    #expect(e.ranOutOfWork)
    // Kept as out of work, not as a truth, nor as an undecided that did not run out.
    #expect(e.decided.exhausted.contains(key))
    #expect(e.decided.truths[key] == nil && e.decided.undecided.isEmpty)
    // Asked again in the next decision (a later proof step on the same world), it is not
    // searched again: out of work at once, said as such.
    #expect(e.truth(.or([.predicate("heavy", [n(1)]), .truth(false)])) == .unknown)
    #expect(e.ranOutOfWork)
    // What is true is still found true; what decides a disjunction still decides it.
    #expect(e.truth(.or([.predicate("heavy", [n(1)]), .truth(true)])) == .yes)
    #expect(e.truth(.predicate("heavy", [n(-1)])) == .no)
  }

  @Test func anApplicationBegunWithLessThanTheWholeBudgetIsNotKeptAsOutOfWork() {
    // heavy(0) spends the decision's budget; up(2, 3) after it begins with nothing left and
    // is undecided in that decision, but it did not run out on its own: asked alone, it is
    // decided.
    let e = evaluator([heavy, up])
    let first = Formula.and([.predicate("heavy", [n(0)]), .predicate("up", [n(2), n(3)])])
    #expect(e.truth(first) == .unknown && e.ranOutOfWork)
    #expect(e.decided.exhausted.contains(.init(.init(id: "heavy", values: [.number(Interval(0))]))))
    #expect(
      !e.decided.exhausted.contains(
        .init(.init(id: "up", values: [.number(Interval(2)), .number(Interval(3))]))))
    #expect(e.truth(.predicate("up", [n(2), n(3)])) == .yes)
  }

  @Test func levelsPastTheLimitAreUndecided() {
    let e = evaluator([up])
    let deep = Evaluator.recursionLevels + 1
    #expect(e.truth(.predicate("up", [n(deep), n(100)])) == .unknown)
    #expect(e.truth(.predicate("up", [n(Evaluator.recursionLevels), n(100)])) == .yes)
  }

  @Test func aQuantifierOverLevelsNeverSaysYes() {
    // ∀ k : Int, k ≥ 0 ⇒ up(k, k): true, but the integers are sampled, never all tried.
    let j = Variable("j", .int)
    let e = evaluator([up])
    let claim = Formula.forall(
      j,
      .implies(.relation(.ge, .variable(j), n(0)), .predicate("up", [.variable(j), .variable(j)])))
    #expect(e.truth(claim) == .unknown)
    // A false one is refuted by a small level: up(j, j - 1) fails at j = 0.
    let wrong = Formula.forall(
      j,
      .implies(
        .relation(.ge, .variable(j), n(0)),
        .predicate("up", [.variable(j), minus(.variable(j), n(1))])))
    #expect(e.truth(wrong) == .no)
  }

  @Test func conjunctionsStopAtTheFirstFalsePart() {
    // (k ≥ 1 ∧ up(k - 1, …)) at k = 0 must not go on to k = -1, -2, …: with the other
    // disjunct false too, the answer is a plain no, decided at once.
    let e = evaluator([up])
    #expect(e.truth(.predicate("up", [n(0), n(-1)])) == .no)
    // Evaluated eagerly, the second disjunct would have gone on to up(-1, -2), up(-2, -3), …
    // (each a plain no, so each kept): only the level asked for is.
    #expect(e.decided.truths.count == 1)
    #expect(e.decided.truths.keys.allSatisfy { $0.key.values.first == .number(Interval(0)) })
  }

  @Test func nonRecursiveDefinitionsAreNotMarked() {
    let positive = DefinitionStatement(
      id: "positive", parameters: [x], body: .relation(.gt, .variable(x), n(0)))
    let e = evaluator([positive, up])
    #expect(e.truth(.predicate("positive", [n(1)])) == .yes)
    #expect(!e.isRecursive("positive", positive))
    #expect(e.isRecursive("up", up))
    #expect(e.decided.truths.isEmpty)
  }
}
