import BEBKernel
import BEBNumeric
import BEBSymbolic
import BEBSyntax

extension Formula {
  /// Whether the formula is a ∀.
  var isForall: Bool {
    if case .forall = self { true } else { false }
  }
  /// Whether the formula is a conjunction.
  var isConjunction: Bool {
    if case .and = self { true } else { false }
  }
}

extension Dependency {
  /// The label of an open assumption (`assumption:N`), as the trace of a proof names it.
  var assumptionLabel: String? {
    if case .assumption(let index) = self { "assumption:\(index)" } else { nil }
  }
}

/// Why a step could not be justified, for people.
struct StepFailure: Error {
  let reason: String
  /// `refuted` when the claim is shown false (as an identity), not merely unproved.
  var refuted = false
  /// The cited result and its hypothesis that were not discharged, when that is why.
  var undischarged: CitedHypothesis?

  init(_ reason: String, refuted: Bool = false) {
    self.reason = reason
    self.refuted = refuted
  }
}

/// The outcome of checking one proof.
struct ProofOutcome {
  var steps: [StepReport] = []
  /// The kernel's certificate that the conclusion was derived, if it was.
  var checked: Checked?
  /// Why the proof does not establish the result, if it does not.
  var failure: String?
  /// What the proof does, for running it on worlds (BEBNumeric.ProofRun).
  var trace: [TraceEvent] = []
  /// The name each assumption was given in the proof (`suppose g : …`), by kernel label.
  var assumptionNames: [String: String] = [:]
}

/// Checks one proof, step by step. Untrusted: it only decides which kernel rules to call and
/// with what; every fact it holds is a kernel `Theorem`.
struct ProofChecker {
  let entry: Entry
  let results: [String: Entry]
  /// The definition bridges of a what-if (`Development.bridges`).
  let bridges: [String: (old: String, lemmas: [String])]
  /// The hypotheses of this result that a what-if dropped (`Development.dropped`).
  let dropped: [String]
  var state: ProofState
  var elaborator: Elaborator
  /// Hypotheses and established facts by name.
  var facts: [String: Theorem] = [:]
  /// The `suppose` name of each open assumption, by its kernel label.
  var assumptionNames: [String: String] = [:]
  var outcome = ProofOutcome()
  /// The span of the step (or calc link) being checked, recorded with its verdict.
  var currentSpan: Span?

  init(entry: Entry, development: Development, global: GlobalContext, registry: Registry? = nil) {
    self.entry = entry
    var results: [String: Entry] = [:]
    for e in development.entries where e.kind != .definition { results[e.id] = e }
    self.results = results
    bridges = development.bridges
    dropped = development.dropped[entry.id] ?? []
    let definitions = development.kernelDefinitions
    // The elaborator never makes names the kernel refuses; fall back to an empty statement.
    state =
      (try? ProofState(
        entry.kernelStatement, definitions: definitions,
        registry: registry ?? development.registry))
      ?? (try! ProofState(
        ResultStatement(id: entry.id, parameters: [], hypotheses: [], conclusion: .truth(false)),
        definitions: []))
    elaborator = Elaborator(global: global)
    for hypothesis in entry.hypotheses {
      if let theorem = try? state.hypothesis(hypothesis.name) { facts[hypothesis.name] = theorem }
    }
  }

  // MARK: Steps

  mutating func run(_ proof: ProofDecl) -> ProofOutcome {
    guard let declaration = entry.declaration else { return outcome }
    do {
      try elaborator.enter(declaration)
    } catch {
      outcome.failure = "the result's own clauses do not elaborate: \(error.error.message)"
      return outcome
    }
    for (index, step) in proof.steps.enumerated() {
      check(step, position: index + 1)
    }
    if outcome.checked == nil && outcome.failure == nil {
      outcome.failure = "the proof does not reach the conclusion \(Display.text(entry.formula))"
    }
    return outcome
  }

  /// What a step claims, as recorded: a syntax tree (printed for the text, typeset by the
  /// reports) or, for steps that claim no formula (`let`, `fix`, a calc chain), a word.
  enum Claim {
    case text(String)
    case expr(Expr)
    case formula(Formula)

    var syntax: Expr? {
      switch self {
      case .text: nil
      // With the parentheses the printed text has (a quantifier before ∧ is bracketed), for
      // typesetters, which add only those their own precedences need.
      case .expr(let expr): Printer.bracketed(expr)
      case .formula(let formula): Printer.bracketed(Display.syntax(formula))
      }
    }
  }

  private mutating func record(
    _ id: String, _ stated: Claim, _ rule: String, _ added: Bool, _ failure: StepFailure?,
    uses: Set<Dependency>, formula: Formula? = nil
  ) {
    let syntax = stated.syntax
    let claim: String
    if case .text(let text) = stated {
      claim = text
    } else {
      claim = syntax.map(Printer.print) ?? ""
    }
    let uses = uses.sorted()
    if let formula {
      let assumptions = uses.compactMap { $0.assumptionLabel }
      outcome.trace.append(.step(outcome.steps.count, formula, assumptions: assumptions))
    }
    let symbolic: String
    if let failure {
      symbolic = failure.refuted ? "refuted" : "unjustified"
    } else {
      symbolic = "verified"
    }
    let scope = failure == nil ? [] : self.scope()
    outcome.steps.append(
      StepReport(
        id: id, claim: claim, syntax: syntax, rule: rule, symbolic: symbolic, numeric: "skipped",
        worlds: 0,
        added: added, reason: failure?.reason, undischarged: failure?.undischarged,
        uses: uses.compactMap { if case .hypothesis(let h) = $0 { h } else { nil } },
        restsOn: uses.compactMap { if case .admitted(let a) = $0 { a } else { nil } },
        cites: uses.compactMap { if case .result(let r) = $0 { r } else { nil } },
        scope: scope, span: currentSpan,
        location: currentSpan.flatMap { span in
          entry.proofFile.map { file in
            let (line, column) = file.location(of: span.start)
            return "\(file.path):\(line):\(column)"
          }
        }))
  }

  private mutating func check(_ step: Step, position: Int) {
    let label = "step-\(position)"
    currentSpan = step.span
    switch step.kind {
    case .let(let name, let value):
      do {
        try elaborator.abbreviate(name, value)
      } catch {
        record(
          label, .text("let \(name.text)"), "let", step.added, StepFailure(error.error.message),
          uses: [])
      }
    case .have(let name, let claim, let why):
      let id = name.text
      guard let formula = elaborate(claim, id, why.rule.text, step.added) else {
        facts[id] = state.admit(.truth(true), label: id)
        return
      }
      let theorem = establish(formula, why, id: id, added: step.added)
      facts[id] = theorem
      conclude(with: theorem)
    case .obtain(let names, let stated, let why):
      obtain(names, stated, why, label: stated.first?.0.text ?? label, added: step.added)
    case .calc(let name, let start, let links):
      calc(name?.text, start, links, label: name?.text ?? label, added: step.added)
    case .show(let claim, let why):
      guard let formula = elaborate(claim, label, why.rule.text, step.added) else { return }
      conclude(with: establish(formula, why, id: label, added: step.added))
    case .conclude(let witnesses):
      concludeWith(witnesses, label: label, added: step.added)
    case .fix(let names, let sortName):
      do {
        let sort = try elaborator.sortNamed(sortName)
        for name in names {
          let variable = try state.fix(name.text, sort)
          try elaborator.introduce(variable, at: name)
          outcome.trace.append(.fix(variable))
        }
      } catch {
        let reason =
          (error as? LocatedElaborationError)?.error.message
          ?? (error as? KernelError).map(message) ?? "\(error)"
        record(
          label, .text("fix " + names.map(\.text).joined(separator: " ")), "fix", step.added,
          StepFailure(reason), uses: [])
      }
    case .suppose(let name, let claim):
      guard let formula = elaborate(claim, name.text, "suppose", step.added) else { return }
      do {
        let assumption = try state.assume(formula)
        let label = assumption.uses.first?.assumptionLabel ?? name.text
        outcome.trace.append(.suppose(label, formula))
        facts[name.text] = assumption
        assumptionNames[label] = name.text
        outcome.assumptionNames[label] = name.text
      } catch {
        record(
          name.text, .formula(formula), "suppose", step.added, StepFailure(message(error)),
          uses: [])
      }
    }
  }

  /// Elaborates a claim; on failure records the step as unjustified.
  private mutating func elaborate(_ claim: Expr, _ id: String, _ rule: String, _ added: Bool)
    -> Formula?
  {
    do {
      return try elaborator.formula(claim)
    } catch {
      record(id, .expr(claim), rule, added, StepFailure(error.error.message), uses: [])
      return nil
    }
  }

  /// Justifies `formula`, records the step, and returns the theorem (admitted on failure).
  private mutating func establish(_ formula: Formula, _ why: Justification, id: String, added: Bool)
    -> Theorem
  {
    do {
      let theorem = try justify(formula, why)
      record(
        id, .formula(formula), why.rule.text, added, nil, uses: theorem.uses, formula: formula)
      return theorem
    } catch {
      record(id, .formula(formula), why.rule.text, added, error, uses: [], formula: formula)
      return state.admit(formula, label: id)
    }
  }

  /// Ends the proof if `theorem` is the result's conclusion.
  private mutating func conclude(with theorem: Theorem) {
    guard outcome.checked == nil, theorem.formula == entry.formula.canonical else { return }
    do {
      outcome.checked = try state.qed(theorem)
    } catch {
      outcome.failure = message(error)
    }
  }

  private mutating func calc(
    _ name: String?, _ start: Expr, _ links: [CalcLink], label: String, added: Bool
  ) {
    var lhs: Term
    do {
      lhs = try elaborator.term(start).0
    } catch {
      record(label, .expr(start), "calc", added, StepFailure(error.error.message), uses: [])
      return
    }
    var chained: Theorem?
    for (k, link) in links.enumerated() {
      let id = "\(label).\(k + 1)"
      currentSpan = Span(link.rhs.span.start, link.justification.span.end)
      let rhs: Term
      do {
        rhs = try elaborator.term(link.rhs).0
      } catch {
        record(
          id, .expr(link.rhs), link.justification.rule.text, added,
          StepFailure(error.error.message), uses: [])
        return
      }
      let relation = Relation(link.relation)
      let theorem = establish(
        .relation(relation, lhs, rhs), link.justification, id: id, added: added)
      if let previous = chained {
        do {
          chained = try state.transitivity(previous, theorem)
        } catch {
          record(
            id + ".chain", .text("chain"), "calc", added, StepFailure(message(error)), uses: [])
          return
        }
      } else {
        chained = theorem
      }
      lhs = rhs
    }
    guard let result = chained else { return }
    if let name { facts[name] = result }
    conclude(with: result)
  }

  private mutating func obtain(
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
    } catch let error as StepFailure {
      record(label, claimed, why.rule.text, added, error, uses: [])
      admitObtained(names, stated, from: why.rule.text)
      return
    } catch let error as KernelError {
      record(label, claimed, why.rule.text, added, StepFailure(message(error)), uses: [])
      admitObtained(names, stated, from: why.rule.text)
      return
    } catch {
      let failure = (error as? LocatedElaborationError)?.error.message ?? "\(error)"
      record(label, claimed, why.rule.text, added, StepFailure(failure), uses: [])
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
          StepFailure("the fact does not elaborate"), uses: [])
        continue
      }
      if index < parts.count, parts[index].formula == formula.canonical {
        facts[name.text] = parts[index]
      } else {
        let found = index < parts.count ? Display.text(parts[index].formula) : "nothing"
        record(
          name.text, .formula(formula), why.rule.text, added,
          StepFailure("the cited result gives \(found) here"), uses: [])
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

  private mutating func concludeWith(_ witnesses: [Expr], label: String, added: Bool) {
    var goal = entry.formula
    var terms: [(Formula, Term)] = []
    do {
      for witness in witnesses {
        guard case .exists(let x, let body) = goal else {
          throw StepFailure("the conclusion has fewer ∃ than witnesses given")
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
    } catch let error as StepFailure {
      record(label, .formula(goal), "conclude", added, error, uses: [], formula: goal)
    } catch let error as KernelError {
      record(
        label, .formula(goal), "conclude", added, StepFailure(message(error)), uses: [],
        formula: goal)
    } catch {
      record(
        label, .formula(goal), "conclude", added, StepFailure("\(error)"), uses: [],
        formula: goal)
    }
  }

  private mutating func elaborateTerm(_ expr: Expr) throws -> Term {
    do {
      return try elaborator.term(expr).0
    } catch {
      throw StepFailure(error.error.message)
    }
  }

  // MARK: Justifications

  /// A kernel theorem of `claim` by the justification `why`.
  mutating func justify(_ claim: Formula, _ why: Justification) throws(StepFailure) -> Theorem {
    do {
      return try justifyUnchecked(claim, why)
    } catch let error as StepFailure {
      throw error
    } catch let error as KernelError {
      throw StepFailure(message(error))
    } catch {
      throw StepFailure("\(error)")
    }
  }

  private mutating func justifyUnchecked(_ claim: Formula, _ why: Justification) throws -> Theorem {
    let rule = why.rule.text
    if facts[rule] == nil, let gone = droppedFailure(rule) { throw gone }
    if case .forall(let x, let body) = claim, !["def", "intro"].contains(rule), facts[rule] == nil,
      results[rule] == nil || !(results[rule]!.formula.isForall)
    {
      // ∀-introduction: prove the body for a new variable, then generalise.
      var name = x.name
      while state.variables[name] != nil { name += "'" }
      let fresh = try state.fix(name, x.sort)
      // In the justification, the bound variable's name means the new variable.
      let saved = elaborator.shadow(x.name, as: fresh)
      defer { elaborator.restore(x.name, saved) }
      let inner = try justifyUnchecked(body.substituting([x: .variable(fresh)]), why)
      return try state.generalize(inner, over: fresh)
    }
    if case .and(let parts) = claim,
      ["linarith", "nlinarith", "positivity", "mono", "ring", "field", "subst"].contains(rule)
    {
      // A conjunction (such as a chain a ≤ b ≤ c) part by part: a part that is a cited fact
      // is taken as it is, the others by the rule.
      let cited = (try? why.facts.map { try fact($0) }) ?? []
      return try state.conjunction(
        try parts.map { part in
          if let known = try? derive(part, from: cited, automation: false) { return known }
          return try justifyUnchecked(part, why)
        })
    }
    if let theorem = facts[rule] {
      var instantiated = theorem
      for argument in why.facts {
        instantiated = try state.instantiate(
          instantiated, with: try elaborateTerm(argument), facts: allFacts())
      }
      return try derive(claim, from: [instantiated], automation: false)
    }
    if results[rule] != nil {
      let conclusion = try cite(rule, why)
      return try derive(claim, from: [conclusion], automation: false)
    }
    let cited = try why.facts.map { try fact($0) }
    let equations = cited.flatMap(split).filter {
      if case .relation(.eq, _, _) = $0.formula { return true } else { return false }
    }
    guard let name = RuleName(rawValue: rule) else {
      let known = ProofRule.names + facts.keys.sorted() + results.keys.sorted()
      let hint =
        ElaborationError.suggestion(for: rule, among: known).map { "; did you mean '\($0)'?" } ?? ""
      throw StepFailure("unknown rule, fact or result '\(rule)'\(hint)")
    }
    // Exhaustive: a rule name added to RuleName must be handled here (and described in
    // ProofRule.all, which a test holds to RuleName).
    switch name {
    case .ring, .subst:
      guard case .relation(.eq, let a, let b) = claim else {
        throw StepFailure(
          "\(rule) proves only equations (left side = right side); for an inequality use "
            + "linarith, mono or positivity")
      }
      do {
        return try state.ring(a, b, using: equations)
      } catch {
        throw equations.isEmpty
          ? disagreement(a, b, rule: rule)
          : StepFailure("\(rule): the two sides differ after rewriting with the cited equations")
      }
    case .field:
      guard case .relation(.eq, let a, let b) = claim else {
        throw StepFailure(
          "field proves only equations (left side = right side); for an inequality use "
            + "linarith, mono or positivity")
      }
      let available = cited.flatMap(split) + allFacts()
      var nonzero = available
      let (a2, b2) = (ProofState.rewritten(a, equations), ProofState.rewritten(b, equations))
      for divisor in ProofState.divisors(a2) + ProofState.divisors(b2) {
        if let sign = try? state.sign(divisor, facts: available) {
          nonzero.append((try? state.nonzero(sign)) ?? sign)
        }
      }
      guard NormalForm.normalize(a2).isEquivalent(to: NormalForm.normalize(b2)) else {
        throw equations.isEmpty
          ? disagreement(a, b, rule: "field")
          : StepFailure("field: the two sides differ after rewriting with the cited equations")
      }
      return try state.field(a, b, facts: nonzero, using: equations)
    case .cantelli:
      return try state.cantelli(claim, facts: cited.flatMap(split) + allFacts())
    case .markov:
      return try state.markov(claim, facts: cited.flatMap(split) + allFacts())
    case .unionBound:
      return try state.unionBound(claim, facts: allFacts())
    case .mixtureEvent:
      return try state.mixtureEvent(claim, facts: cited.flatMap(split) + allFacts())
    case .complement:
      return try state.complement(claim, facts: allFacts())
    case .expectConst:
      return try state.expectConstant(claim, facts: cited.flatMap(split) + allFacts())
    case .sumConst:
      return try state.sumConstant(claim, facts: cited.flatMap(split) + allFacts())
    case .prMono:
      guard let pointwise = cited.first else {
        throw StepFailure("pr_mono needs the pointwise fact: by pr_mono [h] with h : ∀ x, φ ⇒ ψ")
      }
      return try state.eventMonotone(claim, pointwise: pointwise, facts: allFacts())
    case .cases:
      // by cases [h, facts…]: h is A1 ∨ … ∨ An (or x ∈ {a, b}); the claim follows in each case
      // from that case and the other cited facts, by exact lookup or linear arithmetic.
      guard let disjunction = cited.first, case .or(let parts) = disjunction.formula else {
        throw StepFailure("cases needs a disjunction first: by cases [h] with h : A ∨ B")
      }
      var branches: [Theorem] = []
      for part in parts {
        let assumption = try state.assume(part)
        let pool = [assumption] + cited.dropFirst().flatMap(split)
        var proved = try? derive(claim, from: pool, automation: false)
        if proved == nil, case .relation(let r, _, _) = claim.canonical, r != .eq, r != .ne {
          proved = try? linarith(claim, pool + hypothesisFacts(), products: true)
        }
        guard let proved else {
          throw StepFailure("cases: in the case \(Display.text(part)) the claim does not follow")
        }
        branches.append(try state.discharge(proved, assumption))
      }
      return try state.cases(disjunction, branches)
    case .witness:
      // by witness [facts] with x := t: the claim ∃ x, φ, from φ[x := t] (the facts, or linear
      // arithmetic over them and the known facts).
      var goal = claim
      var chosen: [(Formula, Term)] = []
      while case .exists(let x, let body) = goal,
        let binding = why.bindings.first(where: { $0.0.text == x.name })
      {
        let term = try elaborateTerm(binding.1)
        chosen.append((goal, term))
        goal = body.substituting([x: term])
      }
      guard !chosen.isEmpty else {
        throw StepFailure("witness proves ∃ x, φ: name the witness with 'with x := t'")
      }
      var result = try derive(goal, from: cited, automation: true)
      for (existential, term) in chosen.reversed() {
        result = try state.witness(result, for: existential, term, facts: allFacts())
      }
      return result
    case .intro:
      // by intro [h]: the claim ∀x…, A ⇒ … ⇒ C, where x… were fixed, A… supposed, and C
      // follows from the cited facts; discharges the assumptions and generalises.
      var body = claim
      var variables: [Variable] = []
      while case .forall(let x, let inner) = body {
        guard let v = state.variables[x.name], v.sort == x.sort else {
          throw StepFailure("intro: fix \(x.name) : \(x.sort) first")
        }
        variables.append(v)
        body = inner.substituting([x: .variable(v)])
      }
      var premises: [Formula] = []
      while case .implies(let a, let c) = body {
        premises.append(a)
        body = c
      }
      var result = try derive(body, from: cited, automation: true)
      var discharged: [String] = []
      for premise in premises.reversed() {
        guard
          let assumption = facts.keys.sorted().compactMap({ facts[$0] }).first(where: {
            $0.formula == premise.canonical && $0.uses.count == 1
              && $0.uses.first?.assumptionLabel != nil
          })
        else {
          throw StepFailure("intro: suppose \(Display.text(premise)) first")
        }
        result = try state.discharge(result, assumption)
        discharged += assumption.uses.sorted().compactMap(\.assumptionLabel)
      }
      for v in variables.reversed() { result = try state.generalize(result, over: v) }
      let proved = try derive(claim, from: [result], automation: false)
      for label in discharged { outcome.trace.append(.discharge(label)) }
      return proved
    case .triangle:
      guard case .relation(.le, .apply(.abs, let inner), _) = claim.canonical else {
        throw StepFailure("triangle proves |Σ f| ≤ Σ |f|")
      }
      return try derive(claim, from: [try state.sumTriangle(inner[0])], automation: false)
    case .sumLe:
      guard case .relation(let r, let x, let y) = claim, let pointwise = cited.first else {
        throw StepFailure("sum_le needs the pointwise fact: by sum_le [h] with h : ∀ x, f ≤ g")
      }
      let (a, b) = r == .gt || r == .ge ? (y, x) : (x, y)
      return try derive(
        claim,
        from: [
          try state.sumMonotone(
            a, b, pointwise: pointwise, facts: cited.dropFirst().flatMap(split) + allFacts())
        ],
        automation: false)
    case .linarith:
      return try linarith(claim, cited.flatMap(split), products: false)
    case .nlinarith:
      return try linarith(claim, cited.flatMap(split), products: true)
    case .mono:
      guard case .relation(_, let a, let b) = claim.canonical else {
        throw StepFailure("mono proves inequalities")
      }
      let pool = cited.flatMap(split) + hypothesisFacts()
      let (u, v) = Self.leaf(a, b)
      var leaf: Theorem?
      for relation in [Relation.lt, .gt, .le, .ge] where leaf == nil {
        leaf = try? derive(.relation(relation, u, v), from: cited, automation: false)
        if leaf == nil { leaf = try? linarith(.relation(relation, u, v), pool, products: true) }
      }
      guard let leaf else {
        throw StepFailure("mono: no fact compares \(Display.text(u)) with \(Display.text(v))")
      }
      return try derive(
        claim, from: [try state.mono(a, b, leaf: leaf, facts: pool)], automation: false)
    case .positivity:
      return try positivity(claim, cited.flatMap(split) + hypothesisFacts())
    case .`def`:
      // Under a definition edit, a cited fact NEW(t̄) also gives OLD(t̄) by a bridge result
      // (NEW(ū) ⇒ OLD(ū), ū matched against t̄; its other hypotheses discharged from the
      // facts), cited like any result: the kernel checks the instance.
      var bridged: [Theorem] = []
      for theorem in cited {
        guard case .predicate(let name, let args) = theorem.formula, let bridge = bridges[name]
        else { continue }
        for id in bridge.lemmas {
          if let derived = try? bridgeInstance(id, name, args, theorem) { bridged.append(derived) }
        }
      }
      for theorem in cited + bridged {
        if let unfolded = try? state.unfold(theorem),
          let result = try? derive(claim, from: [unfolded], automation: false)
        {
          return result
        }
        if case .predicate = claim, let folded = try? state.fold(theorem, into: claim) {
          return folded
        }
      }
      throw StepFailure("the claim is neither the unfolding of a cited fact nor folds into one")
    case .existsAboveMean:
      throw StepFailure(
        "exists_above_mean opens an ∃: obtain x such that … by exists_above_mean [h]")
    }
  }

  /// The ∃ theorem an `obtain` opens: a cited result, or a fact (instantiated with the
  /// bracketed terms).
  private mutating func source(_ why: Justification) throws -> Theorem {
    let rule = why.rule.text
    if results[rule] != nil { return try cite(rule, why) }
    if facts[rule] == nil, let gone = droppedFailure(rule) { throw gone }
    if rule == "exists_above_mean" {
      guard let premise = try why.facts.map({ try fact($0) }).first else {
        throw StepFailure(
          "exists_above_mean needs the fact E[x ~ D] f > t: by exists_above_mean [h]")
      }
      return try state.existsAboveMean(premise, facts: allFacts())
    }
    if var theorem = facts[rule] {
      for argument in why.facts {
        theorem = try state.instantiate(
          theorem, with: try elaborateTerm(argument), facts: allFacts())
      }
      return theorem
    }
    throw StepFailure("'obtain' needs a result or a fact that states ∃, not '\(rule)'")
  }

  /// A cited fact: `name`, or `name(t1, ..., tn)` instantiating its leading ∀s.
  private mutating func fact(_ expr: Expr) throws -> Theorem {
    switch expr.kind {
    case .name(let name):
      guard let theorem = facts[name] else { throw unknownFact(name) }
      return theorem
    case .call(let head, let args, nil):
      if case .name(let name) = head.kind, facts[name] == nil, let gone = droppedFailure(name) {
        throw gone
      }
      guard case .name(let name) = head.kind, var theorem = facts[name] else {
        throw StepFailure(
          "expected a fact name, or a fact applied to terms, in '\(Printer.print(expr))'")
      }
      for argument in args {
        theorem = try state.instantiate(
          theorem, with: try elaborateTerm(argument), facts: allFacts())
      }
      return theorem
    default:
      throw StepFailure(
        "expected a fact name, or a fact applied to terms, in '\(Printer.print(expr))'")
    }
  }

  private func unknownFact(_ name: String) -> StepFailure {
    if let gone = droppedFailure(name) { return gone }
    let hint =
      ElaborationError.suggestion(for: name, among: facts.keys.sorted()).map {
        "; did you mean '\($0)'?"
      } ?? ""
    return StepFailure(
      "unknown fact '\(name)' (not a hypothesis, nor established before this step)\(hint)")
  }

  /// The failure of a step that still cites `name`, a hypothesis the what-if dropped.
  private func droppedFailure(_ name: String) -> StepFailure? {
    guard dropped.contains(name) else { return nil }
    return StepFailure(
      "the step uses the hypothesis '\(name)', which the edit dropped (--drop \(name))")
  }

  /// How many facts of earlier steps a failing step's scope shows (the latest ones).
  static let scopeShown = 12

  /// The facts in scope, as `name : formula`: the hypotheses, then the named facts of earlier
  /// steps in proof order (the latest `scopeShown`, after a line saying how many are left out);
  /// a fact admitted in place of a step that did not elaborate is left out.
  private func scope() -> [String] {
    let hypotheses = entry.hypotheses.map(\.name)
    func line(_ name: String) -> String? {
      guard let fact = facts[name], fact.formula != .truth(true) else { return nil }
      return name + " : " + Display.text(fact.formula)
    }
    var seen = Set(hypotheses)
    let earlier = outcome.steps.map(\.id).filter { facts[$0] != nil && seen.insert($0).inserted }
      .compactMap(line)
    let shown = earlier.suffix(Self.scopeShown)
    let omitted =
      earlier.count > shown.count
      ? ["(\(earlier.count - shown.count) earlier facts not shown)"] : []
    return hypotheses.compactMap(line) + omitted + shown
  }

  /// Every known fact, split into conjuncts.
  private func allFacts() -> [Theorem] {
    facts.keys.sorted().compactMap { facts[$0] }.flatMap(split)
  }

  /// The hypotheses of the result, split into their conjuncts.
  private func hypothesisFacts() -> [Theorem] {
    entry.hypotheses.compactMap { facts[$0.name] }.flatMap(split)
  }

  /// A theorem and, for a conjunction, its parts (recursively).
  /// The formula and its conjuncts, at every depth (as `split` gives them for a theorem).
  static func conjuncts(_ formula: Formula) -> [Formula] {
    guard case .and(let parts) = formula else { return [formula] }
    return [formula] + parts.flatMap(conjuncts)
  }

  func split(_ theorem: Theorem) -> [Theorem] {
    guard case .and(let parts) = theorem.formula else { return [theorem] }
    return [theorem] + parts.indices.compactMap { try? state.conjunct(theorem, $0) }.flatMap(split)
  }

  /// `claim` from `sources`: one of them or a conjunct of one, exactly; failing that (for
  /// relations), by linear arithmetic over them; with `automation`, over every known fact too.
  private func derive(_ claim: Formula, from sources: [Theorem], automation: Bool) throws -> Theorem
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
          || (consequence.isConjunction
            && Self.conjuncts(consequence).contains(target))
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
    let gave = sources.map { Display.text($0.formula) }.joined(separator: "; ")
    throw StepFailure(
      "the claim \(Display.text(claim)) does not follow from \(gave.isEmpty ? "the facts" : gave)")
  }

  /// Instantiates the result `id` with the bindings of `why`, discharging its hypotheses.
  /// OLD(t̄) from `fact` = NEW(t̄) by the bridge result `id`, whose hypothesis NEW(ū) is
  /// matched against the fact; nil when it does not match or a hypothesis is not discharged.
  private mutating func bridgeInstance(_ id: String, _ new: String, _ args: [Term], _ fact: Theorem)
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
    for (p, t) in zip(pattern, args) where !Self.match(p, t, statement.parameters, &map) {
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

  /// First-order matching of `pattern` (over `parameters`) against `term`, extending `map`.
  static func match(
    _ pattern: Term, _ term: Term, _ parameters: [Variable], _ map: inout [Variable: Term]
  )
    -> Bool
  {
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

  private mutating func cite(_ id: String, _ why: Justification) throws -> Theorem {
    guard let statement = state.registry.statements[id] else {
      throw StepFailure("unknown result '\(id)'")
    }
    var map: [Variable: Term] = [:]
    for (name, expr) in why.bindings {
      guard let parameter = statement.parameters.first(where: { $0.name == name.text }) else {
        let hint =
          ElaborationError.suggestion(for: name.text, among: statement.parameters.map(\.name)).map {
            "; did you mean '\($0)'?"
          } ?? ""
        throw StepFailure("'\(id)' has no parameter '\(name.text)'\(hint)")
      }
      let term = try elaborateTerm(expr)
      guard term.sort.isSubsort(of: parameter.sort) else {
        throw StepFailure(
          "\(Display.text(term)) does not have the sort \(parameter.sort) of '\(parameter.name)' in '\(id)' (it is \(term.sort))"
        )
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
    guard missing.isEmpty else {
      throw StepFailure(
        "bind the parameters \(missing.joined(separator: ", ")) of '\(id)' with 'with x := t'")
    }
    let available = try why.facts.map { try fact($0) }.flatMap(split) + allFacts()
    var premises: [Theorem] = []
    for hypothesis in statement.hypotheses {
      let needed = hypothesis.formula.substituting(map)
      do {
        premises.append(try derive(needed, from: available, automation: true))
      } catch {
        var failure = StepFailure(
          "hypothesis '\(hypothesis.name)' of '\(id)' is not discharged: \(Display.text(needed))")
        failure.undischarged = CitedHypothesis(result: id, hypothesis: hypothesis.name)
        throw failure
      }
    }
    return try state.cite(id, map, premises: premises, facts: allFacts())
  }

  /// The axiom schema `a ≤ b, b ≤ a ⊢ a = b` through which linarith proves an equation.
  static let antisymmetry = "ax-le-antisymm"

  /// `left = right` by (n)linarith: each of `left ≤ right` and `right ≤ left` by the kernel's
  /// certificate replay, then the axiom schema `ax-le-antisymm` cited with both (so the
  /// result rests on it, as on any schema). The kernel's linarith proves inequalities only.
  private func equation(_ left: Term, _ right: Term, _ given: [Theorem], products: Bool) throws
    -> Theorem
  {
    let rule = products ? "nlinarith" : "linarith"
    guard let schema = state.registry.statements[Self.antisymmetry], schema.parameters.count == 2
    else {
      throw StepFailure(
        "\(rule) proves an equation as two inequalities (≤ both ways) with the axiom schema "
          + "\(Self.antisymmetry), which is not loaded (import \"beb/axioms\"); or use ring or field"
      )
    }
    var halves: [Theorem] = []
    for (a, b) in [(left, right), (right, left)] {
      let half = Formula.relation(.le, a, b)
      do {
        halves.append(try linarith(half, given, products: products))
      } catch {
        let listed = given.map { Display.text($0.formula) }.joined(separator: "; ")
        throw StepFailure(
          "\(rule) proves an equation as two inequalities (≤ both ways) and found no "
            + "combination of \(listed.isEmpty ? "the atoms' ranges (no fact is cited)" : listed)"
            + " that proves " + Display.text(half))
      }
    }
    let map = [schema.parameters[0]: left, schema.parameters[1]: right]
    let theorem = try state.cite(Self.antisymmetry, map, premises: halves, facts: allFacts())
    // A schema of that id stating something else (a development's own) proves nothing here.
    guard theorem.formula.canonical == Formula.relation(.eq, left, right).canonical else {
      throw StepFailure(
        "the axiom schema \(Self.antisymmetry) loaded does not state a ≤ b, b ≤ a ⊢ a = b")
    }
    return theorem
  }

  private func linarith(_ goal: Formula, _ given: [Theorem], products: Bool) throws -> Theorem {
    // The rule the step names, in what is said about it.
    let rule = products ? "nlinarith" : "linarith"
    guard let target = ProofState.signForm(goal) else {
      throw StepFailure("\(rule) proves =, ≤, <, ≥ or >")
    }
    if target.1 == .zero, case .relation(.eq, let left, let right) = goal {
      return try equation(left, right, given, products: products)
    }
    // The facts, plus the ranges the vocabulary guarantees for the atoms they mention.
    var pool = given.filter { ProofState.signForm($0.formula) != nil }
    var atoms: [Term] = []
    for formula in pool.map(\.formula) + [goal.canonical] {
      for term in formula.terms { collectAtoms(term, into: &atoms) }
    }
    // Ranges and signs of the atoms may use the hypotheses as well as the cited facts.
    let known = given + hypothesisFacts()
    for atom in atoms {
      pool += (try? state.bounds(atom, facts: known)) ?? []
      if products, let sign = try? state.sign(atom, facts: known) { pool.append(sign) }
    }
    var unique: [Theorem] = []
    for theorem in pool
    where ProofState.signForm(theorem.formula) != nil
      && !unique.contains(where: { $0.formula == theorem.formula })
    {
      unique.append(theorem)
    }
    if products && unique.count > 14 { unique = Array(unique.prefix(14)) }
    let forms = unique.map { ProofState.signForm($0.formula)! }
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
    let listed = given.map { Display.text($0.formula) }.joined(separator: "; ")
    throw StepFailure(
      listed.isEmpty
        ? "\(rule): no fact is cited, and the ranges of the atoms alone do not prove the claim"
        : "\(rule) found no combination of \(listed) that proves the claim")
  }

  /// Where two terms differ: descend while both have the same operator and differ in exactly
  /// one argument (the kernel's `mono` walks the same way and checks each node).
  static func leaf(_ a: Term, _ b: Term) -> (Term, Term) {
    var (x, y) = (a, b)
    while case .apply(let op, let xs) = x, case .apply(let op2, let ys) = y, op == op2,
      xs.count == ys.count
    {
      let differing = xs.indices.filter { xs[$0] != ys[$0] }
      // Stop where the parts that differ are not numbers (P₀(s) vs P₁(s) differ in the law).
      guard differing.count == 1, xs[differing[0]].sort.isNumeric else { break }
      (x, y) = (xs[differing[0]], ys[differing[0]])
    }
    return (x, y)
  }

  /// The subterms linarith treats as unknowns: everything but + − · and numbers.
  private func collectAtoms(_ term: Term, into atoms: inout [Term]) {
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

  private func positivity(_ claim: Formula, _ available: [Theorem]) throws -> Theorem {
    guard case .relation(let r, let a, let b) = claim.canonical else {
      throw StepFailure("positivity proves t > 0, t ≥ 0 or t ≠ 0")
    }
    let zero = Term.number(.zero)
    let subject: Term
    if b == zero {
      subject = a
    } else if a == zero {
      subject = b
    } else {
      throw StepFailure("positivity proves t > 0, t ≥ 0 or t ≠ 0 (one side must be 0)")
    }
    let sign = try state.sign(subject, facts: available)
    if sign.formula == claim.canonical { return sign }
    if r == .ne, let nonzero = try? state.nonzero(sign) { return nonzero }
    return try linarith(claim, [sign], products: false)
  }

  // MARK: Messages

  /// A failed ring/field step: refuted when a rational point separates the sides.
  private func disagreement(_ a: Term, _ b: Term, rule: String) -> StepFailure {
    if let point = Counterpoint.find(a, b) {
      return StepFailure(
        "the two sides differ: at \(point) the left side is not the right side", refuted: true)
    }
    // Rewriting does not reach under a binder: a sum's terms are rewritten by sum_le.
    func hasBinder(_ t: Term) -> Bool {
      switch t {
      case .bind, .probability: return true
      case .apply(_, let args): return args.contains(where: hasBinder)
      case .number, .variable: return false
      }
    }
    let underBinder = hasBinder(a) || hasBinder(b)
    return StepFailure(
      "\(rule): the normal forms of \(Display.text(a)) and \(Display.text(b)) differ"
        + (underBinder
          ? " (equations rewrite outside sums and expectations only; for termwise equal sums, "
            + "prove ∀ x, f = g and use sum_le [h])" : ""))
  }

  func message(_ error: KernelError) -> String {
    switch error {
    case .noSuchHypothesis(let name): return "no hypothesis named '\(name)'"
    case .noSuchDefinition(let id): return "no definition '\(id)'"
    case .noSuchResult(let id): return "no result '\(id)' is declared"
    case .shape(let wanted, let found): return "expected \(wanted), found \(Display.text(found))"
    case .mismatch(let expected, let found):
      return "expected \(Display.text(expected)), found \(Display.text(found))"
    case .sortMismatch(let variable, let term):
      return "\(Display.text(term)) does not have the sort \(variable.sort) of '\(variable.name)'"
    case .unknownVariables(let names): return "unknown variables: \(names.joined(separator: ", "))"
    case .notFresh(let name):
      return "'\(name)' is already a variable of the proof: choose a new name"
    case .missingInstantiation(let names):
      return "parameters not bound: \(names.joined(separator: ", "))"
    case .sideCondition(let formula):
      // A divisor under a binder of the claim (its bound variable is free here): no fact in
      // scope can show it nonzero for every value, so say where it comes from.
      // Said only of field's `d ≠ 0` (other rules' side conditions are not about divisors),
      // with the bound variable named apart from every name in scope.
      var isDivisor = false
      if case .relation(.ne, _, .number(let zero)) = formula, zero.isZero { isDivisor = true }
      let underBinder = isDivisor && formula.freeVariables.contains { $0.name.hasPrefix("#") }
      guard underBinder else { return "side condition not discharged: \(Display.text(formula))" }
      let inScope = Set(state.variables.keys).union(elaborator.scope.keys)
      let shown = Display.text(formula, avoiding: inScope)
      return "side condition not discharged: \(shown)"
        + " (a divisor inside a sum or expectation of the claim: field needs every divisor "
        + "nonzero, those under a binder too, and there for every value of the bound "
        + "variable, which no fact in scope shows)"
    case .notEqual(let a, let b): return "\(Display.text(a)) and \(Display.text(b)) differ"
    case .certificate(let text): return "linarith certificate rejected: \(text)"
    case .axiom(let name, let text): return "axiom \(name): \(text)"
    case .admitted(let label):
      if let name = assumptionNames[label] {
        return "rests on the assumption '\(name)', which is still open (close it with 'by intro')"
      }
      return "rests on step '\(label)', which is not justified"
    case .notAdmissible(let variable, let term, let why):
      return
        "\(Display.text(term)) cannot stand for '\(variable.name)' : \(variable.sort): it \(why)"
    }
  }
}

/// Finds a rational point where two terms of the field fragment differ (untrusted evidence
/// for a `refuted` verdict; only reported when exact evaluation shows the difference).
enum Counterpoint {
  static func find(_ a: Term, _ b: Term) -> String? {
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
        return variables.map { "\($0.name) = \(point[$0]!)" }.joined(separator: ", ")
      }
    }
    return nil
  }
}
