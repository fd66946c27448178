import BEBCheck
import BEBKernel
import BEBNumeric
import BEBSyntax
import Foundation
import Testing

@testable import BEBCLI

/// `beb whatif`: assumption edits checked in memory against the unedited development.
@Suite struct WhatIfTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  static func sources() throws -> [SourceFile] {
    try ["theorems", "proofs"].flatMap { folder in
      try Loader.discover(root + "/" + folder).get()
    }
  }

  /// The default budget of `beb whatif` (100 worlds): the must-show is about what a user gets.
  static func whatIf(_ id: String, worlds: Int = 100) throws -> WhatIf {
    let sources = try sources()
    let development = try Loader.load(sources: sources).get()
    var options = CheckOptions()
    options.worlds = worlds
    return WhatIf(original: development, sources: sources, id: id, options: options)
  }

  /// The axiom schema `id` in a whatif answer under a sort edit: assumed before, refuted on a
  /// world after, said to rely on the edited assumption (not to be wrong); its verdict and
  /// world.
  static func schemaRefutedUnderTheEdit(_ id: String, in answer: WhatIf.Answer) throws -> (
    NumericVerdict, World
  ) {
    let axiom = try #require(answer.comparisons.first { $0.id == id })
    #expect(axiom.before.status == .assumed)
    let verdict = try #require(axiom.after.numeric)
    #expect(verdict.status == .refuted)
    #expect(axiom.after.reason.contains("relies on it"), "\(axiom.after.reason)")
    return (verdict, try #require(verdict.world))
  }

  /// Dropping the negativity of P₋ or the distinguishability of Theorem 3.1 (repaired, which
  /// verifies) refutes it on a world; the world is re-validated here from scratch: every
  /// remaining hypothesis true on it, the conclusion false.
  @Test(arguments: ["neg", "dist"])
  func droppingASubstantiveHypothesisOfTheorem31Refutes(_ hypothesis: String) throws {
    let whatIf = try Self.whatIf("thm-3.1-repaired")
    let answer = try whatIf.run([.drop(hypothesis)])
    let comparison = try #require(answer.comparisons.first { $0.id == "thm-3.1-repaired" })
    #expect(comparison.before.status == .verified)
    #expect(comparison.after.status == .refuted)
    let verdict = try #require(comparison.after.numeric)
    #expect(verdict.status == .refuted)
    #expect(verdict.counterexample != nil)
    let world = try #require(verdict.world)
    let edited = try whatIf.edited([.drop(hypothesis)])
    let entry = try #require(edited.entry("thm-3.1-repaired"))
    #expect(!entry.hypotheses.contains { $0.name == hypothesis })
    let definitions = edited.entries.filter { $0.kind == .definition }.map {
      DefinitionStatement(id: $0.id, parameters: $0.parameters, body: $0.formula)
    }
    let evaluator = Evaluator(
      world: world, definitions: Dictionary(uniqueKeysWithValues: definitions.map { ($0.id, $0) }))
    let statement = entry.kernelStatement
    for h in statement.hypotheses {
      #expect(evaluator.truth(h.formula) == .yes, "hypothesis \(h.name) must hold on the world")
    }
    #expect(evaluator.truth(statement.conclusion) == .no)
    #expect(answer.changed)
  }

  /// `--vs`: two edits side by side, with the hypotheses and the steps that differ (issue 18).
  @Test func twoEditsSideBySide() throws {
    let versus = try Self.whatIf("thm-3.1-repaired", worlds: 5).versus(
      [.drop("neg")], [.drop("dist")])
    #expect(versus.hypotheses.first.map(\.0).contains("dist"))
    #expect(!versus.hypotheses.first.map(\.0).contains("neg"))
    #expect(versus.hypotheses.second.map(\.0).contains("neg"))
    let row = try #require(versus.rows.first { $0.id == "thm-3.1-repaired" })
    #expect(row.failingOnlyInFirst.contains("negs"))
    #expect(!row.failingOnlyInSecond.contains("negs"))
    #expect(versus.differs)
    let text = versus.text()
    #expect(text.hasPrefix("what if thm-3.1-repaired: (A) drop neg  vs  (B) drop dist\n"))
    #expect(text.contains("  only in A: dist : "))
    #expect(text.contains("  steps that fail only under A: negs"))
    // The command: exit 1 when the versions differ, 2 for --vs without edits on both sides.
    let run = BEB.run(
      ["whatif", "thm-3.1-repaired", "--drop", "neg", "--vs", "--drop", "dist", "--worlds", "5"],
      in: Self.root)
    #expect(run.status == 1)
    #expect(run.stdout == text)
    let json = BEB.run(
      [
        "whatif", "thm-3.1-repaired", "--drop", "neg", "--vs", "--drop", "dist", "--worlds", "5",
        "--json",
      ],
      in: Self.root)
    #expect(json.stdout.contains("\"schema\": \"beb-whatif-vs/1\""))
    #expect(
      BEB.run(["whatif", "thm-3.1-repaired", "--drop", "neg", "--vs"], in: Self.root).status == 2)
    // The same edit on both sides: nothing differs, exit 0.
    let same = BEB.run(
      ["whatif", "thm-3.1-repaired", "--drop", "gam", "--vs", "--drop", "gam", "--worlds", "5"],
      in: Self.root)
    #expect(same.status == 0)
    // thm-3.1-repaired and the results resting on it (thm-3.1-eq-repaired cites it): none
    // differs.
    #expect(same.stdout.contains("\n0 of 2 results differ between A and B"), "\(same.stdout)")
  }

  /// A step that cites a dropped hypothesis says so (issue 18): not "unknown fact 's'".
  @Test func aStepCitingADroppedHypothesisNamesIt() throws {
    let answer = try Self.whatIf("thm-3.1-repaired", worlds: 5).run([.drop("neg")])
    let comparison = try #require(answer.comparisons.first { $0.id == "thm-3.1-repaired" })
    let negs = try #require(comparison.nowFailing.first { $0.id == "negs" })
    #expect(
      negs.reason == "the step uses the hypothesis 'neg', which the edit dropped (--drop neg)")
  }

  @Test func theUneditedTheoremStillHoldsOnWorlds() throws {
    // The control: an edit that changes nothing (assume what is already assumed).
    let answer = try Self.whatIf("thm-3.1-repaired", worlds: 20).run([.assume("β > 0")])
    let comparison = try #require(answer.comparisons.first)
    #expect(comparison.after.status == .verified)
    #expect(comparison.after.numeric?.status == .passed)
  }

  /// An assumption carried by a sort (issue 18): behaviors scored in [-2, 2]. Lemma C.2's
  /// proof uses |B(t)| ≤ 1, which the kernel no longer grants; Theorem 3.1's step c2 (Lemma
  /// C.2's bound, whose 2 is the width of [-1, 1]) is false on a world whose behavior scores
  /// leave [-1, 1] and stay in [-2, 2].
  @Test func theBehaviorRangeIsAnEditableAssumption() throws {
    let range = BehaviorRange(low: -2, high: 2)
    let answer = try Self.whatIf("thm-3.1-repaired", worlds: 30).run([.behaviorRange(range)])
    let lemma = try #require(answer.comparisons.first { $0.id == "lemma-C.2-repaired" })
    #expect(lemma.before.status == .verified)
    #expect(lemma.after.status != .verified)
    let absB = try #require(lemma.nowFailing.first { $0.id == "absB" })
    #expect(absB.symbolic == .unjustified)
    #expect(absB.reason?.contains("-1 ≤ B(t)") == true, "\(absB.reason ?? "")")
    let theorem = try #require(answer.comparisons.first { $0.id == "thm-3.1-repaired" })
    let c2 = try #require(theorem.after.steps.first { $0.id == "c2" })
    #expect(c2.numeric == .refuted)
    let world = try #require(c2.counterexample)
    let scores = try #require(world.rows.first { $0.what == "B" }?.value)
      .trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
      .split(separator: ",").compactMap {
        Rational(decimal: $0.trimmingCharacters(in: .whitespaces))
      }
    #expect(!scores.isEmpty)
    #expect(scores.allSatisfy(range.contains), "\(scores)")
    #expect(scores.contains { !BehaviorRange.paper.contains($0) }, "\(scores)")
    // The unedited theorem: c2 verified and never false on a world.
    let before = try #require(theorem.before.steps.first { $0.id == "c2" })
    #expect(before.symbolic == .verified)
    // An axiom schema that relies on the old range is run on worlds of the new one: best-of-n
    // (App G) bounds the returned score by 1, false when a score may be 2; what rests on it
    // is no longer verified, and says so.
    let bon = try Self.whatIf("thm-3.4-repaired", worlds: 20).run([.behaviorRange(range)])
    let axiom = try #require(bon.comparisons.first { $0.id == "ax-bon-threshold" })
    #expect(axiom.before.status == .assumed)
    #expect(axiom.after.numeric?.status == .refuted)
    let bonScores = try #require(
      axiom.after.numeric?.counterexample?.rows.first { $0.what == "B" }?.value)
    #expect(bonScores.contains("2"), "\(bonScores)")
    let supp = try #require(bon.comparisons.first { $0.id == "thm-3.4-repaired-supp" })
    #expect(supp.after.status == .unjustified)
    #expect(bon.text().contains("rests on results that are not verified: ax-bon-threshold"))
    // Through the API too, a range without 0 is refused by name (not by every proof failing).
    #expect(throws: WhatIf.Failure.self) {
      try Self.whatIf("thm-3.1-repaired", worlds: 5).edited([
        .behaviorRange(BehaviorRange(low: 1, high: 2))
      ])
    }
    // The command line: the edit by its flag, and ranges that are not ranges refused.
    let text = BEB.run(
      ["whatif", "thm-3.1-repaired", "--behavior-range", "[-2, 2]", "--worlds", "5"],
      in: Self.root)
    #expect(text.status == 1)
    #expect(text.stdout.hasPrefix("what if thm-3.1-repaired: behaviors scored in [-2, 2]\n"))
    for bad in ["[1/2, 1]", "[-1, -1/2]", "[-2]", "a, b", "[2, -2]"] {
      let outcome = BEB.run(
        ["whatif", "thm-3.1-repaired", "--behavior-range", bad], in: Self.root)
      #expect(outcome.status == 2, "\(bad)")
      #expect(outcome.stderr.contains("contains 0"), "\(bad): \(outcome.stderr)")
    }
  }

  /// Laws that may lose mass (`--sub-probability`), an assumption the sort Dist carries: the
  /// kernel knows no law of total mass 1, so Lemma C.3's step from an expectation to an
  /// outcome (`exists_above_mean`) fails; on worlds whose models lose mass, the schema that
  /// next-sentence laws sum to one is false (the world re-validated here from scratch).
  @Test func lawsThatMayLoseMassAreAnEditableAssumption() throws {
    let whatIf = try Self.whatIf("thm-3.1-repaired", worlds: 30)
    let answer = try whatIf.run([.subProbability])
    let lemma = try #require(answer.comparisons.first { $0.id == "lemma-C.3-repaired" })
    #expect(lemma.before.status == .verified)
    #expect(lemma.after.status == .unjustified)
    let qlen = try #require(lemma.nowFailing.first { $0.id == "qlen" })
    #expect(qlen.symbolic == .unjustified)
    #expect(qlen.reason?.contains("total mass 1") == true, "\(qlen.reason ?? "")")
    let theorem = try #require(answer.comparisons.first { $0.id == "thm-3.1-repaired" })
    #expect(theorem.after.status != .verified)
    let (_, world) = try Self.schemaRefutedUnderTheEdit("ax-cond-total", in: answer)
    let edited = try whatIf.edited([.subProbability])
    let entry = try #require(edited.entry("ax-cond-total"))
    let models = entry.parameters.compactMap { p -> Model? in
      if case .law(.model(let m))? = world.values[p] { return m } else { return nil }
    }
    #expect(!models.isEmpty && models.allSatisfy(\.isSubNormalized))
    #expect(models.contains { !$0.isNormalized })
    #expect(world.sortViolation(entry.parameters) != nil)
    #expect(
      world.sortViolation(
        entry.parameters, assumptions: Assumptions(subProbability: true)) == nil)
    let definitions = edited.entries.filter { $0.kind == .definition }.map {
      DefinitionStatement(id: $0.id, parameters: $0.parameters, body: $0.formula)
    }
    let evaluator = Evaluator(
      world: world, definitions: Dictionary(uniqueKeysWithValues: definitions.map { ($0.id, $0) }))
    let statement = entry.kernelStatement
    for h in statement.hypotheses { #expect(evaluator.truth(h.formula) == .yes, "\(h.name)") }
    #expect(evaluator.truth(statement.conclusion) == .no)
    // With a definition swapped too, the statements are checked symbolically only, but the
    // axiom schemas still run on worlds of the edited sort.
    let both = try whatIf.run([.definition("def-2.2", "def-2.2-v4"), .subProbability])
    #expect(
      both.comparisons.first { $0.id == "ax-cond-total" }?.after.numeric?.status == .refuted)
    // The command line.
    let text = BEB.run(
      ["whatif", "thm-3.1-repaired", "--sub-probability", "--worlds", "5"], in: Self.root)
    #expect(text.status == 1)
    #expect(text.stdout.hasPrefix("what if thm-3.1-repaired: laws may lose mass\n"))
  }

  /// Conditionals after an impossible prefix read as undefined (`--undefined-conditionals`),
  /// the paper's reading, not beb's zero law: the definition of the conditional as a quotient
  /// (ax-cond) holds for every prefix only with x/0 = 0, so it is refuted on a world whose
  /// conditional after an impossible prefix continues — re-validated here from scratch: the
  /// world says the edit, P(s0) = 0, and the schema's sides differ there under the edit and
  /// agree without it. The repaired theorems use the definition at possible prefixes only
  /// (ax-cond-pos) and do not rest on the convention: nothing changes for them.
  @Test func conditionalsAfterAnImpossiblePrefixAreAnEditableAssumption() throws {
    for id in ["thm-3.1-repaired", "thm-3.3-repaired"] {
      let repaired = try Self.whatIf(id, worlds: 10).run([.undefinedConditionals])
      #expect(repaired.comparisons.allSatisfy { $0.before.status == $0.after.status }, "\(id)")
      #expect(
        repaired.comparisons.first { $0.id == "ax-cond-pos" }?.after.numeric?.status == .passed)
    }
    // The schemas of every re-checked result run on the edited worlds, not only those of the
    // edited one: lemma-C.3 rests on no conditional's definition, Theorem 3.1 as written
    // (which rests on it) rests on ax-cond through Lemma C.1.
    let whatIf = try Self.whatIf("lemma-C.3", worlds: 10)
    let answer = try whatIf.run([.undefinedConditionals])
    let (verdict, world) = try Self.schemaRefutedUnderTheEdit("ax-cond", in: answer)
    #expect(world.conditionals == .continued)
    #expect(verdict.counterexample?.text.contains("after a prefix of probability 0") == true)
    let edited = try whatIf.edited([.undefinedConditionals])
    let entry = try #require(edited.entry("ax-cond"))
    let p = try #require(entry.parameters.first { $0.sort == .dist })
    let s0 = try #require(entry.parameters.first { $0.name == "s0" })
    guard case .law(.model(let model))? = world.values[p],
      case .text(let prefix)? = world.values[s0]
    else {
      Issue.record("no model or prefix in \(world)")
      return
    }
    #expect(model.probability(prefix) == .zero)
    let statement = entry.kernelStatement
    #expect(Evaluator(world: world, definitions: [:]).truth(statement.conclusion) == .no)
    var zero = world
    zero.conditionals = .zero
    #expect(Evaluator(world: zero, definitions: [:]).truth(statement.conclusion) == .yes)
    // The command line: nothing changes for the repaired Theorem 3.1 (exit 0).
    let text = BEB.run(
      ["whatif", "thm-3.1-repaired", "--undefined-conditionals", "--worlds", "5"], in: Self.root)
    #expect(text.status == 0)
    #expect(text.stdout.hasPrefix("what if thm-3.1-repaired: conditionals after a prefix"))
  }

  /// The range of `Prob` variables (`--prob-range`), an assumption the sort Prob carries,
  /// on a small development: with [0, 2] a proof of p ≤ 1 from the sort no longer holds and a
  /// world with p in (1, 2] refutes it (re-validated here: p lies in the edited range and
  /// outside [0, 1]), and the lemma citing it with p := P(s) rests on it; with [1/2, 1] the
  /// proof holds, but a probability of a text may no longer stand for p (it can be below
  /// 1/2); a range reaching below 0, or empty, is refused.
  @Test func theRangeOfProbIsAnEditableAssumption() throws {
    let text = """
      lemma lemma-p1 "a probability parameter is at most one"
        given p : Prob
        show p ≤ 1

      proof lemma-p1
        show p ≤ 1 by linarith

      lemma lemma-p2 "so is a probability of a text"
        given P : Dist, s : Text
        show P(s) ≤ 1

      proof lemma-p2
        show P(s) ≤ 1 by lemma-p1 with p := P(s)

      lemma lemma-p3 "a probability parameter is at least three quarters"
        given p : Prob
        show p ≥ 3/4
      """
    let sources = [SourceFile(path: "p.beb", text: text)]
    let development = try Loader.load(sources: sources).get()
    var options = CheckOptions()
    options.worlds = 40
    let wide = ProbabilityRange(low: 0, high: 2)
    let whatIf = WhatIf(original: development, sources: sources, id: "lemma-p1", options: options)
    let answer = try whatIf.run([.probabilityRange(wide)])
    let p1 = try #require(answer.comparisons.first { $0.id == "lemma-p1" })
    #expect(p1.before.status == .verified)
    #expect(p1.after.status == .refuted)
    let verdict = try #require(p1.after.numeric)
    let world = try #require(verdict.world)
    let p = Variable("p", .prob)
    guard case .number(let value)? = world.values[p], let q = value.exact else {
      Issue.record("no value of p in \(world)")
      return
    }
    #expect(q > .one && wide.contains(q))
    #expect(world.sortViolation([p], assumptions: Assumptions(probabilities: wide)) == nil)
    #expect(world.sortViolation([p], assumptions: .paper) != nil)
    let p2 = try #require(answer.comparisons.first { $0.id == "lemma-p2" })
    #expect(p2.after.status == .unjustified)
    // A narrower range: p ≤ 1 holds, and P(s) may no longer stand for p.
    let narrow = WhatIf(original: development, sources: sources, id: "lemma-p2", options: options)
    let half = try narrow.run([
      .probabilityRange(ProbabilityRange(low: Rational(BigInt(1), BigInt(2)), high: 1))
    ])
    let p2n = try #require(half.comparisons.first { $0.id == "lemma-p2" })
    #expect(p2n.after.status == .unjustified)
    #expect(
      p2n.nowFailing.contains {
        $0.reason?.contains("not admissible") == true || $0.reason?.contains("[0, 1]") == true
      })
    #expect(half.comparisons.first { $0.id == "lemma-p1" }?.after.status == .verified)
    // A false claim under [1/2, 1] is refuted on a world whose p stays in the range: the
    // shrinker does not try 0 (which would still refute it, and fail re-validation).
    let low = WhatIf(original: development, sources: sources, id: "lemma-p3", options: options)
    let upper = try low.run([
      .probabilityRange(ProbabilityRange(low: Rational(BigInt(1), BigInt(2)), high: 1))
    ])
    let p3 = try #require(upper.comparisons.first { $0.id == "lemma-p3" }?.after.numeric)
    #expect(p3.status == .refuted)
    if case .number(let value)? = p3.world?.values[p], let q = value.exact {
      #expect(q >= Rational(BigInt(1), BigInt(2)) && q < Rational(BigInt(3), BigInt(4)))
    } else {
      Issue.record("no value of p in the refuting world")
    }
    // Bad ranges: bad input.
    #expect(throws: WhatIf.Failure.self) {
      try whatIf.run([.probabilityRange(ProbabilityRange(low: -1, high: 1))])
    }
    let bad = BEB.run(["whatif", "thm-3.1", "--prob-range", "[1, 0]"], in: Self.root)
    #expect(bad.status == 2)
  }

  @Test func malformedFormulaPointsIntoTheFormula() throws {
    let outcome = BEB.run(["whatif", "thm-3.1", "--assume", "α < "], in: Self.root)
    #expect(outcome.status == 2)
    #expect(outcome.stderr.hasPrefix("--assume:1:"))
    #expect(outcome.stderr.contains("^"))
    // A formula that parses but names something unknown: its column in the formula.
    let unknown = BEB.run(["whatif", "thm-3.1", "--replace", "neg", "α ≤ gama"], in: Self.root)
    #expect(unknown.status == 2)
    #expect(unknown.stderr.hasPrefix("--replace neg:1:5: error:"), "\(unknown.stderr)")
    let noSuch = BEB.run(["whatif", "thm-3.1", "--drop", "negg"], in: Self.root)
    #expect(noSuch.status == 2)
    #expect(noSuch.stderr.contains("did you mean 'neg'"))
    // Through the API (no parse up front, as the command does): the same place in the formula.
    let whatIf = try Self.whatIf("thm-3.1", worlds: 5)
    do {
      _ = try whatIf.edited([.assume("α < ")])
      Issue.record("a formula that does not parse was accepted")
    } catch let failure as WhatIf.Failure {
      #expect(failure.message.hasPrefix("--assume:1:5: error:"), "\(failure.message)")
    }
    #expect(BEB.run(["whatif", "thm-3.1"], in: Self.root).status == 2)
    #expect(BEB.run(["whatif", "thm-3.1", "--drop"], in: Self.root).status == 2)
  }

  /// Edits are made on the syntax trees, so every place stays where it is written: after a
  /// hypothesis is dropped, replaced or added, the results of the edited file (the edited one
  /// among them) keep their lines, and the edited statement is what the edits say.
  @Test func editsKeepEveryPlaceInTheFile() throws {
    let whatIf = try Self.whatIf("thm-3.1-repaired", worlds: 5)
    let path = try #require(whatIf.original.entry("thm-3.1-repaired")?.path)
    let edited = try whatIf.edited([
      .drop("neg"), .replace("dist", "def-2.2(P₋, P₊, β) ∧ β > 0"), .assume("α ≤ 1"),
    ])
    let before = whatIf.original.entries.filter { $0.path == path }
    #expect(before.count > 1)
    for entry in before {
      #expect(edited.entry(entry.id)?.line == entry.line, "\(entry.id) moved")
    }
    let entry = try #require(edited.entry("thm-3.1-repaired"))
    let original = try #require(whatIf.original.entry("thm-3.1-repaired"))
    #expect(
      entry.hypotheses.map(\.name) == original.hypotheses.map(\.name).filter { $0 != "neg" } + [
        "whatif"
      ])
    #expect(
      Printer.print(try #require(entry.hypotheses.first { $0.name == "dist" }).source)
        == "def-2.2(P₋, P₊, β) ∧ β > 0")
    #expect(Printer.print(try #require(entry.hypotheses.last).source) == "α ≤ 1")
  }

  @Test func noFileIsTouched() throws {
    let before = try Self.sources().map(\.bytes)
    _ = BEB.run(["whatif", "thm-3.1", "--drop", "neg", "--worlds", "5"], in: Self.root)
    #expect(try Self.sources().map(\.bytes) == before)
  }

  /// The table `beb whatif --necessity` prints (and `beb report --necessity` renders): the
  /// substantive hypotheses are needed, each with a world re-validated here from scratch; the
  /// gap γ ∈ [-1, 0) is used by no step of the verified proof.
  @Test func necessityTableOfTheorem31() throws {
    // 300 worlds: without `neg`, the worlds of seed 1 first break the statement past 100.
    let whatIf = try Self.whatIf("thm-3.1-repaired", worlds: 300)
    var options = CheckOptions()
    options.only = ["thm-3.1-repaired"]
    let report = try #require(Checker.check(whatIf.original, options: options).results.first)
    let rows = try whatIf.necessityTable(report)
    #expect(rows.map(\.hypothesis) == report.entry.hypotheses.map(\.name))
    let verdicts = Dictionary(uniqueKeysWithValues: rows.map { ($0.hypothesis, $0.verdict) })
    #expect(verdicts["neg"] == .needed)
    #expect(verdicts["dist"] == .needed)
    #expect(verdicts["gam"] == .notUsed)
    for row in rows where row.verdict == .needed {
      try NecessityTests.revalidate(
        row, of: "thm-3.1-repaired", sources: whatIf.sources, development: whatIf.original)
    }
    for row in rows where row.verdict != .notUsed {
      #expect(!row.usedBy.isEmpty, "\(row.hypothesis): used by no step, yet \(row.verdict)")
    }
  }
}
