// Arbitrary-precision signed integers for the trusted kernel.
//
// Representation: sign and magnitude. The magnitude is a little-endian array of base-2^32 limbs
// with no most-significant zero limbs; zero has an empty magnitude and is never negative. Every
// value has exactly one representation, so the synthesized `==` and `hash(into:)` are correct.
// All arithmetic is exact: no operation overflows (memory permitting). stdlib only.

/// An arbitrary-precision signed integer.
///
/// Domain: every integer. Operations never overflow or lose precision. Division truncates
/// toward zero, like Swift's `Int`. Division by zero is a precondition failure.
public struct BigInt: Hashable, Comparable, Sendable, CustomStringConvertible,
  ExpressibleByIntegerLiteral
{
  /// True iff the value is strictly negative (always false for zero).
  private var negative: Bool
  /// Little-endian base-2^32 limbs of the magnitude; the last limb is never zero.
  private var limbs: [UInt32]

  /// Builds a value from a sign and possibly unnormalized limbs, normalizing both.
  private init(negative: Bool, limbs: [UInt32]) {
    var limbs = limbs
    BigInt.trim(&limbs)
    self.limbs = limbs
    self.negative = negative && !limbs.isEmpty
  }

  /// The integer equal to `value`. Total: every `Int`, including `Int.min`, is representable.
  public init(_ value: Int) {
    var m = UInt64(value.magnitude)
    var limbs: [UInt32] = []
    while m != 0 {
      limbs.append(UInt32(truncatingIfNeeded: m))
      m >>= 32
    }
    self.init(negative: value < 0, limbs: limbs)
  }

  /// The integer equal to the literal `value`.
  public init(integerLiteral value: Int) { self.init(value) }

  /// Decimal notation: `-` followed by the digits of the magnitude for negatives, no leading
  /// zeros, `"0"` for zero.
  public var description: String {
    if limbs.isEmpty { return "0" }
    var chunks: [UInt32] = []  // base-10^9 digits, least significant first
    var rest = limbs
    while !rest.isEmpty {
      let (quotient, remainder) = BigInt.divideBySmall(rest, 1_000_000_000)
      chunks.append(remainder)
      rest = quotient
    }
    var result = negative ? "-" : ""
    result += String(chunks[chunks.count - 1])
    for chunk in chunks.dropLast().reversed() {
      let text = String(chunk)
      result += String(repeating: "0", count: 9 - text.count) + text
    }
    return result
  }

  /// Zero.
  public static let zero = BigInt(0)
  /// One.
  public static let one = BigInt(1)

  /// True iff the value is zero.
  public var isZero: Bool { limbs.isEmpty }
  /// True iff the value is strictly negative.
  public var isNegative: Bool { negative }
  /// -1, 0 or 1 according to the sign of the value.
  public var signum: Int { limbs.isEmpty ? 0 : (negative ? -1 : 1) }
  /// The absolute value.
  public var magnitude: BigInt { BigInt(negative: false, limbs: limbs) }
  /// True iff the value is odd (negative values included: -3 is odd).
  public var isOdd: Bool { (limbs.first ?? 0) & 1 == 1 }

  /// The number of significant bits of the magnitude; 0 for zero (e.g. 1 -> 1, -8 -> 4).
  public var bitWidth: Int {
    guard let top = limbs.last else { return 0 }
    return (limbs.count - 1) * 32 + (32 - top.leadingZeroBitCount)
  }

  /// The value as an `Int` if it lies in `Int.min...Int.max`, otherwise nil.
  public var asInt: Int? {
    guard limbs.count <= 2 else { return nil }
    let m = BigInt.word(limbs)
    if !negative { return Int(exactly: m) }
    if let value = Int(exactly: m) { return -value }
    return m == UInt64(Int.max.magnitude) + 1 ? Int.min : nil
  }

  // MARK: Comparison and arithmetic

  /// Numeric ordering of integers.
  public static func < (lhs: BigInt, rhs: BigInt) -> Bool {
    if lhs.negative != rhs.negative { return lhs.negative }
    let order = compareMagnitudes(lhs.limbs, rhs.limbs)
    return lhs.negative ? order > 0 : order < 0
  }

  /// The negation of `operand`; `-0` is zero.
  public static prefix func - (operand: BigInt) -> BigInt {
    BigInt(negative: !operand.negative, limbs: operand.limbs)
  }

  /// The exact sum.
  public static func + (lhs: BigInt, rhs: BigInt) -> BigInt {
    if lhs.negative == rhs.negative {
      return BigInt(negative: lhs.negative, limbs: addMagnitudes(lhs.limbs, rhs.limbs))
    }
    // Opposite signs: subtract the smaller magnitude from the larger one.
    if compareMagnitudes(lhs.limbs, rhs.limbs) >= 0 {
      return BigInt(negative: lhs.negative, limbs: subtractMagnitudes(lhs.limbs, rhs.limbs))
    }
    return BigInt(negative: rhs.negative, limbs: subtractMagnitudes(rhs.limbs, lhs.limbs))
  }

  /// The exact difference.
  public static func - (lhs: BigInt, rhs: BigInt) -> BigInt { lhs + (-rhs) }

  /// The exact product.
  public static func * (lhs: BigInt, rhs: BigInt) -> BigInt {
    BigInt(
      negative: lhs.negative != rhs.negative, limbs: multiplyMagnitudes(lhs.limbs, rhs.limbs))
  }

  /// Adds `rhs` to `lhs` exactly.
  public static func += (lhs: inout BigInt, rhs: BigInt) { lhs = lhs + rhs }
  /// Multiplies `lhs` by `rhs` exactly.
  public static func *= (lhs: inout BigInt, rhs: BigInt) { lhs = lhs * rhs }

  /// Truncating division: `quotient` is rounded toward zero and `remainder` is
  /// `self - quotient * d`, so `remainder` is zero or has the sign of `self`, and
  /// `|remainder| < |d|`. Precondition: `d` is nonzero.
  public func quotientAndRemainder(dividingBy d: BigInt) -> (quotient: BigInt, remainder: BigInt) {
    precondition(!d.isZero, "BigInt division by zero")
    let (q, r) = BigInt.divideMagnitudes(limbs, d.limbs)
    return (
      BigInt(negative: negative != d.negative, limbs: q), BigInt(negative: negative, limbs: r)
    )
  }

  /// Truncating quotient (rounded toward zero). Precondition: `rhs` is nonzero.
  public static func / (lhs: BigInt, rhs: BigInt) -> BigInt {
    rhs == .one ? lhs : lhs.quotientAndRemainder(dividingBy: rhs).quotient
  }

  /// Truncating remainder (zero or the sign of `lhs`). Precondition: `rhs` is nonzero.
  public static func % (lhs: BigInt, rhs: BigInt) -> BigInt {
    lhs.quotientAndRemainder(dividingBy: rhs).remainder
  }

  /// The greatest common divisor of `a` and `b`, always non-negative; `gcd(0, 0) == 0` and
  /// `gcd(a, 0) == |a|`. Stein's binary algorithm, in place on the limbs (no allocation per
  /// step): 2^shift is the common power of two; with u odd and v > 0, gcd(u, v) =
  /// gcd(u, v / 2^k) for v's trailing zeros k (2 does not divide u), and with both odd,
  /// gcd(u, v) = gcd(min, max − min), or gcd(min, max mod min) when max has more limbs; the
  /// larger shrinks each round, so it ends. Once both fit in 64 bits, Euclid's steps finish
  /// on machine words.
  public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
    if a.isZero || b.isZero { return a.isZero ? b.magnitude : a.magnitude }
    var (u, v) = (a.limbs, b.limbs)
    let shift = Swift.min(trailingZeros(u), trailingZeros(v))
    shiftRight(&u, trailingZeros(u))
    while !v.isEmpty {
      shiftRight(&v, trailingZeros(v))
      if u.count <= 2 && v.count <= 2 {
        var (x, y) = (word(u), word(v))
        while y != 0 { (x, y) = (y, x % y) }
        u = [UInt32(truncatingIfNeeded: x), UInt32(x >> 32)]
        break
      }
      if compareMagnitudes(u, v) > 0 { swap(&u, &v) }
      if v.count > u.count {  // far apart: Euclid's step, gcd(u, v) = gcd(u, v mod u)
        v = divideMagnitudes(v, u).remainder
        continue
      }
      subtract(&v, u)
      trim(&v)
    }
    let odd = BigInt(negative: false, limbs: u)
    return shift == 0 ? odd : odd * BigInt(2).power(shift)
  }

  /// `self` raised to `exponent` by square-and-multiply; `x.power(0) == 1` for every `x`,
  /// including zero. Precondition: `exponent >= 0`.
  public func power(_ exponent: Int) -> BigInt {
    precondition(exponent >= 0, "BigInt.power with a negative exponent")
    return power(magnitude: exponent.magnitude)
  }

  /// `self` raised to `exponent` (any `UInt`); bases 0, 1 and -1 take constant time.
  func power(magnitude exponent: UInt) -> BigInt {
    if exponent == 0 { return .one }
    if limbs.isEmpty || limbs == [1] { return negative && exponent & 1 == 0 ? -self : self }
    var result = BigInt.one
    var base = self
    var e = exponent
    while true {
      if e & 1 == 1 { result *= base }
      e >>= 1
      if e == 0 { return result }
      base *= base
    }
  }

  // MARK: Magnitude helpers (little-endian base-2^32 limb arrays)

  /// Removes most-significant zero limbs.
  private static func trim(_ limbs: inout [UInt32]) {
    while limbs.last == 0 { limbs.removeLast() }
  }

  /// -1, 0 or 1 as the normalized magnitude `a` is less than, equal to or greater than `b`.
  private static func compareMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> Int {
    if a.count != b.count { return a.count < b.count ? -1 : 1 }
    for i in stride(from: a.count - 1, through: 0, by: -1) where a[i] != b[i] {
      return a[i] < b[i] ? -1 : 1
    }
    return 0
  }

  /// `a + b`.
  private static func addMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
    let (long, short) = a.count >= b.count ? (a, b) : (b, a)
    var result = [UInt32]()
    result.reserveCapacity(long.count + 1)
    var carry: UInt64 = 0
    for i in 0..<long.count {
      let sum = UInt64(long[i]) + (i < short.count ? UInt64(short[i]) : 0) + carry
      result.append(UInt32(truncatingIfNeeded: sum))
      carry = sum >> 32
    }
    if carry != 0 { result.append(UInt32(carry)) }
    return result
  }

  /// `a - b`. Precondition: `a >= b`. The result may have most-significant zero limbs.
  private static func subtractMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
    var result = a
    subtract(&result, b)
    return result
  }

  /// `a -= b`, in place. Precondition: `a >= b`. The result may have most-significant zeros.
  private static func subtract(_ a: inout [UInt32], _ b: [UInt32]) {
    var borrow: Int64 = 0
    for i in 0..<a.count {
      let difference = Int64(a[i]) - (i < b.count ? Int64(b[i]) : 0) - borrow
      a[i] = UInt32(truncatingIfNeeded: difference)
      borrow = difference < 0 ? 1 : 0
    }
    precondition(borrow == 0, "subtractMagnitudes: a < b")
  }

  /// The low 64 bits of a magnitude (all of it when it has at most two limbs).
  private static func word(_ a: [UInt32]) -> UInt64 {
    a.isEmpty ? 0 : a.count == 1 ? UInt64(a[0]) : UInt64(a[1]) << 32 | UInt64(a[0])
  }

  /// The number of trailing zero bits of a nonzero normalized magnitude.
  private static func trailingZeros(_ a: [UInt32]) -> Int {
    let i = a.firstIndex { $0 != 0 }!
    return 32 * i + a[i].trailingZeroBitCount
  }

  /// `a` shifted right by `k` bits, in place, normalized.
  private static func shiftRight(_ a: inout [UInt32], _ k: Int) {
    a.removeFirst(Swift.min(k / 32, a.count))
    let s = k % 32
    if s > 0 {
      for i in a.indices { a[i] = a[i] >> s | (i + 1 < a.count ? a[i + 1] << (32 - s) : 0) }
    }
    trim(&a)
  }

  /// `a * b` by schoolbook multiplication. The result may have most-significant zero limbs.
  private static func multiplyMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
    if a.isEmpty || b.isEmpty { return [] }
    var result = [UInt32](repeating: 0, count: a.count + b.count)
    for i in 0..<a.count {
      let x = UInt64(a[i])
      if x == 0 { continue }
      var carry: UInt64 = 0
      for j in 0..<b.count {
        // x * b[j] + result[i + j] + carry <= (2^32 - 1)^2 + 2 * (2^32 - 1) = 2^64 - 1.
        let t = x * UInt64(b[j]) + UInt64(result[i + j]) + carry
        result[i + j] = UInt32(truncatingIfNeeded: t)
        carry = t >> 32
      }
      result[i + b.count] = UInt32(carry)
    }
    return result
  }

  /// `(a / d, a % d)` for a single nonzero limb `d`; the quotient is normalized.
  private static func divideBySmall(_ a: [UInt32], _ d: UInt32) -> ([UInt32], UInt32) {
    var quotient = [UInt32](repeating: 0, count: a.count)
    var remainder: UInt64 = 0
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      let current = remainder << 32 | UInt64(a[i])
      quotient[i] = UInt32(current / UInt64(d))
      remainder = current % UInt64(d)
    }
    trim(&quotient)
    return (quotient, UInt32(remainder))
  }

  /// `a` shifted left by `shift` bits (0..<32), with exactly `a.count + extra` limbs.
  private static func shiftLeft(_ a: [UInt32], _ shift: Int, extra: Int) -> [UInt32] {
    var result = [UInt32](repeating: 0, count: a.count + extra)
    var carry: UInt32 = 0
    for i in 0..<a.count {
      result[i] = a[i] << shift | carry
      carry = shift == 0 ? 0 : a[i] >> (32 - shift)
    }
    if extra > 0 { result[a.count] = carry }
    return result
  }

  /// Normalized `(a / b, a % b)` of normalized magnitudes by Knuth's Algorithm D
  /// (TAOCP vol. 2, 4.3.1). Precondition: `b` is nonzero.
  private static func divideMagnitudes(_ a: [UInt32], _ b: [UInt32])
    -> (quotient: [UInt32], remainder: [UInt32])
  {
    precondition(!b.isEmpty, "division by zero")
    if compareMagnitudes(a, b) < 0 { return ([], a) }
    if b.count == 1 {
      let (q, r) = divideBySmall(a, b[0])
      return (q, r == 0 ? [] : [r])
    }
    let n = b.count
    let m = a.count - n
    // D1: normalize so the divisor's top limb has its high bit set.
    let shift = b[n - 1].leadingZeroBitCount
    let v = shiftLeft(b, shift, extra: 0)
    var u = shiftLeft(a, shift, extra: 1)
    var quotient = [UInt32](repeating: 0, count: m + 1)
    let base: UInt64 = 1 << 32
    let vTop = UInt64(v[n - 1])
    let vNext = UInt64(v[n - 2])
    for j in stride(from: m, through: 0, by: -1) {
      // D3: estimate qhat from the top two limbs; u[j + n] <= vTop, so qhat <= base + 1.
      let numerator = UInt64(u[j + n]) << 32 | UInt64(u[j + n - 1])
      var qhat = numerator / vTop
      var rhat = numerator % vTop
      while qhat >= base || qhat * vNext > (rhat << 32 | UInt64(u[j + n - 2])) {
        qhat -= 1
        rhat += vTop
        if rhat >= base { break }
      }
      // D4: u[j...j+n] -= qhat * v.
      var borrow: Int64 = 0
      var carry: UInt64 = 0
      for i in 0..<n {
        let product = qhat * UInt64(v[i]) + carry
        carry = product >> 32
        let t = Int64(u[i + j]) - borrow - Int64(product & 0xFFFF_FFFF)
        u[i + j] = UInt32(truncatingIfNeeded: t)
        borrow = t < 0 ? 1 : 0
      }
      let top = Int64(u[j + n]) - borrow - Int64(carry)
      u[j + n] = UInt32(truncatingIfNeeded: top)
      // D5/D6: if the subtraction went negative, qhat was one too large: add v back.
      if top < 0 {
        qhat -= 1
        var c: UInt64 = 0
        for i in 0..<n {
          let sum = UInt64(u[i + j]) + UInt64(v[i]) + c
          u[i + j] = UInt32(truncatingIfNeeded: sum)
          c = sum >> 32
        }
        u[j + n] = UInt32(truncatingIfNeeded: UInt64(u[j + n]) + c)
      }
      quotient[j] = UInt32(qhat)
    }
    // D8: the remainder is u[0..<n] shifted back right.
    var remainder = [UInt32](repeating: 0, count: n)
    for i in 0..<n {
      let high: UInt32 = (shift == 0 || i + 1 >= n) ? 0 : u[i + 1] << (32 - shift)
      remainder[i] = u[i] >> shift | high
    }
    trim(&quotient)
    trim(&remainder)
    return (quotient, remainder)
  }
}
