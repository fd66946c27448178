import BEBKernel
import BEBSyntax

/// How a run of the checker is configured.
public struct CheckOptions: Sendable {
  /// Worlds per step for numeric checking.
  public var worlds: Int = 1000
  public var seed: UInt64 = 1
  /// Restrict the report to these ids (empty: everything).
  public var only: [String] = []

  public init() {}
}

/// A result's or step's verdict, spelled as in the JSON contract.
public enum Status: String, Sendable, CaseIterable {
  case verified, refuted, unjustified, vacuous
  case expectedFinding = "expected-finding"
  case unchecked
}

/// The verdicts on one proof step.
public struct StepReport: Sendable {
  public let id: String
  public let claim: String
  public let rule: String
  public let symbolic: String
  public let numeric: String
  public let worlds: Int
  /// Marked `added` in the proof: a step the paper skips.
  public let added: Bool
}

/// The verdicts on one definition or result.
public struct ResultReport: Sendable {
  public let entry: Entry
  public let status: Status
  /// Why the status is what it is, for people.
  public let reason: String
  public let steps: [StepReport]
}

/// The outcome of checking a development.
public struct CheckReport: Sendable {
  public let options: CheckOptions
  public let files: [String]
  public let results: [ResultReport]

  /// Whether everything checks (exit code 0): every result verified or an expected finding.
  public var allChecked: Bool {
    results.allSatisfy { $0.status == .verified || $0.status == .expectedFinding }
  }

  public func count(_ status: Status) -> Int { results.filter { $0.status == status }.count }
}

/// Checks a development. Proof checking by the kernel and on worlds is not implemented yet:
/// every result is reported `unchecked`, every proof step `unchecked`/`skipped`, and the
/// reasons say so. Nothing is ever reported verified without a check behind it.
public enum Checker {
  public static let unimplementedReason =
    "proofs are parsed but not checked yet: the kernel's rules and numeric worlds are not implemented"

  public static func check(_ development: Development, options: CheckOptions) -> CheckReport {
    let chosen = development.entries.filter { options.only.isEmpty || options.only.contains($0.id) }
    let results = chosen.map { entry -> ResultReport in
      let reason: String
      if entry.kind == .definition {
        reason = "definitions are elaborated (names and sorts checked); nothing else is checked yet"
      } else if entry.proof == nil {
        reason = "no proof in the development; " + unimplementedReason
      } else {
        reason = unimplementedReason
      }
      return ResultReport(
        entry: entry, status: .unchecked, reason: reason, steps: steps(of: entry.proof))
    }
    return CheckReport(options: options, files: development.files, results: results)
  }

  /// The steps of a proof, one per `have`, `obtain`, `show` and calc link, with their ids.
  static func steps(of proof: ProofDecl?) -> [StepReport] {
    guard let proof else { return [] }
    var reports: [StepReport] = []
    func add(_ id: String, _ claim: String, _ rule: String, _ added: Bool) {
      reports.append(
        StepReport(
          id: id, claim: claim, rule: rule, symbolic: Status.unchecked.rawValue,
          numeric: "skipped", worlds: 0, added: added))
    }
    for (index, step) in proof.steps.enumerated() {
      let position = "step-\(index + 1)"
      switch step.kind {
      case .let, .conclude:
        continue
      case .have(let name, let claim, let why):
        add(name.text, Printer.print(claim), why.rule.text, step.added)
      case .obtain(let names, let facts, let why):
        let claim = "∃ " + names.map(\.text).joined(separator: " ") + ", "
          + facts.map { Printer.print($0.1) }.joined(separator: " ∧ ")
        add(facts.first?.0.text ?? position, claim, why.rule.text, step.added)
      case .show(let claim, let why):
        add(position, Printer.print(claim), why.rule.text, step.added)
      case .calc(let name, let start, let links):
        var lhs = start
        for (k, link) in links.enumerated() {
          let claim = Printer.print(lhs) + " \(link.relation.rawValue) " + Printer.print(link.rhs)
          add("\(name?.text ?? position).\(k + 1)", claim, link.justification.rule.text, step.added)
          lhs = link.rhs
        }
      }
    }
    return reports
  }
}
