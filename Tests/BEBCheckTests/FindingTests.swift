import BEBCheck
import BEBSyntax
import Foundation
import Testing

/// A finding explains exactly the steps it names and is confirmed by exactly the verdict it
/// expects; anything else it must not hide (issue 16, item 5).
@Suite struct FindingTests {
  static let root = DevelopmentTests.root

  /// The bundled development, with `edit` applied to the text of one of its files.
  static func development(editing file: String, _ edit: (String) -> String) throws -> Development {
    var sources: [SourceFile] = []
    for folder in ["theorems", "proofs"] {
      // Subfolders too (theorems/axioms/).
      let names =
        (FileManager.default.enumerator(atPath: root + "/" + folder)?.compactMap {
          $0 as? String
        } ?? []).filter { $0.hasSuffix(".beb") }.sorted()
      for name in names {
        let path = folder + "/" + name
        let text = try String(contentsOfFile: root + "/" + path, encoding: .utf8)
        sources.append(SourceFile(path: path, text: path == file ? edit(text) : text))
      }
    }
    guard case .success(let development) = Loader.load(sources: sources) else {
      throw CocoaError(.fileReadCorruptFile)
    }
    return development
  }

  static func check(_ text: String, numeric: Bool, only: [String] = []) throws -> CheckReport {
    guard case .success(let development) = Loader.load(sources: [.init(path: "f.beb", text: text)])
    else { throw CocoaError(.fileReadCorruptFile) }
    var options = CheckOptions()
    options.numeric = numeric
    options.worlds = 40
    options.only = only
    return Checker.check(development, options: options)
  }

  /// thm-3.1 carries a finding about its statement (`expect refuted`, confirmed on worlds
  /// only); without worlds it must not cover a new failure in the proof. Edit (62) to claim
  /// `< γ - ε/2`: the step fails, no finding names it, and the check fails naming it.
  @Test func aStatementFindingDoesNotHideANewFailingStep() throws {
    let edited = try Self.development(editing: "proofs/main.beb") { text in
      text.replacingOccurrences(of: "_ < γ + ε / 2 by linarith", with: "_ < γ - ε / 2 by linarith")
    }
    var options = CheckOptions()
    options.only = ["thm-3.1"]
    let report = Checker.check(edited, options: options)
    let result = try #require(report.results.first)
    #expect(result.status == .unjustified)
    #expect(result.reason.contains("these steps fail and no finding names them: eq62"))
    #expect(result.steps.contains { $0.id.hasPrefix("eq62") && $0.symbolic == .unjustified })
    #expect(!report.allChecked)
    // The new failure is printed where it is written, as a compiler would, with a caret.
    let table = report.table()
    #expect(
      table.contains(
        "proofs/main.beb:26:11: error: eq62.2 [unjustified, by linarith]: linarith found no "
          + "combination"))
    let link = "      _ < γ - ε / 2 by linarith [negs, c2, eq60, eq61]\n          ^~~~"
    #expect(table.contains(link))
    // Unedited, the same result is an expected finding whose statement finding waits for worlds.
    let original = try Self.development(editing: "", { $0 })
    let unedited = try #require(Checker.check(original, options: options).results.first)
    #expect(unedited.status == .expectedFinding)
    #expect(unedited.reason.contains("finding-3.1-length: not checked (no worlds drawn"))
  }

  /// A false axiom schema: a step derived from it is verified by the kernel and false on a
  /// world (a CONFLICT), which no finding may explain.
  static let wrongSchema = """
    axiom ax-wrong "a false schema"
      given x : Real
      show x ≤ 0
    """

  static let conflicting =
    wrongSchema + """

      lemma lemma-x "a lemma with a recorded finding and a step the kernel derives wrongly"
        given y : Real
        assume big : y > 1
        show y > 0

      proof lemma-x
        have bad : y ≤ 0 by ax-wrong with x := y
        have named : y > 5 by linarith [big]
        show y > 0 by linarith [big]

      finding finding-x of lemma-x step named expect unjustified
        "the step does not follow"
      """

  /// A kernel-verified step refuted on a world is a CONFLICT (a wrong axiom schema here), and
  /// a finding about another step of the same result does not turn it into expected-finding.
  @Test func aFindingDoesNotHideAConflict() throws {
    let symbolic = try #require(
      try Self.check(Self.conflicting, numeric: false).results.first { $0.entry.id == "lemma-x" })
    #expect(symbolic.status == .expectedFinding)
    let report = try Self.check(Self.conflicting, numeric: true, only: ["lemma-x"])
    let result = try #require(report.results.first)
    #expect(result.status == .refuted)
    #expect(result.reason.contains("CONFLICT: step bad is verified by the kernel"))
    #expect(result.reason.contains("findings confirmed (finding-x), but a CONFLICT"))
    #expect(!report.allChecked)
  }

  /// The statement is false on worlds too, and findings name every failing step, the
  /// conflicting one included ("refuted"): the CONFLICT must still not be explained away.
  static let conflictingAndFalse =
    wrongSchema + """

      lemma lemma-z "a false lemma whose proof uses a false schema"
        given y : Real
        assume big : y > 1
        show y > 2

      proof lemma-z
        have bad : y ≤ 0 by ax-wrong with x := y
        have named : y > 2 by linarith [big]
        show y > 2 by named

      finding finding-bad of lemma-z step bad expect refuted
        "the step is false"
      finding finding-named of lemma-z step named expect unjustified
        "the step does not follow"
      finding finding-statement of lemma-z expect refuted
        "the statement is false"
      """

  @Test func aRefutedStatementDoesNotHideAConflictingStep() throws {
    let report = try Self.check(Self.conflictingAndFalse, numeric: true, only: ["lemma-z"])
    let result = try #require(report.results.first)
    #expect(result.numeric?.status == .refuted)
    #expect(result.status == .refuted)
    #expect(result.reason.contains("CONFLICT: step bad is verified by the kernel"))
    #expect(!report.allChecked)
  }

  /// A finding waiting for worlds confirms nothing: a result with no proof stays unchecked.
  @Test func aPendingFindingAloneConfirmsNothing() throws {
    let text = """
      lemma lemma-p "stated, not proved"
        given y : Real
        show y > 0

      finding finding-p of lemma-p expect refuted
        "false at y = 0"
      """
    let result = try #require(try Self.check(text, numeric: false).results.first)
    #expect(result.status == .unchecked)
  }

  static let falseLemma = """
    lemma lemma-f "a false lemma with a statement finding"
      given y : Real
      assume pos : y > 0
      show y > 1

    proof lemma-f
      have one : y > 1 by linarith [pos]
      show y > 1 by one

    finding finding-f of lemma-f step one expect unjustified
      "the step does not follow"
    finding finding-g of lemma-f expect unjustified
      "the proof does not establish the statement"
    """

  /// A statement finding expecting `unjustified` is not confirmed by a refutation, and a
  /// refuted statement with no finding expecting it is not an expected finding.
  @Test func aFindingIsConfirmedOnlyByTheVerdictItExpects() throws {
    let symbolic = try #require(try Self.check(Self.falseLemma, numeric: false).results.first)
    #expect(symbolic.status == .expectedFinding)
    let report = try Self.check(Self.falseLemma, numeric: true)
    let result = try #require(report.results.first)
    #expect(result.status == .refuted)
    #expect(result.reason.contains("the statement is refuted on a world and no finding expects it"))
    #expect(
      report.unconfirmedFindings == [
        "finding-g (lemma-f): expected unjustified, but the result is refuted"
      ])
  }

  /// A step finding expecting `unjustified` is not confirmed by a step the kernel verified.
  @Test func aStepFindingNamesAStepThatFails() throws {
    let text = Self.falseLemma.replacingOccurrences(of: "y > 1", with: "y > 0")
    let report = try Self.check(text, numeric: false)
    #expect(report.results.first?.status == .verified)
    #expect(
      report.unconfirmedFindings == [
        "finding-f (lemma-f): expected unjustified, but step one is verified",
        "finding-g (lemma-f): expected unjustified, but the result is verified",
      ])
  }

  /// Every failing step of the bundled development (the recorded findings) is located:
  /// `file:line:col: error: STEP [...]` in the table, with its source line and a caret, and
  /// `location` in the JSON.
  @Test func everyFailingStepIsPrintedWhereItIsWritten() throws {
    let report = DevelopmentTests.report
    let table = report.table()
    var located = 0
    for result in report.results {
      for step in result.steps where step.symbolic != .verified {
        let location = try #require(step.location, "\(result.entry.id) \(step.id)")
        #expect(location.contains("/proofs/") || location.contains("/theorems/"))
        #expect(
          table.contains("\n\(location): error: \(step.id) [\(step.symbolic), by \(step.rule)]"),
          "\(result.entry.id) \(step.id)")
        located += 1
      }
    }
    #expect(located > 50)
    #expect(table.contains("/proofs/main.beb:14:3: error: c2 [unjustified, by lemma-C.2]: "))
    let source = "\n  have c2 : |B[P](s) - B[P₋](s)| ≤ 2 · ((1 - α)/α) · (P₊(s)/P₋(s))\n  ^~~"
    #expect(table.contains(source))
  }
}
