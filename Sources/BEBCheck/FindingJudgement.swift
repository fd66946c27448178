import BEBNumeric
import BEBSyntax

/// How the findings recorded against one result meet what the checker found.
///
/// A finding explains exactly the steps it names. A result is `expected-finding` only when
///
/// - every finding is confirmed by exactly the verdict it expects: a step finding expecting
///   `unjustified` by a named step the kernel did not justify; one expecting `refuted` by a
///   named step shown false (as an identity, or on a world when worlds are drawn); a statement finding expecting
///   `refuted` by a world refuting the statement; one expecting `unjustified` by the result
///   being unjustified (not refuted);
/// - every failing step (not justified by the kernel, or refuted on a world) is named by a
///   step finding — a kernel-verified step refuted on a world counts as failing unless it rests
///   on a failed step, which must then be named itself;
/// - a statement refuted on a world has a statement finding expecting `refuted`;
/// - nothing is a CONFLICT (a kernel-derived statement or step false on a world), which no
///   finding can explain: it means an axiom schema or the kernel is wrong.
///
/// A statement finding expecting `refuted` is `pending` when no worlds were drawn: it neither
/// confirms nor fails, and says so in the reason.
struct FindingJudgement {
  /// The status and reason of the result once its findings are taken into account.
  var status: Status
  var reason: String
  /// Findings that are not confirmed, for the report's list (`ID (RESULT): why`).
  var unconfirmed: [String] = []

  init(
    findings: [FindingDecl], id: String, status base: Status, reason baseReason: String,
    steps: [StepReport], numeric: NumericVerdict?, conflict: Bool
  ) {
    status = base
    reason = baseReason
    guard !findings.isEmpty else { return }
    var confirmed: [String] = []
    var pending: [String] = []
    var named: [String] = []
    var statementRefutedExpected = false
    for finding in findings {
      let label = finding.id.text
      if let step = finding.step.map({ Self.stepLabel($0.text) }) {
        named.append(step)
        let matching = steps.filter { Self.names(step, $0) }
        let isConfirmed: Bool
        switch finding.expectation {
        case .unjustified:
          isConfirmed = matching.contains { $0.symbolic == .unjustified }
        case .refuted:
          isConfirmed = matching.contains { $0.symbolic == .refuted || $0.numeric == .refuted }
        }
        if isConfirmed {
          confirmed.append(label + ": " + finding.explanation)
        } else {
          let found =
            matching.isEmpty
            ? "no step \(step) in the proof"
            : "step \(step) is " + matching.map(\.symbolicLabel).joined(separator: ", ")
          unconfirmed.append(
            "\(label) (\(id)): expected \(finding.expectation.rawValue), but \(found)")
        }
      } else {
        switch finding.expectation {
        case .refuted:
          statementRefutedExpected = true
          guard let numeric else {
            pending.append(
              "\(label): not checked (no worlds drawn: --symbolic-only, or no --numeric)")
            continue
          }
          if numeric.status == .refuted {
            confirmed.append(label + ": " + finding.explanation)
          } else {
            unconfirmed.append(
              "\(label) (\(id)): expected refuted, but the statement is \(numeric.status) on worlds"
                + " (\(numeric.worlds) satisfied its hypotheses)")
          }
        case .unjustified:
          if base == .unjustified {
            confirmed.append(label + ": " + finding.explanation)
          } else {
            unconfirmed.append(
              "\(label) (\(id)): expected unjustified, but the result is \(base.rawValue)")
          }
        }
      }
    }
    // What the findings must explain: the steps that fail, and a refuted statement.
    let failing = steps.filter(\.fails)
    let unnamed = failing.filter { step in !named.contains { Self.names($0, step) } }
    var unexplained: [String] = []
    if conflict { unexplained.append("a CONFLICT, which no finding explains") }
    if numeric?.status == .refuted && !statementRefutedExpected {
      unexplained.append("the statement is refuted on a world and no finding expects it")
    }
    if !unnamed.isEmpty {
      unexplained.append(
        "these steps fail and no finding names them: " + unnamed.map(\.id).joined(separator: ", "))
    }
    // Something must be confirmed, and the result must fail for a reason a finding can
    // explain: a result with no proof, an axiom or a verified one stays as it is.
    if unconfirmed.isEmpty && unexplained.isEmpty && !confirmed.isEmpty
      && (base == .unjustified || base == .refuted)
    {
      status = .expectedFinding
      reason = (confirmed + pending).joined(separator: " | ")
    } else if !unexplained.isEmpty {
      let names = confirmed.map { String($0.prefix { $0 != ":" }) }
      reason =
        (names.isEmpty ? "" : "findings confirmed (\(names.joined(separator: ", "))), but ")
        + unexplained.joined(separator: "; ") + ". " + baseReason
    }
    if !unconfirmed.isEmpty {
      reason +=
        " (findings not confirmed: "
        + unconfirmed.map { String($0.prefix { $0 != " " }) }.joined(separator: ", ") + ")"
    }
  }

  /// `step 12` names the twelfth step, reported as `step-12`.
  static func stepLabel(_ text: String) -> String {
    text.allSatisfy(\.isNumber) ? "step-" + text : text
  }

  /// Whether the finding's step label names the step (a calc chain's links are `NAME.k`).
  static func names(_ label: String, _ step: StepReport) -> Bool {
    step.id == label || step.id.hasPrefix(label + ".")
  }
}
