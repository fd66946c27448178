/// The words beb reserves. A reserved word cannot name a variable or hypothesis.
public enum Keyword: String, CaseIterable, Sendable {
  case definition, lemma, theorem, corollary, proposition, axiom
  case proof, given, `let`, assume, show, have, obtain, such, that, calc, by, with, conclude
  case finding, variant, of, step, expect, refuted, unjustified, added, fix, suppose
  case `import`

  /// Keywords that begin an item or a clause, where a formula must stop.
  public var startsClause: Bool {
    switch self {
    case .definition, .lemma, .theorem, .corollary, .proposition, .axiom, .proof, .given, .let,
      .assume, .show, .have, .obtain, .calc, .conclude, .finding, .added, .fix, .suppose, .import:
      return true
    default:
      return false
    }
  }
}

/// Punctuation and operators, under their canonical (Unicode) spelling.
public enum Symbol: String, CaseIterable, Sendable {
  case lparen = "("
  case rparen = ")"
  case lbracket = "["
  case rbracket = "]"
  case lbrace = "{"
  case rbrace = "}"
  case comma = ","
  case colon = ":"
  case define = ":="
  case range = ".."
  case underscore = "_"
  case eq = "="
  case ne = "≠"
  case lt = "<"
  case le = "≤"
  case gt = ">"
  case ge = "≥"
  case plus = "+"
  case minus = "-"
  case times = "·"
  case slash = "/"
  case caret = "^"
  case concat = "⊕"
  case bar = "|"
  case parallel = "∥"
  case tilde = "~"
  case and = "∧"
  case or = "∨"
  case not = "¬"
  case implies = "⇒"
  case iff = "⇔"
  case forall = "∀"
  case exists = "∃"
  case member = "∈"
  case sum = "Σ"
  case product = "Π"
  case lceil = "⌈"
  case rceil = "⌉"
  case lfloor = "⌊"
  case rfloor = "⌋"
  case empty = "⟨⟩"
}

/// A lexical token with its span.
public struct Token: Sendable {
  public enum Kind: Sendable, Equatable {
    /// A name, canonicalised: `alpha` is `α`, `P_-` is `P₋`, `s_0` and `s₀` are `s0`.
    case identifier(String)
    /// A result id such as `thm-3.1`, `def-2.2-v4` or `lemma-C.3-prefixwise`.
    case resultID(String)
    /// A number literal exactly as written (digits, optionally `.` and digits).
    case number(String)
    /// A string literal's contents, escapes resolved.
    case string(String)
    case keyword(Keyword)
    case symbol(Symbol)
    case endOfFile
  }

  public let kind: Kind
  public let span: Span

  public init(_ kind: Kind, _ span: Span) {
    self.kind = kind
    self.span = span
  }

  /// How the token reads in a message ("'≤'", "identifier 'x'", "end of file").
  public var described: String {
    switch kind {
    case .identifier(let name): return "identifier '\(name)'"
    case .resultID(let id): return "id '\(id)'"
    case .number(let digits):
      return "number \(digits.count > 20 ? digits.prefix(20) + "…" : digits)"
    case .string: return "a string"
    case .keyword(let word): return "'\(word.rawValue)'"
    case .symbol(let symbol): return "'\(symbol.rawValue)'"
    case .endOfFile: return "end of file"
    }
  }
}
