import BEBKernel
import Synchronization

/// A closed interval `[lower, upper]` of reals with rational endpoints, containing the true
/// value of whatever it encloses. Field operations are exact on the endpoints; `exp`, `log`
/// and `sqrt` are enclosed by series or bisection with rigorous error bounds and rounded
/// outward to multiples of 2^-precision, so endpoints stay small.
///
/// A relation between intervals is decided only when the intervals say so: `x < y` is known
/// true when `x.upper < y.lower`, known false when `x.lower ≥ y.upper`, unknown otherwise.
public struct Interval: Hashable, Sendable, CustomStringConvertible {
  public let lower: Rational
  public let upper: Rational

  /// Bits kept after the binary point when rounding outward.
  static let precision = 64
  static let scale = power2(precision)

  public init(_ value: Rational) {
    lower = value
    upper = value
  }

  public init(_ lower: Rational, _ upper: Rational) {
    self.lower = Swift.min(lower, upper)
    self.upper = Swift.max(lower, upper)
  }

  public var isExact: Bool { lower == upper }
  public var description: String {
    isExact ? lower.description : "[\(lower.decimalString(fractionDigits: 6)), \(upper.decimalString(fractionDigits: 6))]"
  }

  static func power2(_ k: Int) -> BigInt { BigInt(2).power(k) }

  /// The largest multiple of 2^-precision at most q, and the least at least q.
  static func down(_ q: Rational) -> Rational {
    guard !q.isInteger else { return q }
    return Rational((q * Rational(scale)).floor, scale)
  }

  static func up(_ q: Rational) -> Rational {
    guard !q.isInteger else { return q }
    return Rational((q * Rational(scale)).ceiling, scale)
  }

  /// The interval rounded outward (exact intervals with small endpoints are kept).
  var rounded: Interval { Interval(Self.down(lower), Self.up(upper)) }

  public static func + (a: Interval, b: Interval) -> Interval {
    Interval(a.lower + b.lower, a.upper + b.upper)
  }

  public static prefix func - (a: Interval) -> Interval { Interval(-a.upper, -a.lower) }

  public static func - (a: Interval, b: Interval) -> Interval { a + (-b) }

  public static func * (a: Interval, b: Interval) -> Interval {
    let products = [a.lower * b.lower, a.lower * b.upper, a.upper * b.lower, a.upper * b.upper]
    return Interval(products.min()!, products.max()!)
  }

  /// `a / b`, or nil when b may be zero (the value's sign is then not known: under x/0 = 0
  /// the quotient jumps).
  public static func / (a: Interval, b: Interval) -> Interval? {
    if b.isExact && b.lower.isZero { return Interval(.zero) }  // x/0 = 0
    guard b.lower.isPositive || b.upper.isNegative else { return nil }
    return a * Interval(.one / b.upper, .one / b.lower)
  }

  public var magnitude: Interval {
    if !lower.isNegative { return self }
    if !upper.isPositive { return -self }
    return Interval(.zero, Swift.max(-lower, upper))
  }

  /// e^x, enclosed.
  public var exp: Interval {
    // e^x is increasing: a lower bound at a point below the lower end, an upper bound at a
    // point above the upper end. Rounding the ends to the 2^-precision grid first keeps the
    // Taylor sums small (an end with a huge denominator made them grow without bound).
    Interval(Self.expBounds(Self.down(lower)).lower, Self.expBounds(Self.up(upper)).upper)
  }

  /// Bounds on e^q for a rational q: halve q until |q| ≤ 1/2, sum the Taylor series with its
  /// remainder bound, then square back up (monotone on the positive bounds).
  static func expBounds(_ q: Rational) -> Interval {
    var x = q
    var halvings = 0
    while x.magnitude > Rational(BigInt(1), BigInt(2)) {
      x = x / 2
      halvings += 1
      if halvings > 4000 { break }
    }
    // Σ_{k<N} x^k/k!, remainder |x|^N/N! · 2 for |x| ≤ 1/2. The magnitudes |x|^k/k! are
    // kept as a rounded-down and a rounded-up bound, and the partial sums rounded outward, so
    // the numbers stay on the 2^-precision grid; odd terms are subtracted when x < 0.
    let negative = x.isNegative
    let m = x.magnitude
    var magnitudeLow = Rational.one
    var magnitudeHigh = Rational.one
    var low = Rational.zero
    var high = Rational.zero
    let terms = 30
    for k in 0..<terms {
      if negative && k % 2 == 1 {
        low = down(low - magnitudeHigh)
        high = up(high - magnitudeLow)
      } else {
        low = down(low + magnitudeLow)
        high = up(high + magnitudeHigh)
      }
      magnitudeLow = down(magnitudeLow * m / Rational(k + 1))
      magnitudeHigh = up(magnitudeHigh * m / Rational(k + 1))
    }
    let remainder = magnitudeHigh * 2 + Rational(BigInt(1), scale)
    low = down(low - remainder)
    high = up(high + remainder)
    if low.isNegative { low = .zero }
    for _ in 0..<halvings {
      low = down(low * low)
      high = up(high * high)
    }
    return Interval(low, high)
  }

  /// log x for an interval of positive numbers, enclosed; nil if it may reach 0 or below.
  public var log: Interval? {
    guard lower.isPositive else { return nil }
    if isExact { return Self.logBounds(lower) }
    return Interval(Self.logBounds(lower).lower, Self.logBounds(upper).upper)
  }

  /// Enclosures of log q already computed (worlds repeat the same probabilities often).
  private static let logCache = Mutex<[Rational: Interval]>([:])
  private static let log2 = atanhTwice(Rational(BigInt(1), BigInt(3)))

  /// Bounds on log q for a rational q > 0: q = m · 2^k with m in [1, 2), then
  /// log m = 2 atanh((m − 1)/(m + 1)) by its series (z ≤ 1/3) with the remainder bound.
  static func logBounds(_ q: Rational) -> Interval {
    if let known = logCache.withLock({ $0[q] }) { return known }
    var m = q
    var k = 0
    while m >= 2 {
      m = m / 2
      k += 1
    }
    while m < 1 {
      m = m * 2
      k -= 1
    }
    let logM = atanhTwice((m - 1) / (m + 1))
    let result = k == 0 ? logM : logM + Interval(Rational(k)) * log2
    logCache.withLock { cache in
      if cache.count < 200_000 { cache[q] = result }
    }
    return result
  }

  /// Bounds on 2 atanh(z) for 0 ≤ z ≤ 1/3: 2 Σ z^(2i+1)/(2i+1), remainder ≤
  /// 2 z^(2N+1) / ((2N+1)(1 − z²)). Partial sums are rounded outward at each step.
  static func atanhTwice(_ z: Rational) -> Interval {
    let z2 = up(z * z)
    let z2Low = down(z * z)
    var powerLow = down(z)
    var powerHigh = up(z)
    var low = Rational.zero
    var high = Rational.zero
    for i in 0..<24 {
      low = down(low + powerLow / Rational(2 * i + 1))
      high = up(high + powerHigh / Rational(2 * i + 1))
      powerLow = down(powerLow * z2Low)
      powerHigh = up(powerHigh * z2)
    }
    let remainder = up(powerHigh / (Rational(49) * (1 - z2))) + Rational(BigInt(1), scale)
    return Interval(down(2 * (low - remainder)), up(2 * (high + remainder)))
  }

  /// √x for x ≥ 0 (0 below 0, the semantics' convention), enclosed by bisection.
  public var sqrt: Interval {
    Interval(Self.sqrtBounds(Swift.max(lower, .zero)).lower, Self.sqrtBounds(Swift.max(upper, .zero)).upper)
  }

  static func sqrtBounds(_ q: Rational) -> Interval {
    guard q.isPositive else { return Interval(.zero) }
    var low = Rational.zero
    var high = Swift.max(q, .one)
    for _ in 0..<(precision + 8) {
      let mid = (low + high) / 2
      if mid * mid <= q { low = mid } else { high = mid }
      low = down(low)
      high = up(high)
    }
    return Interval(low, high)
  }

  /// x^k for an integer k (nil for a negative power of an interval that may contain 0).
  public func power(_ k: Int) -> Interval? {
    if k == 0 { return Interval(.one) }
    if k < 0 {
      guard let p = power(-k) else { return nil }
      return Interval(.one) / p
    }
    if k % 2 == 0 {
      let m = magnitude
      return Interval(m.lower.power(k)!, m.upper.power(k)!)
    }
    return Interval(lower.power(k)!, upper.power(k)!)
  }
}
