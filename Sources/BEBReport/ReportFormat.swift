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
