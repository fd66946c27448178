import BEBCheck
import Foundation

/// `beb check --save-baseline FILE` and `--baseline FILE`: the JSON report kept as a baseline,
/// and what changed since, result by result and step by step. Edits made in the files (a
/// hypothesis weakened, a definition changed) show up here.
enum Baseline {
  /// Writes the report as the baseline, atomically (a temporary file renamed over FILE).
  static func save(_ report: CheckReport, to path: String) throws {
    try Data(report.json().serialized().utf8).write(
      to: URL(fileURLWithPath: path), options: .atomic)
  }

  struct Snapshot {
    /// Status and reason of each result, by id.
    var results: [String: (status: String, steps: [String: (symbolic: String, numeric: String)])]
  }

  enum Problem: Error {
    case unreadable(String)
    case notABaseline(String)
  }

  static func load(_ path: String) throws(Problem) -> Snapshot {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable("cannot read baseline '\(path)'")
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      object["schema"] as? String == "beb-check/1",
      let results = object["results"] as? [[String: Any]]
    else {
      throw .notABaseline(
        "'\(path)' is not a baseline (a 'beb check --json' report, schema beb-check/1)")
    }
    var snapshot = Snapshot(results: [:])
    for result in results {
      guard let id = result["id"] as? String, let status = result["status"] as? String else {
        continue
      }
      var steps: [String: (String, String)] = [:]
      for step in result["steps"] as? [[String: Any]] ?? [] {
        guard let stepID = step["id"] as? String else { continue }
        let numeric = (step["numeric"] as? [String: Any])?["status"] as? String ?? "skipped"
        steps[stepID] = (step["symbolic"] as? String ?? "?", numeric)
      }
      snapshot.results[id] = (status, steps)
    }
    return snapshot
  }

  /// The changes from `old` to `report`, sorted by id; empty when nothing changed.
  static func changes(from old: Snapshot, to report: CheckReport) -> [String] {
    var lines: [String] = []
    var seen: Set<String> = []
    for result in report.results {
      let id = result.entry.id
      seen.insert(id)
      guard let before = old.results[id] else {
        lines.append("+ \(id): new, \(result.status.rawValue)")
        continue
      }
      var detail: [String] = []
      for step in result.steps {
        // The baseline file holds the verdicts' words (its JSON).
        let (symbolic, numeric) = (step.symbolic.rawValue, step.numeric.rawValue)
        guard let was = before.steps[step.id] else {
          detail.append("    + step \(step.id): new, \(symbolic)")
          continue
        }
        if was.symbolic != symbolic {
          detail.append(
            "    step \(step.id): \(was.symbolic) → \(symbolic)"
              + (step.reason.map { ": \($0)" } ?? ""))
        }
        if was.numeric != numeric && result.steps.contains(where: { $0.numeric != .skipped }) {
          detail.append("    step \(step.id) on worlds: \(was.numeric) → \(numeric)")
        }
      }
      for stepID in before.steps.keys.sorted()
      where !result.steps.contains(where: { $0.id == stepID }) {
        detail.append("    - step \(stepID): gone")
      }
      if before.status != result.status.rawValue || !detail.isEmpty {
        let head =
          before.status == result.status.rawValue
          ? "~ \(id): \(result.status.rawValue) (steps changed)"
          : "~ \(id): \(before.status) → \(result.status.rawValue)"
        lines.append(([head] + detail).joined(separator: "\n"))
      }
    }
    for id in old.results.keys.sorted() where !seen.contains(id) {
      lines.append("- \(id): gone (was \(old.results[id]!.status))")
    }
    return lines
  }
}
