import BEBCheck
import Foundation
import Testing

/// Quantifiers range over their sort only (issue 15): a `Prob` in [0, 1], an `Int` an integer.
/// A value outside the sort could refute a true statement or witness a false one.
@Suite struct QuantifierSortTests {
  /// The verdict of the one result in `text`, checked on `worlds` worlds.
  func numeric(_ text: String, worlds: Int = 40) throws -> ResultReport {
    guard case .success(let development) = Loader.load(sources: [.init(path: "q.beb", text: text)])
    else {
      Issue.record("does not load: \(text)")
      throw CancellationError()
    }
    var options = CheckOptions()
    options.numeric = true
    options.worlds = worlds
    let report = Checker.check(development, options: options)
    return try #require(report.results.first)
  }

  /// True statements whose quantifier, tried outside its sort, used to be refuted.
  @Test(arguments: ["∀ p : Prob, p ≤ 1", "∀ k : Int, k ≥ 1 ∨ k ≤ 0"])
  func aTrueStatementIsNeverRefuted(_ claim: String) throws {
    let result = try numeric(
      """
      lemma lemma-q.1 "a true claim about every value of a sort"
        given a : Real
        assume apos : a > 0
        show \(claim)
      """)
    #expect(result.numeric?.status != .refuted, "\(result.numeric?.counterexample?.text ?? "")")
    #expect(result.status != .refuted)
  }

  @Test func noProbabilityExceedsOne() throws {
    let result = try numeric(
      """
      lemma lemma-q.3 "some probability exceeds one"
        given a : Real
        assume apos : a > 0
        show ∃ p : Prob, p > 1
      """)
    // No value of the sort witnesses it: the statement cannot pass on any world.
    #expect(result.numeric?.status != .passed)
    #expect(result.numeric?.worlds == 0)
  }

  @Test func aFalseClaimAboutProbabilitiesIsRefutedWithinTheSort() throws {
    let result = try numeric(
      """
      lemma lemma-q.4 "every probability is at most a half"
        given a : Real
        assume apos : a > 0
        show ∀ p : Prob, p ≤ 1/2
      """)
    #expect(result.numeric?.status == .refuted)
    // The counterexample names the value of p that breaks it, a value of the sort.
    #expect(result.numeric?.counterexample?.text.hasSuffix("where p = 1") == true)
  }

  @Test func aProbParameterIsDrawnInItsSort() throws {
    let result = try numeric(
      """
      lemma lemma-q.5 "a probability parameter lies in [0, 1]"
        given p : Prob
        show p ≤ 1 ∧ p ≥ 0
      """, worlds: 200)
    #expect(result.numeric?.status == .passed)
  }
}
