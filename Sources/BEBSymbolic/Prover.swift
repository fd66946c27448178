import BEBKernel

/// Why the automation found no proof: data, which the checker words (BEBCheck's `StepError`).
public enum ProverFailure: Error, Sendable {
  /// The claim is none of the sources and does not follow from them (and, with automation,
  /// from the facts) by the searches below.
  case doesNotFollow(claim: Formula, sources: [Formula])
  /// (n)linarith was asked for something other than =, ≤, <, ≥ or >.
  case notLinear(products: Bool)
  /// (n)linarith found no certificate from `given` (none cited: from the atoms' ranges alone).
  case noCombination(products: Bool, given: [Formula])
  /// An equation by (n)linarith needs the axiom schema `ax-le-antisymm`, which is not loaded.
  case antisymmetryMissing(products: Bool)
  /// One half (`half`, a ≤) of an equation by (n)linarith has no certificate.
  case equationHalf(products: Bool, given: [Formula], half: Formula)
  /// The loaded `ax-le-antisymm` states something other than a ≤ b, b ≤ a ⊢ a = b.
  case antisymmetryMisstated
  /// positivity was asked for something other than t > 0, t ≥ 0, t ≠ 0 (`relation`: it is a
  /// relation, but neither side is 0).
  case notASign(relation: Bool)
}

/// Untrusted proof search over the kernel's rules: exact lookup, rewriting, modus ponens,
/// linear arithmetic (certificates found by `LinarithSearch`, replayed by the kernel) and sign
/// reasoning. Every theorem it returns was made by the kernel; a bug here can cost a step its
/// proof, never prove a false one.
public struct Prover {
  public let state: ProofState
  /// The named facts in scope: the hypotheses and the facts of earlier steps.
  public let facts: [String: Theorem]
  /// The names of the result's hypotheses, in order.
  public let hypotheses: [String]
  /// The sign forms found so far (see `SignForms`).
  let forms: SignForms

  /// `forms`: a table kept across the searches of one proof (the same facts are the pool of
  /// one search after another); by default one for this prover alone.
  public init(
    state: ProofState, facts: [String: Theorem], hypotheses: [String],
    forms: SignForms = SignForms()
  ) {
    self.state = state
    self.facts = facts
    self.hypotheses = hypotheses
    self.forms = forms
  }

  /// Every known fact, split into conjuncts (by name, so the order is fixed).
  public func allFacts() -> [Theorem] {
    facts.keys.sorted().compactMap { facts[$0] }.flatMap(split)
  }

  /// The hypotheses of the result, split into their conjuncts.
  public func hypothesisFacts() -> [Theorem] {
    hypotheses.compactMap { facts[$0] }.flatMap(split)
  }

  /// The formula and its conjuncts, at every depth (as `split` gives them for a theorem).
  public static func conjuncts(_ formula: Formula) -> [Formula] {
    guard case .and(let parts) = formula else { return [formula] }
    return [formula] + parts.flatMap(conjuncts)
  }

  /// A theorem and, for a conjunction, its parts (recursively).
  public func split(_ theorem: Theorem) -> [Theorem] {
    guard case .and(let parts) = theorem.formula else { return [theorem] }
    return [theorem] + parts.indices.compactMap { try? state.conjunct(theorem, $0) }.flatMap(split)
  }

  /// `claim` from `sources`: one of them or a conjunct of one, exactly; failing that (for
  /// relations), by linear arithmetic over them; with `automation`, over every known fact too.
  public func derive(_ claim: Formula, from sources: [Theorem], automation: Bool) throws -> Theorem
  {
    let target = claim.canonical
    let pieces = sources.flatMap(split)
    if let exact = pieces.first(where: { $0.formula == target }) { return exact }
    if case .relation(.eq, let a, let b) = target,
      let flipped = pieces.first(where: { $0.formula == Formula.relation(.eq, b, a).canonical })
    {
      return try state.ring(a, b, using: [flipped])
    }
    if case .and(let parts) = target {
      return try state.conjunction(
        try parts.map { try derive($0, from: sources, automation: automation) })
    }
    // A disjunction: one of its parts.
    if case .or(let parts) = target {
      for part in parts {
        if let proved = try? derive(part, from: sources, automation: automation),
          let whole = try? state.disjunction(proved, target)
        {
          return whole
        }
      }
    }
    // An equation that is one of the sources up to rewriting and ring normalisation.
    if case .relation(.eq, let a, let b) = target {
      let equations = pieces.filter {
        if case .relation(.eq, _, _) = $0.formula { return true } else { return false }
      }
      if !equations.isEmpty, let theorem = try? state.ring(a, b, using: equations) {
        return theorem
      }
    }
    // Modus ponens: a source φ ⇒ ψ whose ψ gives the claim, with φ derivable from the facts.
    for piece in pieces {
      guard case .implies(let premise, let consequence) = piece.formula,
        consequence == target
          || (consequence.isConjunction && Self.conjuncts(consequence).contains(target))
      else { continue }
      let pool = sources + allFacts()
      if let proved = try? derive(
        premise, from: pool.filter { $0 != piece }, automation: automation),
        let result = try? state.modusPonens(piece, proved)
      {
        return try derive(claim, from: [result], automation: false)
      }
    }
    if case .relation(let r, _, _) = target, r != .eq, r != .ne {
      let pool = automation ? pieces + allFacts() : pieces
      if let theorem = try? linarith(target, pool, products: false) { return theorem }
    }
    if automation, case .relation = target, let theorem = try? positivity(target, allFacts()) {
      return theorem
    }
    throw ProverFailure.doesNotFollow(claim: claim, sources: sources.map(\.formula))
  }

  /// The axiom schema `a ≤ b, b ≤ a ⊢ a = b` through which linarith proves an equation.
  public static let antisymmetry = "ax-le-antisymm"

  /// `left = right` by (n)linarith: each of `left ≤ right` and `right ≤ left` by the kernel's
  /// certificate replay, then the axiom schema `ax-le-antisymm` cited with both (so the
  /// result rests on it, as on any schema). The kernel's linarith proves inequalities only.
  func equation(_ left: Term, _ right: Term, _ given: [Theorem], products: Bool) throws
    -> Theorem
  {
    guard let schema = state.registry.statements[Self.antisymmetry], schema.parameters.count == 2
    else { throw ProverFailure.antisymmetryMissing(products: products) }
    var halves: [Theorem] = []
    for (a, b) in [(left, right), (right, left)] {
      let half = Formula.relation(.le, a, b)
      do {
        halves.append(try linarith(half, given, products: products))
      } catch {
        throw ProverFailure.equationHalf(
          products: products, given: given.map(\.formula), half: half)
      }
    }
    let map = [schema.parameters[0]: left, schema.parameters[1]: right]
    let theorem = try state.cite(Self.antisymmetry, map, premises: halves, facts: allFacts())
    // A schema of that id stating something else (a development's own) proves nothing here.
    guard theorem.formula.canonical == Formula.relation(.eq, left, right).canonical else {
      throw ProverFailure.antisymmetryMisstated
    }
    return theorem
  }

  /// `goal` (=, ≤, <, ≥, >) by a nonnegative combination of `given`, of the ranges the
  /// vocabulary guarantees for the atoms, and (with `products`) of pairwise products.
  public func linarith(_ goal: Formula, _ given: [Theorem], products: Bool) throws -> Theorem {
    guard let target = forms.of(goal) else {
      throw ProverFailure.notLinear(products: products)
    }
    if target.1 == .zero, case .relation(.eq, let left, let right) = goal {
      return try equation(left, right, given, products: products)
    }
    // The facts, plus the ranges the vocabulary guarantees for the atoms they mention, each
    // with its sign form (from the proof's `SignForms`).
    func withForm(_ t: Theorem) -> (Theorem, (Polynomial, SignKind))? {
      self.forms.of(t.formula).map { (t, $0) }
    }
    var pool = given.compactMap(withForm)
    var atoms: [Term] = []
    for formula in pool.map(\.0.formula) + [goal.canonical] {
      for term in formula.terms { Self.collectAtoms(term, into: &atoms) }
    }
    // Ranges and signs of the atoms may use the hypotheses as well as the cited facts.
    let known = given + hypothesisFacts()
    for atom in atoms {
      pool += ((try? state.bounds(atom, facts: known)) ?? []).compactMap(withForm)
      if products, let sign = try? state.sign(atom, facts: known), let formed = withForm(sign) {
        pool.append(formed)
      }
    }
    var formed: [(Theorem, (Polynomial, SignKind))] = []
    for entry in pool where !formed.contains(where: { $0.0.formula == entry.0.formula }) {
      formed.append(entry)
    }
    if products && formed.count > 14 { formed = Array(formed.prefix(14)) }
    let unique = formed.map(\.0)
    let forms = formed.map(\.1)
    // The goal itself, then 0 > 0: contradictory facts prove any goal (the kernel's ex falso).
    for aim in [target, (Polynomial.zero, SignKind.positive)] {
      for useProducts in products ? [false, true] : [false] {
        if let certificate = LinarithSearch.certificate(
          goal: aim, facts: forms, products: useProducts),
          let theorem = try? state.linarith(goal, facts: unique, certificate: certificate)
        {
          return theorem
        }
      }
    }
    throw ProverFailure.noCombination(products: products, given: given.map(\.formula))
  }

  /// Where two terms differ: descend while both have the same operator and differ in exactly
  /// one argument (the kernel's `mono` walks the same way and checks each node); and whether
  /// the order of the two parts found is the order of `a` and `b` (`keeps`), as the kernel's
  /// `mono` reads the path: a subtraction's right side, a negation and a denominator reverse
  /// it, the other contexts it accepts keep it.
  public static func leaf(_ a: Term, _ b: Term) -> (Term, Term, keeps: Bool) {
    var (x, y) = (a, b)
    var keeps = true
    while case .apply(let op, let xs) = x, case .apply(let op2, let ys) = y, op == op2,
      xs.count == ys.count
    {
      let differing = xs.indices.filter { xs[$0] != ys[$0] }
      // Stop where the parts that differ are not numbers (P₀(s) vs P₁(s) differ in the law).
      guard differing.count == 1, xs[differing[0]].sort.isNumeric else { break }
      let i = differing[0]
      if (op == .sub && i == 1) || op == .neg || (op == .div && i == 1) { keeps.toggle() }
      (x, y) = (xs[i], ys[i])
    }
    return (x, y, keeps)
  }

  /// The subterms linarith treats as unknowns: everything but + − · and numbers.
  static func collectAtoms(_ term: Term, into atoms: inout [Term]) {
    switch term {
    case .number: return
    case .apply(let op, let args) where [.add, .sub, .neg, .mul].contains(op):
      for arg in args { collectAtoms(arg, into: &atoms) }
    case .apply(.div, let args):
      // a / b is a · inv(b) to linear arithmetic: the unknowns are a's and 1/b.
      collectAtoms(args[0], into: &atoms)
      let inverse = Term.apply(.div, [.number(.one), args[1]])
      if !atoms.contains(inverse) { atoms.append(inverse) }
    default:
      if !atoms.contains(term) { atoms.append(term) }
    }
  }

  /// `t > 0`, `t ≥ 0` or `t ≠ 0` (either side 0) from the structure of t and `available`.
  public func positivity(_ claim: Formula, _ available: [Theorem]) throws -> Theorem {
    guard case .relation(let r, let a, let b) = claim.canonical else {
      throw ProverFailure.notASign(relation: false)
    }
    let zero = Term.number(.zero)
    let subject: Term
    if b == zero {
      subject = a
    } else if a == zero {
      subject = b
    } else {
      throw ProverFailure.notASign(relation: true)
    }
    let sign = try state.sign(subject, facts: available)
    if sign.formula == claim.canonical { return sign }
    if r == .ne, let nonzero = try? state.nonzero(sign) { return nonzero }
    return try linarith(claim, [sign], products: false)
  }

  /// First-order matching of `pattern` (over `parameters`) against `term`, extending `map`.
  public static func match(
    _ pattern: Term, _ term: Term, _ parameters: [Variable], _ map: inout [Variable: Term]
  ) -> Bool {
    switch (pattern, term) {
    case (.variable(let v), _) where parameters.contains(v):
      if let bound = map[v] { return bound == term }
      guard term.sort.isSubsort(of: v.sort) else { return false }
      map[v] = term
      return true
    case (.apply(let f, let xs), .apply(let g, let ys)) where f == g && xs.count == ys.count:
      return zip(xs, ys).allSatisfy { match($0, $1, parameters, &map) }
    default:
      return pattern == term
    }
  }
}

extension Formula {
  /// Whether the formula is a conjunction.
  var isConjunction: Bool {
    if case .and = self { true } else { false }
  }
}

/// Finds a rational point where two terms of the field fragment differ (untrusted evidence
/// for a `refuted` verdict; only reported when exact evaluation shows the difference).
public enum Counterpoint {
  /// The point, variable by variable (sorted), or nil when none of the few tried separates
  /// the two sides.
  public static func find(_ a: Term, _ b: Term) -> [(Variable, Rational)]? {
    let variables = a.freeVariables.union(b.freeVariables).sorted()
    // Naturals get natural values; other variables also fractions.
    let naturals: [Rational] = [2, 3, 5, 7, 11, 13]
    let reals: [Rational] = [
      2, 3, Rational(BigInt(1), BigInt(3)), 5, Rational(BigInt(7), BigInt(2)), 11,
    ]
    for shift in 0..<naturals.count {
      var point: [Variable: Rational] = [:]
      for (index, variable) in variables.enumerated() {
        let samples = variable.sort.isSubsort(of: .int) ? naturals : reals
        point[variable] = samples[(index + shift) % samples.count]
      }
      if let x = Evaluate.value(of: a, at: point), let y = Evaluate.value(of: b, at: point), x != y
      {
        return variables.map { ($0, point[$0]!) }
      }
    }
    return nil
  }
}

/// `ProofState.signForm` of formulas, each computed once: a sign form is a ring normal form
/// of the formula (the costly part of a linarith search's set-up), and one proof's searches
/// ask for the forms of the same facts again and again. A form is a function of the formula,
/// so a kept one is the one computing it gives. One table per proof, used by one thread.
public final class SignForms {
  private var table: [Formula: (Polynomial, SignKind)?] = [:]

  public init() {}

  func of(_ formula: Formula) -> (Polynomial, SignKind)? {
    if let known = table[formula] { return known }
    let form = ProofState.signForm(formula)
    table[formula] = form
    return form
  }
}
