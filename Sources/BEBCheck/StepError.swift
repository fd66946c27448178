import BEBKernel
import BEBSymbolic
import BEBSyntax

/// Why a proof step is not justified: data, with the terms and formulas involved. Every
/// message is worded in one place, `ProofChecker.message(_:)` below; the step's place in the
/// source is recorded with it (`StepReport.span`, `StepReport.location`).
public enum StepError: Error, Sendable {
  // What the parts under the checker say.
  /// The claim, a term or a sort does not elaborate.
  case elaboration(ElaborationError)
  /// A kernel rule refused.
  case kernel(KernelError)
  /// The automation found no proof.
  case prover(ProverFailure)
  /// An error of no known kind (its description).
  case other(String)

  // Names.
  case unknownRule(String, suggestion: String?)
  case unknownFact(String, suggestion: String?)
  /// The step names a hypothesis that a what-if dropped.
  case dropped(String)
  /// A cited fact is neither a name nor a name applied to terms.
  case notAFact(Expr)
  case unknownResult(String)

  // Citing a result.
  case noSuchParameter(result: String, name: String, suggestion: String?)
  case parameterSort(result: String, parameter: Variable, term: Term)
  case unboundParameters(result: String, names: [String])
  /// A hypothesis of the cited result does not follow from the facts.
  case undischarged(result: String, hypothesis: String, needed: Formula)

  // Rules used on claims or facts of the wrong shape.
  /// ring, subst or field on a claim that is not an equation.
  case onlyEquations(rule: String)
  case monoNeedsInequality
  case triangleShape
  case casesNeedsDisjunction
  case inductionNeedsTwo
  case prMonoNeedsPointwise
  case sumLeNeedsPointwise
  case existsAboveMeanNeedsFact
  case existsAboveMeanOpens
  case witnessUnnamed
  /// `obtain` names something that states no ∃.
  case obtainNeedsExists(String)
  case fewerExistsThanWitnesses

  // Rules that found no proof.
  /// The two sides of a ring or field step differ: at `point` when one separates them
  /// (then the step is refuted).
  case sidesDiffer(rule: String, left: Term, right: Term, point: [(Variable, Rational)]?)
  case differAfterRewriting(rule: String)
  case caseDoesNotFollow(Formula)
  case introFixFirst(Variable)
  case introSupposeFirst(Formula)
  case monoNoComparison(Term, Term)
  case noFoldOrUnfold

  // obtain.
  case factDoesNotElaborate
  /// The ∃ opened gives another fact (or none) at this place.
  case citedGives(Formula?)

  /// The error as a step error: those of the checker's parts wrapped, an unknown one by its
  /// description.
  init(_ error: any Error) {
    switch error {
    case let error as StepError: self = error
    case let error as KernelError: self = .kernel(error)
    case let error as ProverFailure: self = .prover(error)
    case let error as LocatedElaborationError: self = .elaboration(error.error)
    case let error as ElaborationError: self = .elaboration(error)
    default: self = .other("\(error)")
    }
  }

  /// Whether the claim is shown false (as an identity), not merely unproved.
  public var refuted: Bool {
    if case .sidesDiffer(_, _, _, .some) = self { true } else { false }
  }

  /// The cited result and its hypothesis that were not discharged, when that is the reason.
  public var undischarged: CitedHypothesis? {
    if case .undischarged(let result, let hypothesis, _) = self {
      CitedHypothesis(result: result, hypothesis: hypothesis)
    } else {
      nil
    }
  }
}

extension ProofChecker {
  /// The words of a step error: every message of the step interpreter and the rules.
  func message(_ error: StepError) -> String {
    func hint(_ suggestion: String?) -> String {
      suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }
    switch error {
    case .elaboration(let error): return error.message
    case .kernel(let error): return message(error)
    case .prover(let failure): return message(failure)
    case .other(let text): return text
    case .unknownRule(let rule, let suggestion):
      return "unknown rule, fact or result '\(rule)'\(hint(suggestion))"
    case .unknownFact(let name, let suggestion):
      return
        "unknown fact '\(name)' (not a hypothesis, nor established before this step)\(hint(suggestion))"
    case .dropped(let name):
      return "the step uses the hypothesis '\(name)', which the edit dropped (--drop \(name))"
    case .notAFact(let expr):
      return "expected a fact name, or a fact applied to terms, in '\(Printer.print(expr))'"
    case .unknownResult(let id): return "unknown result '\(id)'"
    case .noSuchParameter(let result, let name, let suggestion):
      return "'\(result)' has no parameter '\(name)'\(hint(suggestion))"
    case .parameterSort(let result, let parameter, let term):
      return
        "\(Display.text(term)) does not have the sort \(parameter.sort) of '\(parameter.name)' in '\(result)' (it is \(term.sort))"
    case .unboundParameters(let result, let names):
      return
        "bind the parameters \(names.joined(separator: ", ")) of '\(result)' with 'with x := t'"
    case .undischarged(let result, let hypothesis, let needed):
      return
        "hypothesis '\(hypothesis)' of '\(result)' is not discharged: \(Display.text(needed))"
    case .onlyEquations(let rule):
      return
        "\(rule) proves only equations (left side = right side); for an inequality use "
        + "linarith, mono or positivity"
    case .monoNeedsInequality: return "mono proves inequalities"
    case .triangleShape: return "triangle proves |Σ f| ≤ Σ |f|"
    case .casesNeedsDisjunction:
      return "cases needs a disjunction first: by cases [h] with h : A ∨ B"
    case .inductionNeedsTwo:
      return
        "induction needs two facts: by induction [base, step] with base : φ(0) and "
        + "step : ∀ k : Int, k ≥ 1 ⇒ φ(k - 1) ⇒ φ(k)"
    case .prMonoNeedsPointwise:
      return "pr_mono needs the pointwise fact: by pr_mono [h] with h : ∀ x, φ ⇒ ψ"
    case .sumLeNeedsPointwise:
      return "sum_le needs the pointwise fact: by sum_le [h] with h : ∀ x, f ≤ g"
    case .existsAboveMeanNeedsFact:
      return "exists_above_mean needs the fact E[x ~ D] f > t: by exists_above_mean [h]"
    case .existsAboveMeanOpens:
      return "exists_above_mean opens an ∃: obtain x such that … by exists_above_mean [h]"
    case .witnessUnnamed: return "witness proves ∃ x, φ: name the witness with 'with x := t'"
    case .obtainNeedsExists(let rule):
      return "'obtain' needs a result or a fact that states ∃, not '\(rule)'"
    case .fewerExistsThanWitnesses: return "the conclusion has fewer ∃ than witnesses given"
    case .sidesDiffer(let rule, let a, let b, let point):
      if let point {
        let at = point.map { "\($0.0.name) = \($0.1)" }.joined(separator: ", ")
        return "the two sides differ: at \(at) the left side is not the right side"
      }
      // Rewriting does not reach under a binder: a sum's terms are rewritten by sum_le.
      func hasBinder(_ t: Term) -> Bool {
        switch t {
        case .bind, .probability: return true
        case .apply(_, let args): return args.contains(where: hasBinder)
        case .number, .variable: return false
        }
      }
      return "\(rule): the normal forms of \(Display.text(a)) and \(Display.text(b)) differ"
        + (hasBinder(a) || hasBinder(b)
          ? " (equations rewrite outside sums and expectations only; for termwise equal sums, "
            + "prove ∀ x, f = g and use sum_le [h])" : "")
    case .differAfterRewriting(let rule):
      return "\(rule): the two sides differ after rewriting with the cited equations"
    case .caseDoesNotFollow(let part):
      return "cases: in the case \(Display.text(part)) the claim does not follow"
    case .introFixFirst(let x): return "intro: fix \(x.name) : \(x.sort) first"
    case .introSupposeFirst(let premise): return "intro: suppose \(Display.text(premise)) first"
    case .monoNoComparison(let u, let v):
      return "mono: no fact compares \(Display.text(u)) with \(Display.text(v))"
    case .noFoldOrUnfold:
      return "the claim is neither the unfolding of a cited fact nor folds into one"
    case .factDoesNotElaborate: return "the fact does not elaborate"
    case .citedGives(let found):
      return "the cited result gives \(found.map(Display.text) ?? "nothing") here"
    }
  }

  /// The words of a failure of the automation.
  func message(_ failure: ProverFailure) -> String {
    func listed(_ formulas: [Formula]) -> String {
      formulas.map(Display.text).joined(separator: "; ")
    }
    func rule(_ products: Bool) -> String { products ? "nlinarith" : "linarith" }
    switch failure {
    case .doesNotFollow(let claim, let sources):
      let gave = listed(sources)
      return
        "the claim \(Display.text(claim)) does not follow from \(gave.isEmpty ? "the facts" : gave)"
    case .notLinear(let products): return "\(rule(products)) proves =, ≤, <, ≥ or >"
    case .noCombination(let products, let given):
      return given.isEmpty
        ? "\(rule(products)): no fact is cited, and the ranges of the atoms alone do not prove the claim"
        : "\(rule(products)) found no combination of \(listed(given)) that proves the claim"
    case .antisymmetryMissing(let products):
      return
        "\(rule(products)) proves an equation as two inequalities (≤ both ways) with the axiom "
        + "schema \(Prover.antisymmetry), which is not loaded (import \"beb/axioms\"); or use ring "
        + "or field"
    case .equationHalf(let products, let given, let half):
      return
        "\(rule(products)) proves an equation as two inequalities (≤ both ways) and found no "
        + "combination of \(given.isEmpty ? "the atoms' ranges (no fact is cited)" : listed(given))"
        + " that proves " + Display.text(half)
    case .antisymmetryMisstated:
      return
        "the axiom schema \(Prover.antisymmetry) loaded does not state a ≤ b, b ≤ a ⊢ a = b"
    case .notASign(let relation):
      return "positivity proves t > 0, t ≥ 0 or t ≠ 0" + (relation ? " (one side must be 0)" : "")
    }
  }

  /// The words of a kernel refusal, with the proof's names for its assumptions.
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
