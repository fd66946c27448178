import BEBNumeric
import Testing

@testable import BEBKernel

/// The machine-word fast paths of `Rational` (+, ·, <, and the reducing initialiser) against
/// the general `BigInt` path: each value is also computed through operands scaled by 2^80, so
/// that every intermediate is too large for a word and the general path does the work. The
/// results are canonical, so `==` compares them exactly.
@Suite struct RationalWordPathTests {
  static let scale = Rational(BigInt(2).power(80))

  /// Words near the edges: small values, values near ±2^31, ±2^62 and Int.max / Int.min.
  static func word(_ rng: inout NumericTestRNG) -> Int {
    let edges: [Int] = [
      0, 1, -1, 2, 3, 7, 1 << 31, -(1 << 31), 1 << 62, -(1 << 62), .max, .min, .max - 1, .min + 1,
    ]
    switch rng.below(4) {
    case 0: return edges[rng.below(edges.count)]
    case 1: return rng.below(41) - 20
    case 2: return Int(truncatingIfNeeded: rng.next())
    default: return Int(truncatingIfNeeded: rng.next()) >> rng.below(63)
    }
  }

  static func rational(_ rng: inout NumericTestRNG) -> Rational {
    var d = word(&rng)
    if d == 0 { d = 1 }
    return Rational(BigInt(word(&rng)), BigInt(d))
  }

  @Test func fastPathsAgreeWithTheGeneralPath() {
    var rng = NumericTestRNG(seed: 2026)
    let s = Self.scale
    for _ in 0..<20_000 {
      let (x, y) = (Self.rational(&rng), Self.rational(&rng))
      #expect(x + y == (x * s + y * s) / s, "\(x) + \(y)")
      #expect(x - y == (x * s - y * s) / s, "\(x) - \(y)")
      #expect(x * y == ((x * s) * (y * s)) / (s * s), "\(x) · \(y)")
      #expect((x < y) == (x * s < y * s), "\(x) < \(y)")
      #expect(x.denominator.signum > 0 && BigInt.gcd(x.numerator, x.denominator) == .one)
      if !y.isZero { #expect(x / y == (x * s) / (y * s), "\(x) / \(y)") }
    }
  }

  @Test func reducingInitialiserAtTheEdges() {
    #expect(Rational(BigInt(Int.min), BigInt(2)) == Rational(BigInt(Int.min / 2)))
    #expect(Rational(BigInt(6), BigInt(Int.min)).description == "-3/4611686018427387904")
    #expect(Rational(BigInt(Int.max), BigInt(-Int.max)) == Rational(-1))
    #expect(Rational(BigInt(-4), BigInt(-6)).description == "2/3")
    #expect(Rational(BigInt(0), BigInt(-5)) == .zero)
    #expect(Rational(BigInt(Int.max), BigInt(Int.max - 1)) > .one)
    #expect(Rational(BigInt(Int.min + 1), BigInt(Int.max)) == Rational(-1))
  }

  @Test func gcdOfWordsMatchesEuclid() {
    var rng = NumericTestRNG(seed: 7)
    for _ in 0..<5_000 {
      let (a, b) = (rng.next(), rng.next() >> UInt64(rng.below(64)))
      var (x, y) = (a, b)
      while y != 0 { (x, y) = (y, x % y) }
      let g = BigInt.gcd(BigInt(decimal: String(a))!, BigInt(decimal: String(b))!)
      #expect(g.description == String(x), "gcd(\(a), \(b))")
    }
  }
}
