import BEBKernel
import BEBNumeric
import BEBSymbolic
import BEBSyntax

/// Checks one proof, step by step: the step interpreter. Untrusted: it only decides which
/// kernel rules to call and with what; every fact it holds is a kernel `Theorem`.
///
/// The rest of the checker is beside it: the steps that open and close ∃
/// (ProofChecker+Existentials.swift), citations (ProofChecker+Citations.swift), the rule
/// table with each rule's apply function (ProofRules.swift, Rules+Logic.swift,
/// Rules+Arithmetic.swift, Rules+Probability.swift), the proof search (BEBSymbolic's
/// `Prover`), and every message of a failed step (StepError.swift).
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
  /// The sign forms the automation's searches have computed in this proof.
  let signForms = SignForms()

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
        registry: registry ?? development.registry,
        behaviorRange: (
          development.assumptions.behaviors.low, development.assumptions.behaviors.high
        ),
        subProbability: development.assumptions.subProbability,
        probRange: (
          development.assumptions.probabilities.low, development.assumptions.probabilities.high
        )))
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

  mutating func record(
    _ id: String, _ stated: Claim, _ rule: String, _ added: Bool, _ failure: StepError?,
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
    let symbolic: KernelVerdict = failure.map { $0.refuted ? .refuted : .unjustified } ?? .verified
    let scope = failure == nil ? [] : self.scope()
    outcome.steps.append(
      StepReport(
        id: id, claim: claim, syntax: syntax, rule: rule, symbolic: symbolic, numeric: .skipped,
        worlds: 0,
        added: added, reason: failure.map { message($0) }, undischarged: failure?.undischarged,
        error: failure,
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
          label, .text("let \(name.text)"), "let", step.added, .elaboration(error.error),
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
        record(
          label, .text("fix " + names.map(\.text).joined(separator: " ")), "fix", step.added,
          StepError(error), uses: [])
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
          name.text, .formula(formula), "suppose", step.added, .kernel(error),
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
      record(id, .expr(claim), rule, added, .elaboration(error.error), uses: [])
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
  mutating func conclude(with theorem: Theorem) {
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
      record(label, .expr(start), "calc", added, .elaboration(error.error), uses: [])
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
          .elaboration(error.error), uses: [])
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
            id + ".chain", .text("chain"), "calc", added, .kernel(error), uses: [])
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

  mutating func elaborateTerm(_ expr: Expr) throws -> Term {
    do {
      return try elaborator.term(expr).0
    } catch {
      throw StepError.elaboration(error.error)
    }
  }

  // MARK: Justifications

  /// A kernel theorem of `claim` by the justification `why`.
  mutating func justify(_ claim: Formula, _ why: Justification) throws(StepError) -> Theorem {
    do {
      return try justifyUnchecked(claim, why)
    } catch {
      throw StepError(error)
    }
  }

  private mutating func justifyUnchecked(_ claim: Formula, _ why: Justification) throws -> Theorem {
    let name = why.rule.text
    let rule = ProofRule.named(name)
    if facts[name] == nil, dropped.contains(name) { throw StepError.dropped(name) }
    if case .forall(let x, let body) = claim, rule?.wholeForall != true, facts[name] == nil,
      results[name] == nil || !(results[name]!.formula.isForall)
    {
      // ∀-introduction: prove the body for a new variable, then generalise.
      var fresh = x.name
      while state.variables[fresh] != nil { fresh += "'" }
      let variable = try state.fix(fresh, x.sort)
      // In the justification, the bound variable's name means the new variable.
      let saved = elaborator.shadow(x.name, as: variable)
      defer { elaborator.restore(x.name, saved) }
      let inner = try justifyUnchecked(body.substituting([x: .variable(variable)]), why)
      return try state.generalize(inner, over: variable)
    }
    if case .and(let parts) = claim, rule?.partwise == true {
      // A conjunction (such as a chain a ≤ b ≤ c) part by part: a part that is a cited fact
      // is taken as it is, the others by the rule.
      let cited = (try? why.facts.map { try fact($0) }) ?? []
      return try state.conjunction(
        try parts.map { part in
          if let known = try? derive(part, from: cited, automation: false) { return known }
          return try justifyUnchecked(part, why)
        })
    }
    if let theorem = facts[name] {
      var instantiated = theorem
      for argument in why.facts {
        instantiated = try state.instantiate(
          instantiated, with: try elaborateTerm(argument), facts: allFacts())
      }
      return try derive(claim, from: [instantiated], automation: false)
    }
    if results[name] != nil {
      let conclusion = try cite(name, why)
      return try derive(claim, from: [conclusion], automation: false)
    }
    let cited = try why.facts.map { try fact($0) }
    guard let rule else {
      let known = ProofRule.names + facts.keys.sorted() + results.keys.sorted()
      throw StepError.unknownRule(
        name, suggestion: ElaborationError.suggestion(for: name, among: known))
    }
    return try rule.apply(&self, RuleStep(claim: claim, why: why, cited: cited))
  }

  // MARK: Automation (BEBSymbolic's Prover, over the facts in scope)

  /// The automation, over the facts in scope and the result's hypotheses.
  var prover: Prover {
    Prover(
      state: state, facts: facts, hypotheses: entry.hypotheses.map(\.name), forms: signForms)
  }

  /// `claim` from `sources` (exactly, by rewriting, modus ponens or linear arithmetic; with
  /// `automation`, over every known fact too).
  func derive(_ claim: Formula, from sources: [Theorem], automation: Bool) throws -> Theorem {
    try prover.derive(claim, from: sources, automation: automation)
  }

  /// Every known fact, split into conjuncts.
  func allFacts() -> [Theorem] { prover.allFacts() }

  /// The hypotheses of the result, split into their conjuncts.
  func hypothesisFacts() -> [Theorem] { prover.hypothesisFacts() }

  /// A theorem and, for a conjunction, its parts (recursively).
  func split(_ theorem: Theorem) -> [Theorem] { prover.split(theorem) }

  // MARK: Scope

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
}
