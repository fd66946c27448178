/// The abstract syntax tree: exactly what was written, every node with its span. Nothing is
/// simplified or resolved here; the elaborator (BEBCheck) gives the tree its meaning.
///
/// Equality of nodes ignores spans: two trees are equal when they say the same thing, wherever
/// they were written. This is what the print → parse round trip compares.

/// A name as written, with its span.
public struct Name: Sendable, Equatable, CustomStringConvertible {
  public let text: String
  public let span: Span

  public init(_ text: String, _ span: Span) {
    self.text = text
    self.span = span
  }

  public var description: String { text }
  public static func == (a: Name, b: Name) -> Bool { a.text == b.text }
}

public enum UnaryOperator: String, Sendable, Equatable {
  case negate = "-"
  case not = "¬"
}

public enum BinaryOperator: String, Sendable, Equatable, CaseIterable {
  case add = "+"
  case subtract = "-"
  case multiply = "·"
  case divide = "/"
  case power = "^"
  case concat = "⊕"
  case and = "∧"
  case or = "∨"
  case implies = "⇒"
  case iff = "⇔"
}

public enum RelationOperator: String, Sendable, Equatable, CaseIterable {
  case eq = "="
  case ne = "≠"
  case lt = "<"
  case le = "≤"
  case gt = ">"
  case ge = "≥"
}

public enum Quantifier: String, Sendable, Equatable {
  case forall = "∀"
  case exists = "∃"
}

/// `Σ` or `Π`.
public enum BigOperator: String, Sendable, Equatable {
  case sum = "Σ"
  case product = "Π"
}

/// `E`, `Var` or `Pr`: operators that draw a variable from a law.
public enum SamplingOperator: String, Sendable, Equatable, CaseIterable {
  case expectation = "E"
  case variance = "Var"
  case probability = "Pr"
}

/// The variables a quantifier binds: `x y : Real` (a sort) or `ε > 0` (a bound; sort Real).
public struct BinderGroup: Sendable, Equatable {
  public enum Domain: Sendable, Equatable {
    case sort(Name)
    case bound(RelationOperator, Expr)
  }

  public let names: [Name]
  public let domain: Domain

  public init(names: [Name], domain: Domain) {
    self.names = names
    self.domain = domain
  }
}

/// The index of a big operator: `i = a..b` or `s : Sentence`.
public enum BigRange: Sendable, Equatable {
  case interval(Name, from: Expr, to: Expr)
  case sort(Name, Name)
}

/// An interval after `∈`: `(a, b]`, `[a, b)`, ...
public struct Interval: Sendable, Equatable {
  public let lower: Expr
  public let lowerClosed: Bool
  public let upper: Expr
  public let upperClosed: Bool

  public init(lower: Expr, lowerClosed: Bool, upper: Expr, upperClosed: Bool) {
    self.lower = lower
    self.lowerClosed = lowerClosed
    self.upper = upper
    self.upperClosed = upperClosed
  }
}

/// An expression: a term or a formula (the parser does not know which; sorts decide).
public struct Expr: Sendable, Equatable {
  public indirect enum Kind: Sendable, Equatable {
    /// A number literal exactly as written: `42`, `0.25`.
    case number(String)
    case name(String)
    /// A result id used as a predicate: `def-2.2` in `def-2.2(P₋, P₊, β)`.
    case resultID(String)
    /// `·` in `P(·|s0)`.
    case placeholder
    /// `_`: the previous right-hand side, in a calc chain.
    case previous
    /// `⟨⟩`: the empty text.
    case emptyText
    case paren(Expr)
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `a < b ≤ c`: `operands.count == operators.count + 1`.
    case chain([Expr], [RelationOperator])
    case memberInterval(Expr, Interval)
    /// `x ∈ {a, b, ...}`.
    case memberSet(Expr, [Expr])
    /// `|e|`: the length of a text or the absolute value of a number.
    case bars(Expr)
    case ceiling(Expr)
    case floor(Expr)
    /// `f(a, b)`, `P(s | s0)`, `B[P](s0)`: a head applied to arguments, optionally `| given`.
    case call(Expr, [Expr], given: Expr?)
    /// `B[P]`.
    case index(Expr, [Expr])
    /// `s^{<i}`: the first i-1 sentences of s.
    case prefix(Expr, Expr)
    /// `KL(P || Q)`.
    case kl(Expr, Expr)
    case quantified(Quantifier, [BinderGroup], Expr)
    case big(BigOperator, BigRange, Expr)
    /// `E[x ~ D] f`, `E[x ~ D, |x| = n] f`, `Var[...] f`, `Pr[...] (φ)`.
    case sampling(SamplingOperator, Name, law: Expr, length: Expr?, body: Expr)
  }

  public let kind: Kind
  public let span: Span
  /// Height of the tree below this node (1 for a leaf); bounded by the parser.
  public let height: Int

  public init(_ kind: Kind, _ span: Span) {
    self.kind = kind
    self.span = span
    self.height = 1 + (kind.children.map(\.height).max() ?? 0)
  }

  public static func == (a: Expr, b: Expr) -> Bool { a.kind == b.kind }
}

extension Expr.Kind {
  /// The direct sub-expressions, in source order.
  public var children: [Expr] {
    switch self {
    case .number, .name, .resultID, .placeholder, .previous, .emptyText: return []
    case .paren(let e), .unary(_, let e), .bars(let e), .ceiling(let e), .floor(let e): return [e]
    case .binary(_, let a, let b), .prefix(let a, let b), .kl(let a, let b): return [a, b]
    case .chain(let operands, _): return operands
    case .memberInterval(let e, let interval): return [e, interval.lower, interval.upper]
    case .memberSet(let e, let elements): return [e] + elements
    case .call(let head, let args, let given): return [head] + args + (given.map { [$0] } ?? [])
    case .index(let head, let args): return [head] + args
    case .quantified(_, let groups, let body):
      return groups.compactMap {
        if case .bound(_, let e) = $0.domain { return e } else { return nil }
      } + [body]
    case .big(_, let range, let body):
      if case .interval(_, let from, let to) = range { return [from, to, body] }
      return [body]
    case .sampling(_, _, let law, let length, let body):
      return [law] + (length.map { [$0] } ?? []) + [body]
    }
  }
}

/// `(Pφ Pψ : Dist, β : Real)`: names sharing a sort.
public struct Parameter: Sendable, Equatable {
  public let names: [Name]
  public let sort: Name

  public init(names: [Name], sort: Name) {
    self.names = names
    self.sort = sort
  }
}

/// `definition def-2.2 "β-distinguishable" (Pφ Pψ : Dist, β : Real) := φ`.
public struct Definition: Sendable, Equatable {
  public let id: Name
  public let title: String?
  public let parameters: [Parameter]
  public let body: Expr
  public let span: Span
}

public enum ResultKind: String, Sendable, Equatable, CaseIterable {
  case lemma, theorem, corollary, proposition, axiom
}

/// One clause of a result, in the order written.
public enum Clause: Sendable, Equatable {
  /// `given α β : Real, P₋ P₊ : Dist`.
  case given([Parameter])
  /// `let P := mix(α, P₋, P₊)`.
  case `let`(Name, Expr)
  /// `assume dist : def-2.2(P₋, P₊, β)`.
  case assume(Name, Expr)
  /// `show φ`, optionally named.
  case show(Name?, Expr)
}

/// A lemma, theorem, ... with its id, hypotheses and conclusion.
public struct ResultDecl: Sendable, Equatable {
  public let kind: ResultKind
  public let id: Name
  public let title: String?
  /// `variant of thm-3.4`: this result restates another with edited hypotheses.
  public let variantOf: Name?
  public let clauses: [Clause]
  public let span: Span
}

/// `by rule [fact, ...] with x := e, ...`.
public struct Justification: Sendable, Equatable {
  public let rule: Name
  public let facts: [Expr]
  public let bindings: [(Name, Expr)]
  public let span: Span

  public init(rule: Name, facts: [Expr], bindings: [(Name, Expr)], span: Span) {
    self.rule = rule
    self.facts = facts
    self.bindings = bindings
    self.span = span
  }

  public static func == (a: Justification, b: Justification) -> Bool {
    a.rule == b.rule && a.facts == b.facts && a.bindings.count == b.bindings.count
      && zip(a.bindings, b.bindings).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
  }
}

/// One link `_ ≤ e by j` of a calc chain.
public struct CalcLink: Sendable, Equatable {
  public let relation: RelationOperator
  public let rhs: Expr
  public let justification: Justification
}

/// A proof step.
public struct Step: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    case `let`(Name, Expr)
    /// `have h : φ by j`.
    case have(Name, Expr, Justification)
    /// `obtain x such that h1 : φ, h2 : ψ by j`.
    case obtain([Name], [(Name, Expr)], Justification)
    /// `calc e0 rel e1 by j _ rel e2 by j ...`, optionally named with `have h : calc ...`.
    case calc(Name?, Expr, [CalcLink])
    /// `show φ by j`: the result's conclusion.
    case show(Expr, Justification)
    /// `conclude with e, ...`: the witnesses of an existential conclusion.
    case conclude([Expr])
    /// `fix x y : Sort`: arbitrary values, for proving a ∀ (closed by `by intro`).
    case fix([Name], Name)
    /// `suppose h : φ`: an assumption, for proving an implication (closed by `by intro`).
    case suppose(Name, Expr)

    public static func == (a: Kind, b: Kind) -> Bool {
      switch (a, b) {
      case (.let(let x, let e), .let(let y, let f)): return x == y && e == f
      case (.have(let x, let e, let j), .have(let y, let f, let k)):
        return x == y && e == f && j == k
      case (.obtain(let xs, let hs, let j), .obtain(let ys, let ks, let k)):
        return xs == ys && j == k && hs.count == ks.count
          && zip(hs, ks).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
      case (.calc(let x, let e, let ls), .calc(let y, let f, let ms)):
        return x == y && e == f && ls == ms
      case (.show(let e, let j), .show(let f, let k)): return e == f && j == k
      case (.conclude(let es), .conclude(let fs)): return es == fs
      case (.fix(let xs, let s), .fix(let ys, let t)): return xs == ys && s == t
      case (.suppose(let x, let e), .suppose(let y, let f)): return x == y && e == f
      default: return false
      }
    }
  }

  /// Marked `added`: a step the paper skips, written out by beb's authors.
  public let added: Bool
  public let kind: Kind
  public let span: Span
}

/// `proof thm-3.1 ...steps`.
public struct ProofDecl: Sendable, Equatable {
  public let id: Name
  public let steps: [Step]
  public let span: Span
  /// The marks naming the paper's steps that the proof encodes, in source order.
  public var marks: [PaperMark] = []
}

/// `step 2, 3 of lemma-C.4:` in a proof: the steps and calc links that follow it, up to the
/// next mark or the end of the proof, encode these numbered steps of the paper's proof of
/// `result` (THEORY.md), the proof's own result when `of` is not written; those marked
/// `added` are not the paper's. `step 6 omitted "why"` says that the paper's step is not
/// encoded, and why; it covers no step.
public struct PaperMark: Sendable, Equatable {
  public let numbers: [Int]
  public let result: Name?
  /// Why the steps are not encoded (nil for a mark that covers the steps after it).
  public let omitted: String?
  /// Where it stands: before step `before` of the proof, or, when `link` is set, before link
  /// `link` (from 1) of the calc chain that step `before` is.
  public let before: Int
  public let link: Int?
  public let span: Span

  public static func == (a: PaperMark, b: PaperMark) -> Bool {
    a.numbers == b.numbers && a.result == b.result && a.omitted == b.omitted
      && a.before == b.before && a.link == b.link
  }
}

/// What the checker is expected to say about a step or result of the paper.
public enum Expectation: String, Sendable, Equatable {
  case refuted, unjustified
}

/// `finding ID of RESULT [step NAME] expect refuted "explanation"`.
public struct FindingDecl: Sendable, Equatable {
  public let id: Name
  public let result: Name
  public let step: Name?
  public let expectation: Expectation
  public let explanation: String
  public let span: Span
}

/// A top-level item of a file.
public enum Item: Sendable, Equatable {
  case definition(Definition)
  case result(ResultDecl)
  case proof(ProofDecl)
  case finding(FindingDecl)

  public var span: Span {
    switch self {
    case .definition(let d): return d.span
    case .result(let r): return r.span
    case .proof(let p): return p.span
    case .finding(let f): return f.span
    }
  }
}

/// A parsed file.
public struct SourceTree: Sendable, Equatable {
  /// The libraries the file imports (`import "beb/axioms"`), in order, each with its place.
  public let imports: [Name]
  public let items: [Item]

  public init(imports: [Name] = [], items: [Item]) {
    self.imports = imports
    self.items = items
  }
}

// Equality of declarations ignores their spans, like that of expressions.
extension Definition {
  public static func == (a: Definition, b: Definition) -> Bool {
    a.id == b.id && a.title == b.title && a.parameters == b.parameters && a.body == b.body
  }
}

extension ResultDecl {
  public static func == (a: ResultDecl, b: ResultDecl) -> Bool {
    a.kind == b.kind && a.id == b.id && a.title == b.title && a.variantOf == b.variantOf
      && a.clauses == b.clauses
  }
}

extension Step {
  public static func == (a: Step, b: Step) -> Bool { a.added == b.added && a.kind == b.kind }
}

extension ProofDecl {
  public static func == (a: ProofDecl, b: ProofDecl) -> Bool {
    a.id == b.id && a.steps == b.steps && a.marks == b.marks
  }
}

extension FindingDecl {
  public static func == (a: FindingDecl, b: FindingDecl) -> Bool {
    a.id == b.id && a.result == b.result && a.step == b.step && a.expectation == b.expectation
      && a.explanation == b.explanation
  }
}
