import BEBKernel
import Testing

@testable import BEBNumeric

/// The shortcuts the evaluator takes on a model's numbers agree with the exact definitions
/// they stand for: `isPossible` with the exact chain-rule probability compared with zero,
/// `isNormalized` (computed once) with its definition, `Interval.twoToThe` with 2^k.
@Suite struct ModelShortcutTests {
  @Test func isPossibleIsTheExactProbabilityComparedWithZero() {
    var g = SeededGenerator(seed: 11)
    var impossible = 0
    var possible = 0
    for trial in 0..<60 {
      let (m, horizon) = (1 + trial % 3, 1 + (trial / 3) % 3)
      // Zeros in one law of four (WorldSampler.model), so some texts are impossible.
      let model = WorldSampler.model(m, horizon, &g)
      for _ in 0..<40 {
        let text = (0..<g.below(7)).map { _ in g.below(m) }
        let exact = model.probability(text)!
        #expect(model.isPossible(text) == !exact.isZero, "\(model.next) \(text)")
        if exact.isZero { impossible += 1 } else { possible += 1 }
      }
    }
    // Both answers occur, so the comparison above could fail either way.
    #expect(impossible > 50 && possible > 50)
    // A sentence outside the model: impossible, not a crash.
    let model = Model(sentences: 2, horizon: 1, next: [[]: [.one, .zero]])
    #expect(!model.isPossible([2]))
    #expect(!model.isPossible([1]) && model.isPossible([0, 0]) && model.isPossible([]))
    // A model built by hand with a law of another length: asked the exact product (the
    // enclosures leave that law out), as `probability` reads it.
    let irregular = Model(sentences: 2, horizon: 1, next: [[]: [.one, .zero, .zero]])
    #expect(irregular.probability([0]) == .one && irregular.isPossible([0]))
    #expect(!irregular.isPossible([1]))
  }

  @Test func theGroupedExactProductIsTheChainRule() {
    var g = SeededGenerator(seed: 12)
    var zeros = 0
    for trial in 0..<60 {
      let (m, horizon) = (1 + trial % 3, 1 + (trial / 3) % 3)
      // Every other model with its laws scaled down (an assumption edit's sub-probability
      // laws), so that laws not summing to 1 are compared too.
      let model = WorldSampler.model(m, horizon, &g).leaked(if: trial % 2 == 1, &g)
      for length in [0, 1, 2, 3, 5, 9, 17, 64] {
        let text = (0..<length).map { _ in g.below(m) }
        let grouped = model.exactProbability(text)
        #expect(grouped == model.probability(text), "\(model.next) \(text)")
        if grouped?.isZero == true { zeros += 1 }
      }
    }
    // Texts with a zero factor occur too (the zero case is checked, not only products).
    #expect(zeros > 20)
    // Through the evaluation cache (the exact pass's path): the same value, computed and
    // then read back, for a text and for its prefixes asked after it.
    let cache = EvaluationCache()
    let horizon2 = WorldSampler.model(3, 2, &g)
    let long = (0..<40).map { _ in g.below(3) }
    for text in [long, long, Array(long.prefix(17)), []] {
      #expect(
        cache.probability(.model(horizon2), text) == Interval(horizon2.probability(text)!),
        "\(text)")
    }
    // A sentence outside the model, or a model with a law of another length: not grouped
    // (nil), for the chain rule to answer.
    let model = Model(sentences: 2, horizon: 1, next: [[]: [.one, .zero]])
    #expect(model.exactProbability([2]) == nil)
    #expect(model.exactProbability([0, 0]) == .one && model.exactProbability([0, 1]) == .zero)
    let irregular = Model(sentences: 2, horizon: 1, next: [[]: [.one, .zero, .zero]])
    #expect(irregular.exactProbability([0]) == nil)
    // A law missing after a context: read as zeros, as `law(after:)` reads it.
    let half = Rational(BigInt(1), BigInt(2))
    let partial = Model(sentences: 2, horizon: 2, next: [[]: [half, half], [0]: [half, half]])
    #expect(partial.exactProbability([1, 0]) == .zero && partial.probability([1, 0]) == .zero)
    #expect(partial.exactProbability([0, 1]) == half * half)
  }

  @Test func theEnclosureContainsTheExactProbability() {
    // Rounded to nearest and widened once (normal partial products), or each product
    // rounded outward (an end that may underflow): the exact value lies inside either way.
    var g = SeededGenerator(seed: 13)
    var checked = 0
    func encloses(_ model: Model, _ text: [Int]) -> Bool {
      guard let exact = model.exactProbability(text) ?? model.probability(text),
        let (low, high) = model.enclosedProbability(text)?.bounds
      else { return false }
      return Interval.rational(low) <= exact && exact <= Interval.rational(high)
    }
    // Laws of weights 1…9 over their sum (3, 7, 11, …: not dyadic, so products round).
    func law(_ m: Int) -> [Rational] {
      let weights = (0..<m).map { _ in 1 + g.below(9) }
      let total = weights.reduce(0, +)
      return weights.map { Rational(BigInt($0), BigInt(total)) }
    }
    for trial in 0..<60 {
      let (m, horizon) = (2 + trial % 3, 1 + (trial / 3) % 2)
      var next: [[Int]: [Rational]] = [[]: law(m)]
      if horizon == 2 { for y in 0..<m { next[[y]] = law(m) } }
      let model = Model(sentences: m, horizon: horizon, next: next)
      for _ in 0..<20 {
        let text = (0..<g.below(65)).map { _ in g.below(m) }
        #expect(encloses(model, text), "\(model.next) \(text)")
        if let (low, high) = model.enclosedProbability(text)?.bounds, low > 0 {
          // Narrow: within about 2(n + 2) units in the last place of each end.
          #expect(high / low < 1 + 0x1p-40)
          checked += 1
        }
      }
    }
    #expect(checked > 300)
    // 3^-600 ≈ 2^-951 is below `Round.tiny`: the ends are rounded outward product by
    // product, and still enclose it.
    let third = Rational(BigInt(1), BigInt(3))
    let thirds = Model(sentences: 3, horizon: 1, next: [[]: [third, third, third]])
    let long = (0..<600).map { $0 % 3 }
    #expect(encloses(thirds, long))
    #expect(thirds.enclosedProbability(long)!.bounds.0 > 0)
    // One end widened, the other not: 1 − 10^-20 is enclosed by (1 − 2^-53, 1), so the
    // upper end multiplies only 1s (exact) while the lower end rounds and is widened.
    let near = Rational.one - Rational(BigInt(1), BigInt(10).power(20))
    let almost = Model(sentences: 2, horizon: 1, next: [[]: [near, .one - near]])
    let zeros = Array(repeating: 0, count: 64)
    #expect(encloses(almost, zeros))
    #expect(almost.enclosedProbability(zeros)!.bounds.1 == 1)
    #expect(almost.enclosedProbability(zeros)!.bounds.0 < 1)
    // A certain sentence: products by 1 are exact, and so is the enclosure.
    let certain = Model(sentences: 2, horizon: 1, next: [[]: [.one, .zero]])
    #expect(certain.enclosedProbability(Array(repeating: 0, count: 64))!.bounds == (1, 1))
  }

  @Test func isNormalizedIsItsDefinition() {
    let half = Rational(BigInt(1), BigInt(2))
    #expect(Model(sentences: 2, horizon: 1, next: [[]: [half, half]]).isNormalized)
    // Sums to 2, a negative entry, a missing law after a prefix shorter than the horizon.
    #expect(!Model(sentences: 2, horizon: 1, next: [[]: [.one, .one]]).isNormalized)
    #expect(!Model(sentences: 2, horizon: 1, next: [[]: [2, -1]]).isNormalized)
    #expect(
      !Model(sentences: 2, horizon: 2, next: [[]: [half, half], [0]: [.one, .zero]]).isNormalized)
    #expect(
      Model(
        sentences: 2, horizon: 2,
        next: [[]: [half, half], [0]: [.one, .zero], [1]: [half, half]]
      )
      .isNormalized)
  }

  @Test func powersOfTwoFromTheTableAreTwoToThePower() {
    for k in [0, 1, 2, 31, 32, 33, 63, 64, 65, 200, 1074, 1300, 1301, 1500] {
      #expect(Interval.twoToThe(k) == BigInt(2).power(k), "2^\(k)")
    }
  }
}
