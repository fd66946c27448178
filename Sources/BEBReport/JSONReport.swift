import BEBCheck
import Foundation

/// The JSON report: exactly `beb check --json` (schema beb-check/1), file paths as given;
/// with `--necessity`, the necessity tables are the ones run on worlds.
enum JSONReport {
  static func render(_ model: ReportModel) -> String {
    let text = model.report.json(necessity: model.necessityTables ?? [:]).serialized()
    guard !model.pathPrefix.isEmpty else { return text }
    // Paths are JSON strings; the prefix is a folder path, escaped the same way in both.
    var quoted = ""
    for scalar in model.pathPrefix.unicodeScalars {
      quoted += scalar == "\\" ? "\\\\" : scalar == "\"" ? "\\\"" : String(scalar)
    }
    return text.replacingOccurrences(of: "\"" + quoted, with: "\"")
  }
}
