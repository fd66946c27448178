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

  func check(_ conclusion: Formula, hypotheses: [(name: String, formula: Formula)] = [])
    -> NumericVerdict
  {
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
    #expect(verdict.status == "passed")
    // Without the hypothesis it fails where P(s0) = 0.
    #expect(check(.relation(.eq, sum, .number(.one))).status == "refuted")
  }

  @Test func unsatisfiableHypothesesAreVacuous() {
    let impossible = Formula.relation(.lt, prob(.variable(s0)), .number(.zero))
    let verdict = check(.truth(true), hypotheses: [(name: "negative", formula: impossible)])
    #expect(verdict.status == "unreached")
    #expect(verdict.reason?.contains("negative") == true)
  }

  @Test func sameSeedSameVerdict() {
    let claim = Formula.relation(.eq, prob(concat), .apply(.add, [prob(.variable(s0)), given]))
    #expect(check(claim) == check(claim))
  }
}
