import BEBCheck
import Foundation
import Testing

@testable import BEBCLI

/// The bundled development: each result's status is pinned, so a change to the kernel, the
/// checker or a proof that alters a verdict shows up here and is reviewed.
@Suite struct DevelopmentTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  static let development: Development = {
    let paths = [root + "/theorems", root + "/proofs"]
    guard case .success(let development) = Loader.load(paths: paths) else {
      fatalError("the bundled development does not load")
    }
    return development
  }()

  static let report: CheckReport = Checker.check(development, options: CheckOptions())

  static func status(_ id: String) -> Status? {
    report.results.first { $0.entry.id == id }?.status
  }

  @Test(arguments: [
    "lemma-C.1", "lemma-C.1-repaired", "lemma-C.2-repaired", "lemma-C.3-repaired",
    "lemma-C.3-prefixwise-repaired", "lemma-C.4-repaired", "lemma-H.2", "lemma-H.1-repaired",
    "lemma-H.3-repaired", "thm-3.1-repaired", "thm-3.2-repaired", "thm-3.4-repaired",
    "thm-B.1-repaired", "thm-3.3-repaired", "app-I-repaired", "app-K-repaired",
    "app-K-alt-repaired",
    "lemma-2.4-unsat",
  ])
  func verified(_ id: String) {
    #expect(Self.status(id) == .verified)
  }

  /// The paper's errors, recorded as findings and reproduced by the checker.
  @Test(arguments: [
    "lemma-C.2", "lemma-C.3", "lemma-C.3-prefixwise", "lemma-C.4", "lemma-H.1", "lemma-H.3",
    "thm-3.1", "thm-3.2", "thm-3.3", "thm-3.4", "thm-B.1", "app-I", "app-K", "app-K-alt",
  ])
  func expectedFinding(_ id: String) {
    #expect(Self.status(id) == .expectedFinding)
  }

  @Test func everyFindingIsConfirmed() {
    #expect(Self.report.unconfirmedFindings == [])
  }

  @Test func nothingIsRefutedAndAxiomsAreAssumed() {
    for result in Self.report.results {
      #expect(result.status != .refuted, "\(result.entry.id)")
      if result.entry.kind == .axiom { #expect(result.status == .assumed) }
    }
  }

  /// A verified result's steps are all verified, and so is everything it cites.
  @Test func verifiedMeansEveryStepVerified() {
    for result in Self.report.results where result.status == .verified {
      #expect(!result.steps.isEmpty, "\(result.entry.id) has no steps")
      for step in result.steps {
        #expect(step.symbolic == .verified, "\(result.entry.id) \(step.id)")
      }
    }
  }

  /// Every finding's result has a repaired variant, and it verifies.
  @Test func findingsHaveRepairedVariants() {
    for result in Self.report.results where result.status == .expectedFinding {
      let repaired = result.entry.id + "-repaired"
      #expect(Self.status(repaired) == .verified, "\(repaired) is not verified")
    }
  }

  /// What a result rests on, transitively (issue 17): the axiom schemas and the results, in
  /// the report, the JSON and the summary.
  @Test func aResultListsWhatItRestsOn() throws {
    let result = try #require(Self.report.results.first { $0.entry.id == "thm-3.1-repaired" })
    #expect(result.axioms.contains("ax-kl-chain") && result.axioms.contains("ax-mix"))
    #expect(result.axioms.allSatisfy { $0.hasPrefix("ax-") })
    #expect(result.restsOn == ["lemma-C.1-repaired", "lemma-C.2-repaired", "lemma-C.3-repaired"])
    let only = BEB.run(["check", "--symbolic-only", "--only", "thm-3.1-repaired"], in: Self.root)
    #expect(
      only.stdout.contains(
        "the results rest on \(result.axioms.count) of the 56 axiom schemas loaded\n"))
    #expect(
      only.stdout.contains(
        "thm-3.1-repaired rests on \(result.axioms.count) axiom schemas (ax-abs-le, "))
    let json = BEB.run(
      ["check", "--symbolic-only", "--json", "--only", "thm-3.1-repaired"], in: Self.root)
    #expect(json.stdout.contains("\"rests_on\": {"))
  }
}
