import BEBCheck
import BEBKernel
import BEBNumeric
import BEBSyntax
import Foundation

/// What every renderer needs, computed once from one run of the checker: the report, the
/// development it came from, the citation graph, the findings by result, and how paths print.
public struct ReportModel: Sendable {
  public let report: CheckReport
  public let development: Development
  public let citations: Citations
  /// Prefix removed from file paths when printed (the folder the command ran in).
  public let pathPrefix: String
  /// Seconds the check took, printed only when given (`--timing`): reports are otherwise
  /// byte-identical from run to run.
  public let elapsed: Double?
  /// The necessity tables run on worlds (`--necessity`), by result id; nil when the worlds were
  /// not run, and every table comes from the symbolic check alone.
  public let necessityTables: [String: [HypothesisNecessity]]?
  /// Which numbered steps of the paper's proofs the development encodes, and how each stands
  /// (`beb coverage`); nil when not computed (a development of one's own), and then no section.
  public let coverage: Coverage?
  /// The results' length bounds measured on worlds (`beb tight`), in report order; empty when
  /// the worlds were not run.
  public let lengthBounds: [(id: String, tightness: TightnessReport)]

  public init(
    report: CheckReport, development: Development, pathPrefix: String = "", elapsed: Double? = nil,
    necessity: [String: [HypothesisNecessity]]? = nil, coverage: Coverage? = nil,
    lengthBounds: [(id: String, tightness: TightnessReport)] = []
  ) {
    self.report = report
    self.coverage = coverage
    self.lengthBounds = lengthBounds
    self.necessityTables = necessity
    self.development = development
    self.citations = Citations(development)
    self.statuses = Dictionary(
      report.results.map { ($0.entry.id, $0.status) }, uniquingKeysWith: { a, _ in a })
    self.pathPrefix = pathPrefix
    self.elapsed = elapsed
  }

  /// A path as the user gave it.
  func path(_ path: String) -> String {
    !pathPrefix.isEmpty && path.hasPrefix(pathPrefix)
      ? String(path.dropFirst(pathPrefix.count)) : path
  }

  /// The status of every reported id.
  let statuses: [String: Status]

  /// Reported results, axioms and definitions excluded from the graph (definitions are
  /// unfolded, not cited).
  var graphIDs: [String] {
    report.results.filter { $0.entry.kind != .definition }.map(\.entry.id)
  }

  func layout() -> GraphLayout { GraphLayout(ids: graphIDs, cites: citations.cites) }

  /// Results a result's proof cites (rests on), and results citing it (rest on it).
  func restsOn(_ id: String) -> [String] { citations.cites[id] ?? [] }
  func supports(_ id: String) -> [String] { citations.citedBy[id] ?? [] }

  /// The findings recorded against each reported result, in id order.
  var findingsByResult: [(result: ResultReport, findings: [FindingDecl])] {
    var byResult: [String: [FindingDecl]] = [:]
    for finding in development.findings {
      byResult[finding.result.text, default: []].append(finding)
    }
    return report.results.compactMap { result in
      guard let findings = byResult[result.entry.id], !findings.isEmpty else { return nil }
      return (result, findings)
    }
  }

  /// The repaired variants of a result (`variant of ID`), with their reported status when the
  /// run reported them.
  func variants(of id: String) -> [(entry: Entry, status: Status?)] {
    development.entries.filter { $0.variantOf == id }.map { ($0, statuses[$0.id]) }
  }

  /// The results (definitions aside: they are elaborated, not proved) per status, in legend
  /// order, zeros included.
  var counts: [(Status, Int)] {
    let results = report.results.filter { $0.entry.kind != .definition }
    return StatusStyle.order.map { status in (status, results.filter { $0.status == status }.count)
    }
  }

  /// The summary's first line: results, definitions, files (the imported ones apart), steps.
  var sizeLine: String {
    let definitions = report.results.filter { $0.entry.kind == .definition }.count
    let own = report.files.count - report.importedFiles
    return "\(report.results.count - definitions) results and axioms, \(definitions) definitions, "
      + "in \(own) file\(own == 1 ? "" : "s")"
      + (report.importedFiles > 0 ? " (and \(report.importedFiles) imported)" : "")
      + "; \(stepCount) proof steps."
  }

  /// The paper's main theorems: a report that includes one is a report of the paper, with
  /// the paper's header and a section of findings against it (empty or not).
  static let paperTheorems: Set<String> = ["thm-3.1", "thm-3.2", "thm-3.3", "thm-3.4", "thm-B.1"]

  /// Whether the report is of the paper's development (not of one's own that cites it).
  var describesPaper: Bool { Self.describesPaper(report) }

  /// Whether `report` reports one of the paper's main theorems: a report of the paper.
  public static func describesPaper(_ report: CheckReport) -> Bool {
    report.results.contains { paperTheorems.contains($0.entry.id) }
  }

  /// Whether the plots of Appendix H (Lemma H.3's bound, H.1's KL series) belong in the report:
  /// it reports a lemma of Appendix H.
  var showsPlots: Bool { report.results.contains { $0.entry.id.hasPrefix("lemma-H.") } }

  /// Whether the report has a section of findings: a report of the paper, or one with findings.
  var showsFindings: Bool { describesPaper || !findingsByResult.isEmpty }

  /// The report's opening sentence.
  var lead: String {
    describesPaper
      ? "The Behavior Expectation Bounds theory (Wolf, Wies, Avnery, Levine, Shashua, arXiv "
        + "2304.11082), every step checked by beb’s kernel."
      : "A development checked by beb’s kernel"
        + (report.importedFiles > 0
          ? ", citing beb’s library of axiom schemas and of the BEB paper’s results." : ".")
  }

  /// The axiom schemas the reported results rest on, transitively, in the development's order.
  var axiomsUsed: [Entry] {
    let ids = Set(report.results.flatMap(\.axioms))
    return development.entries.filter { ids.contains($0.id) }
  }

  /// Of `axiomsUsed`, those the report does not show as results of their own (imported, or
  /// left out by --only): listed with their statements in a section of their own.
  var axiomsNotReported: [Entry] { axiomsUsed.filter { statuses[$0.id] == nil } }

  /// The summary's kernel line, without the list of rules.
  var kernelLine: String {
    "Kernel: \(KernelInfo.codeLines) code lines, \(KernelInfo.rules.count) rules; the reported "
      + "results rest on \(axiomsUsed.count) axiom schema\(axiomsUsed.count == 1 ? "" : "s") "
      + "(assumed, not proved)."
  }

  /// The abbreviations a result's statement uses (`let P := mix(α, P₋, P₊)`), in order: a
  /// statement that mentions P is read with them.
  static func lets(_ entry: Entry) -> [(name: String, value: Expr)] {
    (entry.declaration?.clauses ?? []).compactMap { clause in
      if case .let(let name, let value) = clause { return (name.text, value) }
      return nil
    }
  }

  /// A result's necessity table (nil for definitions and axioms).
  func necessity(_ result: ResultReport) -> [HypothesisNecessity]? {
    result.necessity(in: necessityTables ?? [:])
  }

  /// The summary's legend of the verdicts on worlds, and of `vacuous` against `unreached`.
  var verdictsLine: String {
    "Verdicts on worlds: passed (decided true on the whole budget of worlds), refuted (false "
      + "on a world re-validated from scratch), inconclusive (decided on fewer worlds, with the "
      + "count), unreached (no world drawn satisfied the hypotheses: a fact about the sampler, "
      + "with the hypothesis that failed most), skipped (not run). A result is vacuous only when "
      + "the contradiction of its hypotheses is proved, never because no world was found."
  }

  /// The summary's line on the necessity tables: how they were made.
  var necessityLine: String {
    guard necessityTables != nil else {
      return "Necessity of hypotheses: from the symbolic check only (worlds not run; "
        + "beb report --necessity runs them): a hypothesis no step of a verified proof uses is "
        + "not used, every other one unknown."
    }
    return "Necessity of hypotheses: each hypothesis of each result dropped in turn and the "
      + "statement run on \(report.options.worlds) worlds (seed \(report.options.seed)); needed "
      + "only where a world satisfying the other hypotheses refutes it."
  }

  var stepCount: Int { report.results.reduce(0) { $0 + $1.steps.count } }

  /// A step's numeric verdict as text: `skipped`, or the status with its world count.
  static func numericText(_ step: StepReport) -> String {
    let text =
      step.numeric == .skipped || step.worlds == 0
      ? step.numeric.rawValue : "\(step.numeric.rawValue) (\(step.worlds) worlds)"
    return step.counterexample.map { text + "; false on the world: " + $0.text } ?? text
  }

  /// A result's numeric verdict as text, or nil when statements were not checked.
  static func numericText(_ verdict: NumericVerdict?) -> String? {
    guard let verdict else { return nil }
    return "\(verdict.status): \(verdict.worlds) of \(verdict.drawn) worlds decided"
      + (verdict.reason.map { " — " + $0 } ?? "")
  }

  /// A row of the coverage table: the paper's step, its status, what encodes it (the formal
  /// steps and findings, or why it is omitted) and the paper's text.
  static func coverageCells(_ row: CoverageRow) -> (step: String, status: String, by: String) {
    ("\(row.number)", row.status.rawValue, Coverage.encoding(row))
  }

  /// The columns of the length-bound table, and one row per measured result: worlds measured,
  /// on how many the empty prompt suffices, and shortest/L (min, median, max) over the others.
  static let tightnessHeader = [
    "result", "worlds measured", "empty prompt suffices", "shortest / L: min", "median", "max",
    "refuting", "no prompt ≤ K", "unknown",
  ]

  func tightnessRows() -> [[String]] {
    lengthBounds.map { id, tightness in
      let needing = tightness.needingPrompt
      func decimal(_ q: Rational?) -> String {
        q.map { $0.decimalString(fractionDigits: 4) } ?? "–"
      }
      return [
        id, "\(tightness.samples.count) of \(tightness.satisfied)",
        "\(tightness.samples.count - needing.count)", decimal(needing.first?.ratio),
        decimal(TightnessReport.median(needing)), decimal(needing.last?.ratio),
        "\(tightness.exceeding)", "\(tightness.noPrompt)",
        "\(tightness.undecided + tightness.nonPositiveBound)",
      ]
    }
  }

  /// The sentence above the length-bound table.
  var tightnessLead: String {
    "Each result that states a length bound ∃ s : Text, |s| ≤ L ∧ φ, on worlds drawn as beb "
      + "tight draws them (\(report.options.worlds) satisfying its hypotheses, seed "
      + "\(report.options.seed)): the shortest prompt meeting φ against L (beb tight ID says "
      + "more, with the tightest world). The ratios are over the worlds where the empty prompt "
      + "does not already meet φ; refuting: worlds with no prompt of at most L sentences (each "
      + "refutes the statement); no prompt ≤ K: none up to 24 sentences, L above that; unknown: "
      + "the comparison undecided, or L ≤ 0."
  }

  /// Where a finding points: its step, or the whole result.
  static func place(_ finding: FindingDecl) -> String {
    finding.step.map { "step " + $0.text } ?? "the result"
  }

  /// The steps of a result that a finding names (or every failing step, for a finding about the
  /// whole result).
  static func evidence(_ finding: FindingDecl, in result: ResultReport) -> [StepReport] {
    let failing = result.steps.filter { $0.symbolic != .verified || $0.numeric == .refuted }
    guard var step = finding.step?.text else { return failing }
    if step.allSatisfy(\.isNumber) { step = "step-" + step }
    return failing.filter { $0.id == step || $0.id.hasPrefix(step + ".") }
  }
}

extension Substring {
  fileprivate func trimmingCharacters(in character: Character) -> String {
    String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
  }
}
