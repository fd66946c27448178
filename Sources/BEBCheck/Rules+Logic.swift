import BEBKernel
import BEBSymbolic

/// The logic rules: unfolding definitions, cases, witnesses, introduction.
extension ProofRule {
  static let logic: [ProofRule] = [
    ProofRule(
      name: "def", family: .logic,
      proves:
        "the unfolding of a definition in a cited fact, or its folding (from that fact, or "
        + "from facts that give the definition's body)",
      usage: "by def [h]", sideConditions: "none", kernel: ["unfold", "fold"],
      wholeForall: true, apply: { try $0.definition($1) }),
    ProofRule(
      name: "cases", family: .logic, proves: "any claim",
      usage: "by cases [h, facts…] with h : A ∨ B (or x ∈ {a, b})",
      sideConditions: "the claim follows in each case from that case and the facts",
      kernel: ["cases"], apply: { try $0.cases($1) }),
    ProofRule(
      name: "witness", family: .logic, proves: "∃ x, φ",
      usage: "by witness [facts] with x := t",
      sideConditions: "φ with t for x follows from the facts",
      kernel: ["witness"], apply: { try $0.witness($1) }),
    ProofRule(
      name: "intro", family: .logic, proves: "∀ x…, A ⇒ … ⇒ C",
      usage: "after `fix x : S` and `suppose a : A` steps: by intro [h] with h : C",
      sideConditions: "discharges the assumptions and generalises the fixed variables",
      kernel: ["discharge", "generalize"], wholeForall: true, apply: { try $0.intro($1) }),
    ProofRule(
      name: "induction", family: .logic, proves: "∀ k : Int, k ≥ 0 ⇒ φ(k)",
      usage:
        "by induction [base, step] with base : φ(0), step : ∀ k : Int, k ≥ 1 ⇒ φ(k - 1) ⇒ φ(k)",
      sideConditions: "none (the facts must be exactly φ(0) and the step, up to bound names)",
      kernel: ["induction"], wholeForall: true, apply: { try $0.induction($1) }),
  ]
}

extension ProofChecker {
  /// by def [h]: the claim is the unfolding of a cited fact, or folds into one (or its body,
  /// instantiated, follows from the cited facts). Under a
  /// definition edit, a cited fact NEW(t̄) also gives OLD(t̄) by a bridge result (NEW(ū) ⇒
  /// OLD(ū), ū matched against t̄; its other hypotheses discharged from the facts), cited like
  /// any result: the kernel checks the instance.
  mutating func definition(_ step: RuleStep) throws -> Theorem {
    var bridged: [Theorem] = []
    for theorem in step.cited {
      guard case .predicate(let name, let args) = theorem.formula, let bridge = bridges[name]
      else { continue }
      for id in bridge.lemmas {
        if let derived = try? bridgeInstance(id, name, args, theorem) { bridged.append(derived) }
      }
    }
    for theorem in step.cited + bridged {
      if let unfolded = try? state.unfold(theorem),
        let result = try? derive(step.claim, from: [unfolded], automation: false)
      {
        return result
      }
      if case .predicate = step.claim, let folded = try? state.fold(theorem, into: step.claim) {
        return folded
      }
    }
    // Folding a claim d(t̄) whose body follows from the facts (a part of a disjunction, the
    // parts of a conjunction, …): the kernel's `fold` checks the body it is given.
    if case .predicate(let id, let args) = step.claim,
      let instance = try? state.body(id, args),
      let body = try? derive(instance, from: step.cited, automation: true)
    {
      return try state.fold(body, into: step.claim)
    }
    throw StepError.noFoldOrUnfold
  }

  /// OLD(t̄) from `fact` = NEW(t̄) by the bridge result `id`, whose hypothesis NEW(ū) is
  /// matched against the fact; nil when it does not match or a hypothesis is not discharged.
  private func bridgeInstance(_ id: String, _ new: String, _ args: [Term], _ fact: Theorem)
    throws -> Theorem?
  {
    guard let statement = state.registry.statements[id],
      let index = statement.hypotheses.firstIndex(where: {
        if case .predicate(new, _) = $0.formula { true } else { false }
      }),
      case .predicate(_, let pattern) = statement.hypotheses[index].formula,
      pattern.count == args.count
    else { return nil }
    var map: [Variable: Term] = [:]
    for (p, t) in zip(pattern, args) where !Prover.match(p, t, statement.parameters, &map) {
      return nil
    }
    guard statement.parameters.allSatisfy({ map[$0] != nil }) else { return nil }
    var premises: [Theorem] = []
    for (k, hypothesis) in statement.hypotheses.enumerated() {
      premises.append(
        k == index
          ? fact
          : try derive(hypothesis.formula.substituting(map), from: allFacts(), automation: true))
    }
    return try state.cite(id, map, premises: premises, facts: allFacts())
  }

  /// by cases [h, facts…]: h is A1 ∨ … ∨ An (or x ∈ {a, b}); the claim follows in each case
  /// from that case and the other cited facts, by exact lookup or linear arithmetic.
  mutating func cases(_ step: RuleStep) throws -> Theorem {
    guard let disjunction = step.cited.first, case .or(let parts) = disjunction.formula else {
      throw StepError.casesNeedsDisjunction
    }
    let claim = step.claim
    var branches: [Theorem] = []
    for part in parts {
      let assumption = try state.assume(part)
      let pool = [assumption] + step.cited.dropFirst().flatMap(split)
      var proved = try? derive(claim, from: pool, automation: false)
      if proved == nil, case .relation(let r, _, _) = claim.canonical, r != .eq, r != .ne {
        proved = try? prover.linarith(claim, pool + hypothesisFacts(), products: true)
      }
      guard let proved else { throw StepError.caseDoesNotFollow(part) }
      branches.append(try state.discharge(proved, assumption))
    }
    return try state.cases(disjunction, branches)
  }

  /// by witness [facts] with x := t: the claim ∃ x, φ, from φ[x := t] (the facts, or linear
  /// arithmetic over them and the known facts).
  mutating func witness(_ step: RuleStep) throws -> Theorem {
    var goal = step.claim
    var chosen: [(Formula, Term)] = []
    while case .exists(let x, let body) = goal,
      let binding = step.why.bindings.first(where: { $0.0.text == x.name })
    {
      let term = try elaborateTerm(binding.1)
      chosen.append((goal, term))
      goal = body.substituting([x: term])
    }
    guard !chosen.isEmpty else { throw StepError.witnessUnnamed }
    var result = try derive(goal, from: step.cited, automation: true)
    for (existential, term) in chosen.reversed() {
      result = try state.witness(result, for: existential, term, facts: allFacts())
    }
    return result
  }

  /// by induction [base, step]: the claim ∀ k : Int, k ≥ 0 ⇒ φ(k) from base : φ(0) and
  /// step : ∀ k : Int, k ≥ 1 ⇒ φ(k - 1) ⇒ φ(k) (the kernel's rule).
  mutating func induction(_ step: RuleStep) throws -> Theorem {
    guard step.cited.count == 2 else { throw StepError.inductionNeedsTwo }
    return try state.induction(step.claim, base: step.cited[0], step: step.cited[1])
  }

  /// by intro [h]: the claim ∀x…, A ⇒ … ⇒ C, where x… were fixed, A… supposed, and C
  /// follows from the cited facts; discharges the assumptions and generalises.
  mutating func intro(_ step: RuleStep) throws -> Theorem {
    var body = step.claim
    var variables: [Variable] = []
    while case .forall(let x, let inner) = body {
      guard let v = state.variables[x.name], v.sort == x.sort else {
        throw StepError.introFixFirst(x)
      }
      variables.append(v)
      body = inner.substituting([x: .variable(v)])
    }
    var premises: [Formula] = []
    while case .implies(let a, let c) = body {
      premises.append(a)
      body = c
    }
    var result = try derive(body, from: step.cited, automation: true)
    var discharged: [String] = []
    for premise in premises.reversed() {
      guard
        let assumption = facts.keys.sorted().compactMap({ facts[$0] }).first(where: {
          $0.formula == premise.canonical && $0.uses.count == 1
            && $0.uses.first?.assumptionLabel != nil
        })
      else { throw StepError.introSupposeFirst(premise) }
      result = try state.discharge(result, assumption)
      discharged += assumption.uses.sorted().compactMap(\.assumptionLabel)
    }
    for v in variables.reversed() { result = try state.generalize(result, over: v) }
    let proved = try derive(step.claim, from: [result], automation: false)
    for label in discharged { outcome.trace.append(.discharge(label)) }
    return proved
  }
}
