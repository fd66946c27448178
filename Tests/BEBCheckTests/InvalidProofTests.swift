import BEBCheck
import BEBSyntax
import Foundation
import Testing

/// The invalid-proof corpus: `Tests/Corpus/invalid-proofs/*.beb`, well-formed files whose proofs
/// each contain one mistake, with one line per file in `expectations.tsv`
/// (`FILE<TAB>RESULT-ID<TAB>STATUS<TAB>STEP-ID<TAB>REASON-SUBSTRING`) saying which result must be
/// rejected, at which step, and for what reason. A suite of only valid proofs cannot tell a
/// checker from `true`; this one checks that wrong proofs fail, and fail for the right reason.
enum InvalidProofCorpus {
  /// …/Tests/BEBCheckTests/InvalidProofTests.swift → …/Tests
  static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
  static let folder = tests.appendingPathComponent("Corpus").appendingPathComponent(
    "invalid-proofs"
  ).path
  static let theorems = tests.deletingLastPathComponent().appendingPathComponent("theorems")
  /// The axiom schemas (every file of theorems/axioms/) and the definitions: `beb/axioms`.
  static let library =
    Library.files("beb/axioms", root: theorems.deletingLastPathComponent().path) ?? []
  static let expectationsPath = folder + "/expectations.tsv"

  /// Results that are correct on purpose (controls, or the target of a bogus finding), as
  /// `FILE:RESULT-ID`. Each must also be announced in its file by a `-- valid: RESULT-ID` line,
  /// and must be verified: a control that does not check is a failure of beb, not of the file.
  static let validControls: Set<String> = [
    "finding-bogus.beb:thm-fine",
    "finding-bogus-result.beb:lemma-fine",
    "paper-cond-model-null-prefix.beb:lemma-mass",
    "paper-mix-weight-two-via-lemma.beb:lemma-prob-le-one",
    "paper-mono-different-laws.beb:lemma-scaled-ok",
    "prob-parameter-via-max.beb:lemma-zz-prob",
    "mixture-event-needs-positive-prefix.beb:lemma-mix-event",
  ]

  /// The corpus files, sorted by name.
  static let fileNames: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".beb") }.sorted()
  }()

  struct Expectation: Sendable, CustomTestStringConvertible {
    let file: String
    /// nil for an unconfirmed-finding line.
    let result: String?
    let status: String
    /// nil when the failure is the result's own (not reaching the conclusion, circularity, ...).
    let step: String?
    /// Whether the step must be `refuted` (written `ID:refuted`), not merely not verified.
    let stepRefuted: Bool
    let reason: String

    var testDescription: String { file }
  }

  /// The lines of `expectations.tsv` (comments and blank lines skipped), and the problems found
  /// in it.
  static func readExpectations() -> (expectations: [Expectation], problems: [String]) {
    guard let data = FileManager.default.contents(atPath: expectationsPath) else {
      return ([], ["cannot read \(expectationsPath)"])
    }
    var expectations: [Expectation] = []
    var problems: [String] = []
    let text = String(decoding: data, as: UTF8.self)
    let statuses = ["unjustified", "refuted", "unconfirmed-finding"]
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
      if line.isEmpty || line.hasPrefix("#") { continue }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 5, fields.allSatisfy({ !$0.isEmpty }), statuses.contains(fields[2]),
        (fields[1] == "-") == (fields[2] == "unconfirmed-finding")
      else {
        problems.append(
          "expectations.tsv line \(index + 1) is not FILE<TAB>RESULT-ID<TAB>STATUS<TAB>STEP-ID<TAB>REASON: \(line)"
        )
        continue
      }
      var step: String? = fields[3] == "-" ? nil : fields[3]
      var refuted = false
      if let named = step, named.hasSuffix(":refuted") {
        step = String(named.dropLast(":refuted".count))
        refuted = true
      }
      expectations.append(
        Expectation(
          file: fields[0], result: fields[1] == "-" ? nil : fields[1], status: fields[2],
          step: step,
          stepRefuted: refuted, reason: fields[4]))
    }
    return (expectations, problems)
  }

  static let expectations: [Expectation] = readExpectations().expectations

  /// The `-- valid: ID` announcements of a file.
  static func announcedValid(_ file: String) -> Set<String> {
    guard let data = FileManager.default.contents(atPath: folder + "/" + file) else { return [] }
    var ids: Set<String> = []
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n")
    where line.hasPrefix("-- valid:") {
      if let id = line.dropFirst("-- valid:".count).split(separator: " ").first {
        ids.insert(String(id))
      }
    }
    return ids
  }

  /// Loads the file with the axioms and definitions and checks it. The files are well-formed,
  /// so loading must succeed; the error is recorded and nil returned if it does not.
  static func check(_ file: String) -> CheckReport? {
    let path = folder + "/" + file
    switch Loader.load(paths: library + [path]) {
    case .success(let development):
      return Checker.check(development, options: CheckOptions())
    case .failure(let failure):
      let first =
        failure.diagnostics.first.map { "\($0.path):\($0.line):\($0.column): \($0.message)" } ?? "?"
      Issue.record("\(file) does not load (it must be well-formed): \(first)")
      return nil
    }
  }

  /// The results of the corpus file itself (not of the axioms and definitions loaded with it).
  static func ownResults(_ report: CheckReport, _ file: String) -> [ResultReport] {
    report.results.filter { URL(fileURLWithPath: $0.entry.path).lastPathComponent == file }
  }
}

@Suite("Invalid proofs")
struct InvalidProofTests {
  @Test("the corpus has at least 60 files, one-to-one with the lines of expectations.tsv")
  func corpusMatchesExpectations() {
    let files = InvalidProofCorpus.fileNames
    #expect(files.count >= 60, "only \(files.count) .beb files in \(InvalidProofCorpus.folder)")
    let (expectations, problems) = InvalidProofCorpus.readExpectations()
    for problem in problems { Issue.record(Comment(rawValue: problem)) }
    expectOneToOne(files: files, expectationFiles: expectations.map(\.file))
  }

  @Test(
    "beb rejects the wrong proof, for the right reason", arguments: InvalidProofCorpus.expectations)
  func rejects(_ expectation: InvalidProofCorpus.Expectation) throws {
    let report = try #require(InvalidProofCorpus.check(expectation.file))
    guard let resultID = expectation.result else {
      // A bogus finding: the expected rejection does not happen, and the run must say so.
      #expect(!report.unconfirmedFindings.isEmpty, "no unconfirmed finding in \(expectation.file)")
      let allChecked = report.allChecked
      #expect(!allChecked, "\(expectation.file): the run passes despite a bogus finding")
      #expect(
        report.unconfirmedFindings.contains { $0.contains(expectation.reason) },
        "unconfirmed findings \(report.unconfirmedFindings) do not mention \(expectation.reason)")
      return
    }
    let result = try #require(
      InvalidProofCorpus.ownResults(report, expectation.file).first { $0.entry.id == resultID },
      "\(expectation.file) has no result \(resultID)")
    #expect(
      result.status != .verified, "SOUNDNESS: beb verifies \(resultID) in \(expectation.file)")
    #expect(
      result.status.rawValue == expectation.status,
      "\(resultID): status \(result.status.rawValue), expected \(expectation.status) (\(result.reason))"
    )
    let allChecked = report.allChecked
    #expect(!allChecked, "\(expectation.file): the run passes")
    guard let stepID = expectation.step else {
      #expect(
        result.reason.contains(expectation.reason),
        "\(resultID): reason '\(result.reason)' does not contain '\(expectation.reason)'")
      return
    }
    // A calc link can be reported twice under one id: its justification, then the chaining.
    let named = result.steps.filter { $0.id == stepID }
    try #require(
      !named.isEmpty, "\(resultID) has no step \(stepID); steps: \(result.steps.map(\.id))")
    let failing = named.filter { $0.symbolic != .verified }
    #expect(!failing.isEmpty, "\(resultID) step \(stepID) is verified: \(named[0].claim)")
    if expectation.stepRefuted {
      #expect(
        failing.contains { $0.symbolic == .refuted },
        "\(resultID) step \(stepID) is \(named.map(\.symbolic)), not refuted")
    }
    let reasons = failing.compactMap(\.reason)
    #expect(
      reasons.contains { $0.contains(expectation.reason) },
      "\(resultID) step \(stepID): reasons \(reasons) do not contain '\(expectation.reason)'")
  }

  @Test("no result of the corpus is verified, except the named valid controls")
  func nothingVerifiedButControls() {
    var verifiedControls: Set<String> = []
    for file in InvalidProofCorpus.fileNames {
      guard let report = InvalidProofCorpus.check(file) else { continue }
      let announced = InvalidProofCorpus.announcedValid(file)
      for result in InvalidProofCorpus.ownResults(report, file) where result.status == .verified {
        let key = "\(file):\(result.entry.id)"
        if InvalidProofCorpus.validControls.contains(key) && announced.contains(result.entry.id) {
          verifiedControls.insert(key)
        } else {
          Issue.record(
            "SOUNDNESS: \(key) is verified, but it is not a valid control (\(result.reason))")
        }
      }
    }
    for control in InvalidProofCorpus.validControls.sorted()
    where !verifiedControls.contains(control) {
      Issue.record("the valid control \(control) is not verified (or not announced by '-- valid:')")
    }
  }
}
