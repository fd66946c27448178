/// Turns a source file into tokens. ASCII spellings are accepted for every Unicode symbol
/// (`<=` for `≤`, `++` for `⊕`, `alpha` for `α`, ...); tokens carry the canonical spelling.
///
/// Comments: `--` to the end of the line, and `{- ... -}` blocks, which nest.
public struct Lexer {
  private let file: SourceFile
  /// The file's scalars with their byte offsets; a sentinel at the end.
  private var scalars: [(scalar: Unicode.Scalar, offset: Int)] = []
  private var position = 0

  public init(_ file: SourceFile) {
    self.file = file
  }

  /// All tokens of the file, ending with `endOfFile`, or the first lexical error.
  public static func tokenize(_ file: SourceFile) throws(LocatedSyntaxError) -> [Token] {
    var lexer = Lexer(file)
    return try lexer.run()
  }

  private mutating func run() throws(LocatedSyntaxError) -> [Token] {
    if let nul = file.bytes.firstIndex(of: 0) {
      throw LocatedSyntaxError(.nulByte, Span(nul, nul + 1))
    }
    if let bad = Self.firstInvalidUTF8(file.bytes) {
      throw LocatedSyntaxError(.notUTF8, Span(bad, bad + 1))
    }
    var offset = 0
    for scalar in String(decoding: file.bytes, as: UTF8.self).unicodeScalars {
      scalars.append((scalar, offset))
      offset += UTF8.width(scalar)
    }
    var tokens: [Token] = []
    while true {
      try skipTrivia()
      let token = try next()
      tokens.append(token)
      if token.kind == .endOfFile { break }
      if tokens.count > SyntaxError.maxTokens {
        throw LocatedSyntaxError(.tooManyTokens(limit: SyntaxError.maxTokens), token.span)
      }
    }
    if tokens.count == 1 {
      throw LocatedSyntaxError(.emptyFile, Span(0, 0))
    }
    return tokens
  }

  /// The byte offset of the first byte that does not belong to valid UTF-8, if any.
  static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var offset = 0
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): offset += UTF8.width(scalar)
      case .emptyInput: return nil
      case .error: return offset
      }
    }
  }

  // MARK: Reading

  private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
    let index = position + ahead
    return index < scalars.count ? scalars[index].scalar : nil
  }

  private func offset(_ index: Int) -> Int {
    index < scalars.count ? scalars[index].offset : file.bytes.count
  }

  private func span(from start: Int) -> Span { Span(offset(start), offset(position)) }

  /// The source text of the scalars from `start` up to the current position.
  private func text(from start: Int) -> String {
    String(decoding: file.bytes[offset(start)..<offset(position)], as: UTF8.self)
  }

  private mutating func skipTrivia() throws(LocatedSyntaxError) {
    while let scalar = peek() {
      // Unicode's White_Space, with the ASCII ones (tab to carriage return, space) decided
      // without a property lookup: nearly every scalar of a file is ASCII.
      if scalar.isASCII
        ? scalar == " " || ("\t"..."\r").contains(scalar) : scalar.properties.isWhitespace
      {
        position += 1
      } else if scalar == "-" && peek(1) == "-" {
        while let c = peek(), c != "\n" { position += 1 }
      } else if scalar == "{" && peek(1) == "-" {
        try skipBlockComment()
      } else {
        return
      }
    }
  }

  private mutating func skipBlockComment() throws(LocatedSyntaxError) {
    let start = position
    var depth = 0
    while let scalar = peek() {
      if scalar == "{" && peek(1) == "-" {
        depth += 1
        position += 2
      } else if scalar == "-" && peek(1) == "}" {
        depth -= 1
        position += 2
        if depth == 0 { return }
      } else {
        position += 1
      }
    }
    throw LocatedSyntaxError(.unterminatedComment, Span(offset(start), offset(start + 2)))
  }

  private mutating func next() throws(LocatedSyntaxError) -> Token {
    guard let scalar = peek() else {
      return Token(.endOfFile, Span(file.bytes.count, file.bytes.count))
    }
    let start = position
    if Self.isIdentifierStart(scalar) { return try identifier() }
    if Self.isDigit(scalar) { return try number() }
    if scalar == "\"" { return try string() }
    for (spelling, symbol) in Self.symbolsByFirstScalar[scalar] ?? [] where matches(spelling) {
      position += spelling.count
      return Token(.symbol(symbol), span(from: start))
    }
    position += 1
    throw LocatedSyntaxError(.unexpectedCharacter(String(scalar)), span(from: start))
  }

  private func matches(_ spelling: [Unicode.Scalar]) -> Bool {
    for (index, scalar) in spelling.enumerated() where peek(index) != scalar {
      return false
    }
    return true
  }

  // MARK: Identifiers

  static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
  static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(c) || ("A"..."Z").contains(c)
  }
  /// Greek letters except Σ and Π, which are the sum and product signs.
  static func isGreek(_ c: Unicode.Scalar) -> Bool {
    (0x391...0x3C9).contains(c.value) && c != "Σ" && c != "Π" && c.properties.isAlphabetic
  }
  static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
    isASCIILetter(c) || isGreek(c) || c == "ℓ"
  }
  static func isSubscript(_ c: Unicode.Scalar) -> Bool {
    (0x2080...0x2089).contains(c.value) || c == "₊" || c == "₋"
  }

  private static let resultPrefixes: Set<String> = [
    "def", "lemma", "thm", "app", "cor", "prop", "ax", "eq", "finding",
  ]

  /// The ASCII spelling of a canonical name (`γ'` → `gamma'`), for "did you mean" hints.
  public static func asciiSpelling(_ name: String) -> String {
    guard let first = name.unicodeScalars.first,
      let word = greekNames.first(where: { $0.value.unicodeScalars.first == first })?.key
    else { return name }
    return word + String(String.UnicodeScalarView(name.unicodeScalars.dropFirst()))
  }

  private static let greekNames: [String: String] = [
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
    "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
  ]

  /// Greek letters that look like Latin ones (Unicode TR39's confusables, among the letters
  /// names may use): a name with one is refused, since `Χ` (chi) and `X` would print alike.
  static let confusables: [Unicode.Scalar: Unicode.Scalar] = [
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o",
  ]

  private mutating func identifier() throws(LocatedSyntaxError) -> Token {
    let start = position
    while let c = peek() {
      if Self.isIdentifierStart(c) || Self.isDigit(c) || Self.isSubscript(c) || c == "'"
        || c == "′"
      {
        position += 1
      } else if c == "_", let d = peek(1),
        Self.isIdentifierStart(d) || Self.isDigit(d) || d == "+" || d == "-"
      {
        position += 2
      } else {
        break
      }
    }
    // Every scalar read is part of the name: it is the source text from start to here.
    var raw = text(from: start)
    if Self.resultPrefixes.contains(raw), peek() == "-", let d = peek(1),
      Self.isASCIILetter(d) || Self.isDigit(d)
    {
      while let c = peek() {
        if Self.isASCIILetter(c) || Self.isDigit(c) {
          position += 1
        } else if c == "." || c == "-", let d = peek(1), Self.isASCIILetter(d) || Self.isDigit(d) {
          position += 1
        } else {
          break
        }
      }
      raw = text(from: start)
      return Token(.resultID(raw), span(from: start))
    }
    // Confusable letters are not ASCII: an ASCII name needs no look.
    for (index, c) in raw.unicodeScalars.enumerated() where !c.isASCII {
      if let lookalike = Self.confusables[c] {
        let at = start + index
        throw LocatedSyntaxError(
          .confusable(name: raw, letter: c, lookalike: lookalike), Span(offset(at), offset(at + 1)))
      }
    }
    if let word = Self.wordSymbols[raw] { return Token(word, span(from: start)) }
    if let keyword = Keyword(rawValue: raw) { return Token(.keyword(keyword), span(from: start)) }
    return Token(.identifier(Self.canonicalName(raw)), span(from: start))
  }

  /// ASCII words that stand for symbols.
  private static let wordSymbols: [String: Token.Kind] = [
    "forall": .symbol(.forall), "exists": .symbol(.exists), "not": .symbol(.not),
    "and": .symbol(.and), "or": .symbol(.or), "in": .symbol(.member), "sum": .symbol(.sum),
    "prod": .symbol(.product), "iff": .symbol(.iff), "implies": .symbol(.implies),
  ]

  /// The canonical spelling of a name: Greek words become letters, subscript digits and `_0`
  /// become plain digits, `′` becomes `'`, and `_-`/`_+` become `₋`/`₊`.
  public static func canonicalName(_ raw: String) -> String {
    // Most names are ASCII letters and digits with no Greek word in front (`P`, `s0`): as is.
    // (Digits then need no rewriting: `s0` is canonical; only `_0`, `₀` and words change.)
    if raw.utf8.allSatisfy({
      ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A)
    }) {
      let base = String(raw.prefix { $0.isLetter })
      if greekNames[base] == nil { return raw }
    }
    let scalars = Array(raw.unicodeScalars)
    var baseEnd = 0
    while baseEnd < scalars.count, isASCIILetter(scalars[baseEnd]) { baseEnd += 1 }
    var result = ""
    let base = String(String.UnicodeScalarView(scalars[0..<baseEnd]))
    result += greekNames[base] ?? base
    var index = baseEnd
    while index < scalars.count {
      let c = scalars[index]
      if c == "_", index + 1 < scalars.count {
        let d = scalars[index + 1]
        if d == "-" {
          result += "₋"
          index += 2
          continue
        }
        if d == "+" {
          result += "₊"
          index += 2
          continue
        }
        if isDigit(d) {
          index += 1
          continue
        }
      }
      if (0x2080...0x2089).contains(c.value) {
        result.unicodeScalars.append(Unicode.Scalar(c.value - 0x2080 + 0x30)!)
      } else if c == "′" {
        result += "'"
      } else {
        result.unicodeScalars.append(c)
      }
      index += 1
    }
    return result
  }

  // MARK: Numbers and strings

  private mutating func number() throws(LocatedSyntaxError) -> Token {
    let start = position
    var text = ""
    while let c = peek(), Self.isDigit(c) {
      text.unicodeScalars.append(c)
      position += 1
    }
    if peek() == ".", let d = peek(1), Self.isDigit(d) {
      text += "."
      position += 1
      while let c = peek(), Self.isDigit(c) {
        text.unicodeScalars.append(c)
        position += 1
      }
    }
    if let c = peek(), Self.isIdentifierStart(c) {
      while let c = peek(), Self.isIdentifierStart(c) || Self.isDigit(c) {
        text.unicodeScalars.append(c)
        position += 1
      }
      throw LocatedSyntaxError(.malformedNumber(text), span(from: start))
    }
    let digits = text.unicodeScalars.filter(Self.isDigit).count
    if digits > SyntaxError.maxNumberDigits {
      throw LocatedSyntaxError(.numberTooLong(digits: digits), span(from: start))
    }
    return Token(.number(text), span(from: start))
  }

  private mutating func string() throws(LocatedSyntaxError) -> Token {
    let start = position
    position += 1
    var text = ""
    while let c = peek() {
      position += 1
      switch c {
      case "\"": return Token(.string(text), span(from: start))
      case "\n":
        throw LocatedSyntaxError(.newlineInString, Span(offset(start), offset(start + 1)))
      case "\\":
        if let escaped = peek() {
          position += 1
          text.unicodeScalars.append(escaped == "n" ? "\n" : escaped)
        }
      default: text.unicodeScalars.append(c)
      }
    }
    throw LocatedSyntaxError(.unterminatedString, Span(offset(start), offset(start + 1)))
  }

  // MARK: Symbols

  /// Every spelling of every symbol, longest first so that `<=>` wins over `<=` and `<`.
  static let symbolSpellings: [(String, Symbol)] = {
    var table: [(String, Symbol)] = Symbol.allCases.map { ($0.rawValue, $0) }
    table += [
      ("≔", .define), ("!=", .ne), ("/=", .ne), ("<=", .le), (">=", .ge), ("*", .times),
      ("×", .times), ("⋅", .times), ("++", .concat), ("||", .parallel), ("/\\", .and),
      ("\\/", .or), ("=>", .implies), ("->", .implies), ("→", .implies), ("<=>", .iff),
      ("<->", .iff), ("↔", .iff), ("∼", .tilde), ("<>", .empty), ("−", .minus), (".", .times),
      ("∑", .sum), ("∏", .product), ("!", .not),
    ]
    return table.sorted { ($0.0.unicodeScalars.count, $0.0) > ($1.0.unicodeScalars.count, $1.0) }
  }()

  /// The spellings by their first scalar, as scalars, longest first (the lexer's hot path
  /// looks only at those that can match).
  static let symbolsByFirstScalar: [Unicode.Scalar: [([Unicode.Scalar], Symbol)]] = {
    var table: [Unicode.Scalar: [([Unicode.Scalar], Symbol)]] = [:]
    for (spelling, symbol) in symbolSpellings {
      let scalars = Array(spelling.unicodeScalars)
      table[scalars[0], default: []].append((scalars, symbol))
    }
    return table
  }()
}
