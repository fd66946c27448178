import BEBKernel

// Exact evaluation of the rational-valued fragment of terms and of normal forms. stdlib only.

/// Exact evaluation over ℚ. Every function returns nil where the value is undefined or not
/// rational-valued, and never rounds.
public enum Evaluate {
  /// The most bits a power may need (estimated from its base and exponent) before evaluation
  /// gives up and returns nil, so a term such as `10^(10^9)` cannot exhaust memory.
  static let maxPowerBits = 1 << 20

  /// The exact value of `term` with the variables bound by `point`, or nil.
  ///
  /// Defined for numbers, variables bound in `point`, `add`, `sub`, `neg`, `mul`, `div`,
  /// `pow(b, e)` where `e` evaluates to an integer, `abs`, `min`, `max`, `ceil` and `floor`.
  /// Nil when any subterm is: a division by zero, zero to a negative power, a power whose
  /// result would exceed `maxPowerBits` bits, an unbound variable, a non-integer exponent
  /// (even `4^(1/2)`), or any other operator (`log`, `exp`, `sqrt`, the probability
  /// vocabulary, binders, probabilities of events). `b^0` is 1 for every `b`, zero included.
  public static func value(of term: Term, at point: [Variable: Rational]) -> Rational? {
    switch term {
    case .number(let q):
      return q
    case .variable(let v):
      return point[v]
    case .apply(let op, let args):
      var values: [Rational] = []
      for arg in args {
        guard let x = value(of: arg, at: point) else { return nil }
        values.append(x)
      }
      return apply(op, values)
    case .bind, .probability:
      return nil
    }
  }

  /// The rational-valued operators on exact arguments; nil outside that fragment, for a wrong
  /// number of arguments, and where undefined.
  private static func apply(_ op: Operator, _ x: [Rational]) -> Rational? {
    switch (op, x.count) {
    case (.neg, 1): return -x[0]
    case (.abs, 1): return x[0].magnitude
    case (.ceil, 1): return Rational(x[0].ceiling)
    case (.floor, 1): return Rational(x[0].floor)
    case (.add, 2): return x[0] + x[1]
    case (.sub, 2): return x[0] - x[1]
    case (.mul, 2): return x[0] * x[1]
    case (.div, 2): return x[0].dividedBy(x[1])
    case (.min, 2): return Swift.min(x[0], x[1])
    case (.max, 2): return Swift.max(x[0], x[1])
    case (.pow, 2):
      guard x[1].isInteger, let n = x[1].numerator.asInt else { return nil }
      return power(x[0], n)
    default: return nil
    }
  }

  /// `base ^ n` for any integer `n`; nil for zero to a negative power, or when the result
  /// would need more than `maxPowerBits` bits (bases 0, 1 and -1 never do).
  static func power(_ base: Rational, _ n: Int) -> Rational? {
    let bits = Swift.max(base.numerator.bitWidth, base.denominator.bitWidth)
    if bits > 1 {
      let (total, overflow) = bits.multipliedReportingOverflow(by: Int(n.magnitude))
      if overflow || total > maxPowerBits { return nil }
    }
    return base.power(n)
  }

  /// The value of the polynomial `p` when each atom `a` has the value `atomValue(a)`; nil when
  /// an atom has none, or a power is too large (see `maxPowerBits`).
  public static func value(of p: Polynomial, atomValue: (Atom) -> Rational?) -> Rational? {
    var sum = Rational.zero
    for s in p.summands {
      var product = s.coefficient
      for f in s.monomial.factors {
        guard let x = atomValue(f.atom), let y = power(x, f.exponent) else { return nil }
        product *= y
      }
      sum += product
    }
    return sum
  }

  /// The value of the normal form `f` when each atom `a` has the value `atomValue(a)`; nil
  /// when the denominator evaluates to zero, an atom has no value, or a power is too large.
  /// To evaluate a normal form at a point, pass the value of each atom's `term`, e.g.
  /// `{ Evaluate.value(of: $0.term, at: point) }`.
  public static func value(
    of f: RationalFunction, atomValue: (Atom) -> Rational?
  ) -> Rational? {
    guard let n = value(of: f.numerator, atomValue: atomValue),
      let d = value(of: f.denominator, atomValue: atomValue)
    else { return nil }
    return n.dividedBy(d)
  }

  /// The value of the normal form `f` with the atom values `atoms` (build keys with
  /// `Atom.variable`); nil when the denominator evaluates to zero or an atom is missing.
  public static func value(of f: RationalFunction, atoms: [Atom: Rational]) -> Rational? {
    value(of: f) { atoms[$0] }
  }
}
