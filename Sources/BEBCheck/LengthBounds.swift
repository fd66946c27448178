import BEBNumeric

/// The length bounds of a check's results measured on worlds, as `beb tight` measures one:
/// for the reports.
public enum LengthBounds {
  /// Every reported result (definitions and axioms aside) whose conclusion is
  /// `∃ s : Text, |s| ≤ L ∧ φ`, measured on `worlds` worlds from `seed`, in report order.
  public static func measure(
    _ report: CheckReport, _ development: Development, worlds: Int, seed: UInt64
  ) -> [(id: String, tightness: TightnessReport)] {
    let definitions = development.kernelDefinitions
    return report.results.compactMap { result in
      let entry = result.entry
      guard entry.kind != .definition, entry.kind != .axiom,
        Tightness.lengthBound(of: entry.formula) != nil
      else { return nil }
      let statement = entry.kernelStatement
      return Tightness.measure(
        parameters: statement.parameters, hypotheses: statement.hypotheses,
        conclusion: statement.conclusion, definitions: definitions, count: worlds, seed: seed,
        salt: StatementCheck.salt(entry.id)
      ).map { (entry.id, $0) }
    }
  }
}
