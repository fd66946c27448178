// Arithmetic rules of the kernel.
//
//   ring       ⊢ a = b              when a and b have the same ring form (RingForm.swift):
//                                   true for all values, division being total (x/0 = 0)
//   field      d1 ≠ 0, … ⊢ a = b    when a and b are the same rational function and every
//                                   divisor d (and base of a negative power) anywhere in a or
//                                   b, atoms' arguments included, is known nonzero
//   linarith   facts ⊢ goal         replays a certificate: goal − (c0 + Σ ci·fi + Σ cij·fi·fj)
//                                   is the zero polynomial, with signs that make it valid
//   sign       facts ⊢ t > 0 | t ≥ 0 | t ≠ 0, by the structure of t
//   bounds     ⊢ the ranges the vocabulary guarantees: |s| ≥ 0, 0 ≤ P(s) ≤ 1,
//                -1 ≤ B(s) ≤ 1, exp(x) > 0, sqrt(x) ≥ 0, |x| ≥ 0, ...

/// A linear-arithmetic certificate: `goal = constant + Σ linear[i]·fact[i] +
/// Σ coefficient·fact[i]·fact[j]`, as polynomials, where each fact is read as `p ≥ 0`,
/// `p > 0` or `p = 0`.
public struct LinearCertificate: Sendable, Equatable {
  public var constant: Rational
  public var linear: [Rational]
  public var products: [Product]

  public struct Product: Sendable, Equatable {
    public var first: Int
    public var second: Int
    public var coefficient: Rational

    public init(_ first: Int, _ second: Int, _ coefficient: Rational) {
      self.first = first
      self.second = second
      self.coefficient = coefficient
    }
  }

  public init(constant: Rational, linear: [Rational], products: [Product] = []) {
    self.constant = constant
    self.linear = linear
    self.products = products
  }
}

/// How a fact or goal `p ⋈ 0` constrains its polynomial p.
public enum SignKind: Sendable, Equatable {
  case nonnegative, positive, zero
}

extension ProofState {
  // MARK: ring and field

  /// `⊢ a = b` when `a` and `b` have the same ring form.
  public func ring(_ a: Term, _ b: Term) throws(KernelError) -> Theorem {
    try requireKnown(a.freeVariables.union(b.freeVariables))
    let equation = Formula.relation(.eq, a, b).canonical
    guard case .relation(_, let x, let y) = equation, RingForm.equal(x, y) else {
      throw .notEqual(a, b)
    }
    return Theorem(equation, uses: [])
  }

  /// `d1 ≠ 0, … ⊢ a = b` when `a` and `b` are the same rational function of their atoms and
  /// every divisor occurring in them is shown nonzero by one of `facts` (`d ≠ 0`, `d > 0`,
  /// `d < 0`, either way round).
  public func field(_ a: Term, _ b: Term, facts: [Theorem]) throws(KernelError) -> Theorem {
    try requireKnown(a.freeVariables.union(b.freeVariables))
    let equation = Formula.relation(.eq, a, b).canonical
    guard case .relation(_, let x, let y) = equation,
      NormalForm.normalize(x).isEquivalent(to: NormalForm.normalize(y))
    else { throw .notEqual(a, b) }
    var used: [Theorem] = []
    for divisor in Self.divisors(x) + Self.divisors(y) {
      guard let fact = facts.first(where: { Self.showsNonzero($0.formula, divisor) }) else {
        throw .sideCondition(.relation(.ne, divisor, .number(.zero)))
      }
      used.append(fact)
    }
    return Theorem(equation, uses: Self.union(used))
  }

  /// Every divisor and base of a negative power in `t`, at any depth.
  public static func divisors(_ t: Term) -> [Term] {
    var found: [Term] = []
    func visit(_ t: Term) {
      switch t {
      case .number, .variable: return
      case .apply(let op, let args):
        if op == .div { found.append(args[1]) }
        if op == .pow {
          if case .number(let q) = args[1], !q.isNegative {
          } else {
            found.append(args[0])
          }
        }
        args.forEach(visit)
      case .bind(_, _, let range, let body):
        range.forEach(visit)
        visit(body)
      case .probability(_, let law, let length, let event):
        visit(law)
        if let length { visit(length) }
        for term in event.terms { visit(term) }
      }
    }
    visit(t)
    return found
  }

  static func showsNonzero(_ fact: Formula, _ d: Term) -> Bool {
    guard case .relation(let r, let a, let b) = fact, r == .ne || r == .lt || r == .gt else {
      return false
    }
    return (RingForm.of(b).isZero && RingForm.equal(a, d))
      || (RingForm.of(a).isZero && RingForm.equal(b, d))
  }

  // MARK: linarith

  /// A fact or goal `a ⋈ b` as `p ⋈ 0` with `p` a polynomial; nil for `≠` and non-relations.
  public static func signForm(_ formula: Formula) -> (Polynomial, SignKind)? {
    guard case .relation(let r, let a, let b) = formula.canonical else { return nil }
    let difference = RingForm.of(a) - RingForm.of(b)
    switch r {
    case .eq: return (difference, .zero)
    case .ge: return (difference, .nonnegative)
    case .gt: return (difference, .positive)
    case .le: return (-difference, .nonnegative)
    case .lt: return (-difference, .positive)
    case .ne: return nil
    }
  }

  /// `facts ⊢ goal` for a goal `a ≤ b`, `a < b`, `a ≥ b` or `a > b`, replaying `certificate`.
  public func linarith(_ goal: Formula, facts: [Theorem], certificate: LinearCertificate)
    throws(KernelError) -> Theorem
  {
    try requireKnown(goal.freeVariables)
    guard let (target, goalKind) = Self.signForm(goal), goalKind != .zero else {
      throw .certificate("linarith proves ≤, <, ≥ or >; use ring or field for =")
    }
    guard certificate.linear.count == facts.count else {
      throw .certificate("the certificate has \(certificate.linear.count) coefficients for \(facts.count) facts")
    }
    var forms: [(Polynomial, SignKind)] = []
    for fact in facts {
      guard let form = Self.signForm(fact.formula) else {
        throw .certificate("a fact is not an (in)equation: it cannot be used")
      }
      forms.append(form)
    }
    guard !certificate.constant.isNegative else { throw .certificate("negative constant") }
    var sum = Polynomial(constant: certificate.constant)
    var strict = certificate.constant.isPositive
    var used: [Theorem] = []
    for (index, coefficient) in certificate.linear.enumerated() where !coefficient.isZero {
      let (p, kind) = forms[index]
      if kind != .zero && coefficient.isNegative {
        throw .certificate("negative coefficient on an inequality")
      }
      if kind == .positive { strict = true }
      sum = sum + p.multiplied(by: coefficient)
      used.append(facts[index])
    }
    for product in certificate.products where !product.coefficient.isZero {
      guard forms.indices.contains(product.first), forms.indices.contains(product.second) else {
        throw .certificate("a product names a fact that is not there")
      }
      let (p, k) = forms[product.first]
      let (q, l) = forms[product.second]
      if k != .zero && l != .zero && product.coefficient.isNegative {
        throw .certificate("negative coefficient on a product of inequalities")
      }
      if k == .positive && l == .positive { strict = true }
      sum = sum + (p * q).multiplied(by: product.coefficient)
      used += [facts[product.first], facts[product.second]]
    }
    guard (target - sum).isZero else {
      throw .certificate("the combination of the facts is not the goal")
    }
    if goalKind == .positive && !strict {
      throw .certificate("the combination proves only a non-strict inequality")
    }
    return Theorem(goal, uses: Self.union(used))
  }

  // MARK: sign and bounds

  /// `facts ⊢ t ⋈ 0` with ⋈ among `>`, `≥`, `≠`: the strongest of the three that the structure
  /// of `t` gives, using `facts` (each `u ⋈ 0` or `0 ⋈ u`) for subterms it cannot read.
  public func sign(_ t: Term, facts: [Theorem]) throws(KernelError) -> Theorem {
    try requireKnown(t.freeVariables)
    var used: Set<String> = []
    guard let kind = Self.sign(of: t, facts: facts, used: &used) else {
      throw .sideCondition(.relation(.ge, t, .number(.zero)))
    }
    let relation: Relation = kind == .positive ? .gt : kind == .nonnegative ? .ge : .ne
    return Theorem(.relation(relation, t, .number(.zero)), uses: used)
  }

  /// The sign of a term: `.positive`, `.nonnegative`, or `.zero` standing for "nonzero".
  enum Known { case positive, nonnegative, nonzero }

  private static func sign(of t: Term, facts: [Theorem], used: inout Set<String>) -> Known? {
    // A fact about t itself wins (the strongest one).
    var best: Known?
    for fact in facts {
      guard case .relation(let r, let a, let b) = fact.formula else { continue }
      var relation: Relation?
      if RingForm.of(b).isZero && RingForm.equal(a, t) { relation = r }
      if RingForm.of(a).isZero && RingForm.equal(b, t) { relation = r.converse }
      let known: Known?
      switch relation {
      case .gt: known = .positive
      case .ge: known = .nonnegative
      case .ne, .lt: known = .nonzero
      default: known = nil
      }
      if let known, best == nil || known == .positive {
        best = known
        used.formUnion(fact.uses)
      }
    }
    if best == .positive { return best }
    let structural = structuralSign(of: t, facts: facts, used: &used)
    switch (best, structural) {
    case (_, .positive?): return .positive
    case (.nonnegative?, .nonzero?), (.nonzero?, .nonnegative?): return .positive
    case (let b?, _): return b
    default: return structural
    }
  }

  private static func structuralSign(of t: Term, facts: [Theorem], used: inout Set<String>)
    -> Known?
  {
    func s(_ u: Term) -> Known? { sign(of: u, facts: facts, used: &used) }
    switch t {
    case .number(let q):
      return q.isPositive ? .positive : q.isZero ? .nonnegative : .nonzero
    case .variable(let v):
      return v.sort == .nat || v.sort == .prob ? .nonnegative : nil
    case .apply(let op, let args):
      switch op {
      case .add:
        guard let a = s(args[0]), let b = s(args[1]), a != .nonzero, b != .nonzero else { return nil }
        return a == .positive || b == .positive ? .positive : .nonnegative
      case .mul, .div:
        guard let a = s(args[0]), let b = s(args[1]) else { return nil }
        if a == .positive && b == .positive { return .positive }
        if a != .nonzero && b != .nonzero { return .nonnegative }
        if a != .nonnegative && b != .nonnegative { return .nonzero }
        return nil
      case .pow:
        guard case .number(let q) = args[1], q.isInteger else {
          return s(args[0]) == .positive ? .positive : nil
        }
        let base = s(args[0])
        if base == .positive { return .positive }
        if q.isZero { return .positive }
        if base == .nonzero { return q.numerator.isOdd ? .nonzero : .positive }
        if base == .nonnegative || !q.numerator.isOdd { return .nonnegative }
        return nil
      case .exp: return .positive
      case .sqrt: return s(args[0]) == .positive ? .positive : .nonnegative
      case .abs:
        let inner = s(args[0])
        return inner == .positive || inner == .nonzero ? .positive : .nonnegative
      case .max:
        let (a, b) = (s(args[0]), s(args[1]))
        if a == .positive || b == .positive { return .positive }
        return a == .nonnegative || b == .nonnegative ? .nonnegative : nil
      case .min:
        let (a, b) = (s(args[0]), s(args[1]))
        if a == .positive && b == .positive { return .positive }
        return a != nil && a != .nonzero && b != nil && b != .nonzero ? .nonnegative : nil
      case .length: return .nonnegative
      case .probOf, .probGiven:
        return isDistribution(args[0], facts: facts, used: &used) ? .nonnegative : nil
      default:
        return t.sort == .nat ? .nonnegative : nil
      }
    case .probability(_, let law, _, _):
      return isDistribution(law, facts: facts, used: &used) ? .nonnegative : nil
    case .bind:
      return t.sort == .nat ? .nonnegative : nil
    }
  }

  /// Whether `law` denotes a probability distribution: a variable, a conditional or best-of-n
  /// of one, or a mixture whose weight the facts place in [0, 1].
  static func isDistribution(_ law: Term, facts: [Theorem], used: inout Set<String>) -> Bool {
    switch law {
    case .variable: return true
    case .apply(.conditional, let args), .apply(.bestOfN, let args):
      return isDistribution(args[0], facts: facts, used: &used)
    case .apply(.mixture, let args):
      guard isDistribution(args[1], facts: facts, used: &used),
        isDistribution(args[2], facts: facts, used: &used)
      else { return false }
      let weight = RingForm.of(args[0])
      var low: Theorem?
      var high: Theorem?
      for fact in facts {
        guard let (p, kind) = signForm(fact.formula), kind != .zero else { continue }
        if p == weight { low = fact }  // α ≥ 0 or α > 0
        if p == Polynomial.one - weight { high = fact }  // 1 - α ≥ 0 or > 0
      }
      guard let low, let high else { return false }
      used.formUnion(low.uses.union(high.uses))
      return true
    default:
      return false
    }
  }

  /// `⊢` the ranges the vocabulary guarantees for `t` (empty when it guarantees none):
  /// `0 ≤ t` for naturals, lengths and probabilities, `t ≤ 1` for probabilities,
  /// `-1 ≤ t ≤ 1` for behaviors and behavior expectations under a distribution.
  public func bounds(_ t: Term, facts: [Theorem]) throws(KernelError) -> [Theorem] {
    try requireKnown(t.freeVariables)
    let zero = Term.number(.zero)
    let one = Term.number(.one)
    var used: Set<String> = []
    var law: Term?
    switch t {
    case .apply(.probOf, let args), .apply(.probGiven, let args),
      .apply(.behaviorMean, let args), .apply(.behaviorAfter, let args):
      law = t.isProbability ? args[0] : args[1]
    case .probability(_, let l, _, _):
      law = l
    default:
      break
    }
    if let law, !Self.isDistribution(law, facts: facts, used: &used) { return [] }
    var isProbVariable = false
    if case .variable(let v) = t, v.sort == .prob { isProbVariable = true }
    if t.isProbability || isProbVariable {
      return [
        Theorem(.relation(.le, zero, t), uses: used), Theorem(.relation(.le, t, one), uses: used),
      ]
    }
    switch t {
    case .apply(.behavior, _), .apply(.behaviorMean, _), .apply(.behaviorAfter, _):
      return [
        Theorem(.relation(.le, .number(-1), t), uses: used),
        Theorem(.relation(.le, t, one), uses: used),
      ]
    case .apply(.exp, _): return [Theorem(.relation(.lt, zero, t), uses: [])]
    case .apply(.sqrt, _), .apply(.abs, _): return [Theorem(.relation(.le, zero, t), uses: [])]
    default:
      return t.sort == .nat ? [Theorem(.relation(.le, zero, t), uses: [])] : []
    }
  }
}

extension Term {
  /// `P(s)`, `P(s | s0)` or `Pr[...]`.
  var isProbability: Bool {
    switch self {
    case .apply(.probOf, _), .apply(.probGiven, _), .probability: return true
    default: return false
    }
  }
}

extension Formula {
  /// The terms of the formula's relations and predicates, at any depth (bound variables
  /// included), for walks that collect subterms.
  var terms: [Term] {
    switch self {
    case .truth: return []
    case .relation(_, let a, let b): return [a, b]
    case .not(let f), .forall(_, let f), .exists(_, let f): return f.terms
    case .and(let fs), .or(let fs): return fs.flatMap(\.terms)
    case .implies(let a, let b), .iff(let a, let b): return a.terms + b.terms
    case .predicate(_, let args): return args
    }
  }
}
