import BEBKernel
import Foundation

/// A closed interval of reals containing the true value of whatever it encloses.
///
/// Three kinds, chosen by how the value was obtained:
/// - **exact**: one `Rational`. Parameters, behaviours and probabilities are exact, and field
///   operations on exact values stay exact (the x/0 = 0 convention and exact equality need it);
/// - **rational**: two `Rational` ends, e.g. the probability of an event that is not decided
///   on every text, or a floor; field operations on them are exact on the ends;
/// - **float**: two `Double` ends, once anything inexact is involved (log, exp, sqrt, or an
///   operation with a float operand). Every IEEE operation is rounded outward: its result is
///   moved one step down (lower end) or up (upper end) unless an error-free transformation
///   shows it exact in that direction. `+`, `×`, `÷` and `√` are correctly rounded, so one
///   step is enough; `exp` and `log` come from the platform's libm, trusted to 16 ulps and
///   widened by that much (`Round.libm`). Ends may be infinite (unbounded; never NaN:
///   whatever would give NaN becomes the whole line, which decides nothing).
///
/// Rational ends enter float arithmetic as enclosing doubles (`enclose`), and comparisons
/// between a rational and a double end are exact (a double is a dyadic rational).
///
/// A relation is decided only when the intervals say so: `x < y` is known true when
/// `isBelow(x, y, strictly: true)`, known false when `isBelow(y, x, strictly: false)`.
/// `==` and `hash` compare representations, not sets of numbers.
public struct Interval: Hashable, Sendable, CustomStringConvertible {
  enum Storage: Hashable, Sendable {
    case exact(Rational)
    case rational(Rational, Rational)
    case float(Double, Double)
  }

  let storage: Storage

  public init(_ value: Rational) { storage = .exact(value) }

  /// The interval between two rationals, in either order.
  public init(_ a: Rational, _ b: Rational) {
    storage = a == b ? .exact(a) : a < b ? .rational(a, b) : .rational(b, a)
  }

  /// Float ends, `lower ≤ upper`. Equal finite ends are an exact value; a NaN end or an
  /// impossible one (+∞ below, −∞ above) gives the whole line.
  init(float lower: Double, _ upper: Double) {
    if lower == upper && lower.isFinite {
      storage = .exact(Self.rational(lower))
    } else if lower <= upper && lower < .infinity && upper > -.infinity {
      storage = .float(lower, upper)
    } else {
      storage = .float(-.infinity, .infinity)
    }
  }

  /// The value, when the interval is a single rational.
  public var exact: Rational? {
    if case .exact(let q) = storage { return q }
    return nil
  }

  public var isExact: Bool { exact != nil }

  /// The ends as rationals, when they are rationals.
  var rationalEnds: (Rational, Rational)? {
    switch storage {
    case .exact(let q): return (q, q)
    case .rational(let a, let b): return (a, b)
    case .float: return nil
    }
  }

  /// Doubles enclosing the interval: its float ends, or its rational ends rounded outward.
  var bounds: (Double, Double) {
    switch storage {
    case .exact(let q): return Self.enclose(q)
    case .rational(let a, let b): return (Self.enclose(a).0, Self.enclose(b).1)
    case .float(let a, let b): return (a, b)
    }
  }

  /// One end, exactly.
  enum End {
    case rational(Rational)
    case float(Double)
  }

  var lowerEnd: End {
    switch storage {
    case .exact(let q), .rational(let q, _): return .rational(q)
    case .float(let a, _): return .float(a)
    }
  }

  var upperEnd: End {
    switch storage {
    case .exact(let q), .rational(_, let q): return .rational(q)
    case .float(_, let b): return .float(b)
    }
  }

  /// The lower end as a rational (a double end converted exactly), nil when it is −∞.
  public var lowerBound: Rational? { Self.rational(lowerEnd) }
  /// The upper end as a rational, nil when it is +∞.
  public var upperBound: Rational? { Self.rational(upperEnd) }

  static func rational(_ end: End) -> Rational? {
    switch end {
    case .rational(let q): return q
    case .float(let x): return x.isFinite ? rational(x) : nil
    }
  }

  /// The middle of the interval, nil when an end is infinite.
  public var midpoint: Rational? {
    guard let a = lowerBound, let b = upperBound else { return nil }
    return (a + b) / 2
  }

  /// An upper bound on `upper − lower` (0 when exact, +∞ when unbounded).
  public var width: Double {
    switch storage {
    case .exact: return 0
    case .rational(let a, let b): return Self.enclose(b - a).1
    case .float(let a, let b): return Round.up.sum(b, -a)
    }
  }

  public var description: String {
    func text(_ end: End) -> String {
      switch end {
      case .rational(let q): return q.decimalString(fractionDigits: 6)
      case .float(let x):
        return x.isFinite ? Self.rational(x).decimalString(fractionDigits: 6) : x < 0 ? "-∞" : "∞"
      }
    }
    return exact?.description ?? "[\(text(lowerEnd)), \(text(upperEnd))]"
  }

  // MARK: Comparison

  /// Whether every value of `a` is below (or, not strictly, at most) every value of `b`.
  public static func isBelow(_ a: Interval, _ b: Interval, strictly: Bool) -> Bool {
    let order = compare(a.upperEnd, b.lowerEnd)
    return strictly ? order < 0 : order <= 0
  }

  /// Whether every value is > 0, or < 0.
  var isPositive: Bool { Self.compare(lowerEnd, .rational(.zero)) > 0 }
  var isNegative: Bool { Self.compare(upperEnd, .rational(.zero)) < 0 }

  /// −1, 0 or 1 as `x` is below, equal to or above `y`, exactly.
  static func compare(_ x: End, _ y: End) -> Int {
    switch (x, y) {
    case (.rational(let p), .rational(let q)): return p < q ? -1 : p == q ? 0 : 1
    case (.float(let a), .float(let b)): return a < b ? -1 : a == b ? 0 : 1
    case (.rational(let p), .float(let b)): return compare(p, b)
    case (.float(let a), .rational(let q)): return -compare(q, a)
    }
  }

  static func compare(_ p: Rational, _ x: Double) -> Int {
    if x == .infinity { return -1 }
    if x == -.infinity { return 1 }
    if p.isZero { return x > 0 ? -1 : x < 0 ? 1 : 0 }
    let (low, high) = enclose(p)
    if high < x { return -1 }
    if low > x { return 1 }
    if low == high { return 0 }  // p is the double `low`, and low ≤ x ≤ high
    // Too close to call with doubles: compare exactly.
    let q = rational(x)
    return p < q ? -1 : p == q ? 0 : 1
  }

  // MARK: Conversions

  /// Doubles `(low, high)` with `low ≤ q ≤ high`, equal when q is a double; nearly always
  /// one step apart otherwise. Magnitudes beyond the doubles give an infinite end, below them
  /// the smallest subnormal.
  static func enclose(_ q: Rational) -> (Double, Double) {
    let (n, d) = (q.numerator, q.denominator)
    if n.bitWidth <= 53 && d.bitWidth <= 53, let a = n.asInt, let b = d.asInt {
      // Both exact as doubles; the remainder a − r·b is representable (r is the correctly
      // rounded quotient, b an integer ≥ 1), so fma gives its sign exactly.
      let (x, y) = (Double(a), Double(b))
      let r = x / y
      let remainder = x.addingProduct(-r, y)
      return (remainder < 0 ? r.nextDown : r, remainder > 0 ? r.nextUp : r)
    }
    if n.isNegative {
      let (low, high) = enclose(-q)
      return (-high, -low)
    }
    // q = (t + f) · 2^-shift with an integer t of 61 or 62 bits and 0 ≤ f < 1.
    let shift = 61 - (n.bitWidth - d.bitWidth)
    if shift > 1200 { return (0, .leastNonzeroMagnitude) }  // q < 2^-1138
    if shift < -1200 { return (.greatestFiniteMagnitude, .infinity) }  // q > 2^1260
    let (t, f) =
      shift >= 0
      ? (n * twoToThe(shift)).quotientAndRemainder(dividingBy: d)
      : n.quotientAndRemainder(dividingBy: d * twoToThe(-shift))
    let whole = t.asInt!
    let top = f.isZero ? whole : whole + 1
    // Double(Int) rounds to nearest (exact below 2^53): one step fixes the direction.
    var (low, high) = (Double(whole), Double(top))
    if Int(low) > whole { low = low.nextDown }
    if Int(high) < top { high = high.nextUp }
    // Scaling by 2^-shift is exact unless the result leaves the normal range; it was exact
    // when scaling back recovers the double.
    func scaled(_ x: Double, _ round: Round) -> Double {
      let y = Double(sign: .plus, exponent: -shift, significand: x)
      return Double(sign: .plus, exponent: shift, significand: y) == x
        ? y : round.fix(y, errorSign: nil)
    }
    return (Swift.max(0, scaled(low, .down)), scaled(high, .up))
  }

  /// A finite double as the rational it is.
  static func rational(_ x: Double) -> Rational {
    precondition(x.isFinite, "an infinite double has no rational value")
    if x == 0 { return .zero }
    let biased = Int(x.exponentBitPattern)
    var significand = Int(x.significandBitPattern)
    var exponent = -1074
    if biased != 0 {
      significand |= 1 << 52
      exponent = biased - 1075
    }
    let zeros = significand.trailingZeroBitCount
    significand >>= zeros
    exponent += zeros
    let m = BigInt(x < 0 ? -significand : significand)
    return exponent >= 0
      ? Rational(m * twoToThe(exponent)) : Rational(m, twoToThe(-exponent))
  }

  /// 2^k, read from a table for the exponents a double's conversions need (up to 1300),
  /// built once by doubling. Square-and-multiply on every conversion was, with its
  /// allocations, about 6% of a numeric check's time (perf, thm-B.1-repaired).
  static func twoToThe(_ k: Int) -> BigInt {
    k < powersOfTwo.count ? powersOfTwo[k] : BigInt(2).power(k)
  }

  private static let powersOfTwo: [BigInt] = {
    var table = [BigInt.one]
    for _ in 1...1300 { table.append(table[table.count - 1] + table[table.count - 1]) }
    return table
  }()

  // MARK: Field operations

  public static func + (a: Interval, b: Interval) -> Interval {
    if case .exact(let x) = a.storage, case .exact(let y) = b.storage { return Interval(x + y) }
    if let (al, au) = a.rationalEnds, let (bl, bu) = b.rationalEnds {
      return Interval(al + bl, au + bu)
    }
    let ((al, au), (bl, bu)) = (a.bounds, b.bounds)
    return Interval(float: Round.down.sum(al, bl), Round.up.sum(au, bu))
  }

  public static prefix func - (a: Interval) -> Interval {
    switch a.storage {
    case .exact(let q): return Interval(-q)
    case .rational(let l, let u): return Interval(-u, -l)
    case .float(let l, let u): return Interval(float: -u, -l)
    }
  }

  public static func - (a: Interval, b: Interval) -> Interval { a + (-b) }

  public static func * (a: Interval, b: Interval) -> Interval {
    if a.exact?.isZero == true || b.exact?.isZero == true { return Interval(.zero) }
    if case .exact(let x) = a.storage, case .exact(let y) = b.storage { return Interval(x * y) }
    if let (al, au) = a.rationalEnds, let (bl, bu) = b.rationalEnds {
      let products = [al * bl, al * bu, au * bl, au * bu]
      return Interval(products.min()!, products.max()!)
    }
    let ((al, au), (bl, bu)) = (a.bounds, b.bounds)
    if al >= 0 && bl >= 0 {
      // Both nonnegative (probabilities, weights): the ends multiply alone.
      return Interval(float: Round.down.product(al, bl), Round.up.product(au, bu))
    }
    let low = Swift.min(
      Swift.min(Round.down.product(al, bl), Round.down.product(al, bu)),
      Swift.min(Round.down.product(au, bl), Round.down.product(au, bu)))
    let high = Swift.max(
      Swift.max(Round.up.product(al, bl), Round.up.product(al, bu)),
      Swift.max(Round.up.product(au, bl), Round.up.product(au, bu)))
    return Interval(float: low, high)
  }

  /// `a / b`, or nil when b may be zero (the value's sign is then not known: under x/0 = 0
  /// the quotient jumps).
  public static func / (a: Interval, b: Interval) -> Interval? {
    if let y = b.exact {
      if y.isZero { return Interval(.zero) }  // x/0 = 0
      if let x = a.exact { return Interval(x / y) }
    }
    guard b.isPositive || b.isNegative else { return nil }
    return a * b.reciprocal
  }

  /// 1/x for an interval of one sign.
  var reciprocal: Interval {
    if let (l, u) = rationalEnds { return Interval(.one / u, .one / l) }
    let (l, u) = bounds
    // 1/x is decreasing on each side of 0, and keeps the sign.
    return l > 0
      ? Interval(float: Swift.max(0, Round.down.reciprocal(u)), Round.up.reciprocal(l))
      : Interval(float: Round.down.reciprocal(u), Swift.min(0, Round.up.reciprocal(l)))
  }

  public var magnitude: Interval {
    if Self.compare(lowerEnd, .rational(.zero)) >= 0 { return self }
    if Self.compare(upperEnd, .rational(.zero)) <= 0 { return -self }
    if let (l, u) = rationalEnds { return Interval(.zero, Swift.max(-l, u)) }
    let (l, u) = bounds
    return Interval(float: 0, Swift.max(-l, u))
  }

  /// x^k for an integer k (nil for a negative power of an interval that may contain 0).
  public func power(_ k: Int) -> Interval? {
    if k == 0 { return Interval(.one) }
    if k < 0 { return power(-k).flatMap { Interval(.one) / $0 } }
    if let q = exact { return Interval(q.power(k)!) }
    // Even powers through |x|; odd powers are increasing.
    let base = k % 2 == 0 ? magnitude : self
    if let (l, u) = base.rationalEnds { return Interval(l.power(k)!, u.power(k)!) }
    let (l, u) = base.bounds
    func signed(_ x: Double, _ round: Round) -> Double {
      x >= 0 ? round.power(x, k) : -round.opposite.power(-x, k)
    }
    return Interval(float: signed(l, .down), signed(u, .up))
  }

  // MARK: Order

  /// The smaller/larger of two values.
  public static func minimum(_ a: Interval, _ b: Interval) -> Interval {
    extreme(a, b, smaller: true)
  }
  public static func maximum(_ a: Interval, _ b: Interval) -> Interval {
    extreme(a, b, smaller: false)
  }

  static func extreme(_ a: Interval, _ b: Interval, smaller: Bool) -> Interval {
    if let (al, au) = a.rationalEnds, let (bl, bu) = b.rationalEnds {
      return smaller
        ? Interval(Swift.min(al, bl), Swift.min(au, bu))
        : Interval(Swift.max(al, bl), Swift.max(au, bu))
    }
    let ((al, au), (bl, bu)) = (a.bounds, b.bounds)
    return smaller
      ? Interval(float: Swift.min(al, bl), Swift.min(au, bu))
      : Interval(float: Swift.max(al, bl), Swift.max(au, bu))
  }

  /// From the lower end of `low` to the upper end of `high` (`low` below `high`).
  public init(lowerOf low: Interval, upperOf high: Interval) {
    if let (l, _) = low.rationalEnds, let (_, u) = high.rationalEnds {
      self.init(l, u)
    } else {
      self.init(float: low.bounds.0, high.bounds.1)
    }
  }

  /// ⌊x⌋ and ⌈x⌉ (floor and ceiling of a double are exact).
  public var floor: Interval { rounded(down: true) }
  public var ceiling: Interval { rounded(down: false) }

  func rounded(down: Bool) -> Interval {
    if let (l, u) = rationalEnds {
      return down
        ? Interval(Rational(l.floor), Rational(u.floor))
        : Interval(Rational(l.ceiling), Rational(u.ceiling))
    }
    let (l, u) = bounds
    return down
      ? Interval(float: l.rounded(.down), u.rounded(.down))
      : Interval(float: l.rounded(.up), u.rounded(.up))
  }

  // MARK: Transcendental functions

  /// e^x, enclosed (e^0 = 1 exactly).
  public var exp: Interval {
    if exact?.isZero == true { return Interval(.one) }
    let (l, u) = bounds
    // e^x is increasing; below, e^709 stands in for anything larger (e^710 overflows).
    return Interval(
      float: Swift.max(0, Round.down.libm(Foundation.exp(Swift.min(l, 709)))),
      Round.up.libm(Foundation.exp(u)))
  }

  /// log x for an interval of positive numbers, enclosed (log 1 = 0 exactly); nil if it may
  /// reach 0 or below.
  public var log: Interval? {
    guard isPositive else { return nil }
    switch storage {
    case .exact(let q): return q == .one ? Interval(.zero) : Self.log(q)
    case .rational(let a, let b): return Interval(lowerOf: Self.log(a), upperOf: Self.log(b))
    case .float(let l, let u):
      return Interval(float: Round.down.libm(Foundation.log(l)), Round.up.libm(Foundation.log(u)))
    }
  }

  /// log x for x known positive and different from 1, nil otherwise: then log x is an
  /// enclosure whatever x's exact value is (log of a rational other than 1 is irrational),
  /// which the exact pass need not compute (see `Evaluator.apply`).
  var logAwayFromOne: Interval? {
    let (l, u) = bounds
    guard isPositive, l > 1 || u < 1 else { return nil }
    return log
  }

  /// e^x for x known different from 0, nil otherwise (as `logAwayFromOne`).
  var expAwayFromZero: Interval? {
    let (l, u) = bounds
    guard l > 0 || u < 0 else { return nil }
    return exp
  }

  /// Whether the ends are doubles. In the exact pass such a value went through a log, an exp
  /// or a root (the models' probabilities are exact there): an enclosure of a value that is
  /// not known exactly, so a weight multiplying it may be an enclosure too.
  var isFloat: Bool {
    if case .float = storage { return true }
    return false
  }

  /// log q for a rational q > 0 of any size: beyond the doubles' range, q = m · 2^k with m
  /// in [1/2, 2] and log q = log m + k log 2 (a double would only give an infinite end).
  static func log(_ q: Rational) -> Interval {
    let k = q.numerator.bitWidth - q.denominator.bitWidth
    if abs(k) > 1000 {
      let power = Rational(BigInt(2).power(abs(k)))
      return Self.log(k > 0 ? q / power : q * power) + Interval(Rational(k)) * Self.log(2)
    }
    let (l, u) = enclose(q)  // normal doubles: 2^-1002 < q < 2^1001
    return Interval(float: Round.down.libm(Foundation.log(l)), Round.up.libm(Foundation.log(u)))
  }

  /// √x for x ≥ 0 (0 below 0, the semantics' convention), enclosed; exact when x and √x are
  /// doubles.
  public var sqrt: Interval {
    let (l, u) = bounds
    return Interval(
      float: Round.down.squareRoot(Swift.max(l, 0)), Round.up.squareRoot(Swift.max(u, 0)))
  }
}

/// One direction of outward rounding for IEEE operations on interval ends.
///
/// `fix(r, errorSign:)` takes an operation's rounded result r and the sign of (exact − r)
/// when an error-free transformation computes it exactly, nil when unknown (overflow,
/// underflow), and moves r one step in this direction unless it is already on the safe side.
enum Round {
  case down, up

  var opposite: Round { self == .down ? .up : .down }

  func fix(_ r: Double, errorSign: Double?) -> Double {
    switch self {
    case .down: return errorSign.map { $0 >= 0 } == true ? r : r.nextDown
    case .up: return errorSign.map { $0 <= 0 } == true ? r : r.nextUp
    }
  }

  /// Below this, the error of a product, reciprocal or square root may underflow (and fma
  /// then round it to 0); above it, fma gives the error's sign exactly.
  static let tiny = 0x1p-900

  /// a + b. Knuth's TwoSum gives the exact error unless something overflows.
  func sum(_ a: Double, _ b: Double) -> Double {
    let s = a + b
    guard s.isFinite else { return fix(s, errorSign: nil) }
    let bb = s - a
    let error = (a - (s - bb)) + (b - bb)
    return fix(s, errorSign: error.isFinite ? error : nil)
  }

  /// a · b, with 0 · ±∞ = 0 (an infinite end stands for a real, and 0 times a real is 0).
  func product(_ a: Double, _ b: Double) -> Double {
    if a == 0 || b == 0 { return 0 }
    let p = a * b
    guard p.isFinite, p.magnitude >= Self.tiny else { return fix(p, errorSign: nil) }
    return fix(p, errorSign: (-p).addingProduct(a, b))  // fma: a·b − p exactly
  }

  /// 1/x for x ≠ 0; 1/±∞ = 0.
  func reciprocal(_ x: Double) -> Double {
    let r = 1 / x
    if x.isInfinite { return r }
    guard x.isNormal, r.isNormal, r.magnitude >= Self.tiny else { return fix(r, errorSign: nil) }
    // 1/x − r = (1 − r·x)/x, and the remainder 1 − r·x of a correctly rounded quotient is a
    // double: fma computes it exactly.
    let remainder = (1.0).addingProduct(-r, x)
    return fix(r, errorSign: x > 0 ? remainder : -remainder)
  }

  /// √x for x ≥ 0.
  func squareRoot(_ x: Double) -> Double {
    let r = x.squareRoot()
    if x == 0 || x.isInfinite { return r }
    guard x >= Self.tiny else { return fix(r, errorSign: nil) }
    return fix(r, errorSign: x.addingProduct(-r, r))  // x − r², whose sign is that of √x − r
  }

  /// x^k for x ≥ 0 by repeated rounded products (monotone, as every factor is ≥ 0).
  func power(_ x: Double, _ k: Int) -> Double {
    var r = 1.0
    for _ in 0..<k { r = product(r, x) }
    return r
  }

  /// A libm result moved outward by 16 ulps (a relative 2^-48, plus 16 subnormal steps).
  /// This trusts the platform's `exp` and `log` to within that margin: glibc documents at
  /// most 1–2 ulps for them on the platforms beb runs on.
  func libm(_ y: Double) -> Double {
    guard y.isFinite else { return fix(y, errorSign: nil) }
    let margin = y.magnitude * 0x1p-48 + 0x1p-1070
    return sum(y, self == .down ? -margin : margin)
  }
}
