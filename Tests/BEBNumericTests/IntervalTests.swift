import BEBKernel
import Foundation
import Testing

@testable import BEBNumeric

/// Soundness of interval arithmetic: every operation's result must contain the exact result
/// of the operation on points of its operands, checked with exact rationals (doubles are
/// dyadic rationals) on random and edge inputs of every kind — exact, rational ends, double
/// ends, infinite ends, zero, negative, huge and tiny values.
@Suite struct IntervalTests {
  func q(_ n: Int, _ d: Int = 1) -> Rational { Rational(BigInt(n), BigInt(d)) }
  func decimal(_ text: String) -> Rational { Rational(decimal: text)! }

  /// Whether the interval contains the value (nil bounds are infinite).
  func contains(_ i: Interval, _ v: Rational) -> Bool {
    (i.lowerBound.map { $0 <= v } ?? true) && (i.upperBound.map { v <= $0 } ?? true)
  }

  /// Whether the interval meets [low, high].
  func meets(_ i: Interval, _ low: Rational, _ high: Rational) -> Bool {
    (i.lowerBound.map { $0 <= high } ?? true) && (i.upperBound.map { low <= $0 } ?? true)
  }

  // MARK: Known values

  @Test func enclosuresContainKnownValues() throws {
    let e = Interval(q(1)).exp
    #expect(
      meets(
        e, decimal("2.718281828459045235360287471352"), decimal("2.718281828459045235360287471353"))
    )
    #expect(e.width < 1e-13)
    let eInverse = Interval(q(-1)).exp
    #expect(
      meets(
        eInverse, decimal("0.367879441171442321595523770161"),
        decimal("0.367879441171442321595523770162")))
    let log2 = try #require(Interval(q(2)).log)
    #expect(
      meets(
        log2, decimal("0.693147180559945309417232121458"),
        decimal("0.693147180559945309417232121459")))
    #expect(log2.width < 1e-14)
    let log10 = try #require(Interval(q(10)).log)
    #expect(
      meets(
        log10, decimal("2.302585092994045684017991454684"),
        decimal("2.302585092994045684017991454685")))
    let logThird = try #require(Interval(q(1, 3)).log)
    #expect(
      meets(
        logThird, decimal("-1.098612288668109691395245236923"),
        decimal("-1.098612288668109691395245236922")))
    let root = Interval(q(2)).sqrt
    let (a, b) = (try #require(root.lowerBound), try #require(root.upperBound))
    #expect(a * a <= q(2) && q(2) <= b * b && root.width < 1e-15)
    #expect(Interval(q(0)).log == nil)
    #expect(Interval(q(-1, 2), q(3)).log == nil)
    #expect(Interval(q(-3)).sqrt == Interval(q(0)))
  }

  @Test func exactValuesStayExact() throws {
    #expect(Interval(q(0)).exp == Interval(q(1)))
    #expect(Interval(q(1)).log == Interval(q(0)))
    #expect(Interval(q(9, 4)).sqrt == Interval(q(3, 2)))
    #expect(Interval(q(1, 3)) + Interval(q(1, 6)) == Interval(q(1, 2)))
    #expect(Interval(q(2, 3)) * Interval(q(3, 4)) == Interval(q(1, 2)))
    #expect(Interval(q(1, 3)) / Interval(q(2)) == Interval(q(1, 6)))
    #expect(Interval(q(-2, 3)).power(-3) == Interval(q(-27, 8)))
    // Zero times anything, however wide or unbounded, is exactly zero.
    let line = Interval(float: -.infinity, .infinity)
    #expect(Interval(q(0)) * line == Interval(q(0)))
    #expect(line * Interval(q(0)) == Interval(q(0)))
    // Floors of an inexact value that fall on one integer are exact.
    let log10 = try #require(Interval(q(10)).log)
    #expect(log10.floor == Interval(q(2)) && log10.ceiling == Interval(q(3)))
  }

  @Test func divisionByAnIntervalAroundZeroIsUnknown() throws {
    #expect(Interval(q(1)) / Interval(q(-1), q(1)) == nil)
    #expect(Interval(q(1)) / Interval(q(0), q(1)) == nil)
    #expect(Interval(q(1)) / Interval(float: -1e-300, 1e-300) == nil)
    #expect(Interval(q(1)) / Interval(q(0)) == Interval(q(0)))  // x/0 = 0
    let log2 = try #require(Interval(q(2)).log)
    #expect(log2 / Interval(q(0)) == Interval(q(0)))
    #expect(Interval(q(1)) / (log2 - log2) == nil)
  }

  @Test func logAndExpAreInverseWithinTheirWidth() throws {
    for value in [q(1, 3), q(5), q(1000), q(7, 1000)] {
      let back = try #require(Interval(value).log).exp
      #expect(contains(back, value))
      #expect(back.width < 1e-10)
    }
  }

  @Test func approximateEquationsAreCloseAndOverlap() throws {
    // log 6 = log 2 + log 3 cannot be decided by enclosures, but both sides agree to 2^-40.
    let six = try #require(Interval(q(6)).log)
    let sum = try #require(Interval(q(2)).log) + (try #require(Interval(q(3)).log))
    #expect(six.width < 0x1p-40 && sum.width < 0x1p-40)
    #expect(
      !Interval.isBelow(six, sum, strictly: true) && !Interval.isBelow(sum, six, strictly: true))
    let log = Variable("log6", .real)
    let world = World(sentences: 1, horizon: 1, values: [log: .number(six)])
    let run = ProofRun(world: world, definitions: [:])
    let claim = Term.apply(.add, [.apply(.log, [.number(q(2))]), .apply(.log, [.number(q(3))])])
    #expect(run.evaluator.truth(.relation(.eq, .variable(log), claim)) == .unknown)
    #expect(run.closeEquation(.relation(.eq, .variable(log), claim), [:]))
    #expect(!run.closeEquation(.relation(.eq, .variable(log), .apply(.log, [.number(q(7))])), [:]))
    // Non-strict inequalities between close sides count too (they may be equalities);
    // strict ones never do, and a non-strict one that is false stays refuted.
    #expect(run.truthAllowingClose(.relation(.le, .variable(log), claim)) == (.yes, true))
    #expect(run.truthAllowingClose(.relation(.ge, .variable(log), claim)) == (.yes, true))
    #expect(run.truthAllowingClose(.relation(.lt, .variable(log), claim)) == (.unknown, false))
    #expect(run.truthAllowingClose(.relation(.gt, .variable(log), claim)) == (.unknown, false))
    let seven = Term.apply(.log, [.number(q(7))])
    #expect(run.truthAllowingClose(.relation(.ge, .variable(log), seven)) == (.no, false))
  }

  // MARK: Conversions

  @Test func rationalsAreEnclosedByNeighbouringDoubles() {
    var g = SeededGenerator(seed: 11)
    for index in 0..<3000 {
      let value = index < 40 ? edgeRational(index) : randomRational(&g)
      let (low, high) = Interval.enclose(value)
      #expect(!low.isNaN && !high.isNaN && low <= high && low < .infinity && high > -.infinity)
      #expect(low.isInfinite || Interval.rational(low) <= value, "\(value): low \(low)")
      #expect(high.isInfinite || value <= Interval.rational(high), "\(value): high \(high)")
      // Tight: at most two steps apart inside the normal range.
      if low.isNormal && high.isNormal {
        #expect(
          low == high || low.nextUp == high || low.nextUp.nextUp == high, "\(value): \(low) \(high)"
        )
      }
    }
  }

  @Test func doublesAreExactRationals() {
    var g = SeededGenerator(seed: 12)
    for index in 0..<3000 {
      let x = index < edgeDoubles.count ? edgeDoubles[index] : randomDouble(&g)
      guard x.isFinite else { continue }
      let r = Interval.rational(x)
      #expect(Interval.enclose(r) == (x, x), "\(x)")
      #expect(Interval(float: x, x) == Interval(r))
    }
  }

  @Test func comparisonsBetweenRationalAndDoubleEndsAreExact() {
    var g = SeededGenerator(seed: 13)
    for index in 0..<3000 {
      let p = index < 40 ? edgeRational(index) : randomRational(&g)
      let (low, high) = Interval.enclose(p)
      for x in [low, high, low.nextDown, high.nextUp, randomDouble(&g), 0, .infinity, -.infinity] {
        guard !x.isNaN else { continue }
        let expected =
          x == .infinity
          ? -1
          : x == -.infinity
            ? 1 : (p < Interval.rational(x) ? -1 : p == Interval.rational(x) ? 0 : 1)
        #expect(Interval.compare(p, x) == expected, "\(p) vs \(x)")
        #expect(Interval.compare(.float(x), .rational(p)) == -expected)
      }
    }
  }

  // MARK: Operations on random intervals

  @Test func fieldOperationsAreSound() {
    var g = SeededGenerator(seed: 14)
    for _ in 0..<1500 {
      let (a, b) = (randomInterval(&g), randomInterval(&g))
      for x in points(a) {
        #expect(contains(-a, -x))
        #expect(contains(a.magnitude, x.magnitude), "|\(a)| at \(x)")
        #expect(contains(a.floor, Rational(x.floor)) && contains(a.ceiling, Rational(x.ceiling)))
        for y in points(b) {
          #expect(contains(a + b, x + y), "\(a) + \(b) at \(x), \(y)")
          #expect(contains(a - b, x - y), "\(a) - \(b) at \(x), \(y)")
          #expect(contains(a * b, x * y), "\(a) * \(b) at \(x), \(y)")
          #expect(contains(Interval.minimum(a, b), Swift.min(x, y)))
          #expect(contains(Interval.maximum(a, b), Swift.max(x, y)))
          if let quotient = a / b {
            #expect(contains(quotient, y.isZero ? .zero : x / y), "\(a) / \(b) at \(x), \(y)")
          } else {
            // Unknown only when b may be zero.
            #expect(
              !Interval.isBelow(b, Interval(.zero), strictly: true)
                && !Interval.isBelow(Interval(.zero), b, strictly: true))
          }
        }
      }
      for result in [a + b, a - b, a * b, a.magnitude] { #expect(isWellFormed(result)) }
    }
  }

  @Test func powersAreSound() {
    var g = SeededGenerator(seed: 15)
    for _ in 0..<600 {
      let a = randomInterval(&g, maxBits: 200)
      for k in [0, 1, 2, 3, 4, 7, -1, -2, -3] {
        guard let result = a.power(k) else {
          #expect(k < 0)
          continue
        }
        #expect(isWellFormed(result))
        for x in points(a) {
          guard let expected = x.power(k) else { continue }  // 0^-k: the interval may hold 0
          #expect(contains(result, expected), "\(a)^\(k) at \(x)")
        }
      }
    }
  }

  @Test func squareRootsAreSound() {
    var g = SeededGenerator(seed: 16)
    for _ in 0..<1500 {
      let a = randomInterval(&g)
      let root = a.sqrt
      #expect(isWellFormed(root))
      for x in points(a) {
        // √ is increasing (0 below 0): low² ≤ x where low > 0, and x ≤ high².
        let v = Swift.max(x, .zero)
        if let low = root.lowerBound, low.isPositive { #expect(low * low <= v, "√\(a) at \(x)") }
        if let high = root.upperBound {
          #expect(!high.isNegative && v <= high * high, "√\(a) at \(x)")
        }
      }
    }
  }

  @Test func expAndLogAreSoundAgainstSeries() {
    var g = SeededGenerator(seed: 17)
    for index in 0..<200 {
      // Points of every kind: small fractions, doubles, huge and tiny rationals.
      let x: Rational
      switch index % 4 {
      case 0: x = q(g.below(2001) - 1000, 1 + g.below(97))
      case 1: x = Interval.rational(Double(g.below(1 << 30)) * 0x1p-24 - 32)
      case 2: x = Rational(BigInt(1 + g.below(1000)), BigInt(2).power(g.below(1500)))
      default:
        x = Rational(
          BigInt(2).power(g.below(1500)) + BigInt(g.below(100)), BigInt(1 + g.below(1000)))
      }
      if x.magnitude <= 700 {
        let e = Interval(x).exp
        let (low, high) = Oracle.exp(x)
        #expect(meets(e, low, high), "exp \(x)")
        #expect(e.lowerBound != nil && !(e.lowerBound!.isNegative))
        if let a = e.lowerBound, let b = e.upperBound, a.isPositive {
          #expect(b - a <= a * Rational(BigInt(1), BigInt(2).power(40)))
        }
      }
      if x.isPositive {
        let l = Interval(x).log!
        let (low, high) = Oracle.log(x)
        #expect(meets(l, low, high), "log \(x)")
        #expect(l.width < 1e-9)
      }
    }
    // Infinite and out-of-range ends.
    #expect(Interval(float: 800, .infinity).exp.upperBound == nil)
    #expect(contains(Interval(float: 800, .infinity).exp, Oracle.exp(q(709)).0))
    #expect(Interval(float: -.infinity, -800).exp.lowerBound == .zero)
    // log of rationals beyond the doubles is still narrow: log 10^±400 = ±921.034037197618...
    let huge = Interval(Rational(BigInt(10).power(400))).log!
    #expect(
      meets(huge, decimal("921.034037197618"), decimal("921.034037197619")) && huge.width < 1e-9)
    let tiny = Interval(Rational(BigInt(1), BigInt(10).power(400))).log!
    #expect(
      meets(tiny, decimal("-921.034037197619"), decimal("-921.034037197618")) && tiny.width < 1e-9)
    let wide = Interval(float: 1e-320, .infinity).log!
    #expect(wide.upperBound == nil && wide.lowerBound! < q(-736))
  }

  @Test func noOperationGivesNaN() {
    let specials: [Interval] = [
      Interval(float: -.infinity, .infinity), Interval(float: -.infinity, 0),
      Interval(float: 0, .infinity),
      Interval(float: .greatestFiniteMagnitude, .infinity),
      Interval(float: -.infinity, -.greatestFiniteMagnitude),
      Interval(float: -.leastNonzeroMagnitude, .leastNonzeroMagnitude), Interval(q(0)),
      Interval(float: 0, 1e-310),
    ]
    for a in specials {
      for b in specials {
        for r in [a + b, a - b, a * b, (a / b) ?? Interval(.zero), Interval.minimum(a, b)] {
          #expect(isWellFormed(r))
        }
      }
      for r in [a.exp, a.sqrt, a.magnitude, a.floor, a.power(3)!, a.log ?? Interval(.zero)] {
        #expect(isWellFormed(r))
      }
    }
    #expect(Interval(float: .nan, 1) == Interval(float: -.infinity, .infinity))
  }

  // MARK: Generators

  func isWellFormed(_ i: Interval) -> Bool {
    guard case .float(let a, let b) = i.storage else { return true }
    return !a.isNaN && !b.isNaN && a <= b && a < .infinity && b > -.infinity
  }

  /// Points of an interval: its finite ends and middle; far beyond a finite end for an
  /// infinite one.
  func points(_ i: Interval) -> [Rational] {
    let far = Rational(BigInt(2).power(1100))
    switch (i.lowerBound, i.upperBound) {
    case (let a?, let b?): return a == b ? [a] : [a, (a + b) / 2, b]
    case (let a?, nil): return [a, a + 1, a + far]
    case (nil, let b?): return [b, b - 1, b - far]
    case (nil, nil): return [.zero, far, -far]
    }
  }

  var edgeDoubles: [Double] {
    [
      0, -0.0, 1, -1, 0.5, 1.0.nextUp, 1.0.nextDown, .leastNonzeroMagnitude,
      -.leastNonzeroMagnitude,
      .leastNormalMagnitude, .leastNormalMagnitude.nextDown, .greatestFiniteMagnitude,
      -.greatestFiniteMagnitude, .infinity, -.infinity, 0x1p-969, 0x1p-1022, 0x1p1023, 1e-310, 3,
    ]
  }

  func edgeRational(_ index: Int) -> Rational {
    let two = BigInt(2)
    let edges: [Rational] = [
      0, 1, -1, q(1, 3), q(-2, 3), q(1, 10), Rational(two.power(53) + 1),
      Rational(two.power(53) - 1),
      Rational(two.power(64)), Rational(BigInt(1), two.power(1074)),
      Rational(BigInt(1), two.power(1075)),
      Rational(BigInt(3), two.power(1076)), Rational(BigInt(1), two.power(5000)),
      Rational(two.power(1024)),
      Rational(two.power(1024) - 1),
      Rational(two.power(1023) * (two.power(53) - 1) / two.power(52)),
      Rational(two.power(5000)), -Rational(two.power(5000)),
      Rational(two.power(200) + 1, two.power(200)),
      Rational(BigInt(1), two.power(1022)), Rational(BigInt(1), two.power(1022) + 1),
      Rational(two.power(100) + 1, two.power(100) - 1), Rational(BigInt(1), BigInt(3).power(700)),
      Rational(BigInt(3).power(700), BigInt(7).power(300)),
    ]
    return edges[index % edges.count]
  }

  func randomBigInt(_ g: inout SeededGenerator, bits: Int) -> BigInt {
    var value = BigInt(0)
    var remaining = bits
    while remaining > 0 {
      let take = Swift.min(remaining, 60)
      value = value * BigInt(2).power(take) + BigInt(Int(g.next() >> UInt64(64 - take)))
      remaining -= take
    }
    return value
  }

  func randomRational(_ g: inout SeededGenerator, maxBits: Int = 1500) -> Rational {
    let sizes = [1, 8, 30, 53, 54, 64, 120, 500, maxBits]
    let n = randomBigInt(&g, bits: sizes[g.below(sizes.count)] % (maxBits + 1))
    let d = randomBigInt(&g, bits: sizes[g.below(sizes.count)] % (maxBits + 1)) + 1
    let r = Rational(n, d)
    return g.below(2) == 0 ? r : -r
  }

  func randomDouble(_ g: inout SeededGenerator) -> Double {
    switch g.below(5) {
    case 0: return edgeDoubles[g.below(edgeDoubles.count)]
    case 1: return Double(g.below(2001) - 1000) / Double(1 + g.below(64))
    case 2:
      let x = Double(bitPattern: g.next())
      return x.isNaN ? 1 : x
    case 3:
      return Double(
        sign: g.below(2) == 0 ? .plus : .minus, exponent: g.below(2100) - 1080,
        significand: 1 + Double(g.below(1 << 20)) * 0x1p-20)
    default: return Double(g.below(1 << 30)) * 0x1p-30
    }
  }

  /// An exact, rational or float interval, ends of every size and sign, some infinite.
  func randomInterval(_ g: inout SeededGenerator, maxBits: Int = 1500) -> Interval {
    switch g.below(4) {
    case 0: return Interval(randomRational(&g, maxBits: maxBits))
    case 1:
      return Interval(randomRational(&g, maxBits: maxBits), randomRational(&g, maxBits: maxBits))
    case 2:
      // An inexact value built the way the evaluator builds one.
      let a = Interval(randomRational(&g, maxBits: 64))
      let ops: [Interval] = [
        a.sqrt, a.magnitude.exp, (a.magnitude + Interval(1)).log!, a + Interval(1).exp,
      ]
      return ops[g.below(ops.count)]
    default:
      let (x, y) = (randomDouble(&g), randomDouble(&g))
      return Interval(float: Swift.min(x, y), Swift.max(x, y))
    }
  }
}

/// Rational bounds on e^x and log x with rigorous series remainders at a precision of
/// 2^-200: an oracle independent of libm (beb's exp and log before they used doubles).
enum Oracle {
  static let scale = BigInt(2).power(200)
  static func down(_ q: Rational) -> Rational { Rational((q * Rational(scale)).floor, scale) }
  static func up(_ q: Rational) -> Rational { Rational((q * Rational(scale)).ceiling, scale) }

  /// e^q: e^x is increasing, so bounds at q rounded down and up to the grid.
  static func exp(_ q: Rational) -> (Rational, Rational) {
    (expBounds(down(q)).0, expBounds(up(q)).1)
  }

  /// e^q for q on the grid: halve q to |q| ≤ 1/2, 40 Taylor terms with the remainder
  /// 2|x|^40/40!, terms and partial sums rounded outward, then square back.
  static func expBounds(_ q: Rational) -> (Rational, Rational) {
    var x = q
    var halvings = 0
    while x.magnitude > Rational(BigInt(1), BigInt(2)) {
      x = x / 2
      halvings += 1
    }
    let m = x.magnitude
    var (termLow, termHigh) = (Rational.one, Rational.one)
    var (low, high) = (Rational.zero, Rational.zero)
    for k in 0..<40 {
      if x.isNegative && k % 2 == 1 {
        (low, high) = (down(low - termHigh), up(high - termLow))
      } else {
        (low, high) = (down(low + termLow), up(high + termHigh))
      }
      (termLow, termHigh) = (
        down(termLow * m / Rational(k + 1)), up(termHigh * m / Rational(k + 1))
      )
    }
    (low, high) = (Swift.max(.zero, down(low - termHigh * 2)), up(high + termHigh * 2))
    for _ in 0..<halvings { (low, high) = (down(low * low), up(high * high)) }
    return (low, high)
  }

  /// log q for q > 0: q = m · 2^k with m in [1, 2), log m = 2 atanh((m − 1)/(m + 1)).
  static func log(_ q: Rational) -> (Rational, Rational) {
    var k = q.numerator.bitWidth - q.denominator.bitWidth
    var m =
      q / Rational(BigInt(2).power(Swift.max(k, 0))) * Rational(BigInt(2).power(Swift.max(-k, 0)))
    while m >= 2 { (m, k) = (m / 2, k + 1) }
    while m < 1 { (m, k) = (m * 2, k - 1) }
    let (a, b) = atanhTwice(down((m - 1) / (m + 1)), up((m - 1) / (m + 1)))
    let (l2a, l2b) = atanhTwice(Rational(BigInt(1), BigInt(3)), Rational(BigInt(1), BigInt(3)))
    let (c, d) =
      k >= 0 ? (l2a * Rational(k), l2b * Rational(k)) : (l2b * Rational(k), l2a * Rational(k))
    return (a + c, b + d)
  }

  /// 2 atanh(z) for z in [zLow, zHigh] ⊂ [0, 1/3]: 70 terms, remainder 2 z^141/(141 (1 − z²)).
  static func atanhTwice(_ zLow: Rational, _ zHigh: Rational) -> (Rational, Rational) {
    var (low, high) = (Rational.zero, Rational.zero)
    var (pLow, pHigh) = (zLow, zHigh)
    for i in 0..<70 {
      low = down(low + pLow / Rational(2 * i + 1))
      high = up(high + pHigh / Rational(2 * i + 1))
      (pLow, pHigh) = (down(pLow * zLow * zLow), up(pHigh * zHigh * zHigh))
    }
    let remainder = up(pHigh / (Rational(141) * (1 - zHigh * zHigh)))
    return (2 * low, 2 * (high + remainder))
  }
}
