import BEBKernel
import Testing

@testable import BEBNumeric

/// A relation whose side is undefined in the fast pass is decided again in the exact pass only
/// where exact values could define it (`Evaluator.Pass.unsure`): a side undefined on values
/// both passes compute alike stays `unknown` at once; one undefined on an enclosed probability
/// is still decided exactly, computed now or read from the world's cache.
struct UndefinedSideTests {
  func q(_ n: Int, _ d: Int = 1) -> Rational { Rational(BigInt(n), BigInt(d)) }
  let p = Variable("P", .dist)
  let s = Variable("s", .text)
  let eps = Variable("ε", .real)

  /// A world of two sentences whose law gives the first 1/3 (an enclosure in the fast pass).
  func evaluator() -> Evaluator {
    var g = SeededGenerator(seed: 1)
    let model = WorldSampler.tree(2, 1, &g) { _ in [q(1, 3), q(2, 3)] }
    return Evaluator(
      world: World(sentences: 2, horizon: 1, values: [p: .law(.model(model))]), definitions: [:])
  }

  var ps: Term { .apply(.probOf, [.variable(p), .variable(s)]) }
  /// 1 / (P(s) − 1/3): undefined on the fast pass's enclosure of P(⟨0⟩), 1/0 = 0 exactly.
  var reciprocal: Term { .apply(.div, [.number(1), .apply(.sub, [ps, .number(q(1, 3))])]) }

  @Test func undefinedOnValuesBothPassesShareIsUnknownWithoutTheExactPass() {
    let e = evaluator()
    // ε on a piece (0, 1/4] of a covering of ε > 0: 1/ε is undefined in both passes.
    let env: Bindings = [eps: .number(Interval(q(0), q(1, 4)))]
    let f = Formula.relation(.le, .number(1), .apply(.div, [.number(1), .variable(eps)]))
    #expect(e.truth(f, env) == .unknown)
    e.pass.fast = true
    let before = e.pass.unsure
    #expect(e.value(.apply(.div, [.number(1), .variable(eps)]), env) == nil)
    #expect(e.pass.unsure == before)
    // log 0 of an exact 0 (a probability 0 is exact in the fast pass too): the same.
    #expect(e.value(.apply(.log, [.apply(.mul, [ps, .number(0)])]), [s: .text([0])]) == nil)
    #expect(e.pass.unsure == before)
    e.pass.fast = false
  }

  @Test func undefinedOnAnEnclosedProbabilityIsDecidedExactly() {
    let e = evaluator()
    let env: Bindings = [s: .text([0])]
    // 1/(P(⟨0⟩) − 1/3) = 1/0 = 0, which is not > 0: only the exact pass sees it.
    #expect(e.truth(.relation(.gt, reciprocal, .number(0)), env) == .no)
    e.pass.fast = true
    let before = e.pass.unsure
    #expect(e.value(reciprocal, env) == nil)
    #expect(e.pass.unsure > before)
    e.pass.fast = false
    // On ⟨1⟩: 1/(2/3 − 1/3) = 3, defined in the fast pass already.
    #expect(e.truth(.relation(.gt, reciprocal, .number(2)), [s: .text([1])]) == .yes)
  }

  /// E[s ~ P, |s| = 1] 1/(P(s) − 1/3) = 1/3 · 0 + 2/3 · 3 = 2: undefined in the fast pass,
  /// decided in the exact one — the first time, and again when the undefined value is read
  /// from the world's cache, which keeps what its computation met.
  @Test func aKeptUndefinedValueKeepsWhatItMet() {
    let e = evaluator()
    let mean = Term.bind(.expectation, s, range: [.variable(p), .number(1)], body: reciprocal)
    let f = Formula.relation(.eq, mean, .number(2))
    #expect(e.truth(f) == .yes)
    #expect(e.truth(f) == .yes)
    e.pass.fast = true
    let before = e.pass.unsure
    #expect(e.value(mean) == nil)
    #expect(e.pass.unsure > before)
    e.pass.fast = false
  }
}
