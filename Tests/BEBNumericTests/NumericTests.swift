import BEBKernel
import Testing

@testable import BEBNumeric

@Suite struct IntervalTests {
  func q(_ n: Int, _ d: Int = 1) -> Rational { Rational(BigInt(n), BigInt(d)) }

  @Test func enclosuresContainKnownValues() throws {
    // e = 2.718281828459045..., log 2 = 0.693147180559945..., sqrt 2 = 1.414213562373095...
    let e = Interval(q(1)).exp
    // The enclosure must contain e: its lower end at most just above e, its upper end at
    // least just below e.
    let eBelow = Rational(decimal: "2.718281828459045235360287471352")!
    let eAbove = Rational(decimal: "2.718281828459045235360287471353")!
    #expect(e.lower <= eAbove && eBelow <= e.upper)
    #expect(e.lower <= e.upper)
    #expect(e.upper - e.lower < q(1, 1_000_000_000))
    let log2 = try #require(Interval(q(2)).log)
    let below = Rational(decimal: "0.693147180559945309417232121458")!
    let above = Rational(decimal: "0.693147180559945309417232121459")!
    #expect(log2.lower <= above && below <= log2.upper)
    #expect(log2.upper - log2.lower < q(1, 1_000_000_000))
    let root = Interval(q(2)).sqrt
    #expect(root.lower * root.lower <= q(2) && q(2) <= root.upper * root.upper)
    #expect(Interval(q(0)).log == nil)
    #expect(Interval(q(-3)).sqrt == Interval(q(0)))
  }

  @Test func logAndExpAreInverseWithinTheirWidth() throws {
    for value in [q(1, 3), q(5), q(1000), q(7, 1000)] {
      let l = try #require(Interval(value).log)
      let back = l.exp
      #expect(back.lower <= value && value <= back.upper)
    }
  }

  @Test func divisionByAnIntervalAroundZeroIsUnknown() {
    #expect(Interval(q(1)) / Interval(q(-1), q(1)) == nil)
    #expect(Interval(q(1)) / Interval(q(0)) == Interval(q(0)))  // x/0 = 0
  }
}

@Suite struct StatementCheckTests {
  let p = Variable("P", .dist)
  let s0 = Variable("s0", .text)
  let s = Variable("s", .text)
  var prob: (Term) -> Term { { .apply(.probOf, [.variable(self.p), $0]) } }
  var concat: Term { .apply(.concat, [.variable(s0), .variable(s)]) }
  var given: Term { .apply(.probGiven, [.variable(p), .variable(s), .variable(s0)]) }

  func check(_ conclusion: Formula, hypotheses: [(name: String, formula: Formula)] = []) -> NumericVerdict {
    StatementCheck.check(
      parameters: [p, s0, s], hypotheses: hypotheses, conclusion: conclusion, definitions: [],
      count: 200, seed: 7)
  }

  @Test func theChainRulePasses() {
    // P(s0 ⊕ s) = P(s0) · P(s | s0).
    let verdict = check(.relation(.eq, prob(concat), .apply(.mul, [prob(.variable(s0)), given])))
    #expect(verdict.status == "passed")
    #expect(verdict.worlds > 50)
  }

  @Test func aWrongAxiomIsCaught() {
    // P(s0 ⊕ s) = P(s0) + P(s | s0) is false.
    let verdict = check(.relation(.eq, prob(concat), .apply(.add, [prob(.variable(s0)), given])))
    #expect(verdict.status == "refuted")
    #expect(verdict.counterexample?.contains("horizon") == true)
  }

  @Test func conditionalsSumToOneOnlyBelowTheHorizon() {
    // Σ_y P(y | s0) = 1 when P(s0) > 0 and s0 is shorter than the horizon (texts are sampled
    // shorter than the horizon).
    let y = Variable("y", .sentence)
    let sum = Term.bind(
      .sumOverSentences, y, range: [],
      body: .apply(.probGiven, [.variable(p), .variable(y), .variable(s0)]))
    let positive = Formula.relation(.gt, prob(.variable(s0)), .number(.zero))
    let verdict = check(.relation(.eq, sum, .number(.one)), hypotheses: [(name: "positive", formula: positive)])
    #expect(verdict.status == "passed")
    // Without the hypothesis it fails where P(s0) = 0.
    #expect(check(.relation(.eq, sum, .number(.one))).status == "refuted")
  }

  @Test func unsatisfiableHypothesesAreVacuous() {
    let impossible = Formula.relation(.lt, prob(.variable(s0)), .number(.zero))
    let verdict = check(.truth(true), hypotheses: [(name: "negative", formula: impossible)])
    #expect(verdict.status == "vacuous")
    #expect(verdict.reason?.contains("negative") == true)
  }

  @Test func sameSeedSameVerdict() {
    let claim = Formula.relation(.eq, prob(concat), .apply(.add, [prob(.variable(s0)), given]))
    #expect(check(claim) == check(claim))
  }
}
