import BEBKernel
import Testing

@testable import BEBNumeric

/// Sums over texts by type class (TypeClasses.swift): exact where the summand depends on the
/// sentence counts only, never used where it does not.
struct TypeClassTests {
  let p = Variable("P", .dist)
  let q = Variable("Q", .dist)
  let s = Variable("s", .text)

  func model(_ root: [Int], horizon: Int = 1) -> Model {
    let total = root.reduce(0, +)
    let law = root.map { Rational(BigInt($0), BigInt(total)) }
    var next: [[Int]: [Rational]] = [:]
    var prefixes: [[Int]] = [[]]
    for _ in 0..<horizon {
      for prefix in prefixes { next[prefix] = law }
      prefixes = prefixes.flatMap { t in (0..<root.count).map { t + [$0] } }
    }
    return Model(sentences: root.count, horizon: horizon, next: next)
  }

  func length(_ k: Int) -> Term { .number(Rational(k)) }

  @Test func theClassesCoverEveryTextOnce() {
    for m in 1...3 {
      for k in 0...8 {
        let classes = Evaluator.typeClasses(length: k, sentences: m)
        #expect(classes.allSatisfy { $0.count == m && $0.reduce(0, +) == k })
        #expect(Set(classes).count == classes.count)
        let total = classes.reduce(Rational.zero) { $0 + Evaluator.multinomial($1) }
        var all = Rational.one
        for _ in 0..<k { all = all * Rational(m) }
        #expect(total == all, "m = \(m), k = \(k)")
      }
    }
    #expect(Evaluator.typeClasses(length: 64, sentences: 3).count == 2145)
    #expect(Evaluator.multinomial([2, 1, 1]) == 12)
  }

  /// E[s ~ αP + (1−α)Q, |s| = k] P(s)/Q(s) and Pr[…](P(s) > Q(s)), by the evaluator (by
  /// class) and text by text with exact rationals: equal, at every length up to 10.
  @Test func sumsByClassEqualTheTextByTextSums() {
    let half = Rational(BigInt(1), BigInt(3))
    let models = [model([1, 2, 3]), model([3, 1, 1])]
    let world = World(
      sentences: 3, horizon: 1,
      values: [p: .law(.model(models[0])), q: .law(.model(models[1]))])
    let mix = Term.apply(.mixture, [.number(half), .variable(p), .variable(q)])
    let mixture = Law.mixture(Interval(half), .model(models[0]), .model(models[1]))
    let ratio = Term.apply(
      .div,
      [
        .apply(.probOf, [.variable(p), .variable(s)]),
        .apply(.probOf, [.variable(q), .variable(s)]),
      ])
    let larger = Formula.relation(
      .gt, .apply(.probOf, [.variable(p), .variable(s)]),
      .apply(.probOf, [.variable(q), .variable(s)]))
    let evaluator = Evaluator(world: world, definitions: [:])
    for k in [0, 1, 2, 5, 10] {
      var mean = Rational.zero
      var mass = Rational.zero
      for text in world.texts(ofLength: k) {
        let w = mixture.probability(text)!.exact!
        let a = models[0].probability(text)!
        let b = models[1].probability(text)!
        mean = mean + w * a / b
        if a > b { mass = mass + w }
      }
      let expectation = evaluator.value(
        .bind(.expectation, s, range: [mix, length(k)], body: ratio))
      #expect(expectation == .number(Interval(mean)), "k = \(k)")
      let probability = evaluator.value(.probability(s, law: mix, length: length(k), event: larger))
      #expect(probability == .number(Interval(mass)), "k = \(k)")
    }
    // Past the enumeration limit (7 for three sentences), still exact.
    #expect(world.sumLimit < 20)
    #expect(
      evaluator.value(.probability(s, law: .variable(p), length: length(20), event: .truth(true)))
        == .number(Interval(.one)))
  }

  /// Summands that see the order of the sentences, and worlds whose laws are not
  /// exchangeable, are summed text by text (or not at all past the limit).
  @Test func orderAndHorizonKeepTheTextByTextSum() {
    let world = World(sentences: 2, horizon: 1, values: [p: .law(.model(model([1, 3])))])
    let evaluator = Evaluator(world: world, definitions: [:])
    // Pr[s ~ P, |s| = 2](s = t) at t = ⟨0 1⟩ is 1/4 · 3/4; by class it would count twice.
    let event = Formula.relation(.eq, .variable(s), .variable(Variable("t", .text)))
    let env: Bindings = [Variable("t", .text): .text([0, 1])]
    let exact = Rational(BigInt(3), BigInt(16))
    #expect(
      evaluator.value(.probability(s, law: .variable(p), length: length(2), event: event), env)
        == .number(Interval(exact)))
    #expect(!Evaluator.orderFree(event))
    #expect(!Evaluator.orderFree(.apply(.sentenceAt, [.variable(s), .number(0)])))
    #expect(!Evaluator.orderFree(.predicate("def-2.2", [.variable(s)])))
    #expect(
      Evaluator.orderFree(
        .relation(.lt, .apply(.probOf, [.variable(p), .variable(s)]), .number(1))))
    // Past the limit with an order-dependent event: undecided, not summed by class.
    #expect(
      evaluator.value(.probability(s, law: .variable(p), length: length(20), event: event), env)
        == nil)
    // A horizon-2 world: its models are not exchangeable; past the limit, undecided.
    let markov = World(
      sentences: 2, horizon: 2, values: [p: .law(.model(model([1, 3], horizon: 2)))])
    let always = Formula.relation(.ge, .apply(.probOf, [.variable(p), .variable(s)]), .number(0))
    #expect(
      Evaluator(world: markov, definitions: [:]).value(
        .probability(s, law: .variable(p), length: length(20), event: always)) == nil)
    #expect(!Evaluator.exchangeable(.bestOfN(.model(model([1, 3])), [0, 1], 2)))
  }

  /// A quantifier over texts whose body fixes the length past the enumeration limit: one text
  /// per class, exact in both directions, on horizon-1 worlds and order-free bodies only.
  @Test func quantifiersOverOneLengthGoByClass() {
    let world = World(
      sentences: 2, horizon: 1,
      values: [p: .law(.model(model([1, 3]))), q: .law(.model(model([3, 1])))])
    let evaluator = Evaluator(world: world, definitions: [:])
    let pOf = Term.apply(.probOf, [.variable(p), .variable(s)])
    let qOf = Term.apply(.probOf, [.variable(q), .variable(s)])
    let sized = { (k: Int) in Formula.relation(.eq, .apply(.length, [.variable(s)]), length(k)) }
    var top = Rational.one
    for _ in 0..<30 { top = top * Rational(BigInt(3), BigInt(4)) }
    #expect(world.sumLimit < 30)
    // The likeliest text of 30 sentences is 1…1, of probability (3/4)^30.
    #expect(
      evaluator.truth(.forall(s, .implies(sized(30), .relation(.le, pOf, .number(top))))) == .yes)
    #expect(
      evaluator.truth(.forall(s, .implies(sized(30), .relation(.lt, pOf, .number(top))))) == .no)
    // P(s) = Q(s) exactly when s has as many 0s as 1s: possible at 30, never at 31.
    #expect(evaluator.truth(.exists(s, .and([sized(30), .relation(.eq, pOf, qOf)]))) == .yes)
    #expect(evaluator.truth(.exists(s, .and([sized(31), .relation(.eq, pOf, qOf)]))) == .no)
    // Order-dependent bodies are not decided by class (the first sentence is 1 for some
    // texts of the class only).
    let first = Formula.relation(
      .eq,
      .apply(
        .behavior,
        [.variable(Variable("B", .behavior)), .apply(.sentenceAt, [.variable(s), .number(1)])]),
      .number(1))
    let behaviors: Bindings = [Variable("B", .behavior): .behavior([-1, 1])]
    #expect(evaluator.truth(.forall(s, .implies(sized(30), first)), behaviors) != .yes)
    #expect(evaluator.truth(.exists(s, .and([sized(30), first])), behaviors) != .no)
    // A horizon-2 world is not exchangeable: undecided past the limit.
    let markov = World(
      sentences: 2, horizon: 2, values: [p: .law(.model(model([1, 3], horizon: 2)))])
    let half = Formula.relation(.le, pOf, .number(Rational(BigInt(1), BigInt(2))))
    #expect(
      Evaluator(world: markov, definitions: [:]).truth(.forall(s, .implies(sized(30), half)))
        == .unknown)
  }

  @Test func classCountsAreTheNumberOfClasses() {
    for m in 0...4 {
      for k in 0...12 {
        #expect(
          Evaluator.classCount(length: k, sentences: m)
            == (m == 0 ? 0 : Evaluator.typeClasses(length: k, sentences: m).count),
          "m = \(m), k = \(k)")
      }
    }
    #expect(Evaluator.classCount(length: 64, sentences: 3) == 2145)
  }

  /// `∃ s, |s| ≤ b ∧ …` past 2000 texts: one text per class of each length, where the classes
  /// apply; the same truth as text by text below the limit.
  @Test func quantifiersUpToALengthGoByClass() {
    let world = World(sentences: 2, horizon: 1, values: [p: .law(.model(model([1, 3])))])
    let evaluator = Evaluator(world: world, definitions: [:])
    let pOf = Term.apply(.probOf, [.variable(p), .variable(s)])
    let upTo = { (k: Int) in Formula.relation(.le, .apply(.length, [.variable(s)]), length(k)) }
    // (1/4)^20 < 10^-12 < (1/4)^19: a text of twenty 0s is less likely; nothing up to 19 is.
    let tiny = Term.number(Rational(BigInt(1), BigInt(10).power(12)))
    let unlikely = Formula.relation(.lt, pOf, tiny)
    #expect(
      evaluator.boundedTexts(s, .and([upTo(30), unlikely]), universal: false, [:])?.count == 496)
    #expect(evaluator.truth(.exists(s, .and([upTo(30), unlikely]))) == .yes)
    #expect(evaluator.truth(.exists(s, .and([upTo(19), unlikely]))) == .no)
    #expect(evaluator.truth(.forall(s, .implies(upTo(30), .not(unlikely)))) == .no)
    #expect(evaluator.truth(.forall(s, .implies(upTo(19), .not(unlikely)))) == .yes)
    // Below the limit, by class and text by text agree.
    let half = Formula.relation(.le, pOf, .number(Rational(BigInt(1), BigInt(5))))
    for k in 0...8 {
      let byClass = evaluator.truth(.forall(s, .implies(upTo(k), half)))
      let markov = World(
        sentences: 2, horizon: 2, values: [p: .law(.model(model([1, 3], horizon: 2)))])
      // The same model written with horizon 2 is not taken for exchangeable: text by text.
      let byText = Evaluator(world: markov, definitions: [:])
        .truth(.forall(s, .implies(upTo(k), half)))
      #expect(byClass == byText, "k = \(k)")
    }
  }

  /// Equal functions of exactly equal arguments are equal, though their enclosures overlap.
  @Test func sameFunctionOfEqualArgumentsIsEqual() {
    let evaluator = Evaluator(world: World(sentences: 2, horizon: 1, values: [:]), definitions: [:])
    let third = Term.number(Rational(BigInt(1), BigInt(3)))
    let sixth = Term.number(Rational(BigInt(1), BigInt(6)))
    let half = Term.number(Rational(BigInt(1), BigInt(2)))
    var tiny = Rational.one
    for _ in 0..<40 { tiny = tiny / Rational(10) }
    let nearHalf = Term.apply(.add, [half, .number(tiny)])
    let logOf = { (t: Term) in Term.apply(.log, [t]) }
    let sum = Term.apply(.add, [third, sixth])
    #expect(evaluator.truth(.relation(.eq, logOf(sum), logOf(half))) == .yes)
    #expect(evaluator.truth(.relation(.le, logOf(sum), logOf(half))) == .yes)
    #expect(evaluator.truth(.relation(.lt, logOf(sum), logOf(half))) == .no)
    #expect(evaluator.truth(.relation(.ne, logOf(sum), logOf(half))) == .no)
    // Arguments 10^-40 apart: never claimed equal.
    #expect(evaluator.truth(.relation(.eq, logOf(nearHalf), logOf(half))) != .yes)
    #expect(evaluator.truth(.relation(.ne, logOf(nearHalf), logOf(half))) != .no)
    #expect(
      evaluator.truth(.relation(.eq, .apply(.exp, [logOf(nearHalf)]), .apply(.exp, [logOf(half)])))
        != .yes)
  }

  /// A quantifier over naturals with a bound in its body tries every natural up to it.
  @Test func boundedNaturalsAreAllTried() {
    let evaluator = Evaluator(world: World(sentences: 2, horizon: 1, values: [:]), definitions: [:])
    let j = Variable("j", .nat)
    let upTo = { (b: Int) in Formula.relation(.le, .variable(j), .number(Rational(b))) }
    let below = { (b: Int) in Formula.relation(.lt, .variable(j), .number(Rational(b))) }
    #expect(evaluator.truth(.forall(j, .implies(upTo(40), below(41)))) == .yes)
    #expect(evaluator.truth(.forall(j, .implies(upTo(40), below(40)))) == .no)
    #expect(evaluator.truth(.exists(j, .and([below(0), .truth(true)]))) == .no)
    #expect(
      evaluator.truth(
        .exists(j, .and([upTo(40), .relation(.eq, .variable(j), .number(Rational(37)))]))) == .yes)
    // Past the limit the naturals are not all tried: a claim about j = 299 stays undecided.
    let far = Formula.relation(.ne, .variable(j), .number(Rational(299)))
    #expect(evaluator.truth(.forall(j, .implies(upTo(300), far))) == .unknown)
  }
}
