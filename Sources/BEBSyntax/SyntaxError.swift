/// Everything that can be wrong with the text of a file, with the span it is about.
/// All message text of the syntax layer is written here, in `message`.
public enum SyntaxError: Error, Equatable, Sendable {
  case notUTF8
  case nulByte
  case emptyFile
  case unexpectedCharacter(String)
  /// A letter of a name that looks like another letter names use (Greek capital Χ, Latin X):
  /// two names would print the same and be different.
  case confusable(name: String, letter: Unicode.Scalar, lookalike: Unicode.Scalar)
  case unterminatedComment
  case unterminatedString
  case newlineInString
  case numberTooLong(digits: Int)
  case malformedNumber(String)
  case expected(String, found: String)
  case nestingTooDeep(limit: Int)
  case tooManyTokens(limit: Int)
  case duplicateClause(String)
  case missingClause(String, in: String)

  /// Longest number literal accepted, in digits. Longer ones are almost surely a mistake and
  /// would make exact arithmetic slow.
  public static let maxNumberDigits = 1000
  /// Deepest nesting of brackets, binders and operators accepted in one expression.
  public static let maxNesting = 200
  /// Most tokens accepted in one file.
  public static let maxTokens = 2_000_000

  public var message: String {
    switch self {
    case .notUTF8: return "file is not UTF-8 text (is it a binary file?)"
    case .nulByte: return "file contains a NUL byte (is it a binary file?)"
    case .emptyFile: return "file is empty: expected a definition, result or proof"
    case .unexpectedCharacter(let text):
      let scalars = text.unicodeScalars
      guard scalars.count == 1, let c = scalars.first, !c.isASCII else {
        return "unexpected character '\(text)'"
      }
      return "unexpected character '\(text)' (\(SyntaxError.codePoint(c)))"
    case .confusable(let name, let letter, let lookalike):
      return "the name '\(name)' uses '\(letter)' (\(SyntaxError.codePoint(letter))), which looks "
        + "like '\(lookalike)' (\(SyntaxError.codePoint(lookalike))): write '\(lookalike)' or "
        + "another letter"
    case .unterminatedComment: return "unterminated block comment: '{-' has no matching '-}'"
    case .unterminatedString: return "unterminated string: '\"' has no closing '\"'"
    case .newlineInString: return "a string cannot span lines"
    case .numberTooLong(let digits):
      return "number literal has \(digits) digits; at most \(Self.maxNumberDigits) are accepted"
    case .malformedNumber(let text): return "malformed number '\(text)'"
    case .expected(let what, let found): return "expected \(what), found \(found)"
    case .nestingTooDeep(let limit):
      return "expression nested too deeply (more than \(limit) levels)"
    case .tooManyTokens(let limit): return "file has more than \(limit) tokens"
    case .duplicateClause(let clause): return "duplicate '\(clause)' clause"
    case .missingClause(let clause, let item): return "\(item) has no '\(clause)' clause"
    }
  }
}

/// A syntax error located in a file.
public struct LocatedSyntaxError: Error, Sendable {
  public let error: SyntaxError
  public let span: Span

  public init(_ error: SyntaxError, _ span: Span) {
    self.error = error
    self.span = span
  }

  public func diagnostic(in file: SourceFile) -> Diagnostic {
    Diagnostic(in: file, at: span, error.message)
  }
}

extension SyntaxError {
  /// `U+03A7 GREEK CAPITAL LETTER CHI`: a code point and its Unicode name, for messages.
  static func codePoint(_ c: Unicode.Scalar) -> String {
    let hex = String(c.value, radix: 16, uppercase: true)
    let name = c.properties.name.map { " " + $0 } ?? ""
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + name
  }
}
