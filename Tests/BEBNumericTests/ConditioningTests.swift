import BEBKernel
import Testing

@testable import BEBNumeric

/// Conditional laws in their cheaper form (Conditioning.swift): the same probability of every
/// text as the law as written, exactly, and enclosed by the fast pass; simplified only where
/// the prefix is certainly possible.
struct ConditioningTests {
  /// Every text over `m` sentences up to `length`.
  func texts(_ m: Int, upTo length: Int) -> [[Int]] {
    var all: [[Int]] = [[]]
    var level: [[Int]] = [[]]
    for _ in 0..<length {
      level = level.flatMap { t in (0..<m).map { t + [$0] } }
      all += level
    }
    return all
  }

  /// Laws of every shape the evaluator conditions: models of horizon 1 to 3 (with zeros),
  /// mixtures with weights inside and outside [0, 1], conditionals of both.
  func laws(_ m: Int, _ horizon: Int, seed: UInt64) -> [Law] {
    var g = SeededGenerator(seed: seed)
    let a = Law.model(WorldSampler.model(m, horizon, &g))
    let b = Law.model(WorldSampler.model(m, horizon, &g))
    var laws = [a, b]
    for w in [Rational(BigInt(1), BigInt(3)), Rational(2), Rational(BigInt(-1), BigInt(2)), .one] {
      laws.append(.mixture(Interval(w), a, b))
    }
    laws.append(.conditional(a, [0]))
    laws.append(.conditional(.mixture(Interval(Rational(BigInt(1), BigInt(4))), a, b), [1, 0]))
    // A part of mass 0 (a conditional on an impossible prefix, x/0 = 0): the mixture gives ⟨⟩
    // a mass other than 1, so even conditioning on ⟨⟩ changes it.
    let never = Law.model(
      WorldSampler.tree(m, horizon, &g) { _ in
        [.zero] + Array(repeating: Rational(BigInt(1), BigInt(m - 1)), count: m - 1)
      })
    let empty = Law.conditional(never, [0])
    laws.append(.mixture(Interval(Rational(BigInt(1), BigInt(2))), empty, b))
    laws.append(
      .mixture(
        Interval(Rational(2)), .mixture(Interval(Rational(BigInt(1), BigInt(2))), empty, b), a))
    return laws
  }

  @Test(arguments: [(2, 1), (3, 1), (2, 2), (3, 2), (2, 3)])
  func theCheaperFormGivesTheSameProbabilities(m: Int, horizon: Int) {
    for seed in UInt64(1)...4 {
      let world = World(sentences: m, horizon: horizon, values: [:])
      let evaluator = Evaluator(world: world, definitions: [:])
      for law in laws(m, horizon, seed: seed) {
        for prefix in texts(m, upTo: 4) {
          let written = Law.conditional(law, prefix)
          // Exact pass: equal rationals.
          evaluator.pass.fast = false
          let exact = evaluator.conditioned(law, on: prefix)
          // Fast pass: an enclosure of the same value.
          evaluator.pass.fast = true
          let fast = evaluator.conditioned(law, on: prefix)
          for text in texts(m, upTo: 3) {
            guard let expected = written.probability(text)?.exact else {
              Issue.record("no exact value for \(written) at \(text)")
              continue
            }
            evaluator.pass.fast = false
            #expect(
              evaluator.probability(exact, text)?.exact == expected,
              "\(law) | \(prefix) at \(text): \(exact)")
            evaluator.pass.fast = true
            // Undefined in the fast pass (a divisor that may be 0) only where the law as
            // written is too; else an enclosure of the exact value.
            guard let enclosure = evaluator.probability(fast, text) else {
              #expect(evaluator.probability(written, text) == nil, "\(law) | \(prefix) at \(text)")
              continue
            }
            #expect(
              !Interval.isBelow(enclosure, Interval(expected), strictly: true)
                && !Interval.isBelow(Interval(expected), enclosure, strictly: true),
              "\(law) | \(prefix) at \(text): \(enclosure)")
          }
        }
      }
    }
  }

  /// B[P(·|s)] and KL(P(·|s) ∥ Q(·|s)) are kept by the laws they sum over: one evaluator that
  /// keeps them gives, for every prefix, the value a fresh one computes.
  @Test(arguments: [1, 2, 3])
  func sumsOverSentencesKeptByLawAreTheSums(horizon: Int) {
    var g = SeededGenerator(seed: UInt64(horizon))
    let (p, q, b, s) = (
      Variable("P", .dist), Variable("Q", .dist), Variable("B", .behavior), Variable("s", .text)
    )
    let world = World(
      sentences: 2, horizon: horizon,
      values: [
        p: .law(.model(WorldSampler.model(2, horizon, &g))),
        q: .law(.model(WorldSampler.model(2, horizon, &g))), b: .behavior([-1, 1]),
      ])
    let after = { (d: Variable) in Term.apply(.conditional, [.variable(d), .variable(s)]) }
    let terms = [
      Term.apply(.behaviorMean, [.variable(b), after(p)]),
      Term.apply(.behaviorAfter, [.variable(b), .variable(q), .variable(s)]),
      Term.apply(.kl, [after(p), after(q)]),
    ]
    let kept = Evaluator(world: world, definitions: [:])
    for fast in [false, true] {
      kept.pass.fast = fast
      for text in texts(2, upTo: 4) {
        for term in terms {
          let env: Bindings = [s: .text(text)]
          let fresh = Evaluator(world: world, definitions: [:])
          fresh.pass.fast = fast
          #expect(kept.value(term, env) == fresh.value(term, env), "\(term) at \(text)")
        }
      }
    }
  }

  @Test func aHorizonOneModelForgetsAPossiblePrefixOnly() {
    let half = Rational(BigInt(1), BigInt(2))
    let model = Model(sentences: 2, horizon: 1, next: [[]: [.one, .zero]])
    let world = World(sentences: 2, horizon: 1, values: [:])
    let evaluator = Evaluator(world: world, definitions: [:])
    // P(⟨0 0⟩) = 1: the law after it is the model's own.
    #expect(evaluator.conditioned(.model(model), on: [0, 0]) == .model(model))
    // P(⟨1⟩) = 0: kept as written (its value is 0/0 = 0 on every text, not P's).
    #expect(evaluator.conditioned(.model(model), on: [1]) == .conditional(.model(model), [1]))
    // A mixture takes Bayes' posterior weight: here all of it on the model that can say ⟨1⟩.
    let other = Model(sentences: 2, horizon: 1, next: [[]: [half, half]])
    let mixture = Law.mixture(Interval(half), .model(model), .model(other))
    #expect(evaluator.conditioned(mixture, on: [1]) == .conditional(mixture, [1]))
    let posterior = evaluator.conditioned(mixture, on: [0])
    // w' = (1/2 · 1) / (1/2 · 1 + 1/2 · 1/2) = 2/3.
    #expect(
      posterior
        == .mixture(Interval(Rational(BigInt(2), BigInt(3))), .model(model), .model(other)))
  }

  /// The form is kept per evaluator by the law, the prefix and the pass: asked in the fast
  /// pass first, a mixture's posterior weight is an enclosure; asked then in the exact pass,
  /// it is the exact weight, not the kept enclosure. Bayes' rule: (1/3 · 1/3) / (1/3 · 1/3 +
  /// 2/3 · 1/2) = 1/4.
  @Test func eachPassKeepsItsOwnForm() {
    func q(_ n: Int, _ d: Int) -> Rational { Rational(BigInt(n), BigInt(d)) }
    let a = Model(sentences: 2, horizon: 1, next: [[]: [q(1, 3), q(2, 3)]])
    let b = Model(sentences: 2, horizon: 1, next: [[]: [q(1, 2), q(1, 2)]])
    let mixture = Law.mixture(Interval(q(1, 3)), .model(a), .model(b))
    let evaluator = Evaluator(world: World(sentences: 2, horizon: 1, values: [:]), definitions: [:])
    evaluator.pass.fast = true
    let fast = evaluator.conditioned(mixture, on: [0])
    #expect(!fast.hasExactWeights)
    evaluator.pass.fast = false
    let exact = evaluator.conditioned(mixture, on: [0])
    #expect(exact == .mixture(Interval(q(1, 4)), .model(a), .model(b)))
    #expect(evaluator.conditioned(mixture, on: [0]) == exact)
    evaluator.pass.fast = true
    #expect(evaluator.conditioned(mixture, on: [0]) == fast)
  }
}
