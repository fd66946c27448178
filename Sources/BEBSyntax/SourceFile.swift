/// A region of a source file, as UTF-8 byte offsets `[start, end)`.
public struct Span: Hashable, Sendable {
  public var start: Int
  public var end: Int

  public init(_ start: Int, _ end: Int) {
    self.start = start
    self.end = end
  }

  /// The smallest span covering both.
  public func to(_ other: Span) -> Span { Span(min(start, other.start), max(end, other.end)) }
}

/// The text of one source file. Line and column numbers are computed only when a position is
/// printed (columns count Unicode scalars, from 1, as editors do).
public struct SourceFile: Sendable {
  /// The path as the user gave it; diagnostics print it unchanged.
  public let path: String
  public let bytes: [UInt8]
  /// Byte offset of the start of each line.
  private let lineStarts: [Int]

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
    var starts = [0]
    for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(offset + 1)
    }
    self.lineStarts = starts
  }

  public init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }

  /// The 1-based line and column of a byte offset (clamped to the file).
  public func location(of offset: Int) -> (line: Int, column: Int) {
    let offset = max(0, min(offset, bytes.count))
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    let lineStart = lineStarts[low]
    // Count scalars, not bytes: a UTF-8 continuation byte does not start a column.
    var column = 1
    for byte in bytes[lineStart..<offset] where byte & 0xC0 != 0x80 { column += 1 }
    return (low + 1, column)
  }

  /// The text of the 1-based line `line`, without its newline.
  public func lineText(_ line: Int) -> String {
    guard line >= 1, line <= lineStarts.count else { return "" }
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
  }
}
