import BEBKernel
import BEBSyntax

/// The steps that open or close an ∃: `obtain x such that … by …` and `conclude with t`.
extension ProofChecker {
  mutating func obtain(
    _ names: [Name], _ stated: [(Name, Expr)], _ why: Justification, label: String, added: Bool
  ) {
    // What the step states: ∃ names, facts (the names' sorts come from the cited result).
    // The parser reads at least one fact.
    let none = Span(0, 0)
    let statedFacts = stated.map(\.1)
    let statedBody = statedFacts.dropFirst().reduce(statedFacts[0]) {
      Expr(.binary(.and, $0, $1), none)
    }
    let claimed = Claim.expr(
      Expr(
        .quantified(
          .exists, [BinderGroup(names: names, domain: .sort(Name("", none)))], statedBody),
        none))
    var theorem: Theorem
    var variables: [Variable] = []
    do {
      theorem = try source(why)
      for name in names {
        let (variable, body) = try state.obtain(theorem, as: name.text)
        try elaborator.introduce(variable, at: name)
        variables.append(variable)
        theorem = body
      }
    } catch {
      record(label, claimed, why.rule.text, added, StepError(error), uses: [])
      admitObtained(names, stated, from: why.rule.text)
      return
    }
    // The body must be the stated facts, in order (one fact, or a conjunction of them).
    var parts: [Theorem] = [theorem]
    if stated.count > 1 {
      parts = (0..<stated.count).compactMap { try? state.conjunct(theorem, $0) }
    }
    for (index, (name, expr)) in stated.enumerated() {
      guard let formula = try? elaborator.formula(expr) else {
        record(
          name.text, .expr(expr), why.rule.text, added,
          .factDoesNotElaborate, uses: [])
        continue
      }
      if index < parts.count, parts[index].formula == formula.canonical {
        facts[name.text] = parts[index]
      } else {
        record(
          name.text, .formula(formula), why.rule.text, added,
          .citedGives(index < parts.count ? parts[index].formula : nil), uses: [])
        facts[name.text] = state.admit(formula, label: name.text)
        return
      }
    }
    // On worlds: the obtained facts must have a witness, which the rest of the proof uses.
    let body: Formula = parts.count == 1 ? parts[0].formula : .and(parts.map(\.formula))
    let claim = variables.reversed().reduce(body) { .exists($1, $0) }
    // Obtained, the names have their sorts: ∃ k : Nat, ∃ q : Text, facts (text the parser reads).
    let sorted = zip(names, variables).reversed().reduce(statedBody) { body, named in
      let group = BinderGroup(
        names: [named.0], domain: .sort(Name(named.1.sort.rawValue, none)))
      return Expr(.quantified(.exists, [group], body), none)
    }
    record(label, .expr(sorted), why.rule.text, added, nil, uses: theorem.uses, formula: claim)
    outcome.trace.append(.obtain(variables, body))
  }

  /// After a failed `obtain`, brings the names into scope with admitted facts, so the rest of
  /// the proof can still be checked (and never verified).
  private mutating func admitObtained(_ names: [Name], _ stated: [(Name, Expr)], from rule: String)
  {
    // The sorts come from the cited result's ∃ conclusion when there is one; otherwise Text,
    // the common case for prompts (later elaboration errors then say what is wrong).
    var sorts: [Sort] = []
    var conclusion = results[rule]?.formula
    while case .exists(let x, let body)? = conclusion {
      sorts.append(x.sort)
      conclusion = body
    }
    for (index, name) in names.enumerated() {
      let sort = index < sorts.count ? sorts[index] : .text
      if let (variable, _) = try? state.obtain(
        state.admit(.exists(Variable(name.text, sort), .truth(true)), label: name.text),
        as: name.text)
      {
        try? elaborator.introduce(variable, at: name)
      }
    }
    for (name, expr) in stated {
      if let formula = try? elaborator.formula(expr) {
        facts[name.text] = state.admit(formula, label: name.text)
      }
    }
  }

  mutating func concludeWith(_ witnesses: [Expr], label: String, added: Bool) {
    var goal = entry.formula
    var terms: [(Formula, Term)] = []
    do {
      for witness in witnesses {
        guard case .exists(let x, let body) = goal else {
          throw StepError.fewerExistsThanWitnesses
        }
        let term = try elaborateTerm(witness)
        terms.append((goal, term))
        goal = body.substituting([x: term])
      }
      var theorem = try derive(goal, from: allFacts(), automation: true)
      for (existential, term) in terms.reversed() {
        theorem = try state.witness(theorem, for: existential, term, facts: allFacts())
      }
      record(
        label, .formula(entry.formula), "conclude", added, nil, uses: theorem.uses,
        formula: goal)
      conclude(with: theorem)
    } catch {
      record(label, .formula(goal), "conclude", added, StepError(error), uses: [], formula: goal)
    }
  }
}
