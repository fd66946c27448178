import Foundation

/// The formats `beb report` writes, and the files each one produces.
public enum ReportFormat: String, Sendable, CaseIterable {
  case md, html, tex, json

  /// Every format, for `--format all`.
  public static let all: [ReportFormat] = [.md, .html, .tex, .json]

  /// The files of this format, relative to the output folder.
  public var fileNames: [String] {
    switch self {
    case .md: return ["beb-report.md"]
    case .html: return ["beb-report.html"]
    case .tex: return ["beb-report.tex", "beb-report-standalone.tex"]
    case .json: return ["beb-report.json"]
    }
  }
}

/// Renders a report in the requested formats, from one model (one run of the checker).
public enum ReportRenderer {
  /// The files to write, as (name, contents), in the order of `formats` (duplicates removed).
  public static func render(_ model: ReportModel, formats: [ReportFormat]) -> [(String, String)] {
    var files: [(String, String)] = []
    var seen: Set<ReportFormat> = []
    for format in formats where seen.insert(format).inserted {
      switch format {
      case .md: files.append(("beb-report.md", MarkdownReport.render(model)))
      case .html: files.append(("beb-report.html", HTMLReport.render(model)))
      case .tex:
        files.append(("beb-report.tex", LaTeXReport.render(model)))
        files.append(("beb-report-standalone.tex", LaTeXReport.standalone()))
      case .json: files.append(("beb-report.json", JSONReport.render(model)))
      }
    }
    return files
  }
}

/// The JSON report: exactly `beb check --json` (schema beb-check/1), file paths as given.
enum JSONReport {
  static func render(_ model: ReportModel) -> String {
    let text = model.report.json().serialized()
    guard !model.pathPrefix.isEmpty else { return text }
    // Paths are JSON strings; the prefix is a folder path, escaped the same way in both.
    var quoted = ""
    for scalar in model.pathPrefix.unicodeScalars {
      quoted += scalar == "\\" ? "\\\\" : scalar == "\"" ? "\\\"" : String(scalar)
    }
    return text.replacingOccurrences(of: "\"" + quoted, with: "\"")
  }
}
