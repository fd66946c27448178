import Testing

@testable import BEBNumeric

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

  /// The budget's rule for waiting on a step (StatementCheck.waits): count 100, so up to
  /// 300 attempts for any step not yet passed on 100 worlds, then only for a step passing on
  /// a tenth of the attempts.
  @Test func theCheckWaitsForAStepOnlyWhileItCanReachTheBudget() {
    func step(passed: Int = 0, undecided: Int = 0, unshown: Int = 0) -> StepVerdict {
      var step = StepVerdict()
      step.passed = passed
      step.undecided = undecided
      if unshown > 0 { step.assumptionUnshown["ih"] = unshown }
      return step
    }
    let waits = { (s: StepVerdict, drawn: Int) in
      StatementCheck.waits(for: s, drawn: drawn, count: 100)
    }
    // Passed on the budget, or refuted: done.
    #expect(!waits(step(passed: 100), 120))
    var refuted = step(passed: 3)
    refuted.counterexample = WorldDescription(rows: [])
    #expect(!waits(refuted, 120))
    // Passing, below the budget: waited for up to 3 × count attempts, whatever its rate.
    #expect(waits(step(passed: 1), 299))
    // Past them, only at a tenth of the attempts or more (on course for 100 by 1000).
    #expect(waits(step(passed: 30), 300))
    #expect(!waits(step(passed: 29), 300))
    #expect(waits(step(passed: 60), 600) && !waits(step(passed: 59), 600))
    // Never passed: waited for until undecided (or under an assumption never shown to hold)
    // on the budget's worlds, or until 3 × count attempts.
    #expect(waits(step(undecided: 99), 150))
    #expect(!waits(step(undecided: 100), 150))
    #expect(!waits(step(undecided: 40, unshown: 60), 150))
    #expect(waits(step(undecided: 40, unshown: 59), 150))
    // Assumptions under several labels add up; a step that passed on some is waited for
    // below 3 × count however often it was undecided.
    var two = step(undecided: 40, unshown: 30)
    two.assumptionUnshown["other"] = 30
    #expect(!waits(two, 150))
    #expect(waits(step(passed: 1, undecided: 60, unshown: 40), 150))
    #expect(!waits(step(), 300))
  }
}
