import BEBKernel
import Testing

@testable import BEBNumeric

/// The exact pass (`Evaluator.decideExactly`) computes exactly only what can stay exact: a log
/// or an exp of a value known to be away from 1 (resp. 0) inside an expectation over texts, and
/// the weight of an expectation times such a value, are taken from the fast pass's
/// enclosures. What it gives must still enclose the true value, stay exact where the value is
/// exact, and stay narrow enough for the equations it serves.
struct ExactPassTests {
  func q(_ n: Int, _ d: Int = 1) -> Rational { Rational(BigInt(n), BigInt(d)) }

  @Test func logAndExpAwayFromTheirExactPoints() {
    #expect(Interval(q(3, 2)).logAwayFromOne != nil)
    #expect(Interval(q(1, 3)).logAwayFromOne != nil)
    #expect(Interval(q(1)).logAwayFromOne == nil)  // log 1 = 0 exactly
    #expect(Interval(q(1, 2), q(2)).logAwayFromOne == nil)  // may be 1
    #expect(Interval(q(0), q(1, 2)).logAwayFromOne == nil)  // may be 0: undefined
    #expect(Interval(q(-1)).logAwayFromOne == nil)
    #expect(Interval(q(1, 5)).expAwayFromZero != nil)
    #expect(Interval(q(-7)).expAwayFromZero != nil)
    #expect(Interval(q(0)).expAwayFromZero == nil)  // e^0 = 1 exactly
    #expect(Interval(q(-1), q(1)).expAwayFromZero == nil)
    // The same enclosures as log and exp themselves where they apply.
    #expect(Interval(q(3, 2)).logAwayFromOne == Interval(q(3, 2)).log)
    #expect(Interval(q(-7)).expAwayFromZero == Interval(q(-7)).exp)
    #expect(Interval(q(2)).isFloat == false && Interval(q(2)).log!.isFloat)
  }

  /// E[s ~ P, |s| = 3] f(s) on a world of two sentences: exact for a rational body, an
  /// enclosure of the value computed from exact probabilities for a log-ratio body, in the
  /// exact pass as in the fast one.
  @Test(arguments: [UInt64(1), 2, 3, 4, 5])
  func expectationsInTheExactPassEncloseTheirValues(seed: UInt64) throws {
    var g = SeededGenerator(seed: seed)
    let (p, qv, s) = (Variable("P", .dist), Variable("Q", .dist), Variable("s", .text))
    // Two sentences, every probability positive (so every log-ratio is defined).
    let pm = WorldSampler.tree(2, 1, &g) { g in
      let a = 1 + g.below(9)
      return [q(a, 10), q(10 - a, 10)]
    }
    let qm = WorldSampler.tree(2, 1, &g) { g in
      let a = 1 + g.below(7)
      return [q(a, 8), q(8 - a, 8)]
    }
    let world = World(
      sentences: 2, horizon: 1, values: [p: .law(.model(pm)), qv: .law(.model(qm))])
    let evaluator = Evaluator(world: world, definitions: [:])
    let three = Term.number(Rational(3))
    func expectation(_ body: Term) -> Term {
      .bind(.expectation, s, range: [.variable(p), three], body: body)
    }
    let ps = Term.apply(.probOf, [.variable(p), .variable(s)])
    let qs = Term.apply(.probOf, [.variable(qv), .variable(s)])
    let rational = expectation(.apply(.mul, [ps, .number(Rational(2))]))
    let logRatio = expectation(.apply(.log, [.apply(.div, [ps, qs])]))
    // log(P(s)/P(s)) = log 1 = 0 on every text: exact, inside the sum as well.
    let logOne = expectation(.apply(.log, [.apply(.div, [ps, ps])]))
    // The true values, from the eight texts of length 3 and exact probabilities.
    var second = Rational.zero
    var third = Interval(.zero)
    for code in 0..<8 {
      let text = [code & 1, (code >> 1) & 1, (code >> 2) & 1]
      let a = pm.probability(text)!
      let b = qm.probability(text)!
      second = second + a * a * 2
      third = third + Interval(a) * Interval(a / b).log!
    }
    evaluator.pass.fast = false
    #expect(evaluator.number(rational, [:])?.exact == second)
    #expect(evaluator.number(logOne, [:])?.exact == .zero)
    let exact = try #require(evaluator.number(logRatio, [:]))
    // Back in the exact pass, outside every sum.
    #expect(!evaluator.pass.fast && evaluator.pass.summing == 0)
    evaluator.pass.fast = true
    let fast = try #require(evaluator.number(logRatio, [:]))
    for value in [exact, fast] {
      #expect(!Interval.isBelow(value, third, strictly: true))
      #expect(!Interval.isBelow(third, value, strictly: true))
      #expect(value.width < 0x1p-40)
    }
  }
}
