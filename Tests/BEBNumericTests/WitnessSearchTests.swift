import BEBKernel
import Testing

@testable import BEBNumeric

/// The search for an `obtain`'s witness (`ProofRun.witness`) and the bound on the witness's
/// length that it decides once per length (`LengthGuard`): it finds what deciding the whole
/// body at every candidate finds, and leaves the evaluator as that would.
struct WitnessSearchTests {
  let s = Variable("s", .text)
  let k = Variable("k", .nat)
  let beta = Variable("β", .real)
  let eps = Variable("ε", .real)
  let p = Variable("P", .dist)

  func q(_ n: Int, _ d: Int = 1) -> Rational { Rational(BigInt(n), BigInt(d)) }
  var length: Term { .apply(.length, [.variable(s)]) }
  /// max((1/β) · log(1/ε), 0) + 2, the shape of the paper's length bounds.
  var paperBound: Term {
    let ratio = Term.apply(.div, [.number(.one), .variable(beta)])
    let log = Term.apply(.log, [.apply(.div, [.number(.one), .variable(eps)])])
    return .apply(
      .add, [.apply(.max, [.apply(.mul, [ratio, log]), .number(.zero)]), .number(q(2))])
  }
  var positive: Formula {
    .relation(.gt, .apply(.probOf, [.variable(p), .variable(s)]), .number(.zero))
  }

  func run(k value: Int = 3) -> ProofRun {
    // The first sentence has probability 0: a witness must avoid it.
    let model = Model(sentences: 2, horizon: 1, next: [[]: [.zero, .one]])
    let world = World(
      sentences: 2, horizon: 1,
      values: [
        p: .law(.model(model)), k: .number(Interval(q(value))), beta: .number(Interval(q(1, 2))),
        eps: .number(Interval(q(1, 8))),
      ])
    return ProofRun(world: world, definitions: [:])
  }

  @Test func aLengthBoundOfArithmeticOpensTheBody() throws {
    let equal = try #require(
      LengthGuard(.and([.relation(.eq, length, .variable(k)), positive]), [s]))
    #expect(equal.relation == .eq && equal.bound == .variable(k))
    #expect(LengthGuard(.relation(.le, length, paperBound), [s]) != nil)
    // Not a guard: a bound that mentions a law, or the witness; a body that opens otherwise.
    let byLaw = Term.apply(
      .mul, [.apply(.probOf, [.variable(p), .apply(.emptyText, [])]), .number(q(4))])
    #expect(LengthGuard(.and([.relation(.le, length, byLaw), positive]), [s]) == nil)
    let byWitness = Term.apply(.add, [length, .number(.one)])
    #expect(LengthGuard(.relation(.le, length, byWitness), [s]) == nil)
    #expect(LengthGuard(.and([positive, .relation(.eq, length, .variable(k))]), [s]) == nil)
  }

  @Test func theWitnessFoundMakesTheBodyTrue() throws {
    let run = run(k: 3)
    let body = Formula.and([.relation(.eq, length, .variable(k)), positive])
    let found = try #require(run.witness([s], body, [:]))
    #expect(found == [.text([1, 1, 1])])
    #expect(run.evaluator.truth(body, [s: found[0]]) == .yes)
    // Under the paper's bound, 2 · log 8 + 2 ≈ 6.16, with at least 6 sentences asked for:
    // length 6 is kept by the bound, 7 is not.
    let atLeast = Formula.relation(.ge, length, .number(q(6)))
    let bounded = Formula.and([.relation(.le, length, paperBound), positive, atLeast])
    #expect(run.witness([s], bounded, [:]) == [.text(Array(repeating: 1, count: 6))])
    let seven = Formula.relation(.ge, length, .number(q(7)))
    #expect(
      run.witness([s], .and([.relation(.le, length, paperBound), positive, seven]), [:]) == nil)
  }

  @Test func noCandidateOfTheRightLengthNoWitness() {
    let run = run()
    // |s| = 8 · log 2: no length is that irrational number.
    let irrational = Term.apply(
      .mul, [.apply(.div, [.number(.one), .variable(beta)]), .apply(.log, [.number(q(2))])])
    #expect(run.witness([s], .and([.relation(.eq, length, irrational), positive]), [:]) == nil)
    // An exact bound no text meets: |s| = 1/2.
    #expect(
      run.witness([s], .and([.relation(.eq, length, .number(q(1, 2))), positive]), [:]) == nil)
  }

  /// `ProofRun.run` reads whether the last decision ran out of work after a search that found
  /// no witness. Deciding the body at a candidate the bound excludes is a fresh decision that
  /// spends nothing; a candidate skipped must leave that state behind, even right after a
  /// candidate whose decision ran out of work.
  @Test func aSkippedCandidateLeavesAFullBudget() {
    let run = run()
    let (i, j, m) = (Variable("i", .nat), Variable("j", .nat), Variable("m", .nat))
    func sum(_ v: Variable, _ body: Term) -> Term {
      .bind(.sum, v, range: [.number(.zero), .number(q(64))], body: body)
    }
    // 65³ terms: more than a decision's budget. They mention s, so that no part computed
    // at one candidate is cached for another (see FuelTests).
    let terms = Term.apply(
      .add, [.apply(.add, [.variable(i), .variable(j)]), .apply(.add, [.variable(m), length])])
    let tooBig = Formula.relation(.eq, sum(i, sum(j, sum(m, terms))), .number(.zero))
    #expect(run.evaluator.truth(tooBig, [s: .text([1])]) == .unknown)
    #expect(run.evaluator.ranOutOfWork)
    // The candidates end with repetitions of one sentence, then of two, up to 48 sentences:
    // ⟨1⟩ repeated 47 times runs out of work, then ⟨1⟩ × 48 and every repetition of two
    // sentences (even lengths) have lengths already decided, and are skipped.
    let body = Formula.and([.relation(.eq, length, .number(q(47))), tooBig])
    #expect(run.witness([s], body, [:]) == nil)
    #expect(!run.evaluator.ranOutOfWork)
  }
}
