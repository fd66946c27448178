/// A variable: a name with a sort. Two variables are the same when both agree.
public struct Variable: Hashable, Sendable, Comparable, CustomStringConvertible {
  // The name's hash, computed once, and first so that the synthesized `==` compares it
  // first: variables are dictionary keys at every step of evaluation on worlds, and names
  // such as `ε` or `P₋` take Unicode normalization to hash and compare. Equal names have
  // equal hashes, so `==` (all three fields) still means the same name and sort.
  private let nameHash: Int
  public let name: String
  public let sort: Sort

  public init(_ name: String, _ sort: Sort) {
    (nameHash, self.name, self.sort) = (name.hashValue, name, sort)
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(nameHash) }

  public var description: String { name }

  public static func < (a: Variable, b: Variable) -> Bool {
    (a.name, a.sort.rawValue) < (b.name, b.sort.rawValue)
  }
}

/// The function symbols of the theory. `Signature.swift` gives each one its sorts.
public enum Operator: String, Hashable, Sendable, CaseIterable {
  // Arithmetic.
  case add, sub, neg, mul, div, pow, log, exp, sqrt, abs, min, max, ceil, floor
  // Texts: `s ⊕ t`, `|s|`, the i-th sentence `s^i`, the prefix `s^{<i}`, the empty text.
  case concat, length, sentenceAt, prefixBefore, emptyText
  // Distributions: `P(s)`, `P(s | s0)`, `P(·|s0)`, `α·P0 + (1-α)·P1`, best-of-n decoding.
  case probOf, probGiven, conditional, mixture, bestOfN
  // `KL(D1 || D2)` over one sentence, `B(s)`, `B[D]`, `B[D](s0)`.
  case kl, behavior, behaviorMean, behaviorAfter
}

/// The binding forms over terms: finite sums and products over index ranges, sums over all
/// sentences, expectations, variances and probabilities of events under a law.
public enum Binder: String, Hashable, Sendable {
  /// `Σ_{i=a..b} f`: the index is a natural number, both bounds inclusive.
  case sum
  /// `Π_{i=a..b} f`.
  case product
  /// `Σ_{s : Sentence} f`: a sum over every sentence of the alphabet.
  case sumOverSentences
  /// `E[x ~ D] f`, or `E[x ~ D, |x| = n] f` for a text of n sentences.
  case expectation
  /// `Var[x ~ D, |x| = n] f`.
  case variance
}

/// A kernel term: exactly the constructs of the theory, already checked for sorts when made
/// by the elaborator. Terms are plain data; normal forms are computed by `NormalForm`.
public indirect enum Term: Hashable, Sendable {
  case number(Rational)
  case variable(Variable)
  case apply(Operator, [Term])
  /// A binder over `variable`. `range` holds the bounds of a sum or product (two terms), the
  /// law and optional length of an expectation or variance (one or two terms), and is empty
  /// for `sumOverSentences`.
  case bind(Binder, Variable, range: [Term], body: Term)
  /// `Pr[x ~ D] φ` or `Pr[x ~ D, |x| = n] φ`: the probability of an event.
  case probability(Variable, law: Term, length: Term?, event: Formula)
}

/// Comparison relations between terms.
public enum Relation: String, Hashable, Sendable, CaseIterable {
  case eq = "="
  case ne = "≠"
  case lt = "<"
  case le = "≤"
  case gt = ">"
  case ge = "≥"
}

/// A kernel formula.
public indirect enum Formula: Hashable, Sendable {
  case truth(Bool)
  case relation(Relation, Term, Term)
  case not(Formula)
  case and([Formula])
  case or([Formula])
  case implies(Formula, Formula)
  case iff(Formula, Formula)
  case forall(Variable, Formula)
  case exists(Variable, Formula)
  /// A named definition applied to arguments, unfolded by name when a rule asks for it.
  case predicate(String, [Term])
}
