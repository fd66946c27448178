import BEBKernel
import Testing

@testable import BEBNumeric

/// The sampler's repairs: a value past a bound, two changes together, fresh behaviors. Each
/// test's hypotheses are met by none of the sampler's random candidates alone.
struct SamplerRepairTests {
  let m = Variable("m", .nat)
  let beta = Variable("β", .real)
  let p = Variable("P", .dist)
  let b = Variable("B", .behavior)
  let gamma = Variable("γ", .real)

  func q(_ n: Int, _ d: Int) -> Term { .number(Rational(BigInt(n), BigInt(d))) }

  func met(_ sampler: inout DirectedSampler, _ attempts: Int, seed: UInt64) -> [World] {
    var g = SeededGenerator(seed: seed)
    return (0..<attempts).compactMap { _ in
      let attempt = sampler.attempt(&g)
      return attempt.failed == nil ? attempt.world : nil
    }
  }

  /// 100/3 < m < 35: only 34, which no random candidate is.
  @Test func aNaturalIsPutJustPastItsBound() {
    let len = Formula.and([
      .relation(.gt, .variable(m), q(100, 3)), .relation(.lt, .variable(m), q(35, 1)),
    ])
    var sampler = DirectedSampler(parameters: [m], hypotheses: [("len", len)], definitions: [:])
    let worlds = met(&sampler, 10, seed: 5)
    #expect(worlds.count == 10)
    #expect(worlds.allSatisfy { $0.values[m] == .number(Interval(Rational(34))) })
  }

  /// 0 < β ≤ 4 and 100/β < m < 70: m ≤ 64 needs β > 25/16 and β ≤ 4 needs m ≥ 26, so from
  /// most drawn worlds neither β nor m alone can be moved into place.
  @Test func twoParametersMoveTogether() {
    let pos = Formula.and([
      .relation(.gt, .variable(beta), q(0, 1)), .relation(.le, .variable(beta), q(4, 1)),
    ])
    let len = Formula.and([
      .relation(.gt, .variable(m), .apply(.div, [q(100, 1), .variable(beta)])),
      .relation(.lt, .variable(m), q(70, 1)),
    ])
    var sampler = DirectedSampler(
      parameters: [beta, m], hypotheses: [("pos", pos), ("len", len)], definitions: [:])
    let worlds = met(&sampler, 40, seed: 9)
    #expect(worlds.count >= 30)
    for world in worlds {
      let evaluator = Evaluator(world: world, definitions: [:])
      #expect(evaluator.truth(pos) == .yes && evaluator.truth(len) == .yes)
    }
  }

  /// β > 1 and β < 1/2 cannot both hold: each repair of one breaks the other (the repair
  /// keeps the first value that meets its hypothesis when none keeps the earlier one), so the
  /// rounds go round in a circle of numbers only. With a third hypothesis (always true) the
  /// rounds allow six repairs; the attempt stops at the sixth failure instead, so it reports
  /// the hypothesis that did not fail first (without the cut, the seventh failure — the one
  /// that failed first — would be reported). A circle through a hypothesis whose repair may
  /// redraw a law is not stuck: a redrawn law can end it.
  @Test func aCircleOfNumericRepairsStops() {
    let above = Formula.relation(.gt, .variable(beta), q(1, 1))
    let below = Formula.relation(.lt, .variable(beta), q(1, 2))
    let wide = Formula.relation(.gt, .variable(beta), q(-1000, 1))
    var sampler = DirectedSampler(
      parameters: [beta], hypotheses: [("above", above), ("below", below), ("wide", wide)],
      definitions: [:])
    #expect(sampler.isStuck([0, 1, 0, 1, 0, 1]))
    #expect(sampler.isStuck([2, 1, 0, 1, 0, 1, 0]))
    #expect(!sampler.isStuck([0, 1, 0, 1, 0]))
    #expect(!sampler.isStuck([0, 1, 0, 1, 1, 1]))
    #expect(!sampler.isStuck([1, 1, 1, 1, 1, 1]))
    var g = SeededGenerator(seed: 3)
    for _ in 0..<20 {
      // The first hypothesis the drawn world fails: attemptOnce draws the same world first.
      var copy = g
      let drawn = Evaluator(world: sampler.draw(&copy), definitions: [:])
      let first = drawn.truth(above) == .yes ? "below" : "above"
      let attempt = sampler.attempt(&g)
      #expect(attempt.failed == (first == "above" ? "below" : "above"))
    }
    // `neg` (B[P](⟨⟩) ≤ γ) may redraw P and B: a circle through it runs on.
    let neg = Formula.relation(
      .le, .apply(.behaviorAfter, [.variable(b), .variable(p), .apply(.emptyText, [])]),
      .variable(gamma))
    let pos = Formula.relation(.gt, .variable(gamma), q(0, 1))
    let withLaws = DirectedSampler(
      parameters: [p, b, gamma], hypotheses: [("neg", neg), ("pos", pos)], definitions: [:])
    #expect(!withLaws.isStuck([0, 1, 0, 1, 0, 1]))
  }

  /// thm-3.4-repaired's `neg` and `negresp`: B[P](s) ≤ γ < 0 after every text (so P gives
  /// every text positive probability: x/0 = 0 makes B[P](s) = 0 after a text of
  /// probability 0) and P says only sentences scoring at most γ — together, every sentence
  /// scores at most γ, a behavior the drawn shapes (one negative, one positive sentence)
  /// never are.
  @Test func behaviorsAreRedrawn() {
    let s = Variable("s", .text)
    let y = Variable("y", .sentence)
    let gam = Formula.and([
      .relation(.ge, .variable(gamma), q(-1, 1)), .relation(.lt, .variable(gamma), q(0, 1)),
    ])
    let neg = Formula.forall(
      s,
      .relation(
        .le, .apply(.behaviorAfter, [.variable(b), .variable(p), .variable(s)]), .variable(gamma)))
    let negresp = Formula.forall(
      s,
      .forall(
        y,
        .implies(
          .relation(.gt, .apply(.probGiven, [.variable(p), .variable(y), .variable(s)]), q(0, 1)),
          .relation(.le, .apply(.behavior, [.variable(b), .variable(y)]), .variable(gamma)))))
    var sampler = DirectedSampler(
      parameters: [p, b, gamma], hypotheses: [("gam", gam), ("neg", neg), ("negresp", negresp)],
      definitions: [:])
    let worlds = met(&sampler, 30, seed: 2)
    #expect(worlds.count >= 10)
    for world in worlds {
      guard case .behavior(let scores)? = world.values[b],
        case .number(let g)? = world.values[gamma], let bound = g.exact
      else {
        Issue.record("no behavior or γ")
        continue
      }
      #expect(scores.allSatisfy { $0 <= bound })
    }
  }
  /// How a trial fares in a repair (`fit`), whatever order it evaluates the hypotheses in:
  /// `pos` (β > 0, cheap) and `reach` (∃ y, B(y) + 1 > β, a quantifier: evaluated after the
  /// hypothesis repaired) come before `small` (β < 5), the one repaired.
  @Test func aTrialMeetsBreaksOrFails() {
    let y = Variable("y", .sentence)
    let pos = Formula.relation(.gt, .variable(beta), q(0, 1))
    let reach = Formula.exists(
      y,
      .relation(
        .gt, .apply(.add, [.apply(.behavior, [.variable(b), .variable(y)]), q(1, 1)]),
        .variable(beta)))
    let small = Formula.relation(.lt, .variable(beta), q(5, 1))
    let sampler = DirectedSampler(
      parameters: [beta, b], hypotheses: [("pos", pos), ("reach", reach), ("small", small)],
      definitions: [:])
    #expect(sampler.isCheap == [true, false, true])
    let kl = Term.apply(.kl, [.variable(p), .variable(p)])
    #expect(!DirectedSampler.isCheap(.relation(.gt, kl, .variable(beta))))
    #expect(!DirectedSampler.isCheap(.predicate("def-2.3", [.variable(p)])))
    #expect(DirectedSampler.isCheap(.implies(pos, .not(small))))
    func fit(_ value: Term, changed: [Variable] = [], orBreaking: Bool) -> DirectedSampler.Fit {
      guard case .number(let v) = value else { return .fails }
      let world = World(
        sentences: 2, horizon: 1,
        values: [
          beta: .number(Interval(v)), b: .behavior([Rational(BigInt(-1), BigInt(2)), .zero]),
        ])
      return sampler.fit(world, 2, changed: changed, orBreaking: orBreaking)
    }
    for orBreaking in [false, true] {
      // Every hypothesis holds.
      #expect(fit(q(1, 2), changed: [beta], orBreaking: orBreaking) == .meets)
      // `small` fails: nothing else matters.
      #expect(fit(q(7, 1), changed: [beta], orBreaking: orBreaking) == .fails)
      // `pos` (cheap) fails, `small` holds.
      #expect(
        fit(q(-1, 1), changed: [beta], orBreaking: orBreaking) == (orBreaking ? .breaks : .fails))
      // `reach` (evaluated last) fails, `small` holds.
      #expect(
        fit(q(3, 1), changed: [beta], orBreaking: orBreaking) == (orBreaking ? .breaks : .fails))
      // A change that reaches no earlier hypothesis leaves them as they were.
      #expect(fit(q(-1, 1), changed: [], orBreaking: orBreaking) == .meets)
    }
  }

  /// Definition 2.6, "X is positive w.r.t. Y on B", as a definition applied to X, Y, B: a
  /// law for X is made from Y (PositivityRepair.swift). Without that repair no law is
  /// redrawn for a hypothesis that applies a definition, and the attempts where the drawn X
  /// is not below Y on the negative sentences are rejected.
  @Test func aLawIsMadePositiveWithRespectToAnother() throws {
    let x = Variable("X", .dist)
    let (s0, s) = (Variable("s0", .text), Variable("s", .sentence))
    let (dx, dy, db) = (Variable("Pψ", .dist), Variable("Pφ", .dist), Variable("B", .behavior))
    // ∀ s0, ∀ s : Sentence, beh(s) < 0 ⇒ X(s | s0) R Y(s | s0).
    let shape = { (r: Relation, x: Variable, y: Variable, beh: Variable) in
      Formula.forall(
        s0,
        .forall(
          s,
          .implies(
            .relation(.lt, .apply(.behavior, [.variable(beh), .variable(s)]), .number(.zero)),
            .relation(
              r, .apply(.probGiven, [.variable(x), .variable(s), .variable(s0)]),
              .apply(.probGiven, [.variable(y), .variable(s), .variable(s0)])))))
    }
    let body = shape(.lt, dx, dy, db)
    let definitions = [
      "def-2.6": DefinitionStatement(id: "def-2.6", parameters: [dx, dy, db], body: body)
    ]
    let pos = Formula.predicate("def-2.6", [.variable(x), .variable(p), .variable(b)])
    var sampler = DirectedSampler(
      parameters: [x, p, b], hypotheses: [("pos", pos)], definitions: definitions)
    #expect(sampler.positivity(pos)! == (x, p, b))
    #expect(sampler.positivity(body)! == (dx, dy, db))
    // Not the shape: ≤ instead of <, another body, or one law against itself.
    #expect(sampler.positivity(shape(.le, x, p, b)) == nil)
    #expect(sampler.positivity(shape(.lt, x, p, b))! == (x, p, b))
    #expect(
      sampler.positivity(.forall(s0, .forall(s, .implies(.truth(true), .truth(true))))) == nil)
    let itself = Formula.predicate("def-2.6", [.variable(p), .variable(p), .variable(b)])
    #expect(sampler.positivity(itself) == nil)

    // Drawn worlds: most attempts meet the hypothesis (27 of these 40; 6 without the repair).
    let worlds = met(&sampler, 40, seed: 11)
    #expect(worlds.count >= 20)
    for world in worlds {
      #expect(Evaluator(world: world, definitions: definitions).truth(pos) == .yes)
    }
    // From a world where X puts more mass than P on the negative sentence 0.
    let half = Rational(BigInt(1), BigInt(2))
    let third = Rational(BigInt(1), BigInt(3))
    let law = { (a: Rational) in
      Value.law(.model(Model(sentences: 3, horizon: 1, next: [[]: [a, (1 - a) / 2, (1 - a) / 2]])))
    }
    let world = World(
      sentences: 3, horizon: 1, values: [x: law(half), p: law(third), b: .behavior([-1, 0, 1])])
    #expect(Evaluator(world: world, definitions: definitions).truth(pos) == .no)
    var g = SeededGenerator(seed: 3)
    let repaired = try #require(sampler.repair(world, 0, &g))
    #expect(Evaluator(world: repaired, definitions: definitions).truth(pos) == .yes)
    // P gives the negative sentence no mass: no law is below it there, nothing is proposed.
    var none = world
    none.values[p] = law(.zero)
    #expect(sampler.positiveCandidates((x, p, b), none, &g).isEmpty)
    // Horizon 2, two negative sentences, and laws that lose mass after two prefixes: after
    // every prefix, each candidate keeps P's mass, is strictly below P on the negative
    // sentences and at least P elsewhere.
    let q = { (n: Int, d: Int) in Rational(BigInt(n), BigInt(d)) }
    let tree = Model(
      sentences: 3, horizon: 2,
      next: [
        []: [q(1, 2), q(1, 4), q(1, 4)], [0]: [q(1, 3), q(1, 3), q(1, 3)],
        [1]: [q(1, 10), q(1, 10), q(1, 2)], [2]: [q(1, 5), q(3, 5), q(1, 10)],
      ])
    var two = world
    two.values[p] = .law(.model(tree))
    two.values[b] = .behavior([-1, -q(1, 2), 1])
    let candidates = sampler.positiveCandidates((x, p, b), two, &g)
    #expect(candidates.count == 3)
    for candidate in candidates {
      #expect(candidate.horizon == 2 && Set(candidate.next.keys) == Set(tree.next.keys))
      for (prefix, law) in tree.next {
        let new = try #require(candidate.next[prefix])
        #expect(new.reduce(Rational.zero, +) == law.reduce(Rational.zero, +))
        #expect(new[0] < law[0] && new[1] < law[1] && new[0] > 0 && new[1] > 0)
        #expect(new[2] >= law[2])
      }
      var made = two
      made.values[x] = .law(.model(candidate))
      #expect(Evaluator(world: made, definitions: definitions).truth(pos) == .yes)
    }
  }
}
