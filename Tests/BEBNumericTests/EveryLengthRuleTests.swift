import BEBKernel
import Testing

@testable import BEBNumeric

/// The rules that decide `∀ n : Nat` on a world: the zero law (every expectation 0) and the
/// variance of the log-ratio on horizon-1 models (n times the one-sentence variance),
/// checked against the evaluator's own enumeration at n = 1…4.
@Suite struct EveryLengthRuleTests {
  let p = Variable("P", .dist)
  let q = Variable("Q", .dist)
  let s = Variable("s", .text)
  let r = Variable("r", .text)
  let n = Variable("n", .nat)
  let c = Variable("c", .real)

  func q(_ a: Int, _ b: Int) -> Rational { Rational(BigInt(a), BigInt(b)) }

  func world(
    _ pLaw: [Rational], _ qLaw: [Rational], prefix: [Int], c value: Rational, horizon: Int = 1
  )
    -> World
  {
    func model(_ law: [Rational]) -> Model {
      var next: [[Int]: [Rational]] = [[]: law]
      if horizon == 2 { for y in 0..<law.count { next[[y]] = law.reversed() } }
      return Model(sentences: law.count, horizon: horizon, next: next)
    }
    return World(
      sentences: pLaw.count, horizon: horizon,
      values: [
        p: .law(.model(model(pLaw))), q: .law(.model(model(qLaw))), r: .text(prefix),
        c: .number(Interval(value)),
      ])
  }

  /// `Var[s ~ P(·|r), |s| = n] log(P(s | r) / Q(s | r))`.
  func variance(_ length: Term) -> Term {
    .bind(
      .variance, s, range: [.apply(.conditional, [.variable(p), .variable(r)]), length],
      body: .apply(
        .log,
        [
          .apply(
            .div,
            [
              .apply(.probGiven, [.variable(p), .variable(s), .variable(r)]),
              .apply(.probGiven, [.variable(q), .variable(s), .variable(r)]),
            ])
        ]))
  }

  /// `∀ n : Nat, n ≥ 1 ⇒ Var[…] < n · c`.
  var similar: Formula {
    .forall(
      n,
      .implies(
        .relation(.ge, .variable(n), .number(1)),
        .relation(.lt, variance(.variable(n)), .apply(.mul, [.variable(n), .variable(c)]))))
  }

  /// The one-sentence variance by enumeration, and the claim at n = 1…4 by enumeration.
  func enumerated(_ world: World) -> (Interval, [Truth]) {
    let evaluator = Evaluator(world: world, definitions: [:])
    guard case .number(let v1)? = evaluator.value(variance(.number(1)), [:]) else {
      return (Interval(.zero), [])
    }
    let truths = (1...4).map { k -> Truth in
      evaluator.truth(
        .relation(
          .lt, variance(.number(Rational(k))), .apply(.mul, [.number(Rational(k)), .variable(c)])))
    }
    return (v1, truths)
  }

  @Test func varianceRuleAgreesWithEnumeration() throws {
    let laws: [([Rational], [Rational])] = [
      ([q(1, 2), q(1, 2)], [q(1, 4), q(3, 4)]),
      ([q(1, 3), q(1, 3), q(1, 3)], [q(1, 6), q(1, 2), q(1, 3)]),
      ([q(9, 10), q(1, 10)], [q(1, 10), q(9, 10)]),
    ]
    var yes = 0
    var no = 0
    for (a, b) in laws {
      for prefix in [[], [0], [1, 0]] {
        let (v1, _) = enumerated(world(a, b, prefix: prefix, c: 1))
        // c just above and just below the one-sentence variance.
        let (low, high) = (try #require(v1.lowerBound), try #require(v1.upperBound))
        for cValue in [high * q(11, 10) + q(1, 1000), low * q(9, 10)] {
          let w = world(a, b, prefix: prefix, c: cValue)
          let (_, truths) = enumerated(w)
          let verdict = Evaluator(world: w, definitions: [:]).truth(similar)
          if truths.allSatisfy({ $0 == .yes }) {
            #expect(verdict == .yes, "\(a) \(b) \(prefix) c = \(cValue)")
            yes += 1
          } else {
            #expect(truths.contains(.no))
            #expect(verdict == .no, "\(a) \(b) \(prefix) c = \(cValue)")
            no += 1
          }
        }
      }
    }
    #expect(yes > 0 && no > 0)
  }

  @Test func varianceRuleNeedsHorizonOneAndSupport() {
    // Horizon 2 (the law depends on the previous sentence): not decided by the rule.
    let markov = world([q(1, 2), q(1, 2)], [q(1, 4), q(3, 4)], prefix: [], c: 100, horizon: 2)
    #expect(
      Evaluator(world: markov, definitions: [:]).everyLengthVariance(n, unwrap(similar), [:]) == nil
    )
    // Q gives 0 where P does not: the log-ratio is not a sum of finite terms.
    let unsupported = world([q(1, 2), q(1, 2)], [1, 0], prefix: [], c: 100)
    #expect(
      Evaluator(world: unsupported, definitions: [:]).everyLengthVariance(n, unwrap(similar), [:])
        == nil)
    // A prefix P gives probability 0.
    let zero = world([1, 0], [q(1, 2), q(1, 2)], prefix: [1], c: 100)
    #expect(
      Evaluator(world: zero, definitions: [:]).everyLengthVariance(n, unwrap(similar), [:]) == nil)
  }

  func unwrap(_ f: Formula) -> Formula {
    if case .forall(_, let body) = f { return body }
    return f
  }

  @Test func zeroLawExpectationsAreZeroAtEveryLength() {
    // P gives the prefix ⟨1⟩ probability 0: P(·|⟨1⟩) is the zero law.
    let w = world([1, 0], [q(1, 2), q(1, 2)], prefix: [1], c: 0)
    let evaluator = Evaluator(world: w, definitions: [:])
    let kl = Term.apply(
      .kl,
      [
        .apply(.conditional, [.variable(p), .variable(s)]),
        .apply(.conditional, [.variable(q), .variable(s)]),
      ])
    func claim(_ relation: Relation, _ bound: Rational) -> Formula {
      .forall(
        n,
        .relation(
          relation,
          .bind(
            .expectation, s,
            range: [.apply(.conditional, [.variable(p), .variable(r)]), .variable(n)], body: kl),
          .number(bound)))
    }
    #expect(evaluator.truth(claim(.gt, -1)) == .yes)  // 0 > -1 at every n
    #expect(evaluator.truth(claim(.gt, 0)) == .no)  // 0 > 0 fails (at n = 0 already)
    #expect(evaluator.truth(claim(.ge, 0)) == .yes)
    // Enumeration agrees at n = 0…3.
    for k in 0...3 {
      let at = Term.bind(
        .expectation, s,
        range: [.apply(.conditional, [.variable(p), .variable(r)]), .number(Rational(k))], body: kl)
      guard case .number(let v)? = evaluator.value(at, [:]) else {
        Issue.record("no value at n = \(k)")
        continue
      }
      #expect(v.exact?.isZero == true)
    }
  }
}
