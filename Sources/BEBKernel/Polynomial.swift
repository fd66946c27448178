// Sparse multivariate polynomials over ℚ in uninterpreted atoms. stdlib only.
//
// Every value has exactly one representation (sorted factors, sorted nonzero summands), so the
// synthesized `==` and `hash(into:)` decide equality of polynomials.

/// An uninterpreted atom of a polynomial: a variable, or any term the field operations do not
/// see into (`log(x + y)`, `P(s)`, a sum over an index, a division by the zero polynomial, ...).
///
/// `term` is the atom's canonical term (built by `NormalForm`, its numeric arguments already in
/// normal form) and `key` an injective rendering of it, so two atoms are equal exactly when
/// their canonical terms are. Atoms are ordered by `key`: a deterministic total order that is
/// the same from run to run.
public struct Atom: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The canonical term this atom stands for.
  public let term: Term
  /// The injective rendering of `term` that orders and hashes the atom.
  public let key: String

  /// The atom standing for the canonical term `term`. Callers pass canonical terms only (see
  /// `NormalForm.canonicalTerm`); a non-canonical term makes a distinct, equally sound atom.
  init(canonical term: Term) {
    self.term = term
    key = Atom.encode(term)
  }

  /// The atom of the variable `v`; its key records both the name and the sort.
  public static func variable(_ v: Variable) -> Atom {
    Atom(canonical: .variable(v))
  }

  /// The key, e.g. `x:Real` or `log({[x:Real]+[y:Real]|1})`.
  public var description: String { key }

  /// Equal keys, hence (the key being injective) equal canonical terms.
  public static func == (a: Atom, b: Atom) -> Bool { a.key == b.key }

  /// Hashes the key, consistently with `==`.
  public func hash(into hasher: inout Hasher) { hasher.combine(key) }

  /// The order of the keys.
  public static func < (a: Atom, b: Atom) -> Bool { a.key < b.key }
}

/// A product of atoms with positive exponents; the empty product is the monomial 1.
///
/// Canonical: `factors` is sorted by atom, strictly increasing, and every exponent is positive,
/// so the synthesized `==` is equality of monomials. Monomials are ordered by the graded
/// lexicographic order (total degree first, then the exponent of the least atom, larger
/// exponent first), which is a monomial order: total, a well-order, and `a < b` implies
/// `a * c < b * c`. Exponent arithmetic traps on `Int` overflow; `NormalForm` keeps exponents
/// far below that.
public struct Monomial: Hashable, Comparable, Sendable {
  /// One atom raised to a positive power.
  public struct Factor: Hashable, Sendable {
    /// The atom.
    public let atom: Atom
    /// Its exponent, always at least 1.
    public let exponent: Int
  }

  /// The factors, sorted by atom with no atom repeated.
  public let factors: [Factor]
  /// The total degree: the sum of the exponents (0 for the monomial 1).
  public let degree: Int

  /// Stores factors already sorted by atom, each atom once, every exponent positive.
  private init(sorted factors: [Factor]) {
    self.factors = factors
    degree = factors.reduce(0) { $0 + $1.exponent }
  }

  /// The monomial 1.
  public static let one = Monomial(sorted: [])

  /// `atom ^ exponent`. Precondition: `exponent >= 1`.
  public init(_ atom: Atom, exponent: Int = 1) {
    precondition(exponent >= 1, "Monomial exponent must be positive")
    self.init(sorted: [Factor(atom: atom, exponent: exponent)])
  }

  /// True iff this is the monomial 1.
  public var isOne: Bool { factors.isEmpty }

  /// The largest exponent of any atom (0 for the monomial 1).
  public var maxExponent: Int { factors.reduce(0) { Swift.max($0, $1.exponent) } }

  /// Merges the sorted factor lists, combining the exponents of common atoms with `combine`
  /// and dropping atoms whose combined exponent is 0. `combine(e, 0)` and `combine(0, e)`
  /// give the exponent of an atom present on one side only.
  private static func merge(
    _ a: Monomial, _ b: Monomial, _ combine: (Int, Int) -> Int
  ) -> [Factor] {
    var result: [Factor] = []
    var i = 0
    var j = 0
    while i < a.factors.count || j < b.factors.count {
      let atom: Atom
      let exponent: Int
      if j == b.factors.count || (i < a.factors.count && a.factors[i].atom < b.factors[j].atom) {
        (atom, exponent) = (a.factors[i].atom, combine(a.factors[i].exponent, 0))
        i += 1
      } else if i == a.factors.count || b.factors[j].atom < a.factors[i].atom {
        (atom, exponent) = (b.factors[j].atom, combine(0, b.factors[j].exponent))
        j += 1
      } else {
        (atom, exponent) = (
          a.factors[i].atom, combine(a.factors[i].exponent, b.factors[j].exponent)
        )
        i += 1
        j += 1
      }
      if exponent != 0 { result.append(Factor(atom: atom, exponent: exponent)) }
    }
    return result
  }

  /// The product: exponents of common atoms add.
  public static func * (a: Monomial, b: Monomial) -> Monomial {
    Monomial(sorted: merge(a, b, +))
  }

  /// `self / divisor` if `divisor` divides `self` (every exponent of `divisor` is at most the
  /// same atom's exponent here), otherwise nil. `m.divided(by: .one) == m`.
  public func divided(by divisor: Monomial) -> Monomial? {
    var negative = false
    let factors = Monomial.merge(self, divisor) { a, b in
      if a < b { negative = true }
      return a - b
    }
    return negative ? nil : Monomial(sorted: factors)
  }

  /// The greatest common divisor: each common atom with the smaller of its two exponents.
  public static func gcd(_ a: Monomial, _ b: Monomial) -> Monomial {
    Monomial(sorted: merge(a, b, Swift.min))
  }

  /// `self ^ n`. Precondition: `n >= 0`; `m ^ 0` is the monomial 1.
  public func power(_ n: Int) -> Monomial {
    precondition(n >= 0, "Monomial power with a negative exponent")
    if n == 0 { return .one }
    return Monomial(sorted: factors.map { Factor(atom: $0.atom, exponent: $0.exponent * n) })
  }

  /// Graded lexicographic order: lower total degree first; at equal degree, at the first atom
  /// (in atom order) where the exponents differ, the smaller exponent is the smaller monomial.
  public static func < (a: Monomial, b: Monomial) -> Bool {
    if a.degree != b.degree { return a.degree < b.degree }
    for (x, y) in zip(a.factors, b.factors) {
      if x.atom != y.atom { return y.atom < x.atom }  // `b` lacks `x.atom`: exponent 0 there
      if x.exponent != y.exponent { return x.exponent < y.exponent }
    }
    return false  // Equal degree and one factor list a prefix of the other: equal monomials.
  }
}

/// A polynomial over ℚ in atoms: a finite sum of nonzero rational multiples of distinct
/// monomials.
///
/// Canonical: `summands` is sorted by strictly decreasing monomial (so the first summand is the
/// leading one in the graded lexicographic order) and no coefficient is zero; the zero
/// polynomial has no summands. Hence the synthesized `==` is equality of polynomials, whatever
/// sequence of operations produced them. All arithmetic is exact.
public struct Polynomial: Hashable, Sendable {
  /// A coefficient times a monomial.
  public struct Summand: Hashable, Sendable {
    /// The monomial.
    public let monomial: Monomial
    /// Its coefficient, never zero inside a `Polynomial`.
    public let coefficient: Rational
  }

  /// The summands, leading (largest) monomial first, coefficients nonzero.
  public let summands: [Summand]

  /// Stores summands already sorted by strictly decreasing monomial with nonzero coefficients.
  private init(sorted summands: [Summand]) {
    self.summands = summands
  }

  /// The sum of `pairs`: coefficients of equal monomials add, zero results are dropped, and
  /// the summands are sorted. Any order and any repetition of monomials is accepted.
  public init(_ pairs: [(Monomial, Rational)]) {
    var sums: [Monomial: Rational] = [:]
    for (monomial, coefficient) in pairs { sums[monomial, default: .zero] += coefficient }
    // Dictionary order varies between runs; the sort makes the result canonical.
    self.init(
      sorted: sums.filter { !$0.value.isZero }
        .map { Summand(monomial: $0.key, coefficient: $0.value) }
        .sorted { $1.monomial < $0.monomial })
  }

  /// The constant polynomial `c` (the zero polynomial when `c` is zero).
  public init(constant c: Rational) {
    self.init(sorted: c.isZero ? [] : [Summand(monomial: .one, coefficient: c)])
  }

  /// The polynomial `coefficient * monomial`.
  public init(_ monomial: Monomial, coefficient: Rational = .one) {
    self.init(
      sorted: coefficient.isZero ? [] : [Summand(monomial: monomial, coefficient: coefficient)])
  }

  /// The polynomial consisting of the single atom `atom`.
  public init(_ atom: Atom) {
    self.init(Monomial(atom))
  }

  /// The zero polynomial.
  public static let zero = Polynomial(sorted: [])
  /// The constant polynomial 1.
  public static let one = Polynomial(constant: .one)

  /// True iff this is the zero polynomial.
  public var isZero: Bool { summands.isEmpty }

  /// The value if the polynomial is constant (zero included), otherwise nil.
  public var constant: Rational? {
    if summands.isEmpty { return .zero }
    if summands.count == 1 && summands[0].monomial.isOne { return summands[0].coefficient }
    return nil
  }

  /// The leading summand (largest monomial), or nil for the zero polynomial.
  public var leading: Summand? { summands.first }

  /// The largest exponent of any atom in any summand (0 for constants).
  public var maxExponent: Int { summands.reduce(0) { Swift.max($0, $1.monomial.maxExponent) } }

  /// The greatest common divisor of all the monomials (1 for the zero polynomial and for
  /// polynomials with a constant summand).
  public var monomialContent: Monomial {
    guard let first = summands.first else { return .one }
    return summands.dropFirst().reduce(first.monomial) { Monomial.gcd($0, $1.monomial) }
  }

  /// The sum, merging the two sorted summand lists.
  public static func + (a: Polynomial, b: Polynomial) -> Polynomial {
    var result: [Summand] = []
    result.reserveCapacity(a.summands.count + b.summands.count)
    var i = 0
    var j = 0
    while i < a.summands.count && j < b.summands.count {
      let x = a.summands[i]
      let y = b.summands[j]
      if y.monomial < x.monomial {
        result.append(x)
        i += 1
      } else if x.monomial < y.monomial {
        result.append(y)
        j += 1
      } else {
        let c = x.coefficient + y.coefficient
        if !c.isZero { result.append(Summand(monomial: x.monomial, coefficient: c)) }
        i += 1
        j += 1
      }
    }
    result += a.summands[i...]
    result += b.summands[j...]
    return Polynomial(sorted: result)
  }

  /// The negation.
  public static prefix func - (p: Polynomial) -> Polynomial {
    Polynomial(
      sorted: p.summands.map { Summand(monomial: $0.monomial, coefficient: -$0.coefficient) })
  }

  /// The difference.
  public static func - (a: Polynomial, b: Polynomial) -> Polynomial { a + (-b) }

  /// `c * self * m`. Multiplying by a monomial preserves the order of the summands.
  public func multiplied(by c: Rational, _ m: Monomial = .one) -> Polynomial {
    if c.isZero { return .zero }
    return Polynomial(
      sorted: summands.map { Summand(monomial: $0.monomial * m, coefficient: $0.coefficient * c) })
  }

  /// `self / m` if the monomial `m` divides every summand, otherwise nil. Dividing by a
  /// common monomial preserves the order of the summands.
  public func divided(by m: Monomial) -> Polynomial? {
    var result: [Summand] = []
    for s in summands {
      guard let q = s.monomial.divided(by: m) else { return nil }
      result.append(Summand(monomial: q, coefficient: s.coefficient))
    }
    return Polynomial(sorted: result)
  }

  /// The product (every pair of summands; work proportional to the product of the sizes).
  public static func * (a: Polynomial, b: Polynomial) -> Polynomial {
    if let c = a.constant { return b.multiplied(by: c) }
    if let c = b.constant { return a.multiplied(by: c) }
    var pairs: [(Monomial, Rational)] = []
    pairs.reserveCapacity(a.summands.count * b.summands.count)
    for x in a.summands {
      for y in b.summands { pairs.append((x.monomial * y.monomial, x.coefficient * y.coefficient)) }
    }
    return Polynomial(pairs)
  }

  /// `self ^ n` by square-and-multiply. Precondition: `n >= 0`; `p ^ 0 == 1` for every `p`,
  /// including zero.
  public func power(_ n: Int) -> Polynomial {
    precondition(n >= 0, "Polynomial power with a negative exponent")
    if summands.count == 1 {
      let s = summands[0]
      return Polynomial(s.monomial.power(n), coefficient: s.coefficient.power(n)!)
    }
    var result = Polynomial.one
    var base = self
    var e = n
    while e > 0 {
      if e & 1 == 1 { result = result * base }
      e >>= 1
      if e > 0 { base = base * base }
    }
    return result
  }

  /// The quotient `q` with `q * divisor == self` if one exists, otherwise nil; nil also when
  /// `divisor` is zero, or when more than `stepLimit` division steps would be needed (then
  /// nil means only "not shown exact").
  ///
  /// Multivariate division by one polynomial in the graded lexicographic order. It decides
  /// divisibility: if `self == q * divisor` then at every step the remainder is still a
  /// multiple of `divisor`, so its leading monomial is divisible by the divisor's leading
  /// monomial; when it is not, no quotient exists. Each step strictly lowers the leading
  /// monomial of the remainder, so the loop ends (the order is a well-order).
  public func divided(by divisor: Polynomial, stepLimit: Int = .max) -> Polynomial? {
    guard let lead = divisor.leading else { return nil }
    var remainder = self
    var quotient: [Summand] = []
    while let top = remainder.leading {
      guard quotient.count < stepLimit, let m = top.monomial.divided(by: lead.monomial)
      else { return nil }
      let c = top.coefficient / lead.coefficient
      // Leading monomials strictly decrease, so the quotient comes out sorted.
      quotient.append(Summand(monomial: m, coefficient: c))
      remainder = remainder - divisor.multiplied(by: c, m)
    }
    return Polynomial(sorted: quotient)
  }

  /// The polynomial as a kernel term: a left-nested sum, leading summand first, of
  /// `c * a1^e1 * ...` (coefficient 1 omitted, exponent 1 omitted); `0` for zero.
  public var term: Term {
    let parts = summands.map { s -> Term in
      let powers = s.monomial.factors.map { f -> Term in
        f.exponent == 1 ? f.atom.term : .apply(.pow, [f.atom.term, .number(Rational(f.exponent))])
      }
      if powers.isEmpty { return .number(s.coefficient) }
      let product = powers.dropFirst().reduce(powers[0]) { .apply(.mul, [$0, $1]) }
      return s.coefficient == .one ? product : .apply(.mul, [.number(s.coefficient), product])
    }
    guard let first = parts.first else { return .number(.zero) }
    return parts.dropFirst().reduce(first) { .apply(.add, [$0, $1]) }
  }
}
