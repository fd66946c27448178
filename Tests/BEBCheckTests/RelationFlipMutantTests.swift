import BEBKernel
import Foundation
import Testing

@testable import BEBCheck
@testable import BEBSyntax

// Relation-flip mutants of the bundled development: a proof step whose relation is replaced
// by its negation must not be verified by the kernel.
//
// The flip is the negation of the relation: ≤ ↔ >, < ↔ ≥, = ↔ ≠. The mutated claim is then
// false wherever the original is true, so in a consistent context — the result's hypotheses,
// the open `suppose`s, and the earlier steps, all verified — the kernel can verify at most
// one of the two. Mutants are made only of steps that the kernel verifies in the unmutated
// proof, after a prefix in which every step is verified (so no admitted fact is in scope). An
// accepted mutant therefore means the kernel derived a claim and its negation: a soundness
// bug, or hypotheses that contradict each other. lemma-2.4-unsat derives `0 < 0` from Def 2.4
// as written, on purpose, so it gets no mutants (its flipped `0 ≥ 0` is even true). The other
// results that assume Def 2.4 as written (thm-B.1, lemma-C.4, thm-3.2, thm-3.3) have
// contradictory hypotheses too, but their steps do not use the contradiction; they keep their
// mutants, and an accepted one there would be read in that light.
//
// Sites: the claim of each `have` and `show` that is a relation or chain of relations (under
// ∀ binders too: ∀x. a ≤ b flips to ∀x. a > b, false as soon as the original holds for one
// x), one mutant per relation of a chain; and each link of each `calc`.
//
// Efficiency: the development is loaded once. Each proof is walked step by step with the
// checker (a value type): before each step, a copy of the checker checks the mutated step,
// then the original checker checks the original step and goes on. So each mutant costs one
// step, checked in exactly the state the unmutated proof reaches there.

/// The negation of a relation: the flip each mutant applies.
private func negation(_ r: RelationOperator) -> RelationOperator {
  switch r {
  case .le: return .gt
  case .gt: return .le
  case .lt: return .ge
  case .ge: return .lt
  case .eq: return .ne
  case .ne: return .eq
  }
}

/// Whether a result concludes a false relation between two numbers (`show 0 < 0`): its proof
/// shows that its hypotheses contradict each other, and from contradictory hypotheses a claim
/// and its negation may both be derived. Such results (lemma-2.4-unsat) get no mutants.
private func concludesFalsehood(_ entry: Entry) -> Bool {
  guard case .relation(let r, .number(let a), .number(let b)) = entry.formula else { return false }
  switch r {
  case .eq: return a != b
  case .ne: return a == b
  case .lt: return !(a < b)
  case .le: return !(a <= b)
  case .gt: return !(a > b)
  case .ge: return !(a >= b)
  }
}

/// The relations of a claim that a flip may negate: a chain `a ≤ b < c`, possibly in
/// parentheses or under ∀ binders. Returns nil for other claims (∧, ⇒, ∃, predicates, ...).
private func chainOperators(_ claim: Expr) -> [RelationOperator]? {
  switch claim.kind {
  case .paren(let inner): return chainOperators(inner)
  case .quantified(.forall, _, let body): return chainOperators(body)
  case .chain(_, let operators): return operators
  default: return nil
  }
}

/// `claim` with the relation at `index` of its chain negated.
private func flipChain(_ claim: Expr, _ index: Int) -> Expr {
  switch claim.kind {
  case .paren(let inner): return Expr(.paren(flipChain(inner, index)), claim.span)
  case .quantified(.forall, let groups, let body):
    return Expr(.quantified(.forall, groups, flipChain(body, index)), claim.span)
  case .chain(let operands, var operators):
    operators[index] = negation(operators[index])
    return Expr(.chain(operands, operators), claim.span)
  default: return claim
  }
}

/// The relations of a step that can be flipped, in order.
private func relations(of step: Step) -> [RelationOperator] {
  switch step.kind {
  case .have(_, let claim, _), .show(let claim, _): return chainOperators(claim) ?? []
  case .calc(_, _, let links): return links.map(\.relation)
  default: return []
  }
}

/// `step` with its relation number `index` negated.
private func flip(_ step: Step, _ index: Int) -> Step {
  let kind: Step.Kind
  switch step.kind {
  case .have(let name, let claim, let why): kind = .have(name, flipChain(claim, index), why)
  case .show(let claim, let why): kind = .show(flipChain(claim, index), why)
  case .calc(let name, let start, var links):
    let link = links[index]
    links[index] = CalcLink(
      relation: negation(link.relation), rhs: link.rhs, justification: link.justification)
    kind = .calc(name, start, links)
  default: kind = step.kind
  }
  return Step(added: step.added, kind: kind, span: step.span)
}

/// The id of the report on relation `index` of `step`, when the step is checked alone (as
/// the first step of a proof, so an unnamed step is `step-1`).
private func reportID(_ step: Step, _ index: Int) -> String {
  switch step.kind {
  case .have(let name, _, _): return name.text
  case .calc(let name, _, _): return "\(name?.text ?? "step-1").\(index + 1)"
  default: return "step-1"
  }
}

/// Checks a proof one step at a time, so that a mutant of any step can be checked in the state
/// the unmutated proof reaches before it.
private struct ProofWalker {
  var checker: ProofChecker
  let proof: ProofDecl
  /// The names the result's `given` and `let` clauses declare: `ProofChecker.run` declares
  /// them on entry, so they are taken out of scope before each later call.
  let clauseNames: [String]

  init(entry: Entry, proof: ProofDecl, development: Development) {
    checker = ProofChecker(entry: entry, development: development, global: development.global)
    self.proof = proof
    var names: [String] = []
    for clause in entry.declaration?.clauses ?? [] {
      switch clause {
      case .given(let parameters): names += parameters.flatMap(\.names).map(\.text)
      case .let(let name, _): names.append(name.text)
      case .assume, .show: break
      }
    }
    clauseNames = names
    _ = checker.run(ProofDecl(id: proof.id, steps: [], span: proof.span))
  }

  /// Checks `step` next; returns the reports it produced.
  mutating func check(_ step: Step) -> [StepReport] {
    for name in clauseNames { checker.elaborator.restore(name, nil) }
    let before = checker.outcome.steps.count
    let outcome = checker.run(ProofDecl(id: proof.id, steps: [step], span: proof.span))
    return Array(outcome.steps[before...])
  }

  /// The reports `step` would produce next, without moving on.
  func trial(_ step: Step) -> [StepReport] {
    var copy = self
    return copy.check(step)
  }

  /// Whether the facts in scope contradict each other: `0 > 1` follows from them by
  /// linarith (ex falso). In such a context (a `suppose` branch that cannot happen) every
  /// claim is provable, the flipped one too.
  func contradictory() -> Bool {
    let names = checker.facts.keys.sorted().joined(separator: ", ")
    let text = "proof \(proof.id.text)\n  have absurd'' : 0 > 1 by linarith [\(names)]\n"
    guard let tree = try? Parser.parse(SourceFile(path: "absurd.beb", text: text)),
      case .proof(let decl)? = tree.items.first, let step = decl.steps.first
    else { return false }
    return trial(step).first?.symbolic == .verified
  }
}

@Suite struct RelationFlipMutantTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path
  /// Mutants are made of the first `prefix` steps of every proof: walking a whole proof costs
  /// what checking it costs (about 35 s for the development in a debug build), and the early
  /// steps already use every kind of justification (linarith, field, mono, positivity, def,
  /// subst, sums, axiom citations, ...).
  static let prefix = 10
  static let minimumMutants = 100

  @Test func flippedRelationsAreNeverVerified() {
    sweep(prefix: Self.prefix)
  }

  /// Every relation of every proof (about 1,300 mutants; a few minutes in a debug build):
  /// `BEB_ALL_MUTANTS=1 swift test --filter RelationFlipMutantTests`.
  @Test(.enabled(if: ProcessInfo.processInfo.environment["BEB_ALL_MUTANTS"] != nil))
  func everyFlippedRelationIsNeverVerified() {
    sweep(prefix: .max)
  }

  /// Makes and checks the mutants of the first `prefix` steps of every proof.
  func sweep(prefix: Int) {
    guard
      case .success(let development) = Loader.load(
        paths: [Self.root + "/theorems", Self.root + "/proofs"])
    else {
      Issue.record("the bundled development does not load")
      return
    }
    var made = 0
    var rejected: [String: Int] = [:]  // by the mutant's verdict: unjustified, refuted
    var flips: [String: Int] = [:]  // by flip: "≤→>", ...
    var rules: [String: Int] = [:]  // by the step's rule
    var skippedUnverified = 0  // the original relation is not verified
    var skippedAfterFailure = 0  // an earlier step failed: an admitted fact is in scope
    var accepted: [String] = []
    var byShape = 0
    var results = 0
    var contradictory: [String] = []
    var exFalso: [String] = []  // mutants verified where the facts in scope contradict each other
    for entry in development.entries where entry.kind != .definition && entry.kind != .axiom {
      guard let proof = entry.proof else { continue }
      if concludesFalsehood(entry) {
        contradictory.append(entry.id)
        continue
      }
      results += 1
      var walker = ProofWalker(entry: entry, proof: proof, development: development)
      var clean = true
      var walked: [String] = []
      for (position, step) in proof.steps.prefix(prefix).enumerated() {
        let operators = relations(of: step)
        // Mutants first, on copies of the walker in the state before this step.
        var mutants: [(Int, [StepReport])] = []
        if clean {
          for index in operators.indices {
            mutants.append((index, walker.trial(flip(step, index))))
          }
        }
        let reports = walker.check(step)
        for (index, mutantReports) in mutants {
          let id = reportID(step, index)
          guard let original = reports.first(where: { $0.id == id }) else {
            Issue.record("\(entry.id) step \(position + 1): no report '\(id)' for the original")
            continue
          }
          guard original.symbolic == .verified else {
            skippedUnverified += 1
            continue
          }
          made += 1
          let flipName = "\(operators[index].rawValue)→\(negation(operators[index]).rawValue)"
          flips[flipName, default: 0] += 1
          rules[original.rule, default: 0] += 1
          guard let mutant = mutantReports.first(where: { $0.id == id }) else {
            Issue.record(
              "\(entry.id) step \(position + 1) (\(id)): the mutant \(flipName) has no report")
            continue
          }
          if mutant.symbolic == .verified && walker.contradictory() {
            // Legitimate: the facts in scope are contradictory (checked by deriving 0 > 1).
            exFalso.append("\(entry.id) \(id)")
          } else if mutant.symbolic == .verified {
            accepted.append(
              "\(entry.id) \(id) [by \(original.rule)]: \(original.claim)  flipped \(flipName): \(mutant.claim)"
            )
          } else {
            rejected[mutant.symbolic.rawValue, default: 0] += 1
            // ring, field and subst prove only equations: their ≠ mutants fail by shape.
            if mutant.reason?.contains("proves only equations") == true { byShape += 1 }
          }
        }
        if !clean { skippedAfterFailure += operators.count }
        if reports.contains(where: { $0.symbolic != .verified }) { clean = false }
        walked += reports.map(\.symbolic.rawValue)
      }
      // The walk is faithful: step by step, the checker gives the verdicts it gives the
      // same steps checked in one run.
      var whole = ProofChecker(entry: entry, development: development, global: development.global)
      let checked = ProofDecl(
        id: proof.id, steps: Array(proof.steps.prefix(prefix)), span: proof.span)
      #expect(
        whole.run(checked).steps.map(\.symbolic.rawValue) == walked, "\(entry.id): the walk differs"
      )
    }
    func listed(_ counts: [String: Int]) -> String {
      counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }
        .joined(separator: ", ")
    }
    print(
      """
      relation-flip mutants (\(prefix == .max ? "every step" : "first \(prefix) steps") of \(results) proofs): \(made) made, \
      \(made - accepted.count - exFalso.count) rejected by the kernel (\(listed(rejected)); \(byShape) of them ≠ where \
      the rule proves only equations), \(accepted.count) accepted; \
      skipped: \(skippedUnverified) relations not verified unmutated, \(skippedAfterFailure) after a \
      failed step, and the proofs of \(contradictory.joined(separator: ", ")) (contradictory hypotheses); \
      \(exFalso.count) verified in a context whose facts contradict each other (\(exFalso.joined(separator: ", ")))
        flips: \(listed(flips))
        rules: \(listed(rules))
      """)
    // The proofs that reason from contradictory facts on purpose (a `suppose` refuted by
    // ex falso); anywhere else a contradiction would be news.
    let exFalsoProofs = Set(exFalso.map { String($0.prefix { $0 != " " }) })
    #expect(
      exFalsoProofs.isSubset(of: ["lemma-2.2-v4", "lemma-2.2-v4-cond"]), "\(exFalsoProofs.sorted())"
    )
    for line in accepted { Issue.record("mutant verified (soundness?): \(line)") }
    #expect(accepted.isEmpty)
    #expect(made >= Self.minimumMutants, "only \(made) mutants")
  }
}
