import BEBSyntax

/// How a numbered step of the paper's proofs stands in the development.
public enum CoverageStatus: String, Sendable, CaseIterable {
  /// Encoded, every formal step that encodes it is verified (and refuted on no world, unless
  /// through an earlier failed step), and the proofs holding them check (verified, or an
  /// expected finding). A step may hold given an earlier failed step or an unverified cited
  /// result (`CoveringStep.given`): it is then correct as an inference, and shown with them.
  case verified
  /// Encoded, and every formal step of it that fails is named by a finding: the paper's error.
  case finding
  /// Encoded, and a formal step of it fails that no finding names, or a proof holding its
  /// formal steps does not check (a failing step elsewhere in it that no finding names, a
  /// proof that does not reach its conclusion).
  case failing
  /// Not encoded, with the reason written next to the proof (`step N omitted "why"`).
  case omitted
  /// Neither encoded nor explained.
  case missing
}

/// One formal step that encodes a step of the paper.
public struct CoveringStep: Sendable {
  /// The result whose proof holds the step, and the step's id there (`c2`, `eq29.4`).
  public let result: String
  public let step: String
  /// Marked `added`: a step the paper leaves out, written to fill the gap in its step.
  public let added: Bool
  /// Whether it holds: verified by the kernel, and refuted on no world unless it rests on a
  /// failed step (`StepReport.fails`).
  public let holds: Bool
  /// What its derivation takes on trust: earlier steps that failed (their facts admitted) and
  /// cited results that are not verified, sorted. A step that holds with these is correct as
  /// an inference, not a proof of its claim.
  public let given: [String]
}

/// A numbered step of the paper's proofs and what encodes it.
public struct CoverageRow: Sendable {
  public let proof: String
  public let number: Int
  public let text: String
  public let status: CoverageStatus
  public let steps: [CoveringStep]
  /// The findings naming a failing step among `steps`, sorted.
  public let findings: [String]
  /// Why the step is not encoded (`omitted`), or where the marks are.
  public let reason: String?
  /// The marks naming the step, as `path:line`.
  public let marks: [String]
}

/// Which numbered steps of the paper's proofs (THEORY.md) the development encodes, and how
/// each stands: `beb coverage`, and the coverage table of the reports.
///
/// A proof says which of the paper's steps it encodes by marks (`step 2:`, `step 2 of
/// lemma-C.4:`, `step 6 omitted "why"`): a mark covers the steps and calc links after it, up
/// to the next mark; those marked `added` fill gaps of the paper's step, and count for its
/// standing (a mark must cover at least one step that is not `added`). A paper step encoded in several places (a
/// proof split in parts, a variant that marks it too) takes the worst of their standings.
public struct Coverage: Sendable {
  public let proofs: [PaperProof]
  /// In the paper's order, steps by number.
  public let rows: [CoverageRow]

  /// Rows by status.
  public var counts: [CoverageStatus: Int] {
    Dictionary(grouping: rows, by: \.status).mapValues(\.count)
  }

  /// Whether every step is verified, a finding or omitted with a reason.
  public var complete: Bool { rows.allSatisfy { $0.status != .failing && $0.status != .missing } }

  /// The coverage of `paper` by the proofs of `development`, whose check is `report` (which
  /// must include every result with marks). Fails with the marks that name no step of the
  /// paper, cover no step, or omit a step encoded elsewhere.
  public static func of(
    _ paper: [PaperProof], in development: Development, report: CheckReport
  ) -> Result<Coverage, LoadFailure> {
    let byID = Dictionary(paper.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let reports = Dictionary(
      report.results.map { ($0.entry.id, $0) }, uniquingKeysWith: { a, _ in a })
    var encoded: [String: [(CoveringStep, [String], String)]] = [:]
    var omitted: [String: [(reason: String, place: String, mark: PaperMark, file: SourceFile)]] =
      [:]
    var errors: [Diagnostic] = []
    /// Results with marks whose proof does not check (neither verified nor an expected
    /// finding), with why: every paper step they encode is failing.
    var broken: [String: String] = [:]
    for entry in development.entries {
      guard let proof = entry.proof, let file = entry.proofFile, !proof.marks.isEmpty else {
        continue
      }
      let marks = proof.marks.sorted { $0.span.start < $1.span.start }
      for (index, mark) in marks.enumerated() {
        let target = mark.result?.text ?? entry.id
        let place = "\(file.path):\(file.location(of: mark.span.start).line)"
        guard let paperProof = byID[target] else {
          let known = paper.map(\.id).joined(separator: ", ")
          errors.append(
            Diagnostic(
              in: file, at: mark.result?.span ?? mark.span,
              "the paper has no numbered proof of '\(target)' (THEORY.md numbers the steps of "
                + "\(known)); name one with 'step N of ID:'"))
          continue
        }
        let numbers = Set(paperProof.steps.map(\.number))
        if let bad = mark.numbers.first(where: { !numbers.contains($0) }) {
          errors.append(
            Diagnostic(
              in: file, at: mark.span,
              "the paper's proof of \(target) has no step \(bad) (its steps are "
                + "\(paperProof.steps.first!.number)–\(paperProof.steps.last!.number))"))
          continue
        }
        if let reason = mark.omitted {
          for number in mark.numbers {
            omitted["\(target) \(number)", default: []].append((reason, place, mark, file))
          }
          continue
        }
        let end = index + 1 < marks.count ? marks[index + 1].span.start : proof.span.end
        let covered = (reports[entry.id]?.steps ?? []).filter { step in
          guard let span = step.span else { return false }
          return span.start >= mark.span.end && span.start < end
        }
        guard covered.contains(where: { !$0.added }) else {
          errors.append(
            Diagnostic(
              in: file, at: mark.span,
              "the mark covers no step of the paper: no step follows it before the next mark, "
                + "or every one is marked 'added'"))
          continue
        }
        if let result = reports[entry.id], result.status != .verified,
          result.status != .expectedFinding
        {
          broken[entry.id] = "\(entry.id) is \(result.status.rawValue): \(result.reason)"
        }
        let findings = development.findings.filter { $0.result.text == entry.id }
        for step in covered {
          let holds = !step.fails
          let naming = findings.filter { finding in
            finding.step.map { FindingJudgement.names(FindingJudgement.stepLabel($0.text), step) }
              ?? false
          }.map(\.id.text)
          for number in mark.numbers {
            encoded["\(target) \(number)", default: []].append(
              (
                CoveringStep(
                  result: entry.id, step: step.id, added: step.added, holds: holds,
                  given: (step.restsOn + step.citesUnverified).sorted()),
                naming, place
              ))
          }
        }
      }
    }
    for key in omitted.keys.sorted() {
      let omissions = omitted[key]!
      guard let place = encoded[key]?.first?.2 else { continue }
      for omission in omissions {
        errors.append(
          Diagnostic(
            in: omission.file, at: omission.mark.span,
            "step \(key.split(separator: " ").last!) of \(key.split(separator: " ").first!) is "
              + "encoded at \(place), so it cannot also be omitted"))
      }
    }
    guard errors.isEmpty else {
      return .failure(
        LoadFailure(
          diagnostics: errors.sorted {
            ($0.path, $0.line, $0.column, $0.message) < ($1.path, $1.line, $1.column, $1.message)
          }))
    }
    var rows: [CoverageRow] = []
    for proof in paper {
      for step in proof.steps {
        let key = "\(proof.id) \(step.number)"
        let covering = encoded[key] ?? []
        var places: [String] = []
        for place in covering.map(\.2) + (omitted[key] ?? []).map(\.place)
        where !places.contains(place) {
          places.append(place)
        }
        let status: CoverageStatus
        var findings: Set<String> = []
        var reason: String?
        if covering.isEmpty {
          if let omissions = omitted[key] {
            status = .omitted
            reason = omissions.map(\.reason).joined(separator: " ")
          } else {
            status = .missing
          }
        } else {
          let failing = covering.filter { !$0.0.holds }
          findings = Set(failing.flatMap(\.1))
          let brokenResults = Set(covering.map(\.0.result)).sorted().compactMap { broken[$0] }
          let unnamed = failing.filter { $0.1.isEmpty }.map { "\($0.0.result) step \($0.0.step)" }
          if !unnamed.isEmpty || !brokenResults.isEmpty {
            // A step no finding names, or a proof that does not check as a whole (a failing
            // step elsewhere, maybe outside every mark; a proof that does not reach its
            // conclusion; a finding not confirmed): nothing it encodes is verified.
            status = .failing
            reason =
              ((unnamed.isEmpty
              ? [] : ["not verified and named by no finding: " + unnamed.joined(separator: ", ")])
              + brokenResults).joined(separator: "; ")
          } else if failing.isEmpty {
            status = .verified
          } else {
            status = .finding
          }
        }
        rows.append(
          CoverageRow(
            proof: proof.id, number: step.number, text: step.text, status: status,
            steps: covering.map(\.0), findings: findings.sorted(), reason: reason, marks: places))
      }
    }
    return .success(Coverage(proofs: paper, rows: rows))
  }
}
