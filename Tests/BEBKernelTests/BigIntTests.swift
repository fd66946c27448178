import BEBNumeric
import Testing

@testable import BEBKernel

/// Deterministic SplitMix64 generator for reproducible property tests (no system randomness).
struct NumericTestRNG {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A value in `0..<bound` (slightly biased; fine for tests). Precondition: bound > 0.
  mutating func below(_ bound: Int) -> Int {
    Int(next() % UInt64(bound))
  }

  mutating func coin() -> Bool { next() & 1 == 1 }

  /// A random digit string of 1...maxDigits digits, possibly with leading zeros and a sign.
  mutating func digitString(maxDigits: Int, leadingZeros: Bool = false) -> String {
    let length = 1 + below(maxDigits)
    var text = coin() ? "-" : ""
    if leadingZeros && coin() { text += String(repeating: "0", count: 1 + below(3)) }
    for _ in 0..<length { text += String(below(10)) }
    return text
  }

  /// A random BigInt of up to `maxDigits` decimal digits; zero and tiny values are frequent.
  mutating func bigInt(maxDigits: Int) -> BigInt {
    switch below(10) {
    case 0: return .zero
    case 1: return BigInt(below(5) - 2)
    case 2: return limbStructured(maxLimbs: maxDigits / 10 + 1)
    default: return BigInt(decimal: digitString(maxDigits: maxDigits))!
    }
  }

  /// A random BigInt assembled from base-2^32 limbs that favour 0, 1, 2^31 and 2^32 - 1,
  /// to hit carries, borrows and the rare correction steps in long division.
  mutating func limbStructured(maxLimbs: Int) -> BigInt {
    let base = BigInt(1 << 32)
    var value = BigInt.zero
    for _ in 0..<(1 + below(maxLimbs)) {
      let limb: UInt64
      switch below(5) {
      case 0: limb = 0
      case 1: limb = 1
      case 2: limb = 0x8000_0000
      case 3: limb = 0xFFFF_FFFF
      default: limb = next() & 0xFFFF_FFFF
      }
      value = value * base + BigInt(Int(limb))
    }
    return coin() ? -value : value
  }

  /// A random Int whose magnitude has at most `bits` bits (1...63), either sign.
  mutating func int(bits: Int) -> Int {
    let magnitude = Int(next() >> UInt64(64 - bits))
    return coin() ? -magnitude : magnitude
  }
}

/// The canonical decimal form of a digit string: no leading zeros, no `-0`.
private func canonical(_ text: String) -> String {
  var digits = Substring(text)
  var negative = false
  if digits.first == "-" {
    negative = true
    digits = digits.dropFirst()
  }
  while digits.count > 1 && digits.first == "0" { digits = digits.dropFirst() }
  if digits == "0" { return "0" }
  return (negative ? "-" : "") + digits
}

private func big(_ text: String) -> BigInt { BigInt(decimal: text)! }

/// Reference gcd: plain Euclid on magnitudes.
private func euclid(_ a: BigInt, _ b: BigInt) -> BigInt {
  var (x, y) = (a.magnitude, b.magnitude)
  while !y.isZero { (x, y) = (y, x % y) }
  return x
}

@Suite struct BigIntTests {
  @Test func parsePrintRoundTrip() {
    var rng = NumericTestRNG(seed: 1)
    for _ in 0..<500 {
      let text = rng.digitString(maxDigits: 300, leadingZeros: true)
      let value = BigInt(decimal: text)
      #expect(value?.description == canonical(text), "\(text)")
      #expect(value.map { BigInt(decimal: $0.description) } == value)
      let digits = canonical(text).utf8.count - (canonical(text).hasPrefix("-") ? 1 : 0)
      #expect(value?.decimalDigitCount == digits)
    }
    let thousand = String(repeating: "9876543210", count: 100)
    #expect(BigInt(decimal: thousand)?.description == thousand)
    #expect(BigInt(decimal: "-" + thousand)?.description == "-" + thousand)
  }

  @Test func parseRejects() {
    let rejects = [
      "", "-", "+1", " 1", "1 ", "1.0", "0x10", "1e5", "--1", "1-", "١", "12a3", "-+1",
    ]
    for text in rejects {
      #expect(BigInt(decimal: text) == nil, "\(text)")
    }
    #expect(BigInt(decimal: "-0") == .zero)
    #expect(BigInt(decimal: "-0")?.isNegative == false)
    #expect(BigInt(decimal: "000") == .zero)
    #expect(BigInt(decimal: "007") == 7)
  }

  @Test func agreesWithInt() {
    var rng = NumericTestRNG(seed: 2)
    for _ in 0..<3000 {
      let a = rng.int(bits: 1 + rng.below(63))
      let b = rng.int(bits: 1 + rng.below(63))
      let x = BigInt(a)
      let y = BigInt(b)
      #expect(x.description == String(a))
      #expect(x.asInt == a)
      #expect(x.signum == a.signum())
      #expect(x.isNegative == (a < 0))
      #expect(x.isZero == (a == 0))
      #expect(x.isOdd == (a % 2 != 0))
      #expect(x.magnitude.asInt == abs(a))
      #expect(x.bitWidth == Int.bitWidth - a.magnitude.leadingZeroBitCount)
      #expect((x < y) == (a < b))
      #expect((x == y) == (a == b))
      #expect((-x).asInt == -a)
      let (sum, o1) = a.addingReportingOverflow(b)
      if !o1 { #expect((x + y).asInt == sum) }
      let (difference, o2) = a.subtractingReportingOverflow(b)
      if !o2 { #expect((x - y).asInt == difference) }
      let (product, o3) = a.multipliedReportingOverflow(by: b)
      if !o3 { #expect((x * y).asInt == product) }
      if b != 0 {
        let (q, r) = x.quotientAndRemainder(dividingBy: y)
        #expect(q.asInt == a / b)
        #expect(r.asInt == a % b)
        #expect((x / y).asInt == a / b)
        #expect((x % y).asInt == a % b)
      }
      // Small operands so products usually fit.
      let c = rng.int(bits: 1 + rng.below(31))
      let d = rng.int(bits: 1 + rng.below(31))
      #expect((BigInt(c) * BigInt(d)).asInt == c * d)
      if d != 0 {
        #expect((BigInt(c) / BigInt(d)).asInt == c / d)
        #expect((BigInt(c) % BigInt(d)).asInt == c % d)
      }
    }
  }

  @Test func intExtremes() {
    #expect(BigInt(Int.max).description == String(Int.max))
    #expect(BigInt(Int.min).description == String(Int.min))
    #expect(BigInt(Int.max).asInt == Int.max)
    #expect(BigInt(Int.min).asInt == Int.min)
    #expect((BigInt(Int.max) + 1).asInt == nil)
    #expect((BigInt(Int.min) - 1).asInt == nil)
    #expect((BigInt(Int.min) + 1).asInt == Int.min + 1)
    #expect((-BigInt(Int.min)).description == "9223372036854775808")
    #expect(BigInt(Int.min).bitWidth == 64)
    #expect(BigInt(2).power(64).asInt == nil)
    #expect(BigInt(-2).power(63).asInt == Int.min)
  }

  @Test func ringLaws() {
    var rng = NumericTestRNG(seed: 3)
    for _ in 0..<200 {
      let a = rng.bigInt(maxDigits: 300)
      let b = rng.bigInt(maxDigits: 300)
      let c = rng.bigInt(maxDigits: 300)
      #expect(a + b == b + a)
      #expect(a * b == b * a)
      #expect((a + b) + c == a + (b + c))
      #expect((a * b) * c == a * (b * c))
      #expect(a * (b + c) == a * b + a * c)
      #expect(a - b == -(b - a))
      #expect(a - a == .zero)
      #expect((a - a).isNegative == false)
      #expect(a + .zero == a && a * .one == a && (a * .zero).isZero)
      #expect((a + b) - b == a)
      #expect((a < b) == ((b - a).signum > 0))
      #expect(a.magnitude.signum == (a.isZero ? 0 : 1))
      var d = a
      d += b
      d *= c
      #expect(d == (a + b) * c)
      let hashes = Set([a, b, c, a + .zero, BigInt(decimal: a.description)!])
      #expect(hashes.count == Set([a.description, b.description, c.description]).count)
    }
  }

  @Test func divisionIdentity() {
    var rng = NumericTestRNG(seed: 4)
    for iteration in 0..<1500 {
      var n = rng.bigInt(maxDigits: 300)
      var d: BigInt
      switch iteration % 4 {
      case 0: d = rng.bigInt(maxDigits: 300)
      case 1: d = rng.bigInt(maxDigits: 20)
      case 2:
        n = rng.limbStructured(maxLimbs: 8)
        d = rng.limbStructured(maxLimbs: 4)
      default: d = rng.bigInt(maxDigits: n.decimalDigitCount + 1)
      }
      if d.isZero { d = .one }
      let (q, r) = n.quotientAndRemainder(dividingBy: d)
      #expect(q * d + r == n, "\(n) / \(d)")
      #expect(r.magnitude < d.magnitude)
      #expect(r.isZero || r.signum == n.signum)
      #expect(q.isZero || q.signum == n.signum * d.signum)
      #expect(n / d == q && n % d == r)
      // An exact product divides back exactly.
      let (q2, r2) = (n * d).quotientAndRemainder(dividingBy: d)
      #expect(q2 == n && r2.isZero)
    }
  }

  @Test func divisionCorrectionStep() {
    // Inputs for which Algorithm D's quotient digit estimate is one too large after the
    // two-limb test, so the add-back step runs (found with a reference model of Algorithm D).
    // Limbs are little-endian base 2^32.
    let base = BigInt(1 << 32)
    func limbs(_ values: [Int]) -> BigInt {
      values.reversed().reduce(BigInt.zero) { $0 * base + BigInt($1) }
    }
    let n = limbs([0x8000_0000, 0, 0x8000_0000, 0xFFFF_FFFF])
    let d = limbs([0x8000_0000, 0x8000_0000, 0xFFFF_FFFF])
    let (q, r) = n.quotientAndRemainder(dividingBy: d)
    #expect(q == 4_294_967_295)
    #expect(r == big("79228162495817593524129366016"))
    let n1 = limbs([0xAD61_1A3E, 0, 0x8000_0000, 0x8000_0000, 0xFFFF_FFFF])
    let d1 = limbs([0xFFFF_FFFF, 0x8000_0000, 0xFFFF_FFFF])
    #expect(n1 / d1 == big("18446744073709551615"))
    #expect(n1 % d1 == big("39614081266355540840830540349"))
    // Estimates that need the qhat/rhat refinement loop.
    let n2 = limbs([0, 0, 0x8000_0000, 0x7FFF_FFFF])
    let d2 = limbs([1, 0, 0x8000_0000])
    #expect(n2 / d2 == 4_294_967_294)
    #expect(n2 % d2 == big("39614081257132168792477007874"))
    let n3 = limbs([3, 0, 0x8000_0000])
    let d3 = limbs([1, 0, 0x2000_0000])
    #expect(n3 / d3 == 3 && n3 % d3 == big("9903520314283042199192993792"))
  }

  @Test func bigBySmallAndSmallByBig() {
    let huge = BigInt(10).power(300) + 7
    #expect(huge / 10 == BigInt(10).power(299))
    #expect(huge % 10 == 7)
    #expect(-huge / 10 == -BigInt(10).power(299))
    #expect(-huge % 10 == -7)
    #expect(huge % -10 == 7)
    #expect(BigInt(7) / huge == 0 && BigInt(7) % huge == 7)
    #expect(BigInt(-7) / huge == 0 && BigInt(-7) % huge == -7)
    #expect(huge / huge == 1 && (huge % huge).isZero)
    #expect(huge / -huge == -1)
    #expect(BigInt.zero / huge == 0)
    #expect(big("1000000000000000000000") / big("999999999999") == big("1000000000"))
  }

  @Test func gcdProperties() {
    var rng = NumericTestRNG(seed: 5)
    #expect(BigInt.gcd(0, 0) == 0)
    #expect(BigInt.gcd(-12, 0) == 12)
    #expect(BigInt.gcd(0, -12) == 12)
    #expect(BigInt.gcd(-12, 18) == 6)
    for _ in 0..<200 {
      let a = rng.bigInt(maxDigits: 150)
      let b = rng.bigInt(maxDigits: 150)
      let k = rng.bigInt(maxDigits: 60)
      let g = BigInt.gcd(a, b)
      #expect(!g.isNegative)
      #expect(g.isZero == (a.isZero && b.isZero))
      if !g.isZero {
        #expect((a % g).isZero && (b % g).isZero)
        #expect(BigInt.gcd(a / g, b / g) == 1)
      }
      #expect(BigInt.gcd(a * k, b * k) == g * k.magnitude)
      #expect(BigInt.gcd(a, b) == BigInt.gcd(b, -a))
      #expect(g == euclid(a, b))
    }
    // Consecutive Fibonacci numbers (all quotients 1) and numbers with huge quotients.
    var (f0, f1) = (BigInt.zero, BigInt.one)
    for _ in 0..<1000 { (f0, f1) = (f1, f0 + f1) }
    #expect(BigInt.gcd(f0, f1) == 1 && BigInt.gcd(f1 * 12, f0 * 18) == 6)
    let p = BigInt(2).power(521) - 1
    #expect(BigInt.gcd(p * BigInt(10).power(100), p * 3 + p) == p * 4)
    #expect(BigInt.gcd(BigInt(2).power(300), BigInt(6).power(100)) == BigInt(2).power(100))
    for _ in 0..<100 {
      let a = rng.limbStructured(maxLimbs: 12)
      let b = rng.limbStructured(maxLimbs: 12)
      #expect(BigInt.gcd(a, b) == euclid(a, b))
    }
    // The binary algorithm's shifts across limb boundaries, common powers of two of 32 bits
    // and more, and the hand-over to machine words (one side at most 64 bits, the other not).
    for k in [0, 1, 31, 32, 33, 63, 64, 65, 96, 130] {
      let two = BigInt(2).power(k)
      for _ in 0..<20 {
        let a = rng.limbStructured(maxLimbs: 4) * two
        let b = rng.bigInt(maxDigits: 25) * two * BigInt(2).power(rng.below(70))
        #expect(BigInt.gcd(a, b) == euclid(a, b), "\(a) \(b)")
        #expect(BigInt.gcd(b, a) == euclid(a, b), "\(b) \(a)")
      }
    }
    #expect(BigInt.gcd(BigInt(2).power(64) - 1, BigInt(2).power(64) + 1) == 1)
    #expect(BigInt.gcd(BigInt(3).power(200) * 10, 45) == 45)
    #expect(BigInt.gcd(7, BigInt(7).power(90) * BigInt(2).power(33) + 7) == 7)
    #expect(BigInt.gcd(BigInt(3).power(40) * 7, BigInt(3).power(45) * 7) == BigInt(3).power(40) * 7)
  }

  @Test func powers() {
    var rng = NumericTestRNG(seed: 6)
    #expect(BigInt(2).power(100).description == "1267650600228229401496703205376")
    #expect(BigInt(10).power(50).description == "1" + String(repeating: "0", count: 50))
    #expect(BigInt(-3).power(5) == -243)
    #expect(BigInt(0).power(0) == 1 && BigInt(0).power(5) == 0)
    #expect(BigInt(-1).power(Int.max) == -1 && BigInt(-1).power(Int.max - 1) == 1)
    #expect(BigInt(1).power(Int.max) == 1)
    #expect(BigInt(2).power(64).description == "18446744073709551616")
    for _ in 0..<100 {
      let base = rng.bigInt(maxDigits: 30)
      let exponent = rng.below(12)
      var expected = BigInt.one
      for _ in 0..<exponent { expected *= base }
      #expect(base.power(exponent) == expected)
    }
  }

  @Test func limbBoundaries() {
    let max32 = BigInt(0xFFFF_FFFF)
    let two32 = BigInt(1 << 32)
    let two64 = BigInt(2).power(64)
    #expect(max32 + 1 == two32)
    #expect(two32 - 1 == max32)
    #expect(two32.description == "4294967296")
    #expect(max32.bitWidth == 32 && two32.bitWidth == 33 && two64.bitWidth == 65)
    #expect(two64 - 1 == big("18446744073709551615"))
    #expect((two64 - 1) + 1 == two64)
    #expect(two32 * two32 == two64)
    #expect(max32 * max32 == big("18446744065119617025"))
    #expect((two64 - 1) * (two64 - 1) == big("340282366920938463426481119284349108225"))
    #expect(two64 / two32 == two32 && two64 / max32 == two32 + 1 && two64 % max32 == 1)
    #expect((two64 - 1) / max32 == two32 + 1)
    #expect(BigInt.zero.bitWidth == 0 && BigInt(1).bitWidth == 1 && BigInt(-8).bitWidth == 4)
    #expect(BigInt.zero.decimalDigitCount == 1 && BigInt(-100).decimalDigitCount == 3)
    #expect(-two64 < -two32 && -two32 < -max32 && -max32 < 0 && 0 < max32 && two32 < two64)
    #expect(BigInt(-1_000_000_000).description == "-1000000000")
    #expect(BigInt(1_000_000_000_000_000_000).description == "1000000000000000000")
  }
}

extension BigInt {
  /// The number of decimal digits of the magnitude; 1 for zero (for the tests' generators).
  var decimalDigitCount: Int { description.utf8.count - (isNegative ? 1 : 0) }
}
