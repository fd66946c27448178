import BEBKernel
import BEBNumeric
import BEBSyntax

extension WhatIf {
  /// The necessity table of `id` (see `HypothesisNecessity`), with worlds: the unedited
  /// statement is checked on `options.worlds` worlds from `options.seed` (unless `report`
  /// already was); when no world refutes it, each hypothesis is dropped in turn (`edited([.drop(h)])`, the same
  /// edit as `beb whatif --drop h`) and the edited statement checked on the same worlds; a
  /// refuting world is re-validated here (the other hypotheses true, the conclusion false) and
  /// the dropped hypothesis evaluated on it. `report` is `id`'s unedited check (which steps
  /// use which hypothesis, whether it verifies). `progress` is called before each hypothesis
  /// is dropped.
  public func necessityTable(
    _ report: ResultReport, progress: ((String) -> Void)? = nil
  ) throws -> [HypothesisNecessity] {
    var numeric = options
    numeric.numeric = true
    numeric.only = [id]
    numeric.progress = nil
    var report = report
    if report.numeric == nil {
      report.numeric =
        Checker.check(original, options: numeric).results.first { $0.entry.id == id }?.numeric
    }
    var dropped: [String: HypothesisNecessity.Dropped] = [:]
    // A statement false on a world is false without any hypothesis: nothing to drop.
    let statementRefuted = report.numeric?.status == "refuted"
    for hypothesis in report.entry.hypotheses {
      progress?(hypothesis.name)
      if statementRefuted { continue }
      let development = try edited([.drop(hypothesis.name)])
      guard
        let verdict = Checker.check(development, options: numeric).results.first(where: {
          $0.entry.id == id
        })?.numeric
      else { continue }
      var onWorld: Truth?
      if let world = verdict.world, let statement = development.entry(id)?.kernelStatement {
        let definitions = development.entries.filter { $0.kind == .definition }.map {
          ($0.id, DefinitionStatement(id: $0.id, parameters: $0.parameters, body: $0.formula))
        }
        let evaluator = Evaluator(
          world: world, definitions: Dictionary(definitions, uniquingKeysWith: { a, _ in a }))
        if statement.hypotheses.allSatisfy({ evaluator.truth($0.formula) == .yes })
          && evaluator.truth(statement.conclusion) == .no
        {
          onWorld = evaluator.truth(hypothesis.formula)
        }
      }
      dropped[hypothesis.name] = HypothesisNecessity.Dropped(
        verdict: verdict, hypothesisOnWorld: onWorld)
    }
    return HypothesisNecessity.table(for: report, dropped: dropped)
  }

  /// The necessity tables of every result of `report` (axioms and definitions aside), with
  /// worlds, by id. `progress(done, total, id, hypothesis)` is called before each dropped
  /// hypothesis and once at the end with `done == total`.
  public static func necessityTables(
    of report: CheckReport, in development: Development, sources: [SourceFile],
    options: CheckOptions, progress: ((Int, Int, String, String) -> Void)? = nil
  ) throws -> [String: [HypothesisNecessity]] {
    let results = report.results.filter { $0.entry.kind != .definition && $0.entry.kind != .axiom }
    let total = results.reduce(0) { $0 + $1.entry.hypotheses.count }
    var done = 0
    var tables: [String: [HypothesisNecessity]] = [:]
    for result in results {
      let whatIf = WhatIf(
        original: development, sources: sources, id: result.entry.id, options: options)
      tables[result.entry.id] = try whatIf.necessityTable(result) { hypothesis in
        progress?(done, total, result.entry.id, hypothesis)
        done += 1
      }
    }
    progress?(total, total, "", "")
    return tables
  }
}
