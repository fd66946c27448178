import BEBKernel
import BEBSyntax

/// What a step cites: facts by name (instantiated with terms), results (their hypotheses
/// discharged from the facts), and the ∃ an `obtain` opens.
extension ProofChecker {
  /// The ∃ theorem an `obtain` opens: a cited result, a rule that opens one, or a fact
  /// (instantiated with the bracketed terms).
  mutating func source(_ why: Justification) throws -> Theorem {
    let name = why.rule.text
    if results[name] != nil { return try cite(name, why) }
    if facts[name] == nil, dropped.contains(name) { throw StepError.dropped(name) }
    if let open = ProofRule.named(name)?.open { return try open(&self, why) }
    if var theorem = facts[name] {
      for argument in why.facts {
        theorem = try state.instantiate(
          theorem, with: try elaborateTerm(argument), facts: allFacts())
      }
      return theorem
    }
    throw StepError.obtainNeedsExists(name)
  }

  /// A cited fact: `name`, or `name(t1, ..., tn)` instantiating its leading ∀s.
  mutating func fact(_ expr: Expr) throws -> Theorem {
    switch expr.kind {
    case .name(let name):
      guard let theorem = facts[name] else { throw unknownFact(name) }
      return theorem
    case .call(let head, let args, nil):
      if case .name(let name) = head.kind, facts[name] == nil, dropped.contains(name) {
        throw StepError.dropped(name)
      }
      guard case .name(let name) = head.kind, var theorem = facts[name] else {
        throw StepError.notAFact(expr)
      }
      for argument in args {
        theorem = try state.instantiate(
          theorem, with: try elaborateTerm(argument), facts: allFacts())
      }
      return theorem
    default:
      throw StepError.notAFact(expr)
    }
  }

  private func unknownFact(_ name: String) -> StepError {
    if dropped.contains(name) { return .dropped(name) }
    return .unknownFact(
      name, suggestion: ElaborationError.suggestion(for: name, among: facts.keys.sorted()))
  }

  /// Instantiates the result `id` with the bindings of `why` (a parameter not bound keeps
  /// the proof's variable of its name and sort), discharging its hypotheses from the facts.
  mutating func cite(_ id: String, _ why: Justification) throws -> Theorem {
    guard let statement = state.registry.statements[id] else {
      throw StepError.unknownResult(id)
    }
    var map: [Variable: Term] = [:]
    for (name, expr) in why.bindings {
      guard let parameter = statement.parameters.first(where: { $0.name == name.text }) else {
        throw StepError.noSuchParameter(
          result: id, name: name.text,
          suggestion: ElaborationError.suggestion(
            for: name.text, among: statement.parameters.map(\.name)))
      }
      let term = try elaborateTerm(expr)
      guard term.sort.isSubsort(of: parameter.sort) else {
        throw StepError.parameterSort(result: id, parameter: parameter, term: term)
      }
      map[parameter] = term
    }
    for parameter in statement.parameters where map[parameter] == nil {
      // A parameter not bound explicitly keeps its name if the proof has a variable of that
      // name and sort (the common case: the lemma is stated in the same letters).
      if let variable = state.variables[parameter.name], variable.sort.isSubsort(of: parameter.sort)
      {
        map[parameter] = .variable(variable)
      }
    }
    let missing = statement.parameters.filter { map[$0] == nil }.map(\.name)
    guard missing.isEmpty else { throw StepError.unboundParameters(result: id, names: missing) }
    let available = try why.facts.map { try fact($0) }.flatMap(split) + allFacts()
    var premises: [Theorem] = []
    for hypothesis in statement.hypotheses {
      let needed = hypothesis.formula.substituting(map)
      do {
        premises.append(try derive(needed, from: available, automation: true))
      } catch {
        throw StepError.undischarged(result: id, hypothesis: hypothesis.name, needed: needed)
      }
    }
    return try state.cite(id, map, premises: premises, facts: allFacts())
  }
}
