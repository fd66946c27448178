import BEBNumeric
import Testing

/// What a step's numeric verdict says of itself (issue 15: approximate passes per step).
@Suite struct StepVerdictTests {
  @Test func approximatePassesAreSaidPerStep() {
    var verdict = StepVerdict()
    verdict.passed = 3
    #expect(verdict.status == .passed)
    #expect(verdict.reason() == nil)
    verdict.approximate = 2
    #expect(
      verdict.reason()
        == "passed on 2 of its 3 worlds only approximately (transcendental sides agreeing to 2^-40)"
    )
    verdict.undecided = 1
    #expect(verdict.reason()?.hasSuffix("; undecided on 1 world") == true)
  }
}
