import BEBNumeric
import Synchronization

/// The length bounds of a check's results measured on worlds, as `beb tight` measures one:
/// for the reports.
public enum LengthBounds {
  /// Every reported result (definitions and axioms aside) whose conclusion is
  /// `∃ s : Text, |s| ≤ L ∧ φ`, measured on `worlds` worlds from `seed`, in report order. The
  /// results are measured side by side (each seeded on its own, collected by index: the
  /// figures do not depend on the schedule).
  public static func measure(
    _ report: CheckReport, _ development: Development, worlds: Int, seed: UInt64,
    parallel: Bool = true
  ) -> [(id: String, tightness: TightnessReport)] {
    let definitions = development.kernelDefinitions
    let entries = report.results.map(\.entry).filter { entry in
      entry.kind != .definition && entry.kind != .axiom
        && Tightness.lengthBound(of: entry.formula) != nil
    }
    let measured = Mutex([TightnessReport?](repeating: nil, count: entries.count))
    Parallel.forEach(entries.count, parallel: parallel) { index in
      let entry = entries[index]
      let statement = entry.kernelStatement
      let tightness = Tightness.measure(
        parameters: statement.parameters, hypotheses: statement.hypotheses,
        conclusion: statement.conclusion, definitions: definitions, count: worlds, seed: seed,
        salt: StatementCheck.salt(entry.id))
      measured.withLock { $0[index] = tightness }
    }
    return zip(entries, measured.withLock { $0 }).compactMap { entry, tightness in
      tightness.map { (entry.id, $0) }
    }
  }
}
