import BEBKernel
import BEBNumeric
import BEBSyntax
import Foundation
import Synchronization

extension WhatIf {
  /// The necessity table of `id` (see `HypothesisNecessity`), with worlds: the unedited
  /// statement is checked on `options.worlds` worlds from `options.seed` (unless `report`
  /// already was); when no world refutes it, each hypothesis is dropped in turn
  /// (`edited([.drop(h)])`, the same edit as `beb whatif --drop h`) and the edited statement
  /// checked on the same worlds; a refuting world is re-validated here (the other hypotheses
  /// true, the conclusion false) and the dropped hypothesis evaluated on it. `report` is `id`'s
  /// unedited check (which steps use which hypothesis, whether it verifies).
  ///
  /// The dropped hypotheses are checked in parallel, one per processor: each check is seeded
  /// on its own, so the table does not depend on the schedule. `progress` is called (from any
  /// thread) as each hypothesis is dropped.
  public func necessityTable(
    _ report: ResultReport, progress: (@Sendable (String) -> Void)? = nil
  ) throws -> [HypothesisNecessity] {
    var numeric = options
    numeric.numeric = true
    numeric.only = [id]
    numeric.progress = nil
    var report = report
    // The statement on worlds; the proof's steps run on the same worlds only to find one
    // where the statement is false (a world met by the proof counts as much as one drawn
    // for the statement), without drawing more worlds for them.
    let statementOnly = {
      var options = numeric
      options.waitForSteps = false
      return options
    }()
    if report.numeric == nil {
      report.numeric =
        Checker.check(original, options: statementOnly).results.first { $0.entry.id == id }?.numeric
    }
    // A statement false on a world is false without any hypothesis: nothing to drop.
    let hypotheses = report.numeric?.status == .refuted ? [] : report.entry.hypotheses
    let outcomes = Mutex<[Int: Result<HypothesisNecessity.Dropped?, any Error>]>([:])
    // The closure runs on several threads: it captures only Sendable values.
    let job = (original: original, sources: sources, id: id, options: statementOnly)
    DispatchQueue.concurrentPerform(iterations: hypotheses.count) { index in
      let hypothesis = hypotheses[index]
      progress?(hypothesis.name)
      let whatIf = WhatIf(
        original: job.original, sources: job.sources, id: job.id, options: job.options)
      let outcome = Result { try whatIf.checkWithout(hypothesis) }
      outcomes.withLock { $0[index] = outcome }
    }
    var dropped: [String: HypothesisNecessity.Dropped] = [:]
    let finished = outcomes.withLock { $0 }
    for (index, hypothesis) in hypotheses.enumerated() {
      dropped[hypothesis.name] = try finished[index]?.get()
    }
    return HypothesisNecessity.table(for: report, dropped: dropped)
  }

  /// The statement of `id` checked on worlds without `hypothesis`: first with it dropped
  /// (the sampler's worlds for the other hypotheses); unless that shows it needed, again on
  /// worlds where it fails and every other one holds — the hypothesis replaced by its
  /// negation, so that every world accepted is one that could show it needed (the worlds
  /// drawn for the other hypotheses mostly satisfy it too, and then show nothing). The
  /// negated run is kept unless no world violating the hypothesis was found. A refuting world
  /// is re-validated and `hypothesis` evaluated on it; a refuted dropped run is kept whatever
  /// the hypothesis is there (true there, the statement itself is false: the table says so).
  private func checkWithout(_ hypothesis: Hypothesis) throws
    -> HypothesisNecessity.Dropped?
  {
    let dropped = try check(hypothesis, [.drop(hypothesis.name)], negated: false)
    if dropped?.verdict.status == .refuted { return dropped }
    let negation = "¬(" + Printer.print(hypothesis.source) + ")"
    if let negated = try? check(hypothesis, [.replace(hypothesis.name, negation)], negated: true),
      negated.verdict.status != .unreached
    {
      return negated
    }
    return dropped
  }

  private func check(_ hypothesis: Hypothesis, _ edits: [Edit], negated: Bool) throws
    -> HypothesisNecessity.Dropped?
  {
    let development = try edited(edits)
    guard
      let verdict = Checker.check(development, options: options).results.first(where: {
        $0.entry.id == id
      })?.numeric
    else { return nil }
    var onWorld: Truth?
    if let world = verdict.world, let statement = development.entry(id)?.kernelStatement {
      let definitions = development.kernelDefinitions.map { ($0.id, $0) }
      let evaluator = Evaluator(
        world: world, definitions: Dictionary(definitions, uniquingKeysWith: { a, _ in a }))
      if statement.hypotheses.allSatisfy({ evaluator.truth($0.formula) == .yes })
        && evaluator.truth(statement.conclusion) == .no
      {
        onWorld = evaluator.truth(hypothesis.formula)
      }
    }
    return HypothesisNecessity.Dropped(
      verdict: verdict, hypothesisOnWorld: onWorld, negated: negated)
  }

  /// The necessity tables of every result of `report` (axioms and definitions aside), with
  /// worlds, by id. `progress(done, total, id, hypothesis)` is called (from any thread) as each
  /// hypothesis is dropped, and once at the end with `done == total`.
  public static func necessityTables(
    of report: CheckReport, in development: Development, sources: [SourceFile],
    options: CheckOptions, progress: (@Sendable (Int, Int, String, String) -> Void)? = nil
  ) throws -> [String: [HypothesisNecessity]] {
    let results = report.results.filter { $0.entry.kind != .definition && $0.entry.kind != .axiom }
    let total = results.reduce(0) { $0 + $1.entry.hypotheses.count }
    let done = Mutex(0)
    var tables: [String: [HypothesisNecessity]] = [:]
    for result in results {
      let whatIf = WhatIf(
        original: development, sources: sources, id: result.entry.id, options: options)
      let id = result.entry.id
      tables[id] = try whatIf.necessityTable(result) { hypothesis in
        let started = done.withLock { count in
          defer { count += 1 }
          return count
        }
        progress?(started, total, id, hypothesis)
      }
    }
    progress?(total, total, "", "")
    return tables
  }
}
