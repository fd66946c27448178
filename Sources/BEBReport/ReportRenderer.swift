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
