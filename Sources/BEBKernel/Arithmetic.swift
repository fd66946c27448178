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
      (self.first, self.second, self.coefficient) = (first, second, coefficient)
    }
  }

  public init(constant: Rational, linear: [Rational], products: [Product] = []) {
    (self.constant, self.linear, self.products) = (constant, linear, products)
  }
}

/// How a fact or goal `p ⋈ 0` constrains its polynomial p.
public enum SignKind: Sendable, Equatable {
  case nonnegative, positive, zero
}

extension ProofState {
  // MARK: ring and field

  /// `e1, … ⊢ a = b` when `a` and `b` have the same ring form once every occurrence of the
  /// left side of each equation `ei` has been replaced by its right side (Leibniz's law, then
  /// the ring form).
  public func ring(_ a: Term, _ b: Term, using equations: [Theorem] = []) throws(KernelError)
    -> Theorem
  {
    try own(equations)
    try requireKnown(a.freeVariables.union(b.freeVariables))
    let equation = Formula.relation(.eq, a, b).canonical
    guard case .relation(_, let x, let y) = equation else { throw .notEqual(a, b) }
    let (x2, y2, used) = try Self.rewrite(x, y, equations)
    guard RingForm.equal(x2, y2) else { throw .notEqual(a, b) }
    return make(equation, uses: used)
  }

  /// Both terms with each equation's left side replaced by its right side, in order; the
  /// uses of the equations that changed something.
  static func rewrite(_ x: Term, _ y: Term, _ equations: [Theorem]) throws(KernelError)
    -> (Term, Term, Set<Dependency>)
  {
    var (x, y) = (x, y)
    var used: Set<Dependency> = []
    for equation in equations {
      guard case .relation(.eq, let from, let to) = equation.formula else {
        throw .shape("an equation to rewrite with", equation.formula)
      }
      let (x2, y2) = (x.replacingModuloRing(from, with: to), y.replacingModuloRing(from, with: to))
      if x2 != x || y2 != y { used.formUnion(equation.uses) }
      (x, y) = (x2, y2)
    }
    return (x, y, used)
  }

  /// `e1, …, d1 ≠ 0, … ⊢ a = b` when, after rewriting with the equations `ei` (as in `ring`),
  /// `a` and `b` are the same rational function of their atoms and every divisor occurring in
  /// them is shown nonzero by one of `facts` (`d ≠ 0`, `d > 0`, `d < 0`, either way round).
  public func field(
    _ a: Term, _ b: Term, facts: [Theorem], using equations: [Theorem] = []
  ) throws(KernelError) -> Theorem {
    try own(facts + equations)
    try requireKnown(a.freeVariables.union(b.freeVariables))
    let equation = Formula.relation(.eq, a, b).canonical
    guard case .relation(_, let x0, let y0) = equation else { throw .notEqual(a, b) }
    let (x, y, rewritten) = try Self.rewrite(x0, y0, equations)
    guard NormalForm.normalize(x).isEquivalent(to: NormalForm.normalize(y)) else {
      throw .notEqual(a, b)
    }
    var used: [Theorem] = [make(.truth(true), uses: rewritten)]
    for divisor in Self.divisors(x) + Self.divisors(y) {
      guard let fact = facts.first(where: { Self.showsNonzero($0.formula, divisor) }) else {
        throw .sideCondition(.relation(.ne, divisor, .number(.zero)))
      }
      used.append(fact)
    }
    return make(equation, uses: Self.union(used))
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
  /// A negated inequality is read by the order's totality: ¬(a ≤ b) is a > b, and so on.
  public static func signForm(_ formula: Formula) -> (Polynomial, SignKind)? {
    if case .not(.relation(let r, let a, let b)) = formula.canonical {
      let flipped: [Relation: Relation] = [.le: .gt, .lt: .ge, .ge: .lt, .gt: .le]
      return flipped[r].flatMap { signForm(.relation($0, a, b)) }
    }
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
    try own(facts)
    try requireKnown(goal.freeVariables)
    guard let (target, goalKind) = Self.signForm(goal), goalKind != .zero else {
      throw .certificate("linarith proves ≤, <, ≥ or >; use ring or field for =")
    }
    guard certificate.linear.count == facts.count else {
      throw .certificate(
        "the certificate has \(certificate.linear.count) coefficients for \(facts.count) facts")
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
    // Ex falso: the facts give sum ≥ 0 (> 0 when strict); a sum that is a constant below 0,
    // or 0 when strict, shows they contradict each other, and then every goal follows.
    let absurd = sum.constant.map { $0.isNegative || ($0.isZero && strict) } ?? false
    guard absurd || (target - sum).isZero else {
      throw .certificate("the combination of the facts is not the goal")
    }
    if !absurd && goalKind == .positive && !strict {
      throw .certificate("the combination proves only a non-strict inequality")
    }
    return make(goal, uses: Self.union(used))
  }

  // MARK: sign and bounds

  /// `facts ⊢ t ⋈ 0` with ⋈ among `>`, `≥`, `≠`: the strongest of the three that the structure
  /// of `t` gives, using `facts` (each `u ⋈ 0` or `0 ⋈ u`) for subterms it cannot read.
  public func sign(_ t: Term, facts: [Theorem]) throws(KernelError) -> Theorem {
    try own(facts)
    try requireKnown(t.freeVariables)
    var used: Set<Dependency> = []
    guard let kind = Self.sign(of: t, facts: facts, used: &used) else {
      throw .sideCondition(.relation(.ge, t, .number(.zero)))
    }
    let relation: Relation = kind == .positive ? .gt : kind == .nonnegative ? .ge : .ne
    return make(.relation(relation, t, .number(.zero)), uses: used)
  }

  /// The sign of a term: `.positive`, `.nonnegative`, or `.zero` standing for "nonzero".
  enum Known { case positive, nonnegative, nonzero }

  static func sign(of t: Term, facts: [Theorem], used: inout Set<Dependency>) -> Known? {
    // A fact about t itself wins (the strongest one).
    var best: Known?
    let subject = RingForm.of(t)
    for fact in facts {
      guard case .relation(let r, let a, let b) = fact.formula else { continue }
      // The fact read as `p ⋈ 0`; it speaks of t when p is t or -t.
      let difference = RingForm.of(a) - RingForm.of(b)
      let known: Known?
      if difference == subject {
        known =
          r == .gt ? .positive : r == .ge ? .nonnegative : (r == .ne || r == .lt) ? .nonzero : nil
      } else if difference == -subject {
        known =
          r == .lt ? .positive : r == .le ? .nonnegative : (r == .ne || r == .gt) ? .nonzero : nil
      } else {
        known = nil
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

  private static func structuralSign(of t: Term, facts: [Theorem], used: inout Set<Dependency>)
    -> Known?
  {
    func s(_ u: Term) -> Known? { sign(of: u, facts: facts, used: &used) }
    switch t {
    case .number(let q): return q.isPositive ? .positive : q.isZero ? .nonnegative : .nonzero
    case .variable(let v): return v.sort == .nat || v.sort == .prob ? .nonnegative : nil
    case .apply(let op, let args):
      switch op {
      case .add:
        guard let a = s(args[0]), let b = s(args[1]), a != .nonzero, b != .nonzero else {
          return nil
        }
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
      default: return t.sort == .nat ? .nonnegative : nil
      }
    case .probability(_, let law, _, _):
      return isDistribution(law, facts: facts, used: &used) ? .nonnegative : nil
    case .bind: return t.sort == .nat ? .nonnegative : nil
    }
  }

  /// Whether `law` denotes a probability distribution: a variable, a conditional or best-of-n
  /// of one, or a mixture whose weight the facts place in [0, 1].
  static func isDistribution(_ law: Term, facts: [Theorem], used: inout Set<Dependency>) -> Bool {
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
  /// `low ≤ t ≤ high` (`behaviorRange`, [-1, 1] unless edited) for behaviors and behavior
  /// expectations under a distribution (an expectation of scores in a range lies in it).
  public func bounds(_ t: Term, facts: [Theorem]) throws(KernelError) -> [Theorem] {
    try own(facts)
    try requireKnown(t.freeVariables)
    let zero = Term.number(.zero)
    let one = Term.number(.one)
    var used: Set<Dependency> = []
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
      let (low, high) =
        isProbVariable ? (Term.number(probRange.low), .number(probRange.high)) : (zero, one)
      return [
        make(.relation(.le, low, t), uses: used), make(.relation(.le, t, high), uses: used),
      ]
    }
    switch t {
    case .apply(.behavior, _), .apply(.behaviorMean, _), .apply(.behaviorAfter, _):
      return [
        make(.relation(.le, .number(behaviorRange.low), t), uses: used),
        make(.relation(.le, t, .number(behaviorRange.high)), uses: used),
      ]
    case .apply(.exp, _): return [make(.relation(.lt, zero, t), uses: [])]
    case .apply(.sqrt, _): return [make(.relation(.le, zero, t), uses: [])]
    case .apply(.abs, let args):
      // 0 ≤ |x|, x ≤ |x|, -x ≤ |x|.
      return [
        make(.relation(.le, zero, t), uses: []), make(.relation(.le, args[0], t), uses: []),
        make(.relation(.le, .apply(.neg, [args[0]]), t), uses: []),
      ]
    case .apply(.max, let args): return args.map { make(.relation(.le, $0, t), uses: []) }
    case .apply(.min, let args): return args.map { make(.relation(.le, t, $0), uses: []) }
    default: return t.sort == .nat ? [make(.relation(.le, zero, t), uses: [])] : []
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
  public var terms: [Term] {
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

extension ProofState {
  /// `t` rewritten with the equations as `ring` and `field` do (for the untrusted search to
  /// know which divisors to look at).
  public static func rewritten(_ t: Term, _ equations: [Theorem]) -> Term {
    (try? rewrite(t, t, equations).0) ?? t
  }
}

// MARK: mono
//
//   mono   u R v, facts ⊢ C[u] R' C[v]
//
// C is the common context of the two sides: at every node on the path to the hole both sides
// have the same operator and differ in exactly one argument. Each node must be monotone (or
// antitone, flipping the direction) in that argument, which the facts establish through `sign`:
//   + (either side), − (left: monotone, right: antitone), negation (antitone),
//   k · x with k > 0 (strict) or k ≥ 0, x / d with d > 0 (strict) or d ≥ 0,
//   n / x with n ≥ 0 and both denominators > 0 (antitone; strict when n > 0),
//   log with both arguments > 0, exp, sqrt with both arguments ≥ 0,
//   x^k for a constant natural k ≥ 1 with both bases ≥ 0.
// R' is ≤/≥ when any node (or the leaf) is not strict, else </>.

extension ProofState {
  /// `u R v, facts ⊢ lhs R' rhs`, where `lhs` and `rhs` differ exactly at the place where one
  /// holds `u` and the other `v` (see above).
  public func mono(_ lhs: Term, _ rhs: Term, leaf: Theorem, facts: [Theorem]) throws(KernelError)
    -> Theorem
  {
    try own([leaf] + facts)
    try requireKnown(lhs.freeVariables.union(rhs.freeVariables))
    let claim = Formula.relation(.le, lhs, rhs).canonical
    guard case .relation(_, var x, var y) = claim,
      case .relation(let leafRelation, let u, let v) = leaf.formula,
      leafRelation != .eq, leafRelation != .ne
    else { throw .shape("a strict or weak inequality between the differing parts", leaf.formula) }
    // Orient the leaf as u ≤ v or u < v.
    let (small, large) = leafRelation == .le || leafRelation == .lt ? (u, v) : (v, u)
    var strict = leafRelation == .lt || leafRelation == .gt
    var increasing = true  // whether x ↦ y follows small ↦ large
    var used = leaf.uses
    func known(_ t: Term) -> Known? { Self.sign(of: t, facts: facts, used: &used) }
    func positive(_ t: Term) -> Bool { known(t) == .positive }
    func nonnegative(_ t: Term) -> Bool { known(t) == .positive || known(t) == .nonnegative }
    // A factor t ≥ 0 keeps the order; only t > 0 keeps it strict (else the side condition r).
    func factor(_ t: Term, _ r: Relation) throws(KernelError) {
      if positive(t) { return }
      guard nonnegative(t) else { throw .sideCondition(.relation(r, t, .number(.zero))) }
      strict = false
    }
    while !((x == small && y == large) || (x == large && y == small)) {
      guard case .apply(let op, let xs) = x, case .apply(let op2, let ys) = y, op == op2,
        xs.count == ys.count
      else { throw .shape("two sides that differ only where the fact's sides stand", claim) }
      let differing = xs.indices.filter { xs[$0] != ys[$0] }
      guard differing.count == 1, let i = differing.first else {
        throw .shape("two sides that differ in one place only", claim)
      }
      let (a, b) = (xs[i], ys[i])
      switch (op, i) {
      case (.add, _), (.sub, 0):
        break
      case (.sub, 1), (.neg, 0):
        increasing.toggle()
      case (.mul, _):
        try factor(xs[1 - i], .ge)
      case (.div, 0):
        try factor(xs[1], .gt)
      case (.div, 1):
        guard positive(a), positive(b) else {
          throw .sideCondition(.relation(.gt, positive(a) ? b : a, .number(.zero)))
        }
        try factor(xs[0], .ge)
        increasing.toggle()
      case (.log, 0):
        guard positive(a), positive(b) else {
          throw .sideCondition(.relation(.gt, positive(a) ? b : a, .number(.zero)))
        }
      case (.exp, 0):
        break
      case (.sqrt, 0):
        guard nonnegative(a), nonnegative(b) else {
          throw .sideCondition(.relation(.ge, nonnegative(a) ? b : a, .number(.zero)))
        }
      case (.pow, 0):
        guard case .number(let k) = xs[1], k.isInteger, k.isPositive, nonnegative(a), nonnegative(b)
        else { throw .sideCondition(.relation(.ge, a, .number(.zero))) }
      default:
        throw .shape("a context that is monotone at \(op.rawValue)", claim)
      }
      (x, y) = (a, b)
    }
    // Now {x, y} = {small, large}: x ↦ y goes up (small to large) or down.
    let up = (x == small) == increasing
    let relation: Relation = up ? (strict ? .lt : .le) : (strict ? .gt : .ge)
    return make(.relation(relation, lhs, rhs), uses: used)
  }
}
