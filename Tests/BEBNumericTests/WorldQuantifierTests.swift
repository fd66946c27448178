import BEBKernel
import Testing

@testable import BEBNumeric

/// Quantifiers over texts of every length (decided through finitely many states), the
/// `∀ n` expectation rule, directed sampling, proofs run on worlds, and shrinking.
@Suite struct WorldQuantifierTests {
  let p = Variable("P", .dist)
  let q = Variable("Q", .dist)
  let b = Variable("B", .behavior)
  let s = Variable("s", .text)
  let c = Variable("c", .real)

  func r(_ n: Int, _ d: Int = 1) -> Rational { Rational(BigInt(n), BigInt(d)) }

  /// Random worlds with two models, a behavior and a constant, from the directed sampler.
  func worlds(_ count: Int, seed: UInt64) -> [World] {
    var sampler = DirectedSampler(parameters: [p, q, b, c], hypotheses: [], definitions: [:])
    var g = SeededGenerator(seed: seed)
    return (0..<count).map { _ in sampler.attempt(&g).world }
  }

  /// KL(P(·|x) ∥ Q(·|x)).
  func klAfter(_ x: Variable) -> Term {
    .apply(
      .kl,
      [
        .apply(.conditional, [.variable(p), .variable(x)]),
        .apply(.conditional, [.variable(q), .variable(x)]),
      ])
  }

  var behaviorAfter: Term { .apply(.behaviorAfter, [.variable(b), .variable(p), .variable(s)]) }

  /// The formulas checked against brute force: each is determined by the state of `s`.
  var determined: [Formula] {
    let positive = { (d: Variable) in
      Formula.relation(.gt, .apply(.probOf, [.variable(d), .variable(self.s)]), .number(.zero))
    }
    let last = Term.apply(.sentenceAt, [.variable(s), .apply(.length, [.variable(s)])])
    let kl = klAfter(s)
    return [
      .relation(.le, behaviorAfter, .variable(c)),
      .implies(positive(p), positive(q)),
      .implies(
        .relation(.lt, .apply(.behavior, [.variable(b), last]), .number(.zero)),
        .relation(.gt, kl, .variable(c))),
    ]
  }

  @Test func modelsAreMarkovChainsPastTheirTrees() throws {
    let world = try #require(worlds(20, seed: 3).first { $0.horizon == 3 })
    guard case .law(.model(let m))? = world.values[p] else { throw Fail.noModel }
    for text in [[0, 1, 0, 1, 1], [1, 1, 1, 0, 0, 0], [0, 0]] {
      #expect(m.law(after: text) == m.law(after: m.context(text)))
      // The context of an extension depends on the context only.
      #expect(m.context(text + [1]) == m.context(m.context(text) + [1]))
    }
  }

  enum Fail: Error { case noModel }

  @Test func stateReductionAgreesWithBruteForce() {
    var decided = 0
    for world in worlds(25, seed: 11) {
      let evaluator = Evaluator(world: world, definitions: [:])
      // Every text up to length 5: more than every state's shortest representative needs
      // (horizon ≤ 3: contexts of at most 2 sentences).
      let texts = (0...5).flatMap { world.texts(ofLength: $0) }
      for body in determined {
        let claim = Formula.forall(s, body)
        let truth = evaluator.truth(claim)
        let instances = texts.map { evaluator.truth(body, [s: .text($0)]) }
        // Decided, unless an instance itself cannot be evaluated (a KL with a zero
        // denominator: log 0 has no enclosure).
        #expect(
          truth != .unknown || instances.contains(.unknown), "a state-determined ∀ must be decided")
        if truth == .yes {
          #expect(!instances.contains(.no), "∀ said true, yet an instance is false")
        }
        if truth == .no { #expect(instances.contains(.no), "∀ said false, yet no instance is") }
        // ∃ is decided the same way.
        let exists = evaluator.truth(.exists(s, body))
        if exists == .yes { #expect(instances.contains(.yes)) }
        if exists == .no { #expect(!instances.contains(.yes)) }
        decided += truth == .unknown ? 0 : 1
      }
    }
    #expect(decided >= 60)
  }

  @Test func aQuantifierNotDeterminedByStatesIsNeverClaimedTrue() {
    // |s| < 100 holds for every text the world enumerates, but not for every text.
    let claim = Formula.forall(s, .relation(.lt, .apply(.length, [.variable(s)]), .number(r(100))))
    for world in worlds(5, seed: 2) {
      #expect(Evaluator(world: world, definitions: [:]).truth(claim) == .unknown)
    }
    // A bounded ∃ is searched completely: no text of length ≤ 1 has length 2.
    let bounded = Formula.exists(
      s,
      .and([
        .relation(.le, .apply(.length, [.variable(s)]), .number(r(3, 2))),
        .relation(.eq, .apply(.length, [.variable(s)]), .number(r(2))),
      ]))
    #expect(Evaluator(world: worlds(1, seed: 2)[0], definitions: [:]).truth(bounded) == .no)
  }

  /// The laws a text variable is conditioned into are found once per check, from the syntax
  /// alone (`Evaluator.collected`); whether one of them can be evaluated is asked of each
  /// environment. In `∀ x, KL(P(·|r)(·|x) ∥ Q(·|x)) > c` the law P(·|r) needs r: with r
  /// bound the quantifier is decided by states, without it (asked after the walk was kept)
  /// it is not.
  @Test func aKeptWalkIsAskedAgainWhetherItsLawsAreBound() throws {
    let r = Variable("r", .text)
    let x = Variable("x", .text)
    let inner = Term.apply(.conditional, [.variable(p), .variable(r)])
    let body = Formula.relation(
      .gt,
      .apply(
        .kl,
        [
          .apply(.conditional, [inner, .variable(x)]),
          .apply(.conditional, [.variable(q), .variable(x)]),
        ]), .variable(c))
    let world = try #require(worlds(10, seed: 4).first { $0.horizon == 1 })
    let evaluator = Evaluator(world: world, definitions: [:])
    let collected = try #require(evaluator.collected(x, .formula(body)))
    #expect(collected.laws == [inner, .variable(q)])
    var bound = Bindings()
    bound[r] = .text([0])
    #expect(evaluator.stateRepresentatives(x, in: body, bound) != nil)
    #expect(evaluator.stateRepresentatives(x, in: body, Bindings()) == nil)
    #expect(evaluator.anchors(collected, Bindings()) == nil)
    #expect(evaluator.anchors(collected, bound)?.count == 2)
    // x anywhere else than in a conditional: not decided by states.
    let other = Formula.relation(.gt, .apply(.length, [.variable(x)]), .variable(c))
    #expect(evaluator.collected(x, .formula(.and([body, other])))?.usesLength == true)
    #expect(evaluator.collected(x, .formula(.relation(.eq, .variable(x), .variable(r)))) == nil)
  }

  @Test func everyLengthExpectationBound() {
    // ∀ n, E[x ~ P, |x| = n] KL(P(·|x) ∥ Q(·|x)) > c: decided true only when every reachable
    // state's KL exceeds c; then brute force over n = 0..4 must agree.
    let x = Variable("x", .text)
    let n = Variable("n", .nat)
    let kl = klAfter(x)
    let expectation = Term.bind(.expectation, x, range: [.variable(p), .variable(n)], body: kl)
    let claim = Formula.forall(n, .relation(.gt, expectation, .variable(c)))
    var proved = 0
    for world in worlds(80, seed: 5) {
      let evaluator = Evaluator(world: world, definitions: [:])
      guard evaluator.truth(claim) == .yes else { continue }
      proved += 1
      for k in 0...4 {
        let instance = Formula.relation(.gt, expectation, .variable(c))
        #expect(evaluator.truth(instance, [n: .number(Interval(r(k)))]) != .no)
      }
    }
    #expect(proved > 0)
  }

  @Test func directedSamplerMeetsTheorem31Hypotheses() {
    // γ ∈ [-1, 0), ∀ s, B[P](s) ≤ γ, Def 2.2 with β > 0 (written out).
    let gamma = Variable("γ", .real)
    let beta = Variable("β", .real)
    let x = Variable("x", .text)
    let n = Variable("n", .nat)
    let kl = klAfter(x)
    let hypotheses: [(name: String, formula: Formula)] = [
      (
        "gam",
        .and([
          .relation(.ge, .variable(gamma), .number(r(-1))),
          .relation(.lt, .variable(gamma), .number(.zero)),
        ])
      ),
      ("neg", .forall(s, .relation(.le, behaviorAfter, .variable(gamma)))),
      (
        "dist",
        .forall(
          n,
          .relation(
            .gt, .bind(.expectation, x, range: [.variable(p), .variable(n)], body: kl),
            .variable(beta)))
      ),
      ("beta", .relation(.gt, .variable(beta), .number(.zero))),
    ]
    var sampler = DirectedSampler(
      parameters: [p, q, b, gamma, beta], hypotheses: hypotheses, definitions: [:])
    var g = SeededGenerator(seed: 9)
    let attempts = (0..<100).map { _ in sampler.attempt(&g) }
    let met = attempts.filter { $0.failed == nil }
    #expect(met.count >= 10)
    // Every world it returns as satisfying does satisfy every hypothesis (re-evaluated).
    for attempt in met {
      let evaluator = Evaluator(world: attempt.world, definitions: [:])
      #expect(hypotheses.allSatisfy { evaluator.truth($0.formula) == .yes })
    }
    // Not one corner: several horizons and sentence counts occur.
    #expect(Set(met.map(\.world.horizon)).count >= 2)
  }

  @Test func proofStepsRunOnWorldsWithWitnesses() {
    // obtain s with |s| = 1 ∧ P(s) > 0; then P(s) ≤ 1 (true) and P(s) > 1/2 (false somewhere).
    let body = Formula.and([
      .relation(.eq, .apply(.length, [.variable(s)]), .number(r(1))),
      .relation(.gt, .apply(.probOf, [.variable(p), .variable(s)]), .number(.zero)),
    ])
    let prob = Term.apply(.probOf, [.variable(p), .variable(s)])
    let trace: [TraceEvent] = [
      .step(0, .exists(s, body)), .obtain([s], body),
      .step(1, .relation(.le, prob, .number(.one))),
      .step(2, .relation(.gt, prob, .number(r(1, 2)))),
    ]
    let verdict = StatementCheck.check(
      parameters: [p], hypotheses: [], conclusion: .truth(true), definitions: [], count: 40,
      seed: 4, trace: trace)
    #expect(verdict.steps[0]?.status == .passed)
    #expect(verdict.steps[1]?.status == .passed)
    #expect(verdict.steps[1]?.passed == 40)
    #expect(verdict.steps[2]?.status == .refuted)
    #expect(verdict.steps[2]?.counterexample?.text.contains("s = ⟨") == true)
  }

  /// |s| next to state-determined terms: bounded by the lengths of the state's texts, so a
  /// verdict covers every length (Appendix I's relaxed distinguishability).
  @Test func theLengthIsBoundedByTheState() {
    let length = Term.apply(.length, [.variable(s)])
    let inverse = Term.apply(.div, [.number(.one), .apply(.add, [length, .number(.one)])])
    let world = worlds(1, seed: 3)[0]
    let evaluator = Evaluator(world: world, definitions: [:])
    // 1/(|s| + 1) ≤ 1 for every text: true; > 1/1000: false from |s| = 1000 on, never true.
    #expect(evaluator.truth(.forall(s, .relation(.le, inverse, .number(.one)))) == .yes)
    #expect(evaluator.truth(.forall(s, .relation(.gt, inverse, .number(r(1, 1000))))) != .yes)
    // ∃ s, 1/(|s| + 1) < 1/1000 holds (any text of 1000 sentences): never 'no'.
    #expect(evaluator.truth(.exists(s, .relation(.lt, inverse, .number(r(1, 1000))))) != .no)
    // The same length inside a definition's body (not replaced by its bound): never 'yes'.
    let t = Variable("t", .text)
    let short = DefinitionStatement(
      id: "short", parameters: [t],
      body: .relation(
        .gt,
        .apply(
          .div, [.number(.one), .apply(.add, [.apply(.length, [.variable(t)]), .number(.one)])]),
        .number(r(1, 1000))))
    let withDefinition = Evaluator(world: world, definitions: ["short": short])
    #expect(withDefinition.truth(.forall(s, .predicate("short", [.variable(s)]))) != .yes)
    // KL(P(·|s) ∥ Q(·|s)) > β/(|s| + 1)^η on a horizon-1 world (the KL is the same after
    // every text): true when β is below the KL, false when above (at the empty text).
    let m = { (w: [Int]) -> Value in
      let total = w.reduce(0, +)
      return .law(
        .model(
          Model(sentences: 2, horizon: 1, next: [[]: w.map { Rational(BigInt($0), BigInt(total)) }])
        ))
    }
    let beta = Variable("β", .real)
    let eta = Variable("η", .real)
    let kl = klAfter(s)
    let relaxed = Formula.forall(
      s,
      .relation(
        .gt, kl,
        .apply(
          .div,
          [
            .variable(beta),
            .apply(.pow, [.apply(.add, [length, .number(.one)]), .variable(eta)]),
          ])))
    // KL((1/2, 1/2) ∥ (1/4, 3/4)) = log 2 − (1/2) log 3 ≈ 0.144.
    for (b, expected) in [(r(1, 10), Truth.yes), (r(1, 5), Truth.no)] {
      let values: [Variable: Value] = [
        p: m([1, 1]), q: m([1, 3]), beta: .number(Interval(b)), eta: .number(Interval(r(1, 2))),
      ]
      let world = World(sentences: 2, horizon: 1, values: values)
      #expect(Evaluator(world: world, definitions: [:]).truth(relaxed) == expected)
    }
  }

  @Test func anObtainStepIsDecidedByTheWitnessTheObtainFinds() {
    // ∃ s, |s| = 20 ∧ s ≠ ⟨⟩ ∧ P(s) ≥ 0: longer than the evaluator's quantifiers enumerate,
    // and not decided by type class either (s ≠ ⟨⟩ compares texts), so undecided there;
    // found among the obtain's witnesses (repetitions of short texts). A false claim
    // (… ∧ P(s) > 1) is never passed.
    let long = Formula.relation(.eq, .apply(.length, [.variable(s)]), .number(r(20)))
    let nonempty = Formula.relation(.ne, .variable(s), .apply(.emptyText, []))
    let prob = Term.apply(.probOf, [.variable(p), .variable(s)])
    let body = Formula.and([long, nonempty, .relation(.ge, prob, .number(.zero))])
    let impossible = Formula.and([long, nonempty, .relation(.gt, prob, .number(.one))])
    let world = worlds(1, seed: 3)[0]
    #expect(Evaluator(world: world, definitions: [:]).truth(.exists(s, body)) == .unknown)
    let trace: [TraceEvent] = [
      .step(0, .exists(s, body)), .obtain([s], body), .step(1, .exists(s, impossible)),
    ]
    let verdict = StatementCheck.check(
      parameters: [p], hypotheses: [], conclusion: .truth(true), definitions: [], count: 10,
      seed: 4, trace: trace)
    // Step 1 is undecided on every world: once it is on 10 (the budget), it is not waited
    // for (it used to hold the check for 3 × 10 attempts).
    #expect(verdict.steps[0]?.status == .passed)
    #expect(verdict.steps[0]?.passed == 10)
    #expect(verdict.steps[1]?.undecided == 10)
    #expect(verdict.steps[1]?.passed == 0)
    #expect(verdict.steps[1]?.status == .inconclusive)
  }

  @Test func stepsUnderAnUndecidedSuppositionAreNotSaidToRestOnAFalseOne() {
    // ∀ x : Text, P(s ⊕ x) ≥ 0 ranges over texts of every length, as Theorem 3.3's `ih`
    // does: the worlds never decide it, so it is "not shown to hold", not "false"; and the
    // step under it is not waited for past the budget's 5 worlds (it held the check for
    // 3 × 5 attempts before: lemma-3.3n-game's nine steps under `ih` did).
    let x = Variable("x", .text)
    let prob = Term.apply(.probOf, [.variable(p), .apply(.concat, [.variable(s), .variable(x)])])
    let trace: [TraceEvent] = [
      .fix(s),
      .suppose("a", .forall(x, .relation(.ge, .apply(.exp, [prob]), .number(.zero)))),
      .step(0, .relation(.ge, .number(.one), .number(.zero))),
      .discharge("a"),
    ]
    let verdict = StatementCheck.check(
      parameters: [p], hypotheses: [], conclusion: .truth(true), definitions: [], count: 5,
      seed: 4, trace: trace)
    #expect(verdict.steps[0]?.status == .unreached)
    #expect(verdict.steps[0]?.assumptionFalse.isEmpty == true)
    #expect(
      verdict.steps[0]?.reason(names: ["a": "all"])
        == "not reached on 5 worlds (assumption not shown to hold: 'all' on 5)")
  }

  @Test func stepsUnderAFalseSuppositionAreNotEvaluated() {
    let prob = Term.apply(.probOf, [.variable(p), .variable(s)])
    let trace: [TraceEvent] = [
      .fix(s),
      .suppose("a", .relation(.gt, prob, .number(r(2)))),  // never true
      .step(0, .relation(.lt, prob, .number(.zero))),  // false, but under a false assumption
      .discharge("a"),
      .step(1, .relation(.ge, prob, .number(.zero))),
      // After the discharge, a step that still rests on a fact derived under the assumption
      // (thm-B.1-repaired's logsmall after `intro`) holds only where the assumption does.
      .step(2, .relation(.lt, prob, .number(.zero)), assumptions: ["a"]),
    ]
    let verdict = StatementCheck.check(
      parameters: [p], hypotheses: [], conclusion: .truth(true), definitions: [], count: 20,
      seed: 4, trace: trace)
    // Never reached: the steps are unreached (the assumption held on no world), after the
    // 3 × 20 attempts a step that is never reached is waited for.
    #expect(verdict.steps[0]?.status == .unreached)
    #expect(verdict.steps[0]?.unreached == 60)
    #expect(
      verdict.steps[0]?.reason(names: ["a": "big"])
        == "not reached on 60 worlds (assumption false: 'big' on 60)")
    #expect(verdict.steps[1]?.status == .passed)
    // Passed on its budget of 20 within the second batch of 16 worlds, then not run again.
    #expect(verdict.steps[1]?.passed == 2 * StatementCheck.batch)
    #expect(verdict.steps[2]?.status == .unreached)
    #expect(verdict.steps[2]?.unreached == 60)
  }

  @Test func aFixedVariableMeetsTheAssumptionAfterIt() {
    // A drawn text is shorter than the horizon (≤ 3), so |s| = 4 is never met by the draw;
    // the fix searches for a value that meets the next assumption, and the step under it runs.
    let long = Formula.relation(.eq, .apply(.length, [.variable(s)]), .number(r(4)))
    let trace: [TraceEvent] = [
      .fix(s), .suppose("a", long),
      .step(0, .relation(.ge, .apply(.length, [.variable(s)]), .number(r(4)))),
      .discharge("a"),
    ]
    let verdict = StatementCheck.check(
      parameters: [p], hypotheses: [], conclusion: .truth(true), definitions: [], count: 20,
      seed: 4, trace: trace)
    #expect(verdict.steps[0]?.status == .passed)
    #expect(verdict.steps[0]?.passed == 20)
  }

  @Test func eachStepIsEvaluatedOnTheBudget() {
    // The obtain has a witness only on worlds where some sentence has probability 0 at the
    // start: the check draws on until the step after it has been evaluated on 20 worlds.
    let y = Variable("y", .sentence)
    let zero = Formula.relation(.eq, .apply(.probOf, [.variable(p), .variable(y)]), .number(.zero))
    let trace: [TraceEvent] = [.obtain([y], zero), .step(0, zero)]
    let verdict = StatementCheck.check(
      parameters: [p], hypotheses: [], conclusion: .truth(true), definitions: [], count: 20,
      seed: 4, trace: trace)
    #expect(verdict.steps[0]?.passed == 20)
    #expect(verdict.steps[0]!.unreached > 0)
    #expect(verdict.drawn == 20 + verdict.steps[0]!.unreached)
    #expect(
      verdict.steps[0]?.reason()
        == "not reached on \(verdict.steps[0]!.unreached) worlds (no witness for an obtain on \(verdict.steps[0]!.unreached))"
    )
  }

  @Test func aStepPassedOnItsBudgetIsNotRunAgain() {
    // Step 1 is reached only where the obtain finds a witness, so the check draws on for it;
    // step 0 and the conclusion, decided on every world, stop at the end of the batch in
    // which they reached the budget (they used to run on every world drawn).
    let y = Variable("y", .sentence)
    let zero = Formula.relation(.eq, .apply(.probOf, [.variable(p), .variable(y)]), .number(.zero))
    let trace: [TraceEvent] = [
      .step(0, .relation(.ge, .apply(.probOf, [.variable(p), .variable(s)]), .number(.zero))),
      .obtain([y], zero), .step(1, zero),
    ]
    let verdict = StatementCheck.check(
      parameters: [p, s], hypotheses: [], conclusion: .truth(true), definitions: [], count: 20,
      seed: 4, trace: trace)
    #expect(verdict.steps[1]?.passed == 20)
    #expect(verdict.drawn > 20 + StatementCheck.batch)
    #expect((20..<20 + StatementCheck.batch).contains(verdict.steps[0]!.passed))
    #expect(verdict.steps[0]?.unreached == 0)
    #expect(verdict.steps[0]?.status == .passed)
    #expect((20..<20 + StatementCheck.batch).contains(verdict.worlds))
    #expect(verdict.status == .passed)
  }

  @Test func shrinkingKeepsTheCounterexample() {
    // Claim: c ≤ 1/3; refuted by any c > 1/3; the shrinker simplifies c and the horizon.
    let claim = Formula.relation(.le, .variable(c), .number(r(1, 3)))
    for world in worlds(30, seed: 8) {
      let evaluator = Evaluator(world: world, definitions: [:])
      guard evaluator.truth(claim) == .no else { continue }
      let keep: (World) -> Bool = { Evaluator(world: $0, definitions: [:]).truth(claim) == .no }
      let small = Shrinker.shrink(world, parameters: [p, q, b, c], keep: keep)
      #expect(keep(small))
      #expect(small.horizon == 1)
      if case .number(let value)? = small.values[c] {
        #expect(value.exact.map { $0.denominator <= BigInt(2) } == true)
      }
    }
  }
}
