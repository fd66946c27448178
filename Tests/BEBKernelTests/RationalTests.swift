import BEBNumeric
import Testing

@testable import BEBKernel

extension NumericTestRNG {
  /// A random rational with numerator and denominator of up to `maxDigits` digits each.
  mutating func rational(maxDigits: Int) -> Rational {
    var d = bigInt(maxDigits: maxDigits)
    if d.isZero { d = .one }
    return Rational(bigInt(maxDigits: maxDigits), d)
  }
}

/// True iff `x` satisfies the representation invariant: positive denominator, lowest terms.
private func isReduced(_ x: Rational) -> Bool {
  x.denominator.signum > 0 && BigInt.gcd(x.numerator, x.denominator) == .one
}

private func q(_ text: String) -> Rational { Rational(decimal: text)! }

@Suite struct RationalTests {
  @Test func fieldLaws() {
    var rng = NumericTestRNG(seed: 11)
    for _ in 0..<200 {
      let a = rng.rational(maxDigits: 300)
      let b = rng.rational(maxDigits: 300)
      let c = rng.rational(maxDigits: 300)
      let results = [a, b, c, a + b, a - b, a * b, b * c, a * (b + c), a * b + a * c, -a]
      for x in results { #expect(isReduced(x), "\(x)") }
      #expect(a + b == b + a)
      #expect(a * b == b * a)
      #expect((a + b) + c == a + (b + c))
      #expect((a * b) * c == a * (b * c))
      #expect(a * (b + c) == a * b + a * c)
      #expect(a + (-a) == .zero)
      #expect(a - b == a + (-b))
      #expect(a + .zero == a && a * .one == a && (a * .zero) == .zero)
      if !b.isZero {
        let quotient = a / b
        #expect(isReduced(quotient))
        #expect(quotient * b == a)
        #expect(a.dividedBy(b) == quotient)
        #expect(b * b.reciprocal()! == .one)
        #expect(isReduced(b.reciprocal()!))
      }
      var x = a
      x += b
      x *= c
      x -= a
      #expect(x == (a + b) * c - a && isReduced(x))
      if !c.isZero {
        x /= c
        #expect(x == ((a + b) * c - a) / c && isReduced(x))
      }
      #expect(Rational(decimal: a.description) == a)
      #expect(Set([a, a + .zero, Rational(decimal: a.description)!]).count == 1)
    }
  }

  @Test func constructionReduces() {
    #expect(Rational(6, 8).description == "3/4")
    #expect(Rational(6, -8).description == "-3/4")
    #expect(Rational(-6, -8).description == "3/4")
    #expect(Rational(0, -5) == .zero && Rational(0, -5).denominator == 1)
    #expect(Rational(10, 5).description == "2" && Rational(10, 5).isInteger)
    #expect(Rational.make(1, 0) == nil)
    #expect(Rational.make(2, -4) == Rational(-1, 2))
    #expect(Rational(BigInt(7)) == 7 && Rational(-7).description == "-7")
    #expect(Rational.zero.isZero && Rational.one == Rational(5, 5))
    let x: Rational = -3
    #expect(x.isNegative && !x.isPositive && x.signum == -1 && x.magnitude == 3)
    #expect(Rational.zero.signum == 0 && !Rational.zero.isPositive && !Rational.zero.isNegative)
    #expect(Rational(1, 2).isPositive && !Rational(1, 2).isInteger)
  }

  @Test func parseAccepts() {
    let cases: [(String, Rational)] = [
      ("42", 42), ("-7", -7), ("0", 0), ("-0", 0), ("007", 7),
      ("0.25", Rational(1, 4)), ("-3.125", Rational(-25, 8)), ("007.50", Rational(15, 2)),
      ("-0.0", 0), ("1.0", 1), ("3/4", Rational(3, 4)), ("-3/4", Rational(-3, 4)),
      ("6/8", Rational(3, 4)), ("0/5", 0), ("10/2", 5), ("-0/3", 0), ("0010/0004", Rational(5, 2)),
    ]
    for (text, value) in cases {
      #expect(Rational(decimal: text) == value, "\(text)")
      #expect(Rational(decimal: text).map(isReduced) == true)
    }
    let long = String(repeating: "123456789", count: 40)
    #expect(q(long + "/" + long) == 1)
    #expect(q("0." + long) == Rational(big(long), BigInt(10).power(360)))
  }

  @Test func parseRejects() {
    let rejects = [
      "", "-", "1.", ".5", "-.5", "1/0", "1/-2", "1e5", " 1", "1 ", "0x10", "1/2/3", "1.2.3",
      "1/", "/2", "+1", "1.5/2", "1/2.5", "1.-5", "--1", "-1/-2", "1/00", "1,5", "½", "-/2",
    ]
    for text in rejects {
      #expect(Rational(decimal: text) == nil, "\(text)")
    }
  }

  @Test func decimalStringRounding() {
    let cases: [(Rational, Int, String)] = [
      (Rational(1, 3), 4, "0.3333"), (Rational(-2, 3), 4, "-0.6667"), (5, 2, "5.00"),
      (Rational(5, 2), 0, "3"), (Rational(-5, 2), 0, "-3"), (Rational(1, 8), 2, "0.13"),
      (Rational(-1, 8), 2, "-0.13"), (Rational(-1, 1000), 2, "0.00"), (0, 3, "0.000"),
      (Rational(123_456_789, 1000), 1, "123456.8"), (Rational(1, 2), 0, "1"),
      (Rational(2, 3), 0, "1"), (Rational(1, 3), 0, "0"), (Rational(999, 1000), 2, "1.00"),
      (Rational(-999, 1000), 2, "-1.00"), (Rational(-7, 1), 0, "-7"),
      (
        Rational(1, 7), 10,
        "0.1428571429"
      ), (Rational(-1, 200), 2, "-0.01"), (Rational(1, 201), 2, "0.00"),
      (Rational(12_345, 100), 5, "123.45000"),
    ]
    for (value, digits, text) in cases {
      #expect(value.decimalString(fractionDigits: digits) == text, "\(value) \(digits)")
    }
    // Property: the printed value is within half a unit in the last place.
    var rng = NumericTestRNG(seed: 12)
    for _ in 0..<200 {
      let x = rng.rational(maxDigits: 40)
      let digits = rng.below(30)
      let text = x.decimalString(fractionDigits: digits)
      let printed = Rational(decimal: text)!
      let ulp = Rational(1, BigInt(10).power(digits))
      #expect((printed - x).magnitude * 2 <= ulp, "\(x) \(digits) \(text)")
      if let dot = text.firstIndex(of: ".") {
        #expect(text.distance(from: dot, to: text.endIndex) == digits + 1)
      } else {
        #expect(digits == 0)
      }
    }
  }

  @Test func floorAndCeiling() {
    #expect(Rational(7, 2).floor == 3 && Rational(7, 2).ceiling == 4)
    #expect(Rational(-7, 2).floor == -4 && Rational(-7, 2).ceiling == -3)
    #expect(Rational(5).floor == 5 && Rational(5).ceiling == 5)
    #expect(Rational(-5).floor == -5 && Rational(-5).ceiling == -5)
    #expect(Rational.zero.floor == 0 && Rational.zero.ceiling == 0)
    #expect(Rational(-1, 3).floor == -1 && Rational(-1, 3).ceiling == 0)
    var rng = NumericTestRNG(seed: 13)
    for _ in 0..<300 {
      let x = rng.rational(maxDigits: 60)
      let f = Rational(x.floor)
      let c = Rational(x.ceiling)
      #expect(f <= x && x < f + .one)
      #expect(c - .one < x && x <= c)
      #expect((f == c) == x.isInteger)
      #expect((-x).floor == -x.ceiling)
    }
  }

  @Test func powers() {
    #expect(Rational(2, 3).power(-2) == Rational(9, 4))
    #expect(Rational(-2, 3).power(-3) == Rational(-27, 8))
    #expect(Rational(-2, 3).power(3) == Rational(-8, 27))
    #expect(Rational.zero.power(0) == .one)
    #expect(Rational.zero.power(-1) == nil)
    #expect(Rational.zero.power(3) == .zero)
    #expect(Rational(-1).power(Int.min) == .one)
    #expect(Rational(-1).power(Int.max) == -1)
    #expect(Rational(1, 2).power(100) == Rational(.one, BigInt(2).power(100)))
    var rng = NumericTestRNG(seed: 14)
    for _ in 0..<100 {
      let x = rng.rational(maxDigits: 20)
      let a = rng.below(11) - 5
      let b = rng.below(11) - 5
      #expect(x.power(0) == .one)
      guard !x.isZero else {
        #expect(x.power(-1 - rng.below(4)) == nil)
        continue
      }
      let xa = x.power(a)!
      let xb = x.power(b)!
      #expect(isReduced(xa))
      #expect(x.power(a + b) == xa * xb)
      #expect(x.power(-a) == xa.reciprocal())
    }
  }

  @Test func totalOrder() {
    var rng = NumericTestRNG(seed: 15)
    var values: [Rational] = []
    for _ in 0..<200 {
      let a = rng.rational(maxDigits: 100)
      let b = rng.below(4) == 0 ? a : rng.rational(maxDigits: 100)
      let relations = [a < b, a == b, b < a].filter { $0 }.count
      #expect(relations == 1)
      #expect((a < b) == (a - b).isNegative)
      #expect((a == b) == (a - b).isZero)
      #expect((a < b) == (-b < -a))
      values.append(a)
    }
    values.append(contentsOf: [0, 1, -1, Rational(1, 2), Rational(-1, 2)])
    let sorted = values.sorted()
    for i in 1..<sorted.count {
      #expect(sorted[i - 1] <= sorted[i])
      #expect(!(sorted[i - 1] - sorted[i]).isPositive)
    }
  }

  @Test func reciprocalAndDivision() {
    #expect(Rational.zero.reciprocal() == nil)
    #expect(Rational(-3, 4).reciprocal()?.description == "-4/3")
    #expect(Rational(3).reciprocal()?.description == "1/3")
    #expect(Rational(1).dividedBy(.zero) == nil)
    #expect(Rational(1, 2).dividedBy(Rational(-1, 4)) == -2)
    #expect(Rational(1, 2) / Rational(1, 3) == Rational(3, 2))
  }
}

private func big(_ text: String) -> BigInt { BigInt(decimal: text)! }
