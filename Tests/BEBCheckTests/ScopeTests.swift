import BEBCheck
import BEBSyntax
import Foundation
import Testing

@testable import BEBCLI

/// A failing step is printed with the facts in scope, as a proof assistant shows a goal.
@Suite struct ScopeTests {
  static let text = """
    lemma lemma-x "x"
      given x y : Real
      assume hx : x > 1
      assume hy : y > x
      show y > 2

    proof lemma-x
      have a : y > 1 by linarith [hx, hy]
      have b : x + y > 2 by linarith [hx, a]
      show y > 2 by linarith [a]
    """

  @Test func aFailingStepShowsItsContext() throws {
    let development = try Loader.load(sources: [SourceFile(path: "a.beb", text: Self.text)]).get()
    let report = Checker.check(development, options: CheckOptions())
    let steps = try #require(report.results.first?.steps)
    #expect(steps.filter { $0.symbolic == .verified }.allSatisfy { $0.scope.isEmpty })
    let failing = try #require(steps.last)
    #expect(failing.symbolic == .unjustified)
    #expect(failing.scope == ["hx : x > 1", "hy : y > x", "a : y > 1", "b : x + y > 2"])
    let table = report.table(steps: false)
    #expect(
      table.contains(
        "  claim: y > 2\n  in scope:\n    hx : x > 1\n    hy : y > x\n    a : y > 1\n    b : x + y > 2\n"
      ))
  }

  /// Past `scopeShown` facts of earlier steps, the latest are shown and the rest counted.
  @Test func aLongContextIsCut() throws {
    var text =
      "lemma lemma-y\n  given x : Real\n  assume h0 : x > 0\n  show x > 100\n\nproof lemma-y\n"
    for i in 1...15 { text += "  have f\(i) : x + \(i) > 0 by linarith [h0]\n" }
    text += "  show x > 100 by linarith [h0]\n"
    let development = try Loader.load(sources: [SourceFile(path: "b.beb", text: text)]).get()
    let report = Checker.check(development, options: CheckOptions())
    let scope = try #require(report.results.first?.steps.last?.scope)
    #expect(scope.first == "h0 : x > 0")
    #expect(scope[1] == "(3 earlier facts not shown)")
    #expect(scope.last == "f15 : x + 15 > 0")
    #expect(scope.count == 2 + 12)
  }
}

/// A side condition on a divisor under a binder names the bound variable as the claim does
/// and says where it comes from; one on a free divisor is said plainly.
@Suite struct SideConditionMessageTests {
  static func reason(_ claim: String, facts: String = "dpos") throws -> String {
    let text = """
      lemma lemma-f "f"
        given P Q : Dist, r : Text, δ : Real, n : Nat
        assume dpos : δ > 0
        show \(claim)

      proof lemma-f
        show \(claim) by field [\(facts)]
      """
    let development = try Loader.load(sources: [SourceFile(path: "f.beb", text: text)]).get()
    let report = Checker.check(development, options: CheckOptions())
    return try #require(report.results.first?.steps.last?.reason)
  }

  @Test func aDivisorUnderABinder() throws {
    let reason = try Self.reason(
      "(E[s ~ P(·|r), |s| = n] (Q(s | r) / P(s | r))) / (1/δ) = "
        + "δ · E[s ~ P(·|r), |s| = n] (Q(s | r) / P(s | r))")
    #expect(reason.hasPrefix("side condition not discharged: P(s | r) ≠ 0 (a divisor inside a sum"))
    #expect(!reason.contains("ξ") && !reason.contains("#"))
  }

  /// With a parameter `s` in scope, the bound variable is not shown as `s` (it would read as
  /// the parameter, and `spos : P(s | r) > 0` would seem to discharge it).
  @Test func theBoundVariableIsNamedApartFromTheScope() throws {
    let text = """
      lemma lemma-g "g"
        given P Q : Dist, r s : Text, δ : Real, n : Nat
        assume dpos : δ > 0
        assume spos : P(s | r) > 0
        show (E[u ~ P(·|r), |u| = n] (Q(u | r) / P(u | r))) / (1/δ) = δ · E[u ~ P(·|r), |u| = n] (Q(u | r) / P(u | r))

      proof lemma-g
        show (E[u ~ P(·|r), |u| = n] (Q(u | r) / P(u | r))) / (1/δ) = δ · E[u ~ P(·|r), |u| = n] (Q(u | r) / P(u | r)) by field [dpos, spos]
      """
    let development = try Loader.load(sources: [SourceFile(path: "g.beb", text: text)]).get()
    let report = Checker.check(development, options: CheckOptions())
    let reason = try #require(report.results.first?.steps.last?.reason)
    #expect(reason.hasPrefix("side condition not discharged: P(t | r) ≠ 0 (a divisor inside a sum"))
  }

  @Test func aFreeDivisor() throws {
    let reason = try Self.reason("(δ · Q(r)) / Q(r) = δ")
    #expect(reason == "side condition not discharged: Q(r) ≠ 0")
  }
}

/// A law applied directly (`mix(α, P₀, P₁)(s)`, as beb prints it) elaborates to the term the
/// same law gets through a `let`: citing ax-mix (stated with `let P := mix(…)`) proves it.
@Suite struct AppliedLawTests {
  @Test func anAppliedLawIsTheLetsTerm() throws {
    let text = """
      import "beb/axioms"

      lemma lemma-applied "a mixture applied directly"
        given P₀ P₁ : Dist, α : Real, s : Text
        show mix(α, P₀, P₁)(s) = α · P₀(s) + (1 - α) · P₁(s)

      proof lemma-applied
        show mix(α, P₀, P₁)(s) = α · P₀(s) + (1 - α) · P₁(s) by ax-mix

      lemma lemma-not-a-law "a number applied"
        given x : Real
        show log(x)(x) = 0
      """
    switch Loader.load(sources: [SourceFile(path: "a.beb", text: text)]) {
    case .success(let development):
      var options = CheckOptions()
      options.only = ["lemma-applied"]
      let report = Checker.check(development, options: options)
      #expect(report.results.first?.status == .verified, "\(report.results.first?.reason ?? "")")
      Issue.record("log(x)(x) loaded: a number is not a function")
    case .failure(let failure):
      let message = failure.diagnostics.map(\.message).joined(separator: "\n")
      #expect(message.contains("log(x)"), "\(message)")
      #expect(failure.diagnostics.count == 1, "\(message)")
    }
    // Without the ill-sorted lemma, the file loads and the lemma verifies.
    let good = text.components(separatedBy: "\n\nlemma lemma-not-a-law")[0]
    let development = try Loader.load(sources: [SourceFile(path: "b.beb", text: good)]).get()
    var options = CheckOptions()
    options.only = ["lemma-applied"]
    let result = try #require(Checker.check(development, options: options).results.first)
    #expect(result.status == .verified, "\(result.reason)")
  }
}
