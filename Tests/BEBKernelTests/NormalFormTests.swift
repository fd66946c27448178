import BEBSymbolic
import Testing

@testable import BEBKernel

/// The seeded SplitMix64 generator of BigIntTests.swift, with the draws these tests use.
typealias NormalFormRNG = NumericTestRNG

extension NumericTestRNG {
  /// A uniform-enough integer in `range` (modulo bias is irrelevant here).
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.count))
  }

  /// True with probability `percent` / 100.
  mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

  mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}

// MARK: Term vocabulary

private let x = Variable("x", .real)
private let y = Variable("y", .real)
private let z = Variable("z", .real)
private let variables = [x, y, z]

private func v(_ variable: Variable) -> Term { .variable(variable) }
private func n(_ a: Int, _ b: Int = 1) -> Term { .number(Rational(BigInt(a), BigInt(b))) }
private func add(_ a: Term, _ b: Term) -> Term { .apply(.add, [a, b]) }
private func sub(_ a: Term, _ b: Term) -> Term { .apply(.sub, [a, b]) }
private func mul(_ a: Term, _ b: Term) -> Term { .apply(.mul, [a, b]) }
private func div(_ a: Term, _ b: Term) -> Term { .apply(.div, [a, b]) }
private func neg(_ a: Term) -> Term { .apply(.neg, [a]) }
private func pow(_ a: Term, _ k: Int) -> Term { .apply(.pow, [a, n(k)]) }
private func log(_ a: Term) -> Term { .apply(.log, [a]) }

private func normal(_ t: Term) -> RationalFunction { NormalForm.normalize(t) }

/// The value of a normal form at `point`, each atom evaluated through its canonical term.
private func value(_ f: RationalFunction, at point: [Variable: Rational]) -> Rational? {
  Evaluate.value(of: f) { Evaluate.value(of: $0.term, at: point) }
}

/// True iff every atom of `f` is one of the variables x, y, z.
private func onlyVariableAtoms(_ f: RationalFunction) -> Bool {
  let allowed = Set(variables.map(Atom.variable))
  return (f.numerator.summands + f.denominator.summands).allSatisfy { s in
    s.monomial.factors.allSatisfy { allowed.contains($0.atom) }
  }
}

/// The `RationalFunction` invariant, checked from the outside.
private func isNormalised(_ f: RationalFunction) -> Bool {
  guard let lead = f.denominator.leading, lead.coefficient == .one else { return false }
  if f.isZero { return f.denominator == .one }
  let common = Monomial.gcd(f.numerator.monomialContent, f.denominator.monomialContent)
  return common.isOne
    && (f.denominator == .one || f.numerator.divided(by: f.denominator, stepLimit: 1 << 12) == nil)
}

// MARK: Random expressions, points and rewrites

extension NormalFormRNG {
  /// A small rational: numerator in -3...3 (so 0 is common), denominator in 1...3.
  mutating func smallRational() -> Rational { Rational(BigInt(int(-3...3)), BigInt(int(1...3))) }

  /// A random field expression over x, y, z of depth at most `depth`; powers take exponents
  /// in -3...3 and bases of depth at most 2 (so expansions stay small).
  mutating func expression(depth: Int) -> Term {
    if depth == 0 || chance(15) {
      return chance(65) ? .variable(pick(variables)) : .number(smallRational())
    }
    let d = depth - 1
    switch int(0...9) {
    case 0, 1: return add(expression(depth: d), expression(depth: d))
    case 2: return sub(expression(depth: d), expression(depth: d))
    case 3, 4: return mul(expression(depth: d), expression(depth: d))
    case 5, 6: return div(expression(depth: d), expression(depth: d))
    case 7: return neg(expression(depth: d))
    default: return pow(expression(depth: Swift.min(d, 2)), int(-3...3))
    }
  }

  /// A point whose coordinates come from a few special values (0, ±1, 2, -1/2, 1/3), so
  /// coordinates often coincide and denominators often vanish.
  mutating func specialPoint() -> [Variable: Rational] {
    let values: [Rational] = [0, 1, -1, 2, Rational(-1, 2), Rational(1, 3)]
    return Dictionary(uniqueKeysWithValues: variables.map { ($0, pick(values)) })
  }

  /// A point with large random coordinates (numerators up to 10^6, denominators up to 10^3).
  mutating func largePoint() -> [Variable: Rational] {
    Dictionary(
      uniqueKeysWithValues: variables.map {
        ($0, Rational(BigInt(int(-1_000_000...1_000_000)), BigInt(int(1...1_000))))
      })
  }

  /// A nonzero polynomial term, for rewrites that multiply and divide by it.
  mutating func nonzeroFactor() -> Term {
    pick([v(x), v(y), v(z), add(v(x), n(1)), n(2), n(-1, 3), sub(v(y), v(z))])
  }

  /// `t` with one value-preserving rewrite (as formal rational functions) at a random place.
  mutating func rewrite(_ t: Term) -> Term {
    if case .apply(let op, var args) = t, !args.isEmpty, chance(60) {
      let i = int(0...(args.count - 1))
      // Never rewrite an exponent: `pow` needs a literal integer there.
      if !(op == .pow && i == 1) {
        args[i] = rewrite(args[i])
        return .apply(op, args)
      }
    }
    return rewriteHere(t)
  }

  /// One rewrite at the root of `t`: a specific law when one applies, else a generic one.
  private mutating func rewriteHere(_ t: Term) -> Term {
    if chance(70), case .apply(let op, let a) = t {
      switch (op, a.count) {
      case (.add, 2), (.mul, 2):
        if case .apply(op, let inner) = a[0], chance(50) {  // associate
          return .apply(op, [inner[0], .apply(op, [inner[1], a[1]])])
        }
        if op == .mul, case .apply(.add, let s) = a[1], chance(50) {  // distribute
          return add(mul(a[0], s[0]), mul(a[0], s[1]))
        }
        return .apply(op, [a[1], a[0]])  // commute
      case (.sub, 2): return add(a[0], neg(a[1]))
      case (.div, 2): return mul(a[0], pow(a[1], -1))
      case (.neg, 1): return mul(n(-1), a[0])
      case (.pow, 2):
        if case .number(let e) = a[1], let k = e.numerator.asInt {
          if case .apply(.mul, let f) = a[0] { return mul(pow(f[0], k), pow(f[1], k)) }
          return mul(pow(a[0], k - 1), a[0])
        }
      default: break
      }
    }
    let w = nonzeroFactor()
    switch int(0...4) {
    case 0: return mul(t, n(1))
    case 1: return add(n(0), t)
    case 2: return neg(neg(t))
    case 3: return mul(div(t, w), w)
    default: return add(t, sub(w, w))
    }
  }

  /// A term that is usually different from `t`: a shifted or rescaled copy, or a fresh one.
  mutating func mutate(_ t: Term) -> Term {
    switch int(0...3) {
    case 0: return add(t, .number(smallRational()))
    case 1: return mul(t, .variable(pick(variables)))
    case 2: return rewrite(add(t, pow(.variable(pick(variables)), int(1...2))))
    default: return expression(depth: 4)
    }
  }
}

// MARK: Tests

@Suite struct NormalFormTests {
  /// Normalisation preserves value: wherever a random term is defined, its normal form is
  /// defined too and has the same value. Normal forms satisfy the invariant and are fixed
  /// points of normalising their own terms.
  @Test func normalisationPreservesValue() {
    var rng = NormalFormRNG(seed: 1)
    var defined = 0
    var undefined = 0
    for _ in 0..<400 {
      let t = rng.expression(depth: 5)
      let f = normal(t)
      #expect(isNormalised(f), "\(t) ↦ \(f)")
      #expect(normal(f.term) == f, "not idempotent: \(t) ↦ \(f)")
      #expect(NormalForm.canonicalTerm(f.term) == f.term)
      for k in 0..<12 {
        let point = k < 8 ? rng.specialPoint() : rng.largePoint()
        guard let expected = Evaluate.value(of: t, at: point) else {
          undefined += 1
          continue
        }
        defined += 1
        #expect(value(f, at: point) == expected, "\(t) ↦ \(f) at \(point)")
      }
    }
    // Both kinds of points occur often: the property is not vacuous.
    #expect(defined > 1000 && undefined > 300, "defined \(defined), undefined \(undefined)")
  }

  /// `isEquivalent` in both directions on pairs of terms: equivalent terms agree wherever both
  /// are defined; inequivalent terms without opaque atoms differ at some large random point
  /// (Schwartz–Zippel). Rewritten copies without opaque atoms are always found equivalent.
  @Test func equivalenceDecidesEquality() {
    var rng = NormalFormRNG(seed: 2)
    let pairs = 300
    var equivalent = 0
    var different = 0
    var opaque = 0
    for _ in 0..<pairs {
      let a = rng.expression(depth: 4)
      let rewritten = rng.chance(55)
      var b = a
      if rewritten {
        for _ in 0..<rng.int(1...4) { b = rng.rewrite(b) }
      } else {
        b = rng.mutate(a)
      }
      let (fa, fb) = (normal(a), normal(b))
      let plain = onlyVariableAtoms(fa) && onlyVariableAtoms(fb)
      if isEquivalent(a, b) {
        equivalent += 1
        #expect(fa.isEquivalent(to: fb) && fb.isEquivalent(to: fa))
        for k in 0..<12 {
          let point = k < 8 ? rng.specialPoint() : rng.largePoint()
          if let va = Evaluate.value(of: a, at: point), let vb = Evaluate.value(of: b, at: point) {
            #expect(va == vb, "\(a) ≡ \(b) but differ at \(point)")
          }
        }
      } else if plain {
        different += 1
        #expect(!rewritten, "rewrite judged inequivalent: \(a) vs \(b)")
        var separated = false
        for _ in 0..<20 where !separated {
          let point = rng.largePoint()
          if let va = Evaluate.value(of: a, at: point), let vb = Evaluate.value(of: b, at: point) {
            separated = va != vb
          }
        }
        #expect(separated, "\(a) ≢ \(b) but no point separates them")
      } else {
        opaque += 1
      }
    }
    #expect(equivalent * 5 >= pairs, "only \(equivalent) equivalent pairs")
    #expect(different * 5 >= pairs, "only \(different) inequivalent pairs")
    #expect(opaque * 10 <= pairs, "\(opaque) pairs with opaque atoms")
  }

  @Test func knownIdentities() {
    let (X, Y) = (v(x), v(y))
    #expect(isEquivalent(pow(add(X, Y), 2), add(add(pow(X, 2), mul(mul(n(2), X), Y)), pow(Y, 2))))
    #expect(isEquivalent(div(sub(pow(X, 2), n(1)), sub(X, n(1))), add(X, n(1))))
    #expect(normal(div(sub(pow(X, 2), n(1)), sub(X, n(1)))) == normal(add(n(1), X)))
    #expect(isEquivalent(div(X, X), n(1)))
    #expect(normal(div(X, X)) == .one)
    #expect(isEquivalent(div(n(1), div(n(1), X)), X))
    #expect(isEquivalent(pow(X, -2), div(n(1), mul(X, X))))
    #expect(isEquivalent(pow(n(0), 0), n(1)))
    // (x^2 - y^2) / (x - y)^2 and (x + y) / (x - y): equal, with different normal forms.
    let lhs = div(sub(pow(X, 2), pow(Y, 2)), pow(sub(X, Y), 2))
    let rhs = div(add(X, Y), sub(X, Y))
    #expect(isEquivalent(lhs, rhs))
    #expect(normal(lhs) != normal(rhs))
  }

  @Test func atomsUseNormalisedArguments() {
    let (X, Y) = (v(x), v(y))
    #expect(normal(log(add(X, Y))) == normal(log(add(Y, X))))
    #expect(isEquivalent(sub(log(X), log(X)), n(0)))
    #expect(isEquivalent(mul(n(2), log(mul(X, Y))), add(log(mul(Y, X)), log(mul(X, Y)))))
    let law = Variable("D", .dist)
    let s = Variable("s", .text)
    let p = Term.apply(.probOf, [.variable(law), .variable(s)])
    #expect(isEquivalent(div(p, p), n(1)))
    #expect(
      !isEquivalent(p, Term.apply(.probOf, [.variable(law), .variable(Variable("t", .text))])))
    // Binders: bodies and bounds are normalised; bound variables keep their names.
    let i = Variable("i", .nat)
    let m = Variable("m", .nat)
    let sum1 = Term.bind(.sum, i, range: [n(1), v(m)], body: add(v(i), n(1)))
    let sum2 = Term.bind(.sum, i, range: [sub(n(2), n(1)), v(m)], body: add(n(1), v(i)))
    #expect(isEquivalent(sum1, sum2))
    let j = Variable("j", .nat)
    #expect(!isEquivalent(sum1, Term.bind(.sum, j, range: [n(1), v(m)], body: add(v(j), n(1)))))
    // Rational-valued functions of constants are evaluated.
    #expect(isEquivalent(.apply(.abs, [sub(n(1), n(3))]), n(2)))
    #expect(isEquivalent(.apply(.max, [n(1, 2), n(1, 3)]), n(1, 2)))
    #expect(isEquivalent(.apply(.floor, [n(-7, 2)]), n(-4)))
    #expect(!isEquivalent(.apply(.abs, [X]), X))
  }

  @Test func nonIdentities() {
    let (X, Y) = (v(x), v(y))
    #expect(!isEquivalent(add(X, n(1)), X))
    #expect(!isEquivalent(log(X), log(Y)))
    #expect(!isEquivalent(div(X, Y), div(Y, X)))
    #expect(!isEquivalent(n(0), add(sub(X, X), n(1))))
    // Same name, different sort: different variables, different atoms.
    #expect(!isEquivalent(X, .variable(Variable("x", .nat))))
    // Names that look like keys are escaped, so they do not collide with compound atoms.
    #expect(!isEquivalent(.variable(Variable("log(x:Real)", .real)), log(X)))
    #expect(!isEquivalent(.variable(Variable("a,b", .real)), .variable(Variable("a\\,b", .real))))
  }

  @Test func divisionByZeroPolynomialIsAnAtom() {
    let (X, Y) = (v(x), v(y))
    let t = div(X, sub(Y, Y))
    let f = normal(t)
    #expect(!isEquivalent(t, X))
    #expect(f == normal(div(X, n(0))))
    #expect(f.numerator.summands.count == 1 && f.denominator == .one)
    #expect(value(f, at: [x: 1, y: 2]) == nil)
    #expect(!isEquivalent(pow(sub(X, X), -1), n(0)))
    #expect(isEquivalent(sub(div(n(1), n(0)), div(n(1), n(0))), n(0)))
    #expect(Evaluate.value(of: t, at: [x: 1, y: 2]) == nil)
  }

  @Test func polynomialsAreCanonical() {
    let (X, Y) = (Polynomial(Atom.variable(x)), Polynomial(Atom.variable(y)))
    let a = (X + Y) * (X - Y)
    let b = X * X - Y * Y
    #expect(a == b && a.hashValue == b.hashValue)
    #expect(normal(mul(add(v(x), v(y)), sub(v(x), v(y)))).numerator == b)
    #expect((X + Y).power(3) == X.power(3) + Y.power(3) + (X * Y * (X + Y)).multiplied(by: 3))
    let mx = Monomial(Atom.variable(x))
    let my = Monomial(Atom.variable(y))
    #expect(Polynomial([(mx, 1), (my, 2), (mx, -1), (.one, 0)]) == Y.multiplied(by: 2))
    #expect((X - X).isZero && (X - X) == .zero && Polynomial(constant: 0) == .zero)
    #expect((X + .one - X).constant == 1 && X.constant == nil)
  }

  /// The graded lexicographic order is a monomial order, and exact division is exact.
  @Test func monomialOrderAndDivision() {
    var rng = NormalFormRNG(seed: 3)
    let atoms = variables.map(Atom.variable)
    func monomial() -> Monomial {
      atoms.reduce(Monomial.one) { m, a in
        let e = rng.int(0...3)
        return e == 0 ? m : m * Monomial(a, exponent: e)
      }
    }
    func polynomial() -> Polynomial {
      Polynomial((0..<rng.int(1...4)).map { _ in (monomial(), rng.smallRational()) })
    }
    for _ in 0..<200 {
      let (a, b, c) = (monomial(), monomial(), monomial())
      #expect([a < b, b < a, a == b].filter { $0 }.count == 1)
      if a < b { #expect(a * c < b * c) }
      #expect(!(a * c < a))
      #expect((a * c).divided(by: c) == a)
      let p = polynomial()
      let d = polynomial()
      if d.isZero { continue }
      #expect((p * d).divided(by: d) == p)
      let r = p * d + Polynomial(monomial(), coefficient: 1)
      if let q = r.divided(by: d) { #expect(q * d == r) }
    }
    let (X, Y) = (Polynomial(atoms[0]), Polynomial(atoms[1]))
    #expect((X * X + Y).divided(by: X + Y) == nil)
    #expect(X.divided(by: .zero) == nil)
    #expect(Polynomial.zero.divided(by: X) == .zero)
  }

  @Test func exactEvaluation() {
    let point: [Variable: Rational] = [x: Rational(-7, 2), y: 0]
    func value(_ t: Term) -> Rational? { Evaluate.value(of: t, at: point) }
    #expect(value(.apply(.abs, [v(x)])) == Rational(7, 2))
    #expect(value(.apply(.ceil, [v(x)])) == -3)
    #expect(value(.apply(.floor, [v(x)])) == -4)
    #expect(value(.apply(.min, [v(x), v(y)])) == Rational(-7, 2))
    #expect(value(.apply(.max, [v(x), v(y)])) == 0)
    #expect(value(pow(v(x), -2)) == Rational(4, 49))
    #expect(value(pow(v(y), 0)) == 1)
    #expect(value(pow(v(y), -1)) == nil)
    #expect(value(div(v(x), v(y))) == nil)
    #expect(value(v(z)) == nil)
    #expect(value(log(n(1))) == nil)
    #expect(value(.apply(.pow, [n(4), n(1, 2)])) == nil)
    #expect(value(.apply(.pow, [n(10), n(1_000_000_000)])) == nil)
    #expect(value(.apply(.pow, [n(-1), n(1_000_000_001)])) == -1)
    let f = normal(div(add(v(x), n(1)), v(y)))
    #expect(Evaluate.value(of: f, atoms: [.variable(x): 1, .variable(y): 4]) == Rational(1, 2))
    #expect(Evaluate.value(of: f, atoms: [.variable(x): 1, .variable(y): 0]) == nil)
    #expect(Evaluate.value(of: f, atoms: [.variable(x): 1]) == nil)
  }

  /// Work budgets keep huge expansions as atoms instead of hanging.
  @Test func budgetsKeepHugePowersOpaque() {
    let big = pow(add(add(v(x), v(y)), v(z)), 1000)
    let f = normal(big)
    #expect(f.numerator.summands.count == 1)
    #expect(isEquivalent(big, big))
    #expect(normal(pow(v(x), 1000)).numerator.summands[0].monomial.degree == 1000)
    #expect(isEquivalent(mul(pow(v(x), 1 << 19), pow(v(x), 1 << 19)), pow(v(x), 1 << 20)))
    #expect(!isEquivalent(pow(v(x), 1 << 21), n(0)))
  }
}
