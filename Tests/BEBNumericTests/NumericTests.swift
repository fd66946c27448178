import BEBKernel
import Testing

@testable import BEBNumeric

@Suite struct StatementCheckTests {
  let p = Variable("P", .dist)
  let s0 = Variable("s0", .text)
  let s = Variable("s", .text)
  var prob: (Term) -> Term { { .apply(.probOf, [.variable(self.p), $0]) } }
  var concat: Term { .apply(.concat, [.variable(s0), .variable(s)]) }
  var given: Term { .apply(.probGiven, [.variable(p), .variable(s), .variable(s0)]) }

  func check(
    _ conclusion: Formula, hypotheses: [(name: String, formula: Formula)] = [],
    assumptions: Assumptions = .paper
  ) -> NumericVerdict {
    StatementCheck.check(
      parameters: [p, s0, s], hypotheses: hypotheses, conclusion: conclusion, definitions: [],
      count: 200, seed: 7, assumptions: assumptions)
  }

  @Test func theChainRulePasses() {
    // P(s0 ⊕ s) = P(s0) · P(s | s0).
    let verdict = check(.relation(.eq, prob(concat), .apply(.mul, [prob(.variable(s0)), given])))
    #expect(verdict.status == .passed)
    #expect(verdict.worlds > 50)
  }

  @Test func aWrongAxiomIsCaught() {
    // P(s0 ⊕ s) = P(s0) + P(s | s0) is false.
    let verdict = check(.relation(.eq, prob(concat), .apply(.add, [prob(.variable(s0)), given])))
    #expect(verdict.status == .refuted)
    #expect(verdict.counterexample?.text.contains("horizon") == true)
  }

  @Test func conditionalsSumToOneOnlyBelowTheHorizon() {
    // Σ_y P(y | s0) = 1 when P(s0) > 0 and s0 is shorter than the horizon (texts are sampled
    // shorter than the horizon).
    let y = Variable("y", .sentence)
    let sum = Term.bind(
      .sumOverSentences, y, range: [],
      body: .apply(.probGiven, [.variable(p), .variable(y), .variable(s0)]))
    let positive = Formula.relation(.gt, prob(.variable(s0)), .number(.zero))
    let verdict = check(
      .relation(.eq, sum, .number(.one)), hypotheses: [(name: "positive", formula: positive)])
    #expect(verdict.status == .passed)
    // Without the hypothesis it fails where P(s0) = 0.
    #expect(check(.relation(.eq, sum, .number(.one))).status == .refuted)
  }

  @Test func unsatisfiableHypothesesAreVacuous() {
    let impossible = Formula.relation(.lt, prob(.variable(s0)), .number(.zero))
    let verdict = check(.truth(true), hypotheses: [(name: "negative", formula: impossible)])
    #expect(verdict.status == .unreached)
    #expect(verdict.reason?.contains("negative") == true)
  }

  /// Worlds follow the sort Behavior's range: "every score is at most 1" holds in the
  /// paper's [-1, 1] and is refuted in [-2, 2] on a world whose scores stay in it; a
  /// range [0, 1] never draws a negative score.
  @Test func behaviorsAreDrawnInTheirRange() {
    let b = Variable("B", .behavior)
    let y = Variable("y", .sentence)
    let score = Term.apply(.behavior, [.variable(b), .variable(y)])
    func check(_ bound: Formula, _ range: BehaviorRange) -> NumericVerdict {
      StatementCheck.check(
        parameters: [b], hypotheses: [], conclusion: .forall(y, bound), definitions: [],
        count: 100, seed: 3, assumptions: Assumptions(behaviors: range))
    }
    let atMostOne = Formula.relation(.le, score, .number(.one))
    #expect(check(atMostOne, .paper).status == .passed)
    let wide = check(atMostOne, BehaviorRange(low: -2, high: 2))
    #expect(wide.status == .refuted)
    let world = wide.world
    guard case .behavior(let scores)? = world?.values[b] else {
      Issue.record("no behavior in \(String(describing: world))")
      return
    }
    #expect(scores.contains { $0 > .one } && scores.allSatisfy { $0 <= Rational(2) })
    let nonnegative = Formula.relation(.ge, score, .number(.zero))
    #expect(check(nonnegative, .paper).status == .refuted)
    #expect(check(nonnegative, BehaviorRange(low: 0, high: 1)).status == .passed)
    // A world with a score outside the range is not a world of the sort.
    let outside = World(sentences: 2, horizon: 1, values: [b: .behavior([-2, 1])])
    #expect(outside.sortViolation([b]) != nil)
    #expect(
      outside.sortViolation(
        [b], assumptions: Assumptions(behaviors: BehaviorRange(low: -2, high: 2))) == nil)
  }

  /// A conditional after a prefix of probability 0 (an assumption edit): beb's x/0 = 0 makes
  /// it the zero law, so Σ_y P(y | s0) = 1 fails where P(s0) = 0; read as undefined, the
  /// worlds put the model's continuation there and the sum is 1 after every prefix. The
  /// definition P(s | s0) = P(s0 ⊕ s)/P(s0) (ax-cond) holds for every prefix with the zero
  /// law and is refuted under the edit, on a world that says so; the chain rule holds under
  /// both.
  @Test func aConditionalAfterAnImpossiblePrefixIsTheContinuationUnderTheEdit() throws {
    let continued = Assumptions(conditionals: .continued)
    let y = Variable("y", .sentence)
    let sum = Term.bind(
      .sumOverSentences, y, range: [],
      body: .apply(.probGiven, [.variable(p), .variable(y), .variable(s0)]))
    #expect(check(.relation(.eq, sum, .number(.one)), assumptions: continued).status == .passed)
    let definition = Formula.relation(
      .eq, given, .apply(.div, [prob(concat), prob(.variable(s0))]))
    #expect(check(definition).status == .passed)
    let refuted = check(definition, assumptions: continued)
    #expect(refuted.status == .refuted)
    let world = try #require(refuted.world)
    #expect(world.conditionals == .continued)
    #expect(refuted.counterexample?.text.contains("after a prefix of probability 0") == true)
    let chain = Formula.relation(.eq, prob(concat), .apply(.mul, [prob(.variable(s0)), given]))
    #expect(check(chain, assumptions: continued).status == .passed)
    // By hand: P gives sentence 1 probability 0 first, then (horizon 2) the law after ⟨1⟩ is
    // (1/4, 3/4): P(0 | ⟨1⟩) is 0 with x/0 = 0 and 1/4 continued.
    let model = Model(
      sentences: 2, horizon: 2,
      next: [
        []: [1, 0], [0]: [1, 0],
        [1]: [Rational(BigInt(1), BigInt(4)), Rational(BigInt(3), BigInt(4))],
      ])
    let at = Term.apply(.probGiven, [.variable(p), .variable(s), .variable(s0)])
    for (conditionals, expected) in [
      (Conditionals.zero, Rational.zero), (.continued, Rational(BigInt(1), BigInt(4))),
    ] {
      let world = World(
        sentences: 2, horizon: 2, values: [p: .law(.model(model)), s0: .text([1]), s: .text([0])],
        assumptions: Assumptions(conditionals: conditionals))
      let evaluator = Evaluator(world: world, definitions: [:])
      guard case .number(let value)? = evaluator.value(at) else {
        Issue.record("no value under \(conditionals)")
        continue
      }
      #expect(value.exact == expected, "\(conditionals)")
    }
  }

  @Test func sameSeedSameVerdict() {
    let claim = Formula.relation(.eq, prob(concat), .apply(.add, [prob(.variable(s0)), given]))
    #expect(check(claim) == check(claim))
  }
}
