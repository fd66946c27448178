// Exact rational numbers for the trusted kernel, built on `BigInt`. stdlib only.
//
// Invariant: `denominator > 0` and `gcd(numerator, denominator) == 1` (so zero is 0/1). Every
// value has exactly one representation, so the synthesized `==` and `hash(into:)` are correct.

/// An exact rational number `numerator / denominator`, always in lowest terms with a positive
/// denominator.
///
/// Domain: every rational number. Arithmetic never overflows or rounds. Division by zero is a
/// precondition failure for `/` and `init(_:_:)`; the `make`, `dividedBy`, `reciprocal` and
/// `power` functions return nil instead.
public struct Rational: Hashable, Comparable, Sendable, CustomStringConvertible,
  ExpressibleByIntegerLiteral
{
  /// The numerator; carries the sign of the value. Coprime to `denominator`.
  public let numerator: BigInt
  /// The denominator; always positive (1 for integers, including zero).
  public let denominator: BigInt

  /// Stores an already reduced pair. Callers guarantee `d > 0` and `gcd(n, d) == 1`.
  private init(reduced n: BigInt, _ d: BigInt) {
    numerator = n
    denominator = d
  }

  /// The integer `n` as a rational.
  public init(_ n: BigInt) { self.init(reduced: n, .one) }

  /// The integer `n` as a rational.
  public init(_ n: Int) { self.init(BigInt(n)) }

  /// The integer literal `value` as a rational.
  public init(integerLiteral value: Int) { self.init(BigInt(value)) }

  /// The rational `n / d`, reduced to lowest terms with a positive denominator.
  /// Precondition: `d` is nonzero (use `make` for a failable version).
  public init(_ n: BigInt, _ d: BigInt) {
    precondition(!d.isZero, "Rational with zero denominator")
    if let a = n.asInt, let b = d.asInt, let q = Rational.reducing(a, b) {
      self = q
      return
    }
    let g = BigInt.gcd(n, d)  // positive, since d != 0
    var num = n / g
    var den = d / g
    if den.isNegative { (num, den) = (-num, -den) }
    self.init(reduced: num, den)
  }

  /// The rational `n / d` reduced, or nil when `d` is zero.
  public static func make(_ n: BigInt, _ d: BigInt) -> Rational? {
    d.isZero ? nil : Rational(n, d)
  }

  /// `"n"` when the value is an integer, otherwise `"n/d"` in lowest terms, e.g. `"-3/4"`.
  public var description: String {
    denominator == .one ? numerator.description : "\(numerator)/\(denominator)"
  }

  /// Zero.
  public static let zero = Rational(0)
  /// One.
  public static let one = Rational(1)

  /// True iff the value is zero.
  public var isZero: Bool { numerator.isZero }
  /// True iff the value is strictly negative.
  public var isNegative: Bool { numerator.isNegative }
  /// True iff the value is strictly positive.
  public var isPositive: Bool { numerator.signum > 0 }
  /// -1, 0 or 1 according to the sign of the value.
  public var signum: Int { numerator.signum }
  /// True iff the value is an integer (denominator 1).
  public var isInteger: Bool { denominator == .one }
  /// The absolute value.
  public var magnitude: Rational { Rational(reduced: numerator.magnitude, denominator) }

  /// The greatest integer `<= self` (e.g. floor(-7/2) == -4).
  public var floor: BigInt {
    let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
    return r.isNegative ? q - .one : q
  }

  /// The least integer `>= self` (e.g. ceiling(-7/2) == -3).
  public var ceiling: BigInt {
    let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
    return r.signum > 0 ? q + .one : q
  }

  // MARK: Comparison and arithmetic

  // Fast paths: when numerators and denominators fit in machine words, the same formulas are
  // computed in `Int` with every product and sum checked for overflow, and the general
  // `BigInt` path is taken whenever one overflows. They are sound because each computes
  // exactly the value the general path computes (checked integer arithmetic is exact), and
  // `reducing` divides by the gcd and fixes the sign, so the result keeps the invariant.

  /// Both parts as machine words, when they fit (neither is `Int.min`, so negation and
  /// magnitudes stay in range).
  private var words: (Int, Int)? {
    guard let n = numerator.asInt, n != .min, let d = denominator.asInt else { return nil }
    return (n, d)
  }

  /// n / d in lowest terms with a positive denominator (Euclid on words), or nil when d is 0
  /// or a part is `Int.min` (whose negation overflows).
  private static func reducing(_ n: Int, _ d: Int) -> Rational? {
    guard d != 0, n != .min, d != .min else { return nil }
    var (x, y) = (n.magnitude, d.magnitude)
    while y != 0 { (x, y) = (y, x % y) }
    let (g, sign) = (Int(bitPattern: x), d < 0 ? -1 : 1)  // g ≥ 1, as d ≠ 0
    return Rational(reduced: BigInt(sign * (n / g)), BigInt(sign * (d / g)))
  }

  /// Numeric ordering (cross multiplication; denominators are positive).
  public static func < (lhs: Rational, rhs: Rational) -> Bool {
    if let (a, b) = lhs.words, let (c, d) = rhs.words,
      case (let ad, false) = a.multipliedReportingOverflow(by: d),
      case (let cb, false) = c.multipliedReportingOverflow(by: b)
    {
      return ad < cb
    }
    return lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
  }

  /// The negation of `operand`.
  public static prefix func - (operand: Rational) -> Rational {
    Rational(reduced: -operand.numerator, operand.denominator)
  }

  /// The exact sum.
  public static func + (lhs: Rational, rhs: Rational) -> Rational {
    // Henrici's method: with g = gcd(b, d), a/b + c/d = t / ((b/g) * (d/g) * g) where
    // t = a * (d/g) + c * (b/g), and any common factor of t and that denominator divides g.
    if let (a, b) = lhs.words, let (c, d) = rhs.words,
      case (let ad, false) = a.multipliedReportingOverflow(by: d),
      case (let cb, false) = c.multipliedReportingOverflow(by: b),
      case (let bd, false) = b.multipliedReportingOverflow(by: d),
      case (let t, false) = ad.addingReportingOverflow(cb), let q = reducing(t, bd)
    {
      return q
    }
    let (a, b, c, d) = (lhs.numerator, lhs.denominator, rhs.numerator, rhs.denominator)
    let g = BigInt.gcd(b, d)
    if g == .one { return Rational(reduced: a * d + c * b, b * d) }
    let bg = b / g
    let dg = d / g
    let t = a * dg + c * bg
    let h = BigInt.gcd(t, g)
    return Rational(reduced: t / h, bg * (d / h))
  }

  /// The exact difference.
  public static func - (lhs: Rational, rhs: Rational) -> Rational { lhs + (-rhs) }

  /// The exact product.
  public static func * (lhs: Rational, rhs: Rational) -> Rational {
    // Cross-cancel: with a/b and c/d reduced, (a/g1)(c/g2) / ((b/g2)(d/g1)) is reduced.
    // Denominators are positive, so g1, g2 > 0 (a zero factor yields 0/1).
    if let (a, b) = lhs.words, let (c, d) = rhs.words,
      case (let ac, false) = a.multipliedReportingOverflow(by: c),
      case (let bd, false) = b.multipliedReportingOverflow(by: d), let q = reducing(ac, bd)
    {
      return q
    }
    let g1 = BigInt.gcd(lhs.numerator, rhs.denominator)
    let g2 = BigInt.gcd(rhs.numerator, lhs.denominator)
    return Rational(
      reduced: (lhs.numerator / g1) * (rhs.numerator / g2),
      (lhs.denominator / g2) * (rhs.denominator / g1))
  }

  /// The exact quotient. Precondition: `rhs` is nonzero (use `dividedBy` for a failable form).
  public static func / (lhs: Rational, rhs: Rational) -> Rational {
    guard let inverse = rhs.reciprocal() else { preconditionFailure("Rational division by zero") }
    return lhs * inverse
  }

  /// Adds `rhs` to `lhs` exactly.
  public static func += (lhs: inout Rational, rhs: Rational) { lhs = lhs + rhs }
  /// Subtracts `rhs` from `lhs` exactly.
  public static func -= (lhs: inout Rational, rhs: Rational) { lhs = lhs - rhs }
  /// Multiplies `lhs` by `rhs` exactly.
  public static func *= (lhs: inout Rational, rhs: Rational) { lhs = lhs * rhs }
  /// Divides `lhs` by `rhs` exactly. Precondition: `rhs` is nonzero.
  public static func /= (lhs: inout Rational, rhs: Rational) { lhs = lhs / rhs }

  /// `1 / self`, or nil when `self` is zero.
  public func reciprocal() -> Rational? {
    if isZero { return nil }
    return numerator.isNegative
      ? Rational(reduced: -denominator, -numerator) : Rational(reduced: denominator, numerator)
  }

  /// `self / other`, or nil when `other` is zero.
  public func dividedBy(_ other: Rational) -> Rational? {
    other.reciprocal().map { self * $0 }
  }

  /// `self` raised to the integer `exponent` (any sign). `x.power(0) == 1` for every `x`,
  /// including zero; nil when `self` is zero and `exponent` is negative.
  public func power(_ exponent: Int) -> Rational? {
    var base = self
    if exponent < 0 {
      guard let inverse = reciprocal() else { return nil }
      base = inverse
    }
    // Powers of coprime numbers stay coprime, so the result is already reduced.
    return Rational(
      reduced: base.numerator.power(magnitude: exponent.magnitude),
      base.denominator.power(magnitude: exponent.magnitude))
  }
}
