import BEBCheck
import Foundation
import Testing

@testable import BEBCLI

/// Coverage of the paper's numbered proof steps (THEORY.md, copied to docs/THEORY.md): every
/// one encoded or explained in the bundled development, and the standing of each judged from
/// the verdicts of the formal steps that encode it.
@Suite struct CoverageTests {
  static let root = DevelopmentTests.root

  static let paper: [PaperProof] = {
    let path = root + "/" + PaperProofs.defaultPath
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    return PaperProofs.parse(text)
  }()

  @Test func theoryHasTheNumberedProofsOfTheAppendices() {
    #expect(
      Self.paper.map(\.id) == [
        "lemma-C.1", "lemma-C.2", "lemma-C.3", "lemma-C.4", "thm-3.1", "thm-3.2", "thm-3.3",
        "thm-3.4", "thm-B.1",
      ])
    #expect(Self.paper.map(\.steps.count) == [10, 6, 6, 13, 6, 5, 11, 10, 7])
    for proof in Self.paper {
      #expect(proof.steps.map(\.number) == Array(1...proof.steps.count), "\(proof.id)")
    }
    // A step's continuation lines are part of its text.
    let c4 = Self.paper.first { $0.id == "lemma-C.4" }!
    #expect(
      c4.steps[1].text.hasSuffix(
        "Σ_{i=1..k} E[D_KL(P_0(·|s_0⊕s'⊕s^{<i}) || P_1(·|s_0⊕s'⊕s^{<i}))]`."))
  }

  /// The test the issue asks for: a numbered step of THEORY.md that is neither encoded nor
  /// explained (or encoded and failing without a finding) fails here, by name.
  @Test func everyNumberedStepOfThePaperIsAccountedFor() throws {
    let coverage = try Coverage.of(
      Self.paper, in: DevelopmentTests.development, report: DevelopmentTests.report
    ).get()
    #expect(coverage.rows.count == 74)
    for row in coverage.rows where row.status == .missing || row.status == .failing {
      Issue.record("\(row.proof) step \(row.number) is \(row.status.rawValue): \(row.reason ?? "")")
    }
    #expect(coverage.complete)
    // Each finding row names the findings of its failing steps; each omitted one its reason.
    for row in coverage.rows {
      #expect((row.status == .finding) == !row.findings.isEmpty, "\(row.proof) \(row.number)")
      #expect((row.status == .omitted) == (row.reason != nil), "\(row.proof) \(row.number)")
    }
    let row = try #require(coverage.rows.first { $0.proof == "thm-3.1" && $0.number == 2 })
    #expect(row.status == .finding)
    #expect(row.findings == ["finding-3.1-prefix", "finding-3.1-strict"])
    #expect(row.steps.map(\.step) == ["c2", "eq60"])
    // A proof in parts: Lemma C.4's steps 1-5 and 11-13 are in lemma-C.4-cont.
    let c4 = coverage.rows.filter { $0.proof == "lemma-C.4" && $0.number <= 5 }
    #expect(c4.allSatisfy { $0.steps.allSatisfy { $0.result == "lemma-C.4-cont" } })
  }

  static let paperText = """
    # The paper
    ### Lemma T.1 [1]
    Proof.
    1. The first step.
    2. The second step,
       continued.
    3. The third step.
    ## 2. Notes
    1. Not a proof step.
    """

  static let lemma = """
    lemma lemma-T.1 "a test"
      given a : Real
      assume apos : a > 0
      show a + 1 > 0

    """

  func run(_ proof: String, _ arguments: [String] = []) throws -> Outcome {
    try CommandLineTests().withFiles(
      ["THEORY.md": Self.paperText, "theorems/t.beb": Self.lemma + proof]
    ) { folder in
      BEB.run(["coverage", "--paper", "THEORY.md"] + arguments, in: folder)
    }
  }

  @Test func stepsVerifiedMissingAndOmitted() throws {
    let proof = """
      proof lemma-T.1
        step 1:
        have h : a + 1 > 1 by linarith [apos]
        step 2:
        show a + 1 > 0 by linarith [h]

      """
    let missing = try run(proof)
    #expect(missing.status == 1)
    #expect(missing.stdout.contains("     1  verified  The first step.\n        lemma-T.1: h\n"))
    #expect(missing.stdout.contains("     2  verified  The second step, continued.\n"))
    #expect(missing.stdout.contains("     3  missing   The third step.\n"))
    #expect(
      missing.stdout.contains("3 numbered steps in 1 proof of the paper: 2 verified, 1 missing"))
    // An omitted step may be said at the end of the proof too.
    let omittedAtEnd = try run(proof + "  step 3 omitted \"said elsewhere\"\n")
    #expect(omittedAtEnd.status == 0, "\(omittedAtEnd.stderr)")
    let explained = try run(
      proof.replacingOccurrences(
        of: "  step 1:", with: "  step 3 omitted \"said elsewhere\"\n  step 1:"))
    #expect(explained.status == 0, "\(explained.stderr)")
    #expect(
      explained.stdout.contains(
        "     3  omitted   The third step.\n        omitted: said elsewhere\n"))
    let json = try run(proof, ["--json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["schema"] as? String == "beb-coverage/1")
    let summary = try #require(object["summary"] as? [String: Any])
    #expect(summary["verified"] as? Int == 2)
    #expect(summary["missing"] as? Int == 1)
    #expect(summary["complete"] as? Bool == false)
  }

  @Test func aFailingStepIsFailingUnlessAFindingNamesIt() throws {
    let proof = """
      proof lemma-T.1
        step 1-3:
        have h : a + 1 > 2 by linarith [apos]
        show a + 1 > 0 by linarith [apos]

      """
    let failing = try run(proof)
    #expect(failing.status == 1)
    #expect(failing.stdout.contains("     1  failing   The first step.\n"))
    #expect(failing.stdout.contains("not verified and named by no finding: lemma-T.1 step h"))
    let finding = try run(
      proof + "finding finding-T of lemma-T.1 step h expect unjustified \"a + 1 > 2 is false\"\n")
    #expect(finding.status == 0, "\(finding.stdout)")
    #expect(
      finding.stdout.contains(
        "     1  finding   The first step.\n        lemma-T.1: h, step-2 — finding-T\n"))
  }

  @Test(arguments: [
    ("  step 4:\n  show a + 1 > 0 by linarith [apos]\n", "has no step 4 (its steps are 1–3)"),
    (
      "  step 1 of lemma-X.1:\n  show a + 1 > 0 by linarith [apos]\n",
      "the paper has no numbered proof of 'lemma-X.1'"
    ),
    ("  step 1:\n  step 2:\n  show a + 1 > 0 by linarith [apos]\n", "the mark covers no step"),
    (
      "  step 1 omitted \"no\"\n  step 1-3:\n  show a + 1 > 0 by linarith [apos]\n",
      "step 1 of lemma-T.1 is encoded at theorems/t.beb:7, so it cannot also be omitted"
    ),
  ])
  func badMarksAreInputErrors(_ body: String, _ message: String) throws {
    let outcome = try run("proof lemma-T.1\n" + body)
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("theorems/t.beb:"))
    #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    #expect(outcome.stderr.contains("^"))
  }

  @Test func anUnreadablePaperIsAUsageError() throws {
    let outcome = try CommandLineTests().withFiles(["theorems/t.beb": Self.lemma]) { folder in
      BEB.run(["coverage", "--paper", "nosuch.md"], in: folder)
    }
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("cannot read the paper's proofs 'nosuch.md'"))
  }

  /// A paper step is verified only when the proof holding it checks: not when the proof does
  /// not reach its conclusion, fails at an unmarked step, or has an unconfirmed finding.
  @Test(arguments: [
    (
      // The marked steps verify, but the proof never shows the conclusion.
      "  step 1-3:\n  have h : a + 1 > 1 by linarith [apos]\n", "lemma-T.1 is unjustified"
    ),
    (
      // A failing step before the first mark, named by no finding.
      "  have bogus : a > 5 by linarith [apos]\n  step 1-3:\n  show a + 1 > 0 by linarith [apos]\n",
      "lemma-T.1 is unjustified"
    ),
    (
      // A finding that names the failing step but expects another verdict is not confirmed.
      "  step 1-3:\n  have h : a + 1 > 2 by linarith [apos]\n  show a + 1 > 0 by linarith [apos]\n"
        + "finding finding-T of lemma-T.1 step h expect refuted \"wrong verdict\"\n",
      "lemma-T.1 is unjustified"
    ),
  ])
  func aProofThatDoesNotCheckMakesItsStepsFailing(_ proof: String, _ reason: String) throws {
    let outcome = try run("proof lemma-T.1\n" + proof)
    #expect(outcome.status == 1, "\(outcome.stdout)")
    #expect(outcome.stdout.contains("     1  failing   The first step.\n"), "\(outcome.stdout)")
    #expect(outcome.stdout.contains(reason), "\(outcome.stdout)")
    #expect(!outcome.stdout.contains("verified  The"), "\(outcome.stdout)")
  }

  /// Diagnostics come sorted, the same from run to run.
  @Test func diagnosticsAreDeterministic() throws {
    let proof = """
      proof lemma-T.1
        step 1-3:
        show a + 1 > 0 by linarith [apos]
        step 1-3 omitted "encoded above"

      """
    let first = try run(proof)
    #expect(first.status == 2)
    let lines = first.stderr.split(separator: "\n").filter { $0.contains("error:") }
    #expect(lines.count == 3)
    #expect(lines.map { $0.contains("step 1 of") } == [true, false, false], "\(lines)")
    for _ in 0..<3 { #expect(try run(proof).stderr == first.stderr) }
  }
}
