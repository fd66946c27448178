import BEBKernel
import Testing

@testable import BEBNumeric

/// Rules of the evaluator added for the per-step budget: each decides only what is true of
/// every world, and leaves the rest undecided.
struct EvaluatorRuleTests {
  let p = Variable("P", .dist)
  let q = Variable("Q", .dist)
  let s = Variable("s", .text)

  func model(_ root: [Int]) -> Value {
    let total = root.reduce(0, +)
    let law = root.map { Rational(BigInt($0), BigInt(total)) }
    return .law(.model(Model(sentences: root.count, horizon: 1, next: [[]: law])))
  }

  /// ∀ s : Text, |s| ≥ k ⇒ P(s) = 0 ∨ Q(s) = 0 (Lemma H.2's disjoint supports for k = 1).
  func disjointSupports(from k: Int) -> Formula {
    let long = Formula.relation(.ge, .apply(.length, [.variable(s)]), .number(Rational(k)))
    let zero = { (d: Variable) in
      Formula.relation(.eq, .apply(.probOf, [.variable(d), .variable(s)]), .number(.zero))
    }
    return .forall(s, .implies(long, .or([zero(p), zero(q)])))
  }

  /// No text has a length whose enclosure holds no natural number (log 8 = 2.07…, a negative
  /// value): ∃ x, |x| = L ∧ … is false and ∀ x, |x| = L ∧ … ⇒ … true, although L is only
  /// enclosed; a natural L, or an enclosure around one, is decided as before (or not at all).
  @Test func noTextHasALengthThatIsNoNatural() {
    let world = Evaluator(world: World(sentences: 2, horizon: 1, values: [:]), definitions: [:])
    func length(_ l: Term) -> Formula { .relation(.eq, .apply(.length, [.variable(s)]), l) }
    let anything = Formula.relation(.ge, .apply(.length, [.variable(s)]), .number(.zero))
    let logEight = Term.apply(.log, [.number(8)])
    let minusLog = Term.apply(.neg, [Term.apply(.log, [.number(3)])])
    for l in [logEight, minusLog] {
      #expect(world.truth(.exists(s, .and([length(l), anything]))) == .no)
      #expect(world.truth(.forall(s, .implies(.and([length(l)]), .truth(false)))) == .yes)
    }
    // log(e^2)-like values that may be naturals stay undecided; a natural decides by texts.
    let nearTwo = Term.apply(.log, [Term.apply(.exp, [.number(2)])])
    #expect(world.truth(.exists(s, .and([length(nearTwo), anything]))) == .unknown)
    #expect(world.truth(.exists(s, .and([length(.number(2)), anything]))) == .yes)
  }

  /// The text that decided a quantifier is tried first the next time (a hint): the same
  /// truth either way, and a hint with a sentence the world lacks (a cache shared by worlds
  /// of different sizes, as the shrinker's) is not tried there.
  @Test func aHintNeverChangesTheTruth() {
    let b = Variable("B", .behavior)
    let positive = Formula.relation(
      .gt, .apply(.behavior, [.variable(b), .variable(s)]), .number(0))
    let one = Formula.relation(.eq, .apply(.length, [.variable(s)]), .number(.one))
    let exists = Formula.exists(s, .and([one, positive]))
    let forall = Formula.forall(s, .implies(one, .not(positive)))
    let cache = EvaluationCache()
    let three = World(sentences: 3, horizon: 1, values: [b: .behavior([-1, 0, 1])])
    let large = Evaluator(world: three, definitions: [:], cache: cache)
    for _ in 0..<2 {
      #expect(large.truth(exists) == .yes)
      #expect(large.truth(forall) == .no)
    }
    #expect(cache.hint(for: exists, on: three) == [2])
    // On a world of the same size where ⟨2⟩ scores below 0, the hint is no witness; ⟨0⟩ is.
    let reversed = World(sentences: 3, horizon: 1, values: [b: .behavior([1, 0, -1])])
    #expect(Evaluator(world: reversed, definitions: [:], cache: cache).truth(exists) == .yes)
    #expect(Evaluator(world: reversed, definitions: [:], cache: cache).truth(forall) == .no)
    let none = World(sentences: 3, horizon: 1, values: [b: .behavior([-1, -1, 0])])
    #expect(Evaluator(world: none, definitions: [:], cache: cache).truth(exists) == .no)
    #expect(Evaluator(world: none, definitions: [:], cache: cache).truth(forall) == .yes)
    // On two sentences, no sentence scores above 0; the hint ⟨2⟩ is not a text of this world.
    let two = World(sentences: 2, horizon: 1, values: [b: .behavior([-1, 0])])
    let small = Evaluator(world: two, definitions: [:], cache: cache)
    #expect(small.truth(exists) == .no)
    #expect(small.truth(forall) == .yes)
    // A fresh cache gives the same truths.
    #expect(Evaluator(world: three, definitions: [:]).truth(exists) == .yes)
    #expect(Evaluator(world: two, definitions: [:]).truth(forall) == .yes)
  }

  @Test func anExactZeroFactorDecidesAProduct() {
    let world = World(sentences: 2, horizon: 1, values: [:])
    let evaluator = Evaluator(world: world, definitions: [:])
    let logZero = Term.apply(.log, [.number(.zero)])
    let zeroTimes = Term.apply(.mul, [.number(.zero), logZero])
    #expect(evaluator.truth(.relation(.eq, zeroTimes, .number(.zero))) == .yes)
    #expect(
      evaluator.truth(.relation(.eq, .apply(.mul, [logZero, .number(.zero)]), .number(.zero)))
        == .yes)
    // A nonzero factor does not: log 0 stays undecided.
    #expect(
      evaluator.truth(.relation(.eq, .apply(.mul, [.number(.one), logZero]), .number(.zero)))
        == .unknown)
  }

  @Test func lawsAreEqualByConstructionOnly() {
    let world = World(sentences: 2, horizon: 1, values: [p: model([1, 1]), q: model([1, 1])])
    let evaluator = Evaluator(world: world, definitions: [:])
    let empty = Term.apply(.emptyText, [])
    let conditioned = Term.apply(.conditional, [.variable(p), empty])
    #expect(evaluator.truth(.relation(.eq, conditioned, .variable(p))) == .yes)
    #expect(evaluator.truth(.relation(.ne, conditioned, .variable(p))) == .no)
    // P(·|⟨⟩ ⊕ ⟨⟩) against Q, a model given separately with the same numbers: equal as
    // models, so 'yes' is right; whatever is decided, it is never 'no'.
    let after = Term.apply(.conditional, [.variable(p), .apply(.concat, [empty, empty])])
    #expect(evaluator.truth(.relation(.eq, after, .variable(q))) != .no)
    // Mixtures whose weights are different transcendental numbers with the same enclosure
    // (exp(10^-30)/2 and exp(2·10^-30)/2 round to the same doubles) are not the same law, and
    // the probabilities they give are not equal.
    let unequal = World(sentences: 2, horizon: 1, values: [p: model([1, 3]), q: model([3, 1])])
    let tiny = Term.number(Rational(BigInt(1), BigInt(10).power(30)))
    let weight = { (k: Int) in
      Term.apply(
        .div, [.apply(.exp, [.apply(.mul, [.number(Rational(k)), tiny])]), .number(Rational(2))])
    }
    let mixture = { (k: Int) in Term.apply(.mixture, [weight(k), .variable(p), .variable(q)]) }
    let first = Term.variable(s)
    let env: Bindings = [s: .text([0])]
    let onUnequal = Evaluator(world: unequal, definitions: [:])
    #expect(onUnequal.truth(.relation(.eq, mixture(1), mixture(2)), env) == .unknown)
    let pr = { (k: Int) in Term.apply(.probOf, [mixture(k), first]) }
    // P(⟨0⟩) = 1/4 under P, 3/4 under Q: the second weight, larger, gives less.
    #expect(onUnequal.truth(.relation(.gt, pr(1), pr(2)), env) != .no)
    #expect(onUnequal.truth(.relation(.eq, pr(1), pr(2)), env) != .yes)
  }

  @Test func emptinessIsDecidedByTheState() {
    let disjoint = disjointSupports(from: 1)
    let apart = World(
      sentences: 3, horizon: 1, values: [p: model([1, 0, 0]), q: model([0, 2, 1])])
    #expect(Evaluator(world: apart, definitions: [:]).truth(disjoint) == .yes)
    let overlapping = World(
      sentences: 3, horizon: 1, values: [p: model([1, 1, 0]), q: model([0, 2, 1])])
    #expect(Evaluator(world: overlapping, definitions: [:]).truth(disjoint) == .no)
    // |s| ≥ 2 is not a question of emptiness: decided with |s| bounded by the lengths of
    // each state's texts — true where the supports are apart, never claimed true where they
    // overlap (⟨1 1⟩ is in both).
    let longDisjoint = disjointSupports(from: 2)
    #expect(Evaluator(world: apart, definitions: [:]).truth(longDisjoint) == .yes)
    #expect(Evaluator(world: overlapping, definitions: [:]).truth(longDisjoint) != .yes)
  }

  @Test func theSamplerMeetsDisjointSupports() {
    let disjoint = disjointSupports(from: 1)
    var sampler = DirectedSampler(
      parameters: [p, q], hypotheses: [("disjoint", disjoint)], definitions: [:])
    var g = SeededGenerator(seed: 3)
    var met = 0
    for _ in 0..<20 {
      let attempt = sampler.attempt(&g)
      guard attempt.failed == nil else { continue }
      met += 1
      #expect(Evaluator(world: attempt.world, definitions: [:]).truth(disjoint) == .yes)
    }
    #expect(met >= 15)
  }

  /// `mentions` agrees with `freeVariables` on terms and formulas with binders that shadow
  /// the variable, bind it in a range or a law, or leave it free.
  @Test func mentionsIsFreeOccurrence() {
    let x = Variable("x", .text)
    let n = Variable("n", .nat)
    let prob = { (t: Variable) in Term.apply(.probOf, [.variable(self.p), .variable(t)]) }
    let terms: [Term] = [
      .number(1), .variable(x), .variable(n), prob(x),
      .bind(.expectation, x, range: [.variable(p), .variable(n)], body: prob(x)),
      .bind(.expectation, s, range: [.variable(p), .variable(n)], body: prob(x)),
      .bind(
        .expectation, x, range: [.apply(.conditional, [.variable(p), .variable(x)])], body: prob(x)),
      .probability(
        x, law: .variable(p), length: .variable(n), event: .relation(.gt, prob(x), .number(0))),
      .probability(s, law: .variable(q), length: nil, event: .relation(.gt, prob(x), prob(s))),
    ]
    let formulas: [Formula] =
      terms.map { .relation(.le, $0, .number(1)) } + [
        .forall(x, .relation(.gt, prob(x), .number(0))),
        .exists(s, .relation(.gt, prob(x), prob(s))),
        .predicate("d", [.variable(n), .variable(x)]),
        .truth(true),
      ]
    for v in [x, n, s, p, q] {
      for t in terms { #expect(t.mentions(v) == t.freeVariables.contains(v), "\(t) \(v)") }
      for f in formulas { #expect(f.mentions(v) == f.freeVariables.contains(v), "\(f) \(v)") }
    }
  }

  /// ∀ ε > 0 by covering (0, ∞) with intervals: confirmed when the claim holds on every
  /// piece (a witness of the inner ∃ must serve the whole piece), never for a claim that
  /// fails near 0 or far out, whatever the sampled values say.
  @Test func everyPositiveRealIsCoveredByPieces() {
    let world = World(sentences: 2, horizon: 1, values: [p: model([1, 3])])
    let evaluator = Evaluator(world: world, definitions: [:])
    let eps = Variable("ε", .real)
    let e = Term.variable(eps)
    let positive = Formula.relation(.gt, e, .number(.zero))
    let r = { (a: Int, b: Int) in Term.number(Rational(BigInt(a), BigInt(b))) }
    let length = Term.apply(.length, [.variable(s)])
    let prob = Term.apply(.probOf, [.variable(p), .variable(s)])
    // |s| ≤ max(log(1/ε), 0) + 2: at most 2 for large ε, growing as ε → 0.
    let bound = Term.apply(
      .add, [.apply(.max, [.apply(.log, [.apply(.div, [r(1, 1), e])]), r(0, 1)]), r(2, 1)])
    let forEvery = { (body: Formula) in Formula.forall(eps, .implies(positive, body)) }
    // P(⟨0⟩) = 1/4 < 1/2 + ε for every ε, and |⟨0⟩| = 1 ≤ the bound.
    let holds = forEvery(
      .exists(
        s,
        .and([
          .relation(.le, length, bound), .relation(.lt, prob, .apply(.add, [r(1, 2), e])),
        ])))
    #expect(evaluator.truth(holds) == .yes)
    #expect(evaluator.truth(forEvery(.relation(.gt, .apply(.add, [e, r(1, 1)]), r(0, 1)))) == .yes)
    // False near 0 (ε ≤ 1/100) and far out (ε ≥ 100); no sampled value shows it.
    #expect(evaluator.truth(forEvery(.relation(.gt, e, r(1, 100)))) != .yes)
    #expect(evaluator.truth(forEvery(.relation(.lt, e, r(100, 1)))) != .yes)
    // |s| ≤ 2 ∧ P(s) < ε fails for ε < 1/16 (no text of two sentences is rarer).
    let short = forEvery(
      .exists(s, .and([.relation(.le, length, r(2, 1)), .relation(.lt, prob, e)])))
    #expect(evaluator.truth(short) != .yes)
  }
}
