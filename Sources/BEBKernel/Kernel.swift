// THE TRUSTED KERNEL: the only place where a `Theorem` is made.
//
// A `Theorem` is a formula the kernel has derived, inside a `ProofState`, from the hypotheses
// of the result being proved. Its initialiser is internal to this module, so code outside the
// kernel (the untrusted search in BEBSymbolic, the checker in BEBCheck) can only obtain one by
// calling the rules below. Each rule checks its premises and fails with a `KernelError`
// saying which premise or side condition did not hold; it never assumes one silently.
//
// Primitive rules (this file):
//   hypothesis    ⊢ H                      for a hypothesis H of the result
//   instantiate   ∀x.φ, t ⊢ φ[x:=t]        t's sort fits x's; t mentions only known variables
//   conjunct      φ1 ∧ … ∧ φn ⊢ φi
//   conjunction   φ1, …, φn ⊢ φ1 ∧ … ∧ φn
//   modusPonens   φ ⇒ ψ, φ ⊢ ψ
//   unfold/fold   d(args) ⊣⊢ body_d[params:=args]            (definitions)
//   cite          H1σ, …, Hnσ ⊢ Cσ          for the result declared as ID in the registry,
//                                          with hypotheses Hi and conclusion C
//   witness       φ[x:=t] ⊢ ∃x.φ
//   obtain        ∃x.φ ⊢ φ[x:=x']          x' a name not used before in the proof
//   transitivity  a R b, b S c ⊢ a T c     R, S, T among = < ≤ (or = > ≥)
//   disjunction   φi ⊢ φ1 ∨ … ∨ φn;  cases  φ1 ∨ … ∨ φn, φ1 ⇒ ψ, …, φn ⇒ ψ ⊢ ψ
//   induction     φ(0), ∀k. k ≥ 1 ⇒ φ(k-1) ⇒ φ(k) ⊢ ∀k. k ≥ 0 ⇒ φ(k)    (k an Int)
// Arithmetic (Arithmetic.swift): ring, field, linarith (certificate replay), sign (positivity),
// bounds (the ranges of the vocabulary), mono. Rules of the probability vocabulary that bind a
// variable (Probability.swift): existsAboveMean, markov, cantelli, ... The axiom schemas of the
// theory are results of the development declared as assumed in the registry (Registry.swift),
// which also records finished proofs and decides which results are verified.
//
// Formulas are compared up to the names of bound variables (`Formula.canonical`).

/// A formula the kernel has derived from the hypotheses of the result being proved.
public struct Theorem: Sendable, Hashable {
  /// The formula, in canonical form.
  public let formula: Formula
  /// What the derivation rests on: hypotheses, cited results, definitions, admitted steps,
  /// open assumptions.
  public let uses: Set<Dependency>
  /// The proof it belongs to: rules accept only theorems of their own proof.
  let origin: ObjectIdentifier

  init(_ formula: Formula, uses: Set<Dependency>, origin: ObjectIdentifier) {
    (self.formula, self.uses, self.origin) = (formula.canonical, uses, origin)
  }
}

/// The identity of one proof: every theorem of a proof carries it, and rules refuse theorems
/// that carry another (a hypothesis of one result must not finish the proof of another).
final class ProofIdentity: Sendable {}

/// A definition as the kernel sees it.
public struct DefinitionStatement: Sendable {
  public let id: String
  public let parameters: [Variable]
  public let body: Formula

  public init(id: String, parameters: [Variable], body: Formula) {
    (self.id, self.parameters, self.body) = (id, parameters, body)
  }
}

/// A result (lemma, theorem, ...) as the kernel sees it: universally quantified parameters,
/// named hypotheses, a conclusion.
public struct ResultStatement: Sendable {
  public let id: String
  public let parameters: [Variable]
  public let hypotheses: [(name: String, formula: Formula)]
  public let conclusion: Formula

  public init(
    id: String, parameters: [Variable], hypotheses: [(name: String, formula: Formula)],
    conclusion: Formula
  ) {
    (self.id, self.parameters, self.hypotheses) = (id, parameters, hypotheses)
    self.conclusion = conclusion
  }
}

/// Why a rule refused.
public enum KernelError: Error, Sendable, Equatable {
  case noSuchHypothesis(String)
  case noSuchResult(String)
  case noSuchDefinition(String)
  /// The premise does not have the shape the rule needs ("a ∀ formula", ...).
  case shape(String, Formula)
  /// A premise differs from what the rule needs.
  case mismatch(expected: Formula, found: Formula)
  case sortMismatch(Variable, Term)
  case unknownVariables([String])
  case notFresh(String)
  case missingInstantiation([String])
  /// A side condition that no premise establishes.
  case sideCondition(Formula)
  /// `ring`/`field`: the two sides have different normal forms.
  case notEqual(Term, Term)
  /// `linarith`: the certificate does not prove the goal; the text says how.
  case certificate(String)
  /// An axiom schema was given arguments it does not apply to.
  case axiom(String, String)
  /// The derivation rests on a step admitted after it failed.
  case admitted(String)
  /// The term may not replace the variable: it lacks a property every value of the
  /// variable's sort has (a distribution, a probability); the text says which.
  case notAdmissible(Variable, Term, String)
}

/// The result of a finished proof: the statement proved, and what the proof rests on. Only
/// `ProofState.qed` makes one, and only when a theorem of exactly the result's conclusion has
/// been derived; `Registry.record` accepts it only for the statement declared under its id.
public struct Checked: Sendable {
  public let statement: ResultStatement
  public let uses: Set<Dependency>
  public var id: String { statement.id }
}

/// The state of one proof: the result being proved, the definitions it may unfold, and the
/// names of the variables in play.
public struct ProofState: Sendable {
  public let statement: ResultStatement
  let definitions: [String: DefinitionStatement]
  /// The results the proof may cite, each with its declared statement.
  public let registry: Registry
  /// Every behavior score lies in [low, high]: the sort Behavior's assumption, [-1, 1] as in
  /// the paper unless an assumption edit changes it (`bounds` states it).
  public let behaviorRange: (low: Rational, high: Rational)
  /// Laws may lose mass (an assumption edit): a `Dist` is then a sub-probability law (mass
  /// ≤ 1 on the texts of each length, P(⟨⟩) = 1), and no law is known to have total mass 1.
  public let subProbability: Bool
  /// Every `Prob` variable lies in [low, high], 0 ≤ low ≤ high: [0, 1] unless an assumption
  /// edit changes it (`bounds`); probabilities of texts and events stay in [0, 1].
  public let probRange: (low: Rational, high: Rational)
  /// Names of the variables the proof may mention: the result's parameters and those obtained.
  public private(set) var variables: [String: Variable]
  /// Variables introduced by `fix` or `obtain`, in order.
  private(set) var fixed: [String] = []
  /// Variables introduced by `fix`: the only ones `generalize` may quantify.
  private(set) var generalizable: Set<String> = []
  let identity = ProofIdentity()
  var origin: ObjectIdentifier { ObjectIdentifier(identity) }

  /// A theorem of this proof.
  func make(_ formula: Formula, uses: Set<Dependency>) -> Theorem {
    Theorem(formula, uses: uses, origin: origin)
  }

  /// Fails unless every theorem belongs to this proof.
  func own(_ theorems: [Theorem]) throws(KernelError) {
    guard theorems.allSatisfy({ $0.origin == origin }) else {
      throw .shape("theorems of this proof only", theorems.first { $0.origin != origin }!.formula)
    }
  }
  /// Formulas assumed by `assume`, by number; a theorem resting on one has
  /// `assumption:N` in its uses until `discharge` removes it.
  private(set) var assumptions: [Formula] = []

  /// Fails when a parameter's name could be confused with the kernel's names for bound
  /// variables (`#0`, `#1`, ...), which the syntax never produces, or when the behavior range
  /// does not contain 0 (an empty one would prove anything).
  public init(
    _ statement: ResultStatement, definitions: [DefinitionStatement],
    registry: Registry = Registry(), behaviorRange: (low: Rational, high: Rational) = (-1, 1),
    subProbability: Bool = false, probRange: (low: Rational, high: Rational) = (0, 1)
  ) throws(KernelError) {
    if let bad = statement.parameters.first(where: { $0.name.hasPrefix("#") }) {
      throw .notFresh(bad.name)
    }
    // 0 in the range: the law after a prefix of probability 0 has mass 0 (x/0 = 0), so a
    // behavior expectation under it is 0, which `bounds` must include.
    // A Prob variable is nonnegative (`sign`), so its range may not reach below 0.
    guard behaviorRange.low <= .zero, .zero <= behaviorRange.high, .zero <= probRange.low,
      probRange.low <= probRange.high
    else {
      throw .axiom("ranges", "behavior scores' must contain 0, Prob's lie in [0, ∞)")
    }
    (self.statement, self.registry, self.behaviorRange) = (statement, registry, behaviorRange)
    (self.probRange, self.subProbability) = (probRange, subProbability)
    self.definitions = Dictionary(definitions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    self.variables = Dictionary(
      statement.parameters.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
  }

  /// Fails unless `found` is `expected` up to the names of bound variables.
  func require(_ found: Formula, is expected: Formula) throws(KernelError) {
    guard found.canonical == expected.canonical else {
      throw .mismatch(expected: expected, found: found)
    }
  }

  /// Fails unless every free variable of `term` is a variable of the proof.
  func requireKnown(_ free: Set<Variable>) throws(KernelError) {
    let unknown = free.filter { variables[$0.name] != $0 }.map(\.name).sorted()
    guard unknown.isEmpty else { throw .unknownVariables(unknown) }
  }

  // MARK: Logic

  /// `⊢ H` for the hypothesis named `name`.
  public func hypothesis(_ name: String) throws(KernelError) -> Theorem {
    guard let h = statement.hypotheses.first(where: { $0.name == name }) else {
      throw .noSuchHypothesis(name)
    }
    return make(h.formula, uses: [.hypothesis(name)])
  }

  /// `∀x.φ ⊢ φ[x:=t]`, for a term `t` that may stand for `x` (see `admissible`).
  public func instantiate(_ theorem: Theorem, with term: Term, facts: [Theorem] = [])
    throws(KernelError) -> Theorem
  {
    try own([theorem] + facts)
    guard case .forall(let x, let body) = theorem.formula else {
      throw .shape("a ∀ formula", theorem.formula)
    }
    let used = try admissible(term, for: x, facts: facts)
    return make(body.substituting([x: term]), uses: theorem.uses.union(used))
  }

  /// Checks that `term` may replace the variable `x`: it is well sorted and its sort fits (an
  /// ill-sorted term such as `s + s` for a text s would otherwise pass as Real), it mentions only known
  /// variables, and it has the properties a variable of x's sort is known to have. A `Dist`
  /// variable is a distribution of total mass 1, so only such a term may replace it (a
  /// mixture with a weight the facts place in [0, 1], a conditional on a prefix the facts
  /// give positive probability, ...); a `Prob` variable lies in [0, 1], so the term must too.
  /// Returns what the check rests on.
  func admissible(_ term: Term, for x: Variable, facts: [Theorem]) throws(KernelError)
    -> Set<Dependency>
  {
    guard term.isWellSorted, term.sort.isSubsort(of: x.sort) else { throw .sortMismatch(x, term) }
    try requireKnown(term.freeVariables)
    var used: Set<Dependency> = []
    switch x.sort {
    case .dist:
      guard Self.hasFullMass(term, facts: facts, used: &used) else {
        throw .notAdmissible(x, term, "is not known to be a distribution of total mass 1")
      }
    case .prob:
      if case .variable(let v) = term, v.sort == .prob { return [] }
      // Only a probability under a distribution: bounds of other Prob-sorted terms (a max of
      // probabilities, say) are not the range [0, 1]; and [0, 1] must lie in the Prob range.
      let ranges = term.isProbability ? try bounds(term, facts: facts) : []
      guard ranges.count == 2, probRange.low.isZero, probRange.high >= .one else {
        throw .notAdmissible(
          x, term, "is not known to lie in [0, 1] (its law is not known to be a distribution)")
      }
      used = Self.union(ranges)
    default:
      break
    }
    return used
  }

  /// `φ1 ∧ … ∧ φn ⊢ φi` (from 0).
  public func conjunct(_ theorem: Theorem, _ index: Int) throws(KernelError) -> Theorem {
    try own([theorem])
    guard case .and(let parts) = theorem.formula, parts.indices.contains(index) else {
      throw .shape("a conjunction with a part \(index + 1)", theorem.formula)
    }
    return make(parts[index], uses: theorem.uses)
  }

  /// `φ1, …, φn ⊢ φ1 ∧ … ∧ φn`.
  public func conjunction(_ theorems: [Theorem]) throws(KernelError) -> Theorem {
    try own(theorems)
    return make(.and(theorems.map(\.formula)), uses: Self.union(theorems))
  }

  /// `φ ⇒ ψ, φ ⊢ ψ`.
  public func modusPonens(_ implication: Theorem, _ premise: Theorem) throws(KernelError)
    -> Theorem
  {
    try own([implication] + [premise])
    guard case .implies(let a, let b) = implication.formula else {
      throw .shape("an implication", implication.formula)
    }
    try require(premise.formula, is: a)
    return make(b, uses: implication.uses.union(premise.uses))
  }

  /// `d(args) ⊢ body[params:=args]`.
  public func unfold(_ theorem: Theorem) throws(KernelError) -> Theorem {
    try own([theorem])
    guard case .predicate(let id, let args) = theorem.formula else {
      throw .shape("a definition applied to arguments", theorem.formula)
    }
    return make(try body(id, args), uses: theorem.uses.union([.definition(id)]))
  }

  /// `body[params:=args] ⊢ d(args)`: folds a formula back into the definition `predicate`.
  public func fold(_ theorem: Theorem, into predicate: Formula) throws(KernelError) -> Theorem {
    try own([theorem])
    guard case .predicate(let id, let args) = predicate else {
      throw .shape("a definition applied to arguments", predicate)
    }
    try require(theorem.formula, is: try body(id, args))
    try requireKnown(predicate.freeVariables)
    return make(predicate, uses: theorem.uses.union([.definition(id)]))
  }

  /// The body of the definition `id` at `args` (each of its parameter's sort), as `unfold`
  /// gives it and `fold` needs it.
  public func body(_ id: String, _ args: [Term]) throws(KernelError) -> Formula {
    guard let definition = definitions[id] else { throw .noSuchDefinition(id) }
    guard definition.parameters.count == args.count else {
      throw .shape("\(definition.parameters.count) arguments for \(id)", .predicate(id, args))
    }
    var map: [Variable: Term] = [:]
    for (parameter, arg) in zip(definition.parameters, args) {
      guard arg.sort.isSubsort(of: parameter.sort) else { throw .sortMismatch(parameter, arg) }
      map[parameter] = arg
    }
    return definition.body.substituting(map)
  }

  /// `H1σ, …, Hnσ ⊢ Cσ` for the result declared as `id` in the registry, with parameters x,
  /// hypotheses Hi and conclusion C, where σ maps every parameter to a term that may stand
  /// for it. `premises` are in the order of the result's hypotheses. The statement is the
  /// registry's, so a citation says exactly what the cited result states.
  public func cite(
    _ id: String, _ instantiation: [Variable: Term], premises: [Theorem], facts: [Theorem] = []
  ) throws(KernelError) -> Theorem {
    try own(premises + facts)
    guard let result = registry.statements[id] else { throw .noSuchResult(id) }
    let missing = result.parameters.filter { instantiation[$0] == nil }.map(\.name)
    guard missing.isEmpty else { throw .missingInstantiation(missing) }
    var admitted: Set<Dependency> = []
    for parameter in result.parameters {
      admitted.formUnion(try admissible(instantiation[parameter]!, for: parameter, facts: facts))
    }
    let map = instantiation.filter { result.parameters.contains($0.key) }
    guard premises.count == result.hypotheses.count else {
      throw .shape("\(result.hypotheses.count) premises for \(result.id)", .truth(true))
    }
    for (hypothesis, premise) in zip(result.hypotheses, premises) {
      try require(premise.formula, is: hypothesis.formula.substituting(map))
    }
    return make(
      result.conclusion.substituting(map),
      uses: Self.union(premises).union(admitted).union([.result(id)]))
  }

  /// `φ[x:=t] ⊢ ∃x.φ`.
  public func witness(
    _ theorem: Theorem, for goal: Formula, _ term: Term, facts: [Theorem] = []
  ) throws(KernelError) -> Theorem {
    try own([theorem] + facts)
    guard case .exists(let x, let body) = goal else { throw .shape("an ∃ formula", goal) }
    let used = try admissible(term, for: x, facts: facts)
    try requireKnown(goal.freeVariables)
    try require(theorem.formula, is: body.substituting([x: term]))
    return make(goal, uses: theorem.uses.union(used))
  }

  /// `∃x.φ ⊢ φ[x:=x']` with `x'` a variable named `name` that the proof has not used.
  public mutating func obtain(_ theorem: Theorem, as name: String) throws(KernelError)
    -> (Variable, Theorem)
  {
    try own([theorem])
    guard case .exists(let x, let body) = theorem.formula else {
      throw .shape("an ∃ formula", theorem.formula)
    }
    guard variables[name] == nil, !name.hasPrefix("#") else { throw .notFresh(name) }
    let fresh = Variable(name, x.sort)
    variables[name] = fresh
    fixed.append(name)  // later than every fixed variable: `generalize` must not pass over it
    return (fresh, make(body.substituting([x: .variable(fresh)]), uses: theorem.uses))
  }

  /// `a R b, b S c ⊢ a T c` where the relations chain (= with anything; < and ≤ together give
  /// < unless both are ≤; likewise > and ≥).
  public func transitivity(_ first: Theorem, _ second: Theorem) throws(KernelError) -> Theorem {
    try own([first] + [second])
    guard case .relation(let r, let a, let b) = first.formula,
      case .relation(let s, let b2, let c) = second.formula
    else { throw .shape("two relations", .and([first.formula, second.formula])) }
    guard b == b2 || RingForm.equal(b, b2) else {
      throw .mismatch(expected: .relation(s, b, c), found: second.formula)
    }
    guard let t = Self.chain(r, s) else {
      throw .shape("relations that chain (not \(r.rawValue) then \(s.rawValue))", second.formula)
    }
    return make(.relation(t, a, c), uses: first.uses.union(second.uses))
  }

  static func chain(_ r: Relation, _ s: Relation) -> Relation? {
    switch (r, s) {
    case (.eq, _): return s == .ne ? nil : s
    case (_, .eq): return r == .ne ? nil : r
    case (.le, .le), (.ge, .ge): return r
    case (.lt, .le), (.le, .lt), (.lt, .lt): return .lt
    case (.gt, .ge), (.ge, .gt), (.gt, .gt): return .gt
    default: return nil
    }
  }

  /// `⊢ φ`, admitted without proof so that checking can go on after a failed step. The
  /// theorem records `admitted:LABEL` in its uses, and `qed` refuses any theorem that rests on
  /// an admitted one: an admitted step can never make a result verified.
  public func admit(_ formula: Formula, label: String) -> Theorem {
    make(formula, uses: [.admitted(label)])
  }

  /// `t > 0 ⊢ t ≠ 0` and `t < 0 ⊢ t ≠ 0` (either way round).
  public func nonzero(_ theorem: Theorem) throws(KernelError) -> Theorem {
    try own([theorem])
    guard case .relation(let r, let a, let b) = theorem.formula, r == .lt || r == .gt else {
      throw .shape("a strict inequality", theorem.formula)
    }
    return make(.relation(.ne, a, b), uses: theorem.uses)
  }

  /// `A ⊢ A`, an assumption for a case analysis or an implication; recorded in `uses`.
  public mutating func assume(_ formula: Formula) throws(KernelError) -> Theorem {
    try requireKnown(formula.freeVariables)
    assumptions.append(formula.canonical)
    return make(formula, uses: [.assumption(assumptions.count - 1)])
  }

  /// `C` resting on the assumption `A` ⊢ `A ⇒ C`, no longer resting on it.
  public func discharge(_ theorem: Theorem, _ assumption: Theorem) throws(KernelError) -> Theorem {
    try own([theorem] + [assumption])
    guard assumption.uses.count == 1, case .assumption(let index)? = assumption.uses.first,
      assumptions.indices.contains(index), assumptions[index] == assumption.formula
    else { throw .shape("an assumption made by assume", assumption.formula) }
    var uses = theorem.uses
    uses.remove(.assumption(index))
    return make(.implies(assumption.formula, theorem.formula), uses: uses)
  }

  /// `Ai ⊢ A1 ∨ … ∨ An`.
  public func disjunction(_ part: Theorem, _ claim: Formula) throws(KernelError) -> Theorem {
    try own([part])
    try requireKnown(claim.freeVariables)
    guard case .or(let parts) = claim.canonical, parts.contains(part.formula) else {
      throw .shape("a disjunction with a part \(part.formula)", claim)
    }
    return make(claim, uses: part.uses)
  }

  /// `A1 ∨ … ∨ An, A1 ⇒ C, …, An ⇒ C ⊢ C`.
  public func cases(_ disjunction: Theorem, _ branches: [Theorem]) throws(KernelError) -> Theorem {
    try own([disjunction] + branches)
    guard case .or(let parts) = disjunction.formula, parts.count == branches.count,
      case .implies(_, let conclusion)? = branches.first?.formula
    else { throw .shape("a disjunction and one implication per case", disjunction.formula) }
    for (part, branch) in zip(parts, branches) {
      try require(branch.formula, is: .implies(part, conclusion))
    }
    return make(conclusion, uses: Self.union([disjunction] + branches))
  }

  /// `φ(0), ∀k. k ≥ 1 ⇒ φ(k - 1) ⇒ φ(k) ⊢ ∀k. k ≥ 0 ⇒ φ(k)` for an integer k: induction on the
  /// naturals (φ holds at 0, hence at 1, 2, … in turn); φ's other variables stay fixed. The
  /// claim's free variables are those of φ(0), a theorem, so the proof knows them all.
  public func induction(_ claim: Formula, base: Theorem, step: Theorem) throws(KernelError)
    -> Theorem
  {
    try own([base, step])
    guard case .forall(let k, .implies(let low, let phi)) = claim, k.sort == .int,
      low == .relation(.ge, .variable(k), .number(.zero))
    else { throw .shape("∀ k : Int, k ≥ 0 ⇒ φ", claim) }
    let previous = phi.substituting([k: .apply(.sub, [.variable(k), .number(.one)])])
    try require(base.formula, is: phi.substituting([k: .number(.zero)]))
    let positive = Formula.relation(.ge, .variable(k), .number(.one))
    try require(step.formula, is: .forall(k, .implies(positive, .implies(previous, phi))))
    return make(claim, uses: Self.union([base, step]))
  }

  /// Ends the proof: `theorem` must be exactly the result's conclusion, and rest on nothing
  /// admitted and no open assumption.
  public func qed(_ theorem: Theorem) throws(KernelError) -> Checked {
    try own([theorem])
    try require(theorem.formula, is: statement.conclusion)
    for use in theorem.uses.sorted() {
      if case .admitted(let label) = use { throw .admitted(label) }
      if case .assumption(let index) = use { throw .admitted("assumption:\(index)") }
    }
    return Checked(statement: statement, uses: theorem.uses)
  }

  static func union(_ theorems: [Theorem]) -> Set<Dependency> {
    theorems.reduce(into: []) { $0.formUnion($1.uses) }
  }
}

// MARK: Equality, generalisation, sums
//
//   fix           introduces a new variable, for ∀-introduction
//   generalize    φ(y) ⊢ ∀y.φ(y)             y fixed, φ mentions no variable introduced after y
//   sumMonotone   ∀x. f ≤ g ⊢ Σ_x f ≤ Σ_x g  (Σ over sentences, an index range, or E under a
//                                             distribution)
//   sumTriangle   ⊢ |Σ_x f| ≤ Σ_x |f|        (likewise)

extension ProofState {
  /// A new variable named `name`, for proving a ∀ by proving its body for an arbitrary value.
  public mutating func fix(_ name: String, _ sort: Sort) throws(KernelError) -> Variable {
    guard variables[name] == nil, !name.hasPrefix("#") else { throw .notFresh(name) }
    let variable = Variable(name, sort)
    variables[name] = variable
    fixed.append(name)
    generalizable.insert(name)
    return variable
  }

  /// `φ(y) ⊢ ∀y.φ(y)` for a variable `y` made by `fix`. Sound because nothing the proof knew
  /// before `y` mentions it; refused when φ mentions a variable introduced after `y` (such as
  /// one obtained from an ∃ that depends on `y`).
  public func generalize(_ theorem: Theorem, over y: Variable) throws(KernelError) -> Theorem {
    try own([theorem])
    guard generalizable.contains(y.name), let position = fixed.firstIndex(of: y.name),
      variables[y.name] == y
    else { throw .notFresh(y.name) }
    let later = Set(fixed[(position + 1)...])
    let offending = theorem.formula.freeVariables.map(\.name).filter { later.contains($0) }.sorted()
    guard offending.isEmpty else {
      throw .shape(
        "no variable introduced after \(y.name) (here \(offending.joined(separator: ", ")))",
        theorem.formula)
    }
    // An open assumption about y would make the ∀ claim rest on a fact about one y only.
    // An open assumption about y, or about a variable introduced after y (which may depend on
    // y), would make the ∀ claim rest on a fact about one y only.
    for case .assumption(let index) in theorem.uses
    where assumptions.indices.contains(index)
      && assumptions[index].freeVariables.contains(where: { $0 == y || later.contains($0.name) })
    {
      throw .shape("no open assumption about \(y.name) or a later variable", assumptions[index])
    }
    return make(.forall(y, theorem.formula), uses: theorem.uses)
  }

  /// `∀x. f(x) ≤ g(x) ⊢ B_x f ≤ B_x g` (or `<`, `=` giving `≤`) for two binder terms of the same
  /// kind and range: a sum over sentences, a sum over an index range, or an expectation under
  /// a distribution (nonnegative weights).
  ///
  /// Strict (`<`) when the pointwise fact is strict and the sum is over an index range
  /// `a..b` with `a` a natural and a fact `a ≤ b` (so the range holds at least one term).
  public func sumMonotone(_ lhs: Term, _ rhs: Term, pointwise: Theorem, facts: [Theorem] = [])
    throws(KernelError) -> Theorem
  {
    try own([pointwise] + facts)
    try requireKnown(lhs.freeVariables.union(rhs.freeVariables))
    var claim = Formula.relation(.le, lhs, rhs).canonical
    guard
      case .relation(
        _, .bind(let binder, let x, let range, let f), .bind(let binder2, let x2, let range2, let g)
      ) = claim,
      binder == binder2, x == x2, range == range2, binder != .product, binder != .variance
    else { throw .shape("two sums or expectations over the same range", claim) }
    var used: Set<Dependency> = []
    if binder == .expectation, !Self.isDistribution(range[0], facts: [], used: &used) {
      throw .axiom("sumMonotone", "the law \(range[0]) is not known to be a distribution")
    }
    // The pointwise fact must be ∀x. f ≤ g (or <, or =), compared in canonical form.
    let equal = [Formula.relation(.eq, f, g), .relation(.eq, g, f)]
    let weak = equal + [.relation(.le, f, g), .relation(.ge, g, f)]
    let strictForms = [Formula.relation(.lt, f, g), .relation(.gt, g, f)]
    // The fact is needed only for the terms the sum weighs: it may be stated for texts of the
    // expectation's length n (∀x. |x| = n ⇒ f ≤ g), for indices up to a sum's top b
    // (∀j. j ≤ b ⇒ f ≤ g: the indices are b at most).
    let top = range.last ?? .variable(x)
    var sized: [Formula] = []
    if binder == .expectation, range.count == 2 {
      sized = [.relation(.eq, .apply(.length, [.variable(x)]), top)]
    } else if binder == .sum, range.count == 2 {
      sized = [.relation(.le, .variable(x), top)]
    }
    let quantified = { (forms: [Formula]) -> [Formula] in
      forms.flatMap { f in [f] + sized.map { .implies($0, f) } }.map { .forall(x, $0).canonical }
    }
    let isStrict = quantified(strictForms).contains(pointwise.formula)
    if quantified(equal).contains(pointwise.formula) {
      // Termwise equal: the sums are equal.
      claim = Formula.relation(.eq, lhs, rhs).canonical
    }
    guard isStrict || quantified(weak).contains(pointwise.formula) else {
      throw .mismatch(expected: .forall(x, .relation(.le, f, g)), found: pointwise.formula)
    }
    if isStrict, binder == .sum, range[0].sort.isSubsort(of: .nat) {
      let gap = RingForm.of(range[1]) - RingForm.of(range[0])
      if let nonempty = facts.first(where: {
        guard let (p, kind) = Self.signForm($0.formula) else { return false }
        return kind != .zero && p == gap
      }) {
        used.formUnion(nonempty.uses)
        claim = Formula.relation(.lt, lhs, rhs).canonical
      }
    }
    return make(claim, uses: pointwise.uses.union(used))
  }

  /// `⊢ |B_x f| ≤ B_x |f|` for a sum over sentences or an index range, or an expectation under
  /// a distribution.
  public func sumTriangle(_ sum: Term) throws(KernelError) -> Theorem {
    try requireKnown(sum.freeVariables)
    guard case .bind(let binder, let x, let range, let f) = sum, binder != .product,
      binder != .variance
    else { throw .shape("a sum or expectation", .relation(.eq, sum, sum)) }
    var used: Set<Dependency> = []
    if binder == .expectation, !Self.isDistribution(range[0], facts: [], used: &used) {
      throw .axiom("sumTriangle", "the law is not known to be a distribution")
    }
    return make(
      .relation(.le, .apply(.abs, [sum]), .bind(binder, x, range: range, body: .apply(.abs, [f]))),
      uses: used)
  }
}

extension Term {
  /// The term with every numeric subterm equal to `a` as a polynomial (same ring form, so the
  /// same value) replaced by `b`, except under binders of `a`'s or `b`'s variables and inside
  /// events (left as they are).
  func replacingModuloRing(_ a: Term, with b: Term) -> Term {
    let target = RingForm.of(a)
    func visit(_ t: Term) -> Term {
      if t == a { return b }
      if case .number = t { return t }
      if t.sort.isNumeric, RingForm.of(t) == target { return b }
      switch t {
      case .number, .variable: return t
      case .apply(let op, let args): return .apply(op, args.map(visit))
      case .bind(let binder, let v, let range, let body):
        let inner = a.freeVariables.contains(v) || b.freeVariables.contains(v) ? body : visit(body)
        return .bind(binder, v, range: range.map(visit), body: inner)
      case .probability(let v, let law, let length, let event):
        let inner = event  // events are left as they are
        return .probability(v, law: visit(law), length: length.map(visit), event: inner)
      }
    }
    return visit(self)
  }
}
