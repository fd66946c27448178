/// A message about a place in a source file, rendered as
/// `file:line:col: error: message`, then the source line and a caret under the place.
public struct Diagnostic: Error, Hashable, Sendable {
  public enum Severity: String, Sendable {
    case error, warning, note
  }

  public let path: String
  public let span: Span
  public let severity: Severity
  public let message: String
  /// Pre-computed position, so a diagnostic can be sorted and printed without its file.
  public let line: Int
  public let column: Int
  /// The source line the diagnostic points into, for the caret display.
  public let sourceLine: String
  /// The number of columns the caret underline covers (at least 1).
  public let width: Int

  public init(_ severity: Severity = .error, in file: SourceFile, at span: Span, _ message: String)
  {
    self.path = file.path
    self.span = span
    self.severity = severity
    self.message = message
    let (line, column) = file.location(of: span.start)
    self.line = line
    self.column = column
    // Control characters (from binary files) are shown as '?', one column each, so nothing
    // the file holds can reach the terminal as a control sequence.
    self.sourceLine = String(
      String.UnicodeScalarView(
        file.lineText(line).unicodeScalars.map {
          $0.properties.generalCategory == .control && $0 != "\t" ? "?" : $0
        }))
    let (endLine, endColumn) = file.location(of: span.end)
    let lineWidth = sourceLine.unicodeScalars.count + 1 - column
    self.width = endLine == line ? max(1, min(endColumn - column, lineWidth)) : max(1, lineWidth)
  }

  /// A diagnostic about a file as a whole (missing, unreadable): printed without a position.
  public init(fileProblem path: String, _ message: String) {
    self.path = path
    self.span = Span(0, 0)
    self.severity = .error
    self.message = message
    // A problem with the file as a whole has no position in it: none is printed.
    self.line = 0
    self.column = 0
    self.sourceLine = ""
    self.width = 1
  }

  /// The full text: header line, source line and caret line (the last two only when the
  /// diagnostic points into a line with text).
  public var rendered: String {
    let position = line > 0 ? ":\(line):\(column)" : ""
    var text = "\(path)\(position): \(severity.rawValue): \(message)"
    if !sourceLine.isEmpty {
      // Tabs keep their width so the caret lines up under them.
      let pad = sourceLine.unicodeScalars.prefix(column - 1).map { $0 == "\t" ? "\t" : " " }
      text +=
        "\n" + sourceLine + "\n" + pad.joined() + "^"
        + String(repeating: "~", count: max(0, width - 1))
    }
    return text
  }

  /// Orders diagnostics by file, then position, then text: the order they are printed in.
  public static func precedes(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
    (a.path, a.span.start, a.message) < (b.path, b.span.start, b.message)
  }
}
