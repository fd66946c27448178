import BEBKernel
import BEBSymbolic
import Foundation
import Testing

@testable import BEBCLI
@testable import BEBCheck

/// A failed step carries why as data (`StepReport.error`), located at the step, and its
/// reason is the words of that datum (`ProofChecker.message`): the verdict follows the kind
/// (a ring step whose sides differ at a point is refuted, not merely unjustified).
@Suite struct StepErrorTests {
  static let file = """
    lemma lemma-errors "one failing step of each kind"
      given a b : Real
      assume apos : a > 0
      show a + 1 > 1

    proof lemma-errors
      have wrong : a + b = b + a + 1 by ring
      have shape : a ≤ a + 1 by ring
      have nofact : a > 0 by linarith [aposs]
      have nocombo : b > 0 by linarith [apos]
      have unknown : a = a by linarth
      have sign : a + b > 1 by positivity
      show a + 1 > 1 by linarith [apos]

    """

  static func steps() throws -> [String: StepReport] {
    let report = try CommandLineTests().withFiles(["t.beb": file]) { folder in
      let development = try Loader.load(paths: [folder + "/t.beb"]).get()
      return Checker.check(development, options: CheckOptions())
    }
    let result = try #require(report.results.first { $0.entry.id == "lemma-errors" })
    return Dictionary(result.steps.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
  }

  @Test func eachFailureIsTypedLocatedAndWorded() throws {
    let steps = try Self.steps()
    // A point separates the sides: refuted, with the point in the words.
    let wrong = try #require(steps["wrong"])
    guard case .sidesDiffer(rule: "ring", _, _, let point?)? = wrong.error else {
      Issue.record("wrong: \(String(describing: wrong.error))")
      return
    }
    #expect(point.map(\.0.name) == ["a", "b"])
    #expect(wrong.symbolic == .refuted)
    #expect(wrong.reason?.hasPrefix("the two sides differ: at a = ") == true)
    #expect(wrong.location?.hasSuffix("t.beb:7:3") == true, "\(wrong.location ?? "")")

    let shape = try #require(steps["shape"])
    guard case .onlyEquations(rule: "ring")? = shape.error else {
      Issue.record("shape: \(String(describing: shape.error))")
      return
    }
    #expect(shape.symbolic == .unjustified)
    #expect(shape.reason?.hasPrefix("ring proves only equations") == true)

    let nofact = try #require(steps["nofact"])
    guard case .unknownFact("aposs", suggestion: "apos")? = nofact.error else {
      Issue.record("nofact: \(String(describing: nofact.error))")
      return
    }
    #expect(nofact.reason?.hasSuffix("; did you mean 'apos'?") == true)

    let nocombo = try #require(steps["nocombo"])
    guard case .prover(.noCombination(products: false, let given))? = nocombo.error else {
      Issue.record("nocombo: \(String(describing: nocombo.error))")
      return
    }
    #expect(given.count == 1)
    #expect(nocombo.reason == "linarith found no combination of a > 0 that proves the claim")

    let unknown = try #require(steps["unknown"])
    guard case .unknownRule("linarth", suggestion: "linarith")? = unknown.error else {
      Issue.record("unknown: \(String(describing: unknown.error))")
      return
    }

    let sign = try #require(steps["sign"])
    guard case .prover(.notASign(relation: true))? = sign.error else {
      Issue.record("sign: \(String(describing: sign.error))")
      return
    }
    #expect(sign.reason == "positivity proves t > 0, t ≥ 0 or t ≠ 0 (one side must be 0)")

    // Every failed step has its error and its words, and a verified one neither.
    for step in steps.values {
      #expect((step.symbolic == .verified) == (step.error == nil), "\(step.id)")
      #expect((step.error == nil) == (step.reason == nil), "\(step.id)")
      #expect(step.error == nil || step.location != nil, "\(step.id) is not located")
    }
  }

  /// Errors of the checker's parts keep their kind when they become step errors.
  @Test func errorsOfThePartsKeepTheirKind() {
    guard case .kernel(.noSuchResult("x")) = StepError(KernelError.noSuchResult("x")) else {
      Issue.record("a kernel error is not .kernel")
      return
    }
    guard case .prover(.antisymmetryMisstated) = StepError(ProverFailure.antisymmetryMisstated)
    else {
      Issue.record("a prover failure is not .prover")
      return
    }
    guard case .dropped("h") = StepError(StepError.dropped("h")) else {
      Issue.record("a step error is not kept")
      return
    }
    struct Strange: Error {}
    guard case .other = StepError(Strange()) else {
      Issue.record("an unknown error is not .other")
      return
    }
  }
}
