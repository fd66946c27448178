// The ring normal form: a numeric term as a polynomial over ℚ whose atoms include the
// inverses of non-constant subterms.
//
// Semantics (the kernel's, and the numeric checker's): division is total with `x / 0 = 0`,
// that is `x / y = x · inv(y)` where `inv(0) = 0`. Under this convention the identities used
// here hold for all values, with no side condition:
//   inv(c · y) = inv(c) · inv(y) for a rational c ≠ 0, inv(y · z) = inv(y) · inv(z),
//   inv(y^k) = inv(y)^k, y^(-k) = inv(y)^k.
// Nothing else about `inv` is known here: `y · inv(y) = 1` needs `y ≠ 0` and is the `field`
// rule's business. So two terms with equal ring forms are equal everywhere.
//
// Bound variables are not renamed here: callers pass terms taken from formulas already in
// canonical form (`Formula.canonical`), so binders have the same names wherever they agree.

enum RingForm {
  /// The ring form of a numeric term.
  static func of(_ term: Term) -> Polynomial {
    switch term {
    case .number(let q): return Polynomial(constant: q)
    case .variable(let v): return Polynomial(Atom.variable(v))
    case .apply(.add, let args): return of(args[0]) + of(args[1])
    case .apply(.sub, let args): return of(args[0]) - of(args[1])
    case .apply(.neg, let args): return -of(args[0])
    case .apply(.mul, let args):
      // Budget: a product of more than 2^16 pairs of summands stays an atom (sound, only less
      // normalised), so no input can make normalisation take minutes.
      let (a, b) = (of(args[0]), of(args[1]))
      return a.summands.count * b.summands.count > 1 << 16 ? atom(term) : a * b
    case .apply(.div, let args): return of(args[0]) * inverse(of(args[1]))
    case .apply(.pow, let args):
      if case .number(let q) = args[1], q.isInteger, let n = q.numerator.asInt, abs(n) <= 64 {
        let base = of(args[0])
        // Budget: expanding (a sum of k summands)^n gives up to C(n + k − 1, k − 1) summands.
        var size = 1
        if base.summands.count > 1 {
          for i in 1...max(1, abs(n)) where size <= 4096 {
            size = size * (base.summands.count - 1 + i) / i
          }
        }
        if size > 4096 { return atom(term) }
        return n >= 0 ? base.power(n) : inverse(base).power(-n)
      }
      return atom(term)
    case .bind(let binder, let x, let range, let body)
    where binder == .sum || binder == .sumOverSentences || binder == .expectation:
      return linear(binder, x, range, of(body))
    default:
      return atom(term)
    }
  }

  /// A finite sum or an expectation of a polynomial body, expanded by linearity: each summand
  /// `c · m_out · m_in` (m_out free of the bound variable) becomes `c · m_out · B_x(m_in)`.
  /// Sound for finite sums and expectations (finite weighted sums) alike.
  static func linear(_ binder: Binder, _ x: Variable, _ range: [Term], _ body: Polynomial)
    -> Polynomial
  {
    var result = Polynomial.zero
    for summand in body.summands {
      var inside = Monomial.one
      var outside = Monomial.one
      for factor in summand.monomial.factors {
        let part = Monomial(factor.atom, exponent: factor.exponent)
        if factor.atom.term.freeVariables.contains(x) {
          inside = inside * part
        } else {
          outside = outside * part
        }
      }
      let bound = Term.bind(binder, x, range: range, body: Polynomial(inside).term)
      result = result + Polynomial(outside, coefficient: summand.coefficient) * atom(bound)
    }
    return result
  }

  /// `inv(p)`, split into its rational content, its monomial content and an atom for the rest.
  static func inverse(_ p: Polynomial) -> Polynomial {
    if let c = p.constant { return Polynomial(constant: c.isZero ? .zero : .one / c) }
    let monomial = p.monomialContent
    guard let rest = p.divided(by: monomial), let lead = rest.leading?.coefficient else {
      return Polynomial(Atom(canonical: .apply(.div, [.number(.one), p.term])))
    }
    var result = Polynomial(constant: .one / lead)
    for factor in monomial.factors {
      // inv(inv(t)) = t (also at 0, as inv(0) = 0).
      if case .apply(.div, let parts) = factor.atom.term, parts[0] == .number(.one) {
        result = result * of(parts[1]).power(factor.exponent)
        continue
      }
      let inverted = Atom(canonical: .apply(.div, [.number(.one), factor.atom.term]))
      result = result * Polynomial(Monomial(inverted, exponent: factor.exponent))
    }
    let primitive = rest.multiplied(by: .one / lead)
    if primitive.constant == nil {
      result = result * Polynomial(Atom(canonical: .apply(.div, [.number(.one), primitive.term])))
    }
    return result
  }

  /// An atom for a term the ring form does not read, with its arguments in ring form so that
  /// `log(x + y)` and `log(y + x)` are one atom. Non-numeric arguments keep their shape.
  static func atom(_ term: Term) -> Polynomial {
    Polynomial(Atom(canonical: canonical(term)))
  }

  /// The term with every numeric argument of an operator replaced by its ring form.
  static func canonical(_ term: Term) -> Term {
    switch term {
    case .number, .variable: return term
    case .apply(let op, let args):
      return .apply(op, args.map { $0.sort.isNumeric ? of($0).term : canonical($0) })
    case .bind(let binder, let v, let range, let body):
      return .bind(
        binder, v, range: range.map { $0.sort.isNumeric ? of($0).term : canonical($0) },
        body: of(body).term)
    case .probability(let v, let law, let length, let event):
      return .probability(
        v, law: canonical(law), length: length.map { of($0).term }, event: event)
    }
  }

  /// Whether two numeric terms are equal as polynomials in their atoms (so equal everywhere).
  static func equal(_ a: Term, _ b: Term) -> Bool { (of(a) - of(b)).isZero }
}
