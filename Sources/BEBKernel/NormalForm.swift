// Normal forms of numeric terms as rational functions over ℚ in atoms. stdlib only.
//
// `NormalForm.normalize` reads the field operations (+ − × ÷, negation, integer powers) of a
// term and treats every other subterm as an atom; `isEquivalent` then decides whether two
// normal forms are the same rational function of their atoms.
//
// What "formal" means: `x / x` is 1 and `(x^2 - 1) / (x - 1)` is `x + 1`, although the left
// sides are undefined where the divisor is 0. A rule that uses these normal forms must
// discharge "divisor ≠ 0" for every division and negative power it cancels. A division whose
// divisor normalises to the zero polynomial is never performed: it becomes an atom.
//
// What is NOT canonical:
// - `RationalFunction` cancels only common monomial factors and exact divisions, not a general
//   polynomial gcd: `(x^2 - y^2) / (x^2 - 2xy + y^2)` and `(x + y) / (x - y)` keep different
//   forms, which `isEquivalent` identifies (by cross-multiplication).
// - Atoms are compared by their canonical terms, whose numeric arguments are normal forms. So
//   `log(f)` and `log(g)` are one atom when `f` and `g` have the same normal form, but distinct
//   atoms when `f` and `g` are merely equivalent with different normal forms, as above.
// - Bound variables keep their names: `Σ_{i=1..n} i` and `Σ_{j=1..n} j` are distinct atoms.
// - Past the work budgets below an operation is not expanded but kept as an atom.
// Each of these can only make `isEquivalent` answer false for equal terms, never true for
// different ones.

/// A quotient of polynomials over ℚ in atoms, kept in a normalised (not fully canonical) form.
///
/// Invariant: `denominator` is nonzero with leading coefficient 1 (in the graded
/// lexicographic order); numerator and denominator have no common monomial factor; if the
/// denominator divides the numerator exactly (within the division budget), the denominator is
/// 1; zero is 0/1. Constants and polynomials therefore have exactly one form (`p / 1`), but two
/// equal rational functions may have different forms: use `isEquivalent(to:)` to compare
/// values. The synthesized `==` is structural and agrees with `hash(into:)`.
public struct RationalFunction: Hashable, Sendable {
  /// The numerator.
  public let numerator: Polynomial
  /// The denominator: nonzero, leading coefficient 1.
  public let denominator: Polynomial

  /// The most steps the exact-division test may take while normalising; past it the
  /// denominator is kept (the value is still right, only less reduced).
  static let divisionStepLimit = 1 << 12

  /// Stores a pair that already satisfies the invariant.
  private init(normalised numerator: Polynomial, _ denominator: Polynomial) {
    (self.numerator, self.denominator) = (numerator, denominator)
  }

  /// `numerator / denominator` normalised, or nil when `denominator` is the zero polynomial.
  ///
  /// Steps: a zero numerator gives 0/1; the common monomial factor is cancelled; both sides
  /// are divided by the denominator's leading coefficient; a denominator that divides the
  /// numerator exactly is divided out. Applied to a normalised pair it returns the same pair.
  public init?(numerator: Polynomial, denominator: Polynomial) {
    guard !denominator.isZero else { return nil }
    if numerator.isZero {
      self.init(normalised: .zero, .one)
      return
    }
    var n = numerator
    var d = denominator
    let common = Monomial.gcd(n.monomialContent, d.monomialContent)
    if !common.isOne {
      n = n.divided(by: common)!
      d = d.divided(by: common)!
    }
    let scale = d.leading!.coefficient.reciprocal()!
    n = n.multiplied(by: scale)
    d = d.multiplied(by: scale)
    if d != .one, let q = n.divided(by: d, stepLimit: RationalFunction.divisionStepLimit) {
      self.init(normalised: q, .one)
    } else {
      self.init(normalised: n, d)
    }
  }

  /// The polynomial `p` as `p / 1`.
  public init(_ p: Polynomial) { self.init(normalised: p, .one) }

  /// The constant `c`.
  public init(constant c: Rational) { self.init(Polynomial(constant: c)) }

  /// The single atom `a`.
  public init(_ a: Atom) { self.init(Polynomial(a)) }

  /// Zero (0/1).
  public static let zero = RationalFunction(constant: .zero)
  /// One (1/1).
  public static let one = RationalFunction(constant: .one)

  /// True iff this is zero (the numerator is the zero polynomial).
  public var isZero: Bool { numerator.isZero }

  /// The value if this is a constant (then the denominator is 1), otherwise nil.
  public var constant: Rational? { denominator == .one ? numerator.constant : nil }

  /// The largest exponent of any atom on either side.
  public var maxExponent: Int { Swift.max(numerator.maxExponent, denominator.maxExponent) }

  /// The sum `a/b + c/d = (a*d + c*b) / (b*d)`, or `(a + c) / b` when `b == d`.
  public static func + (x: RationalFunction, y: RationalFunction) -> RationalFunction {
    if x.denominator == y.denominator {
      return RationalFunction(numerator: x.numerator + y.numerator, denominator: x.denominator)!
    }
    return RationalFunction(
      numerator: x.numerator * y.denominator + y.numerator * x.denominator,
      denominator: x.denominator * y.denominator)!
  }

  /// The negation (the form stays normalised).
  public static prefix func - (x: RationalFunction) -> RationalFunction {
    RationalFunction(normalised: -x.numerator, x.denominator)
  }

  /// The difference.
  public static func - (x: RationalFunction, y: RationalFunction) -> RationalFunction { x + (-y) }

  /// The product `(a*c) / (b*d)`.
  public static func * (x: RationalFunction, y: RationalFunction) -> RationalFunction {
    RationalFunction(
      numerator: x.numerator * y.numerator, denominator: x.denominator * y.denominator)!
  }

  /// The reciprocal `b / a`, or nil when this is zero.
  public func reciprocal() -> RationalFunction? {
    RationalFunction(numerator: denominator, denominator: numerator)
  }

  /// The quotient `(a*d) / (b*c)`, or nil when `y` is zero.
  public func dividedBy(_ y: RationalFunction) -> RationalFunction? {
    y.reciprocal().map { self * $0 }
  }

  /// `self ^ n` for any integer `n`: `f ^ 0` is 1 (zero included); nil when this is zero and
  /// `n` is negative. Precondition: `n != Int.min`.
  public func power(_ n: Int) -> RationalFunction? {
    let base = n < 0 ? reciprocal() : self
    return base.map {
      RationalFunction(
        numerator: $0.numerator.power(Int(n.magnitude)),
        denominator: $0.denominator.power(Int(n.magnitude)))!
    }
  }

  /// Decides `a/b = c/d` as formal rational functions: true iff `a*d - c*b` is the zero
  /// polynomial. Reflexive, symmetric and transitive (denominators are nonzero).
  public func isEquivalent(to other: RationalFunction) -> Bool {
    if self == other { return true }
    return numerator * other.denominator == other.numerator * denominator
  }

  /// The normal form as a kernel term: the numerator's term when the denominator is 1,
  /// otherwise `div(numerator, denominator)`. Normalising it gives back this value.
  public var term: Term {
    denominator == .one ? numerator.term : .apply(.div, [numerator.term, denominator.term])
  }
}

/// Decides whether two numeric terms are equal as formal rational functions in their atoms
/// (see `NormalForm`). Sound for equality: true only if the terms agree wherever both are
/// defined; incomplete across non-canonical atoms (see the notes at the top of this file).
public func isEquivalent(_ a: Term, _ b: Term) -> Bool {
  NormalForm.normalize(a).isEquivalent(to: NormalForm.normalize(b))
}

/// The normaliser from numeric kernel terms to rational functions in atoms.
public enum NormalForm {
  /// The largest exponent of an atom the field operations may produce; an operation that
  /// could exceed it is kept as an atom.
  static let maxExponent = 1 << 20
  /// The most pairs of summands one operation may multiply; an operation that would need more
  /// is kept as an atom.
  static let maxProductPairs = 1 << 20
  /// The most summands an expanded integer power may have (estimated before expanding).
  static let maxPowerSummands = 1 << 10

  /// The normal form of the numeric term `term`.
  ///
  /// - Numbers are constants; `add`, `sub`, `neg`, `mul`, `div` are the field operations;
  ///   `pow(b, e)` where `e` normalises to an integer constant `n` is `b^n` (negative `n`: a
  ///   reciprocal power; `b^0` is 1 even when `b` is 0).
  /// - `div(a, b)` with `b` normalising to zero, and `pow(b, n)` with `b` normalising to zero
  ///   and `n < 0`, are atoms: nothing is ever divided by zero.
  /// - `abs`, `min`, `max`, `ceil`, `floor` of constants are evaluated exactly.
  /// - Every other term (variables, `log`, `exp`, `sqrt`, other powers, `P(..)`, `KL`, `B`,
  ///   binders, probabilities of events, and non-numeric terms) is an atom whose canonical
  ///   term has its numeric arguments in normal form, so `log(a + b)` and `log(b + a)` are one
  ///   atom. A variable is the atom of its name and sort.
  /// - Operations past the work budgets (`maxExponent`, `maxProductPairs`,
  ///   `maxPowerSummands`) are atoms too.
  /// Recursion depth is the term's depth.
  public static func normalize(_ term: Term) -> RationalFunction {
    guard case .apply(let op, let args) = term else {
      if case .number(let q) = term { return RationalFunction(constant: q) }
      return RationalFunction(Atom(canonical: canonicalTerm(term)))
    }
    let arity: Int
    switch op {
    case .neg, .abs, .ceil, .floor: arity = 1
    case .add, .sub, .mul, .div, .pow, .min, .max: arity = 2
    default: return opaque(op, args.map(canonicalTerm))
    }
    guard args.count == arity else { return opaque(op, args.map(canonicalTerm)) }
    let x = normalize(args[0])
    if op == .neg { return -x }
    if arity == 1 {
      guard let c = x.constant else { return opaque(op, [x.term]) }
      switch op {
      case .abs: return RationalFunction(constant: c.magnitude)
      case .ceil: return RationalFunction(constant: Rational(c.ceiling))
      default: return RationalFunction(constant: Rational(c.floor))
      }
    }
    let y = normalize(args[1])
    let result: RationalFunction?
    switch op {
    case .add: result = fits(op, x, y) ? x + y : nil
    case .sub: result = fits(op, x, y) ? x - y : nil
    case .mul: result = fits(op, x, y) ? x * y : nil
    case .div: result = fits(op, x, y) ? x.dividedBy(y) : nil
    case .pow: result = power(x, y)
    default:  // min, max
      if let a = x.constant, let b = y.constant {
        result = RationalFunction(constant: op == .min ? Swift.min(a, b) : Swift.max(a, b))
      } else {
        result = nil
      }
    }
    return result ?? opaque(op, [x.term, y.term])
  }

  /// The atom of `op` applied to canonical arguments.
  private static func opaque(_ op: Operator, _ args: [Term]) -> RationalFunction {
    RationalFunction(Atom(canonical: .apply(op, args)))
  }

  /// Whether the field operation `op` on `x = a/b` and `y = c/d` stays within the budgets:
  /// the exponents it can produce, and the pairs of summands it multiplies (`a*d + c*b` and
  /// `b*d` for a sum, unless `b == d`; `a*c` and `b*d` for a product; `a*d` and `b*c` for a
  /// quotient).
  private static func fits(_ op: Operator, _ x: RationalFunction, _ y: RationalFunction) -> Bool {
    guard x.maxExponent + y.maxExponent <= maxExponent else { return false }
    let (a, b) = (x.numerator.summands.count, x.denominator.summands.count)
    let (c, d) = (y.numerator.summands.count, y.denominator.summands.count)
    let pairs: Int
    switch op {
    case .mul: pairs = a * c + b * d
    case .div: pairs = a * d + b * c
    default: pairs = x.denominator == y.denominator ? 0 : a * d + c * b + b * d
    }
    return pairs <= maxProductPairs
  }

  /// `base ^ exponent` when the exponent is an integer constant, the base is not a zero
  /// raised to a negative power, and the expansion stays within the budgets; otherwise nil.
  private static func power(_ base: RationalFunction, _ exponent: RationalFunction)
    -> RationalFunction?
  {
    guard let e = exponent.constant, e.isInteger, let n = e.numerator.asInt,
      n.magnitude <= UInt(maxExponent)
    else { return nil }
    if n == 0 { return .one }
    guard base.maxExponent * Int(n.magnitude) <= maxExponent else { return nil }
    let size = Swift.max(base.numerator.summands.count, base.denominator.summands.count)
    guard size <= 1 || powerSummandBound(summands: size, exponent: Int(n.magnitude))
    else { return nil }
    return base.power(n)
  }

  /// Whether `(s1 + ... + sk)^n` has at most `maxPowerSummands` monomials in the worst case,
  /// the binomial coefficient C(n + k - 1, k - 1), computed with early exit.
  private static func powerSummandBound(summands k: Int, exponent n: Int) -> Bool {
    if n > maxPowerSummands { return false }
    var bound = 1  // C(n + i, i) for i = 0, 1, ...: exact integer at each step.
    for i in 1..<k {
      bound = bound * (n + i) / i
      if bound > maxPowerSummands { return false }
    }
    return true
  }

  /// The canonical form of any term: numeric terms become the term of their normal form;
  /// other terms keep their shape with every subterm canonical. Two terms with the same
  /// canonical term are equal wherever both are defined.
  public static func canonicalTerm(_ term: Term) -> Term {
    switch term {
    case .number, .variable: return term
    case .apply(let op, let args):
      if isNumeric(term) { return normalize(term).term }
      return .apply(op, args.map(canonicalTerm))
    case .bind(let binder, let v, let range, let body):
      return .bind(binder, v, range: range.map(canonicalTerm), body: canonicalTerm(body))
    case .probability(let v, let law, let length, let event):
      return .probability(
        v, law: canonicalTerm(law), length: length.map(canonicalTerm),
        event: canonicalFormula(event))
    }
  }

  /// The formula with every term canonical.
  static func canonicalFormula(_ f: Formula) -> Formula {
    switch f {
    case .truth: return f
    case .relation(let r, let a, let b): return .relation(r, canonicalTerm(a), canonicalTerm(b))
    case .not(let g): return .not(canonicalFormula(g))
    case .and(let gs): return .and(gs.map(canonicalFormula))
    case .or(let gs): return .or(gs.map(canonicalFormula))
    case .implies(let g, let h): return .implies(canonicalFormula(g), canonicalFormula(h))
    case .iff(let g, let h): return .iff(canonicalFormula(g), canonicalFormula(h))
    case .forall(let v, let g): return .forall(v, canonicalFormula(g))
    case .exists(let v, let g): return .exists(v, canonicalFormula(g))
    case .predicate(let name, let args): return .predicate(name, args.map(canonicalTerm))
    }
  }

  /// Whether `term` denotes a number (by its head: the operators' result sorts in
  /// `Signature`; binders and event probabilities are numeric).
  static func isNumeric(_ term: Term) -> Bool {
    switch term {
    case .number, .bind, .probability: return true
    case .variable(let v): return v.sort.isNumeric
    case .apply(let op, _):
      switch op {
      case .concat, .sentenceAt, .prefixBefore, .emptyText, .conditional, .mixture, .bestOfN:
        return false
      default:
        return true
      }
    }
  }
}

extension Atom {
  /// An injective rendering of a term as printable ASCII: names are escaped, every compound
  /// is tagged and bracketed, and the sorts of variables are recorded, so different terms give
  /// different keys (terms whose names differ only by Unicode normalisation included).
  static func encode(_ term: Term) -> String {
    var out = ""
    write(term, into: &out)
    return out
  }

  /// Characters that delimit keys, escaped with a backslash inside names.
  private static let delimiters: Set<Unicode.Scalar> = [
    "\\", "(", ")", ",", ";", ":", "#", "$", "`",
  ]

  /// Writes `name` as printable ASCII: a delimiter gets a backslash, and every other scalar
  /// outside `!`...`~` becomes `\u{hex}`, so a name never merges with what follows it.
  private static func write(name: String, into out: inout String) {
    for scalar in name.unicodeScalars {
      if scalar.value < 0x21 || scalar.value > 0x7E {
        out += "\\u{" + String(scalar.value, radix: 16) + "}"
      } else {
        if delimiters.contains(scalar) { out += "\\" }
        out.unicodeScalars.append(scalar)
      }
    }
  }

  private static func write(_ v: Variable, into out: inout String) {
    write(name: v.name, into: &out)
    out += ":" + v.sort.rawValue
  }

  private static func write<T>(
    _ items: [T], into out: inout String, _ each: (T, inout String) -> Void
  ) {
    out += "("
    for (i, item) in items.enumerated() {
      if i > 0 { out += "," }
      each(item, &out)
    }
    out += ")"
  }

  private static func write(_ term: Term, into out: inout String) {
    switch term {
    case .number(let q):
      out += "#" + q.description
    case .variable(let v):
      write(v, into: &out)
    case .apply(let op, let args):
      out += op.rawValue
      write(args, into: &out, write)
    case .bind(let binder, let v, let range, let body):
      out += "$" + binder.rawValue + "("
      write(v, into: &out)
      out += ";"
      write(range, into: &out, write)
      out += ";"
      write(body, into: &out)
      out += ")"
    case .probability(let v, let law, let length, let event):
      out += "$Pr("
      write(v, into: &out)
      out += ";"
      write(law, into: &out)
      out += ";"
      write(length.map { [$0] } ?? [], into: &out, write)
      out += ";"
      write(event, into: &out)
      out += ")"
    }
  }

  private static func write(_ f: Formula, into out: inout String) {
    switch f {
    case .truth(let b):
      out += b ? "`true" : "`false"
    case .relation(let r, let a, let b):
      out += "`"
      write(name: r.rawValue, into: &out)
      write([a, b], into: &out, write)
    case .not(let g):
      out += "`not"
      write([g], into: &out, write)
    case .and(let gs):
      out += "`and"
      write(gs, into: &out, write)
    case .or(let gs):
      out += "`or"
      write(gs, into: &out, write)
    case .implies(let g, let h):
      out += "`implies"
      write([g, h], into: &out, write)
    case .iff(let g, let h):
      out += "`iff"
      write([g, h], into: &out, write)
    case .forall(let v, let g), .exists(let v, let g):
      if case .forall = f { out += "`forall(" } else { out += "`exists(" }
      write(v, into: &out)
      out += ";"
      write(g, into: &out)
      out += ")"
    case .predicate(let name, let args):
      out += "`pred("
      write(name: name, into: &out)
      out += ";"
      write(args, into: &out, write)
      out += ")"
    }
  }
}
