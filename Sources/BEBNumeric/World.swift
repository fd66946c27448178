import BEBKernel
import Synchronization

/// A finite language model over `sentences` sentences (numbered from 0), defined for texts of
/// every length: for every prefix shorter than the horizon, a next-sentence distribution (full
/// prefix trees, zeros allowed); past the horizon the model is a Markov chain of order
/// `horizon − 1`: the law after a longer prefix is the law after its last `horizon − 1`
/// sentences (its *context*). So quantifiers over texts of any length can be decided from the
/// finitely many contexts (see TextQuantifiers.swift).
public struct Model: Hashable, Sendable {
  /// Everything a model holds, in one object: a model is copied wherever a law is (into
  /// values, out of a `Law`, into cache keys), and a copy is then one reference count, not
  /// one for each of its tables.
  private let storage: Storage

  final class Storage: Sendable {
    let sentences: Int
    let horizon: Int
    let next: [[Int]: [Rational]]
    /// Probabilities of texts already computed (evaluation asks for the same prefixes
    /// often); a few thousand: a check's evaluations keep the rest in its bounded
    /// `EvaluationCache`.
    let memo = Mutex<[[Int]: Rational]>([:])
    /// A hash of `next`, computed once: laws are hashed as cache keys many times per world.
    let fingerprint: Int
    /// Each next-sentence probability enclosed in doubles (`Interval.enclose`; nil for an
    /// exact zero), at `sentences · code(context) + sentence` (see `code`): what the fast
    /// pass of evaluation multiplies (`enclosedProbability`).
    let enclosures: [(Double, Double)?]
    /// The same next-sentence probabilities, exact (nil for a zero), at the same positions:
    /// the factors of `exactProbability`.
    let factors: [Rational?]
    /// Whether every next-sentence law is a distribution (sums to 1, no negative entry):
    /// computed once, as a hypothesis on texts of every length asks it of the same model on
    /// every state it visits.
    let isNormalized: Bool
    /// Whether every law has one entry per sentence after a prefix of the model's sentences
    /// shorter than the horizon: then `enclosures` holds every factor (`isPossible`).
    let regular: Bool

    init(sentences: Int, horizon: Int, next: [[Int]: [Rational]]) {
      let horizon = max(1, horizon)
      self.sentences = sentences
      self.horizon = horizon
      self.next = next
      var hasher = Hasher()
      hasher.combine(sentences)
      hasher.combine(horizon)
      hasher.combine(next)
      fingerprint = hasher.finalize()
      // Contexts are the texts shorter than the horizon: (m^h − 1)/(m − 1) of them (h for
      // m = 1).
      var count = 0
      var power = 1
      for _ in 0..<horizon {
        count += power
        power *= max(1, sentences)
      }
      var table = [(Double, Double)?](repeating: nil, count: count * sentences)
      var exact = [Rational?](repeating: nil, count: count * sentences)
      for (prefix, law) in next where prefix.count < horizon && law.count == sentences {
        let base = Model.code(prefix[...], sentences: sentences) * sentences
        for (y, q) in law.enumerated() where !q.isZero {
          table[base + y] = Interval.enclose(q)
          exact[base + y] = q
        }
      }
      enclosures = table
      factors = exact
      isNormalized = Model.normalized(next, sentences: sentences, horizon: horizon)
      regular = next.allSatisfy { prefix, law in
        law.count == sentences && prefix.count < horizon
          && prefix.allSatisfy { (0..<sentences).contains($0) }
      }
    }
  }

  public var sentences: Int { storage.sentences }
  public var horizon: Int { storage.horizon }
  /// Next-sentence probabilities after each prefix shorter than the horizon (each sums to 1;
  /// at most 1 when laws may lose mass, an assumption edit: see `isSubNormalized`).
  public var next: [[Int]: [Rational]] { storage.next }
  /// Whether every next-sentence law is a distribution (sums to 1, no negative entry).
  public var isNormalized: Bool { storage.isNormalized }
  private var enclosures: [(Double, Double)?] { storage.enclosures }
  private var factors: [Rational?] { storage.factors }
  private var regular: Bool { storage.regular }

  public init(sentences: Int, horizon: Int, next: [[Int]: [Rational]]) {
    storage = Storage(sentences: sentences, horizon: horizon, next: next)
  }

  /// The index of a context among all texts shorter than the horizon: texts of length k come
  /// after the (m^k − 1)/(m − 1) shorter ones, in base-m order.
  static func code(_ context: ArraySlice<Int>, sentences m: Int) -> Int {
    var offset = 0
    var power = 1
    var value = 0
    for sentence in context {
      offset += power
      power *= max(1, m)
      value = value * m + sentence
    }
    return offset + value
  }

  /// P(text), enclosed in doubles rounded outward: the chain rule's product with each factor
  /// enclosed (`enclosures`; every factor is ≥ 0, so the ends multiply alone). An exact zero
  /// factor gives an exact zero, as in the exact product (x/0 = 0 and 0 · t = 0 depend on it).
  /// A text of n sentences costs n lookups and 2n floating-point products, however large the
  /// exact rational would be. Nil for a sentence outside the model.
  ///
  /// The products are rounded to nearest, and the ends widened once at the end. While every
  /// partial product is a normal double (checked: at least `Round.tiny`, and finite), a
  /// product rounded to nearest is the exact one times (1 + δ), |δ| ≤ u = 2^-53, so an end
  /// computed with k products by factors other than 1 (a product by 1 is exact) is the exact
  /// product of its factors times a number in [(1 − u)^k, (1 + u)^k]. Multiplied by
  /// 1 ∓ (2k + 4)·u (exact doubles) and rounded once more, the lower end is at most its
  /// value divided by (1 + u)^k and the upper at least its value divided by (1 − u)^k
  /// (for k ≤ 2^20, where the terms of second order are far below u): each still encloses
  /// the exact end. An end that may underflow is computed again with each product rounded
  /// outward on its own (`Round.product`), as the loop always did.
  public func enclosedProbability(_ text: [Int]) -> Interval? {
    var (low, high) = (1.0, 1.0)
    var (lowProducts, highProducts) = (0, 0)
    var normal = text.count <= 1 << 20
    for index in text.indices {
      guard (0..<sentences).contains(text[index]) else { return nil }
      guard let (a, b) = enclosures[position(text, index)] else { return Interval(.zero) }
      if a != 1 { (low, lowProducts) = (low * a, lowProducts + 1) }
      if b != 1 { (high, highProducts) = (high * b, highProducts + 1) }
      if !(low >= Round.tiny && high.isFinite) { normal = false }
    }
    if normal {
      func widening(_ k: Int) -> Double { k == 0 ? 0 : Double(2 * k + 4) * 0x1p-53 }
      return Interval(float: low * (1 - widening(lowProducts)), high * (1 + widening(highProducts)))
    }
    (low, high) = (1.0, 1.0)
    for index in text.indices {
      guard let (a, b) = enclosures[position(text, index)] else { return Interval(.zero) }
      (low, high) = (Round.down.product(low, a), Round.up.product(high, b))
    }
    return Interval(float: low, high)
  }

  /// Where the factor of the chain rule for `text[index]` is in `enclosures` and `factors`:
  /// `sentences · code(context) + sentence`, the context being the text before `index`
  /// (its last `horizon − 1` sentences past the horizon). On horizon 1 every context is ⟨⟩
  /// (code 0), and the position is the sentence itself, found without the context (a type
  /// class's representative is 64 sentences long in thm-B.1-repaired).
  private func position(_ text: [Int], _ index: Int) -> Int {
    if horizon == 1 { return text[index] }
    let context = text[Swift.max(0, index < horizon ? 0 : index - (horizon - 1))..<index]
    return Self.code(context, sentences: sentences) * sentences + text[index]
  }

  public static func == (a: Model, b: Model) -> Bool {
    a.storage === b.storage
      || (a.storage.fingerprint == b.storage.fingerprint && a.sentences == b.sentences
        && a.horizon == b.horizon && a.next == b.next)
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(storage.fingerprint) }

  /// The context of a prefix: the prefix itself when shorter than the horizon, else its last
  /// `horizon − 1` sentences. The law after a prefix depends on its context only, and so does
  /// the context of every extension: `context(s ⊕ u) = context(context(s) ⊕ u)`.
  public func context(_ prefix: [Int]) -> [Int] {
    prefix.count < horizon ? prefix : Array(prefix.suffix(horizon - 1))
  }

  /// The next-sentence law after a prefix of any length.
  public func law(after prefix: [Int]) -> [Rational] {
    next[context(prefix)] ?? Array(repeating: .zero, count: sentences)
  }

  /// Whether every prefix shorter than the horizon has a next-sentence law, and every law is
  /// a distribution (sums to 1, no negative entry; or, `massAtMostOne`, sums to at most 1).
  static func normalized(
    _ next: [[Int]: [Rational]], sentences: Int, horizon: Int, massAtMostOne: Bool = false
  ) -> Bool {
    var prefixes: [[Int]] = [[]]
    for _ in 0..<horizon {
      guard prefixes.allSatisfy({ next[$0] != nil }) else { return false }
      prefixes = prefixes.flatMap { p in (0..<sentences).map { p + [$0] } }
    }
    return next.values.allSatisfy { law in
      let mass = law.reduce(.zero, +)
      return law.count == sentences && !law.contains { $0.isNegative }
        && (massAtMostOne ? mass <= .one : mass == .one)
    }
  }

  /// Whether every prefix shorter than the horizon has a next-sentence law, each with one
  /// entry per sentence, none negative, of total mass at most 1: a law of the sort `Dist` when
  /// laws may lose mass (the rest of the mass ends the text).
  public var isSubNormalized: Bool {
    Self.normalized(next, sentences: sentences, horizon: horizon, massAtMostOne: true)
  }

  /// The factors a next-sentence law is scaled by when laws may lose mass: half of it lost, a
  /// quarter, a tenth, or none.
  static let leaks = [
    Rational(BigInt(1), BigInt(2)), Rational(BigInt(3), BigInt(4)),
    Rational(BigInt(9), BigInt(10)), .one,
  ]

  /// The model as it is, or, when laws may lose mass (`subProbability`, an assumption edit),
  /// two times in three the model with each next-sentence law scaled by a factor among
  /// `leaks` (seeded). Without the edit the random stream is untouched, so the paper's worlds
  /// stay as they were.
  public func leaked(if subProbability: Bool, _ g: inout SeededGenerator) -> Model {
    guard subProbability, g.below(3) != 0 else { return self }
    var scaled: [[Int]: [Rational]] = [:]
    for prefix in next.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
      let factor = Self.leaks[g.below(Self.leaks.count)]
      scaled[prefix] = next[prefix]!.map { $0 * factor }
    }
    return Model(sentences: sentences, horizon: horizon, next: scaled)
  }

  /// The model's continuation after `prefix`, as a model: its next-sentence law after each
  /// text u shorter than the horizon is this model's law after prefix ⊕ u, so it gives a text
  /// t the chain rule's product of this model's laws after the prefixes of prefix ⊕ t — the
  /// conditional P(t | prefix) wherever P(prefix) > 0, and a law (not the zero law) where
  /// P(prefix) = 0 (`Conditionals.continued`).
  public func continued(after prefix: [Int]) -> Model {
    var laws: [[Int]: [Rational]] = [:]
    var texts: [[Int]] = [[]]
    for _ in 0..<horizon {
      for u in texts { laws[u] = law(after: prefix + u) }
      texts = texts.flatMap { u in (0..<sentences).map { u + [$0] } }
    }
    return Model(sentences: sentences, horizon: horizon, next: laws)
  }

  /// P(prefix ⊕ sentence) from `head` = P(prefix), by the chain rule: head · (law after
  /// prefix)(sentence); zero stays zero (the law after an impossible prefix is not consulted).
  public func extending(_ head: Rational, _ prefix: [Int], by sentence: Int) -> Rational {
    head.isZero ? .zero : head * law(after: prefix)[sentence]
  }

  /// P(text) exactly, by the chain rule with its factors grouped: the product of the laws
  /// after the contexts of the text's prefixes is, factor for factor, Π p^n over the distinct
  /// (context, sentence) positions p of `factors`, n the times the text meets each — so a
  /// text of k sentences costs k lookups and one power per distinct position (three on a
  /// horizon-1 world of three sentences) instead of k products of ever longer rationals (and
  /// no table of its k prefixes). The value is the same rational as the chain rule's: exact
  /// products do not depend on their order, and a rational's reduced form is unique. A zero
  /// factor (or a law the prefix lacks, which `law(after:)` reads as zeros) gives 0, as
  /// `extending` does (also when a sentence outside the model comes after that factor, which
  /// the chain rule does not read either). Nil where the positions do not hold every factor
  /// (a model built by hand with a law of another length) or for a sentence outside the
  /// model before any zero factor: then the chain rule itself is asked (`probability`).
  public func exactProbability(_ text: [Int]) -> Rational? {
    guard regular else { return nil }
    // How often the text meets each position (a few dozen positions at most).
    var counts = [Int](repeating: 0, count: factors.count)
    for index in text.indices {
      guard (0..<sentences).contains(text[index]) else { return nil }
      let at = position(text, index)
      guard factors[at] != nil else { return .zero }
      counts[at] += 1
    }
    var product = Rational.one
    for (at, n) in counts.enumerated() where n > 0 { product = product * factors[at]!.power(n)! }
    return product
  }

  /// P(text) as a prefix, by the chain rule (memoised per model).
  public func probability(_ text: [Int]) -> Rational? {
    if text.isEmpty { return .one }
    if let known = storage.memo.withLock({ $0[text] }) { return known }
    let prefix = Array(text.dropLast())
    guard let head = probability(prefix) else { return nil }
    let p = extending(head, prefix, by: text[text.count - 1])
    storage.memo.withLock { table in
      if table.count < 8_192 { table[text] = p }
    }
    return p
  }

  /// Whether P(text) > 0: no factor of its chain-rule product is zero (`enclosures` holds nil
  /// exactly for the zero factors, and for the laws a prefix lacks, which `law(after:)` reads
  /// as zeros). A sentence outside the model makes the text impossible. The same answer as
  /// `probability(text)` compared with zero, without its exact product; a model built by hand
  /// with a law of another length, or a prefix past the horizon or outside its sentences, is
  /// asked the exact product instead.
  public func isPossible(_ text: [Int]) -> Bool {
    guard text.allSatisfy({ (0..<sentences).contains($0) }) else { return false }
    guard regular else { return probability(text)?.isZero == false }
    return text.indices.allSatisfy { enclosures[position(text, $0)] != nil }
  }
}

/// A distribution-valued term evaluated on a world.
public indirect enum Law: Hashable, Sendable {
  case model(Model)
  case mixture(Interval, Law, Law)
  case conditional(Law, [Int])
  /// Best-of-n decoding under a behavior's scores: after each prefix, n draws from the law's
  /// next-sentence distribution, the one with the highest score returned (ties: lower index).
  case bestOfN(Law, [Rational], Int)

  /// Whether every mixture weight in the law is one exact value. A weight may be an enclosure
  /// (a transcendental value, or one of an interval-bound variable): two laws built alike
  /// from such weights are not known to be the same law (`==` compares representations).
  public var hasExactWeights: Bool {
    switch self {
    case .model: return true
    case .mixture(let w, let a, let b): return w.isExact && a.hasExactWeights && b.hasExactWeights
    case .conditional(let l, _), .bestOfN(let l, _, _): return l.hasExactWeights
    }
  }

  /// Whether P(text) is computed from the models' probabilities by a few interval operations
  /// per text (models, mixtures and conditionals of them): in the fast pass such a law's
  /// probabilities are computed again rather than looked up (see EvaluationCache.probability).
  /// Best-of-n sums over every sentence after every prefix, and is kept.
  var isCheap: Bool {
    switch self {
    case .model: return true
    case .mixture(_, let a, let b): return a.isCheap && b.isCheap
    case .conditional(let l, _): return l.isCheap
    case .bestOfN: return false
    }
  }

  /// Whether L(⟨⟩) = 1 by construction: a model, best-of-n (an empty product), a mixture of
  /// such laws (w · 1 + (1 − w) · 1 = 1 for every real w). A conditional may give ⟨⟩ mass 0
  /// (x/0 = 0 after an impossible prefix), and a mixture with one among its parts another
  /// mass than 1.
  public var hasMassOne: Bool {
    switch self {
    case .model, .bestOfN: return true
    case .mixture(_, let a, let b): return a.hasMassOne && b.hasMassOne
    case .conditional: return false
    }
  }

  /// The same law with every conditional on the empty prefix dropped where that is the same
  /// law: L(·|⟨⟩) = L when L(⟨⟩) = 1 (`hasMassOne`).
  public var droppingEmptyConditionals: Law {
    switch self {
    case .model: return self
    case .conditional(let law, let prefix):
      return prefix.isEmpty && law.hasMassOne
        ? law.droppingEmptyConditionals : .conditional(law.droppingEmptyConditionals, prefix)
    case .mixture(let w, let a, let b):
      return .mixture(w, a.droppingEmptyConditionals, b.droppingEmptyConditionals)
    case .bestOfN(let law, let scores, let n):
      return .bestOfN(law.droppingEmptyConditionals, scores, n)
    }
  }

  /// P(text), enclosed; nil when undefined (past the horizon, or a division by an interval
  /// that may be zero). With a cache, the probabilities of the laws this one is built from
  /// are looked up there (computed once).
  public func probability(_ text: [Int], cache: EvaluationCache? = nil, fast: Bool = false)
    -> Interval?
  {
    func of(_ law: Law, _ text: [Int]) -> Interval? {
      cache.map { $0.probability(law, text, fast: fast) } ?? law.probability(text)
    }
    switch self {
    case .model(let model): return model.probability(text).map { Interval($0) }
    case .mixture(let w, let a, let b):
      guard let p = of(a, text), let q = of(b, text) else { return nil }
      return w * p + (Interval(.one) - w) * q
    case .conditional(let law, let prefix):
      guard let joint = of(law, prefix + text), let base = of(law, prefix)
      else { return nil }
      return joint / base
    case .bestOfN(let law, let scores, let n):
      var p = Interval(.one)
      for index in text.indices {
        let prefix = Array(text[..<index])
        guard let base = of(law, prefix) else { return nil }
        var next: [Interval] = []
        for y in 0..<scores.count {
          guard let joint = of(law, prefix + [y]), let q = joint / base else { return nil }
          next.append(q)
        }
        // P(best = y) = P(all draws no better than y) − P(all draws worse than y).
        let y = text[index]
        var noBetter = Interval(.zero)
        var worse = Interval(.zero)
        for z in 0..<scores.count {
          let better = scores[z] > scores[y] || (scores[z] == scores[y] && z < y)
          if !better { noBetter = noBetter + next[z] }
          if !better && z != y { worse = worse + next[z] }
        }
        guard let a = noBetter.power(n), let b = worse.power(n) else { return nil }
        p = p * (a - b)
      }
      return p
    }
  }
}

/// A value of a term on a world.
public enum Value: Hashable, Sendable {
  case number(Interval)
  case text([Int])
  case law(Law)
  case behavior([Rational])
}

/// A world: the sentence set and horizon, and a value for every free variable.
public struct World: Sendable, Equatable {
  public let sentences: Int
  public let horizon: Int
  public var values: [Variable: Value]
  /// The sort assumptions this world is a world of (the paper's unless edited): they say
  /// what a conditional on an impossible prefix denotes here (`Conditionals`) and which
  /// values a quantifier over `Prob` ranges over.
  public var assumptions: Assumptions

  public init(
    sentences: Int, horizon: Int, values: [Variable: Value], assumptions: Assumptions = .paper
  ) {
    self.sentences = sentences
    self.horizon = horizon
    self.values = values
    self.assumptions = assumptions
  }

  /// The law a conditional on an impossible prefix denotes on this world.
  public var conditionals: Conditionals {
    get { assumptions.conditionals }
    set { assumptions.conditionals = newValue }
  }

  /// The longest texts enumerated when a quantifier over texts cannot be reduced to
  /// contexts: a few sentences past the horizon, at most about 400 texts in all.
  public var textLimit: Int {
    var length = 0
    var count = 1
    var all = 1
    while length < horizon + 2 {
      count *= max(1, sentences)
      if all + count > 400 { break }
      all += count
      length += 1
    }
    return length
  }

  /// The longest texts over which an expectation or a probability is summed.
  public var sumLimit: Int {
    var length = 0
    var count = 1
    while count * max(1, sentences) <= 4096 && length < 12 {
      count *= max(1, sentences)
      length += 1
    }
    return length
  }

  /// Every text of exactly `length` sentences, in lexicographic order (built once per
  /// sentence count and length: quantifiers over texts ask for the same lists on every
  /// evaluation).
  func texts(ofLength length: Int) -> [[Int]] {
    Self.textsOfLength.value([sentences, length]) {
      var all: [[Int]] = [[]]
      for _ in 0..<length { all = all.flatMap { t in (0..<sentences).map { t + [$0] } } }
      return all
    }
  }

  /// Every text up to `textLimit`.
  var allTexts: [[Int]] {
    Self.textsUpToLimit.value([sentences, textLimit]) {
      (0...textLimit).flatMap { texts(ofLength: $0) }
    }
  }

  /// The lists of texts above and `witnessTexts`: by [sentences, length], and by
  /// [sentences, textLimit] (which fixes them). None holds more than a few thousand texts.
  private static let textsOfLength = SharedMemo<[Int], [[Int]]>()
  private static let textsUpToLimit = SharedMemo<[Int], [[Int]]>()
  private static let witnesses = SharedMemo<[Int], [[Int]]>()

  /// The texts searched for a witness (∃, `obtain`) or a counterexample (∀) when the texts
  /// cannot all be tried: every text up to `textLimit`, then the repetitions u ⊕ u ⊕ … of
  /// every text u of one or two sentences, up to 48 sentences. A prompt that drives a
  /// likelihood ratio down (Lemma C.3's) is often longer than the limit, and repeating the
  /// most distinguishing sentences is how it is built.
  var witnessTexts: [[Int]] {
    Self.witnesses.value([sentences, textLimit]) {
      var all = allTexts
      for base in texts(ofLength: 1) + texts(ofLength: 2) {
        var text = base
        while text.count + base.count <= 48 {
          text += base
          if text.count > textLimit { all.append(text) }
        }
      }
      return all
    }
  }
}

extension World {
  /// The first value of `parameters` that is not a value of its sort on this world, said for
  /// a person; nil when every value is (a `Nat` a natural, an `Int` an integer, a `Prob` in
  /// [0, 1], a `Real` a finite number, a `Sentence` one sentence of the world, a `Text` a
  /// sequence of its sentences, a `Behavior` a score in [-1, 1] per sentence, a `Dist` a model
  /// over the world's sentences whose every next-sentence law is a distribution; or as the
  /// edited `assumptions` say). A counterexample is re-validated with this before it is
  /// printed: it checks the sampler, independently of the evaluation that found the world.
  public func sortViolation(_ parameters: [Variable], assumptions: Assumptions = .paper)
    -> String?
  {
    for parameter in parameters {
      guard let value = values[parameter] else { return "\(parameter.name) has no value" }
      if let problem = Self.sortViolation(
        value, parameter.sort, sentences: sentences, assumptions: assumptions)
      {
        return "\(parameter.name) : \(parameter.sort) \(problem)"
      }
    }
    return nil
  }

  static func sortViolation(
    _ value: Value, _ sort: Sort, sentences: Int, assumptions: Assumptions
  ) -> String? {
    let (behaviors, subProbability) = (assumptions.behaviors, assumptions.subProbability)
    switch (sort, value) {
    case (.nat, .number(let i)), (.int, .number(let i)), (.prob, .number(let i)),
      (.real, .number(let i)):
      guard let q = i.exact else { return "is not one exact number" }
      switch sort {
      case .nat: return q.isInteger && !q.isNegative ? nil : "is \(q), not a natural"
      case .int: return q.isInteger ? nil : "is \(q), not an integer"
      case .prob:
        let range = assumptions.probabilities
        return range.contains(q) ? nil : "is \(q), outside \(range.description)"
      default: return nil
      }
    case (.sentence, .text(let t)):
      return t.count == 1 && (0..<sentences).contains(t[0]) ? nil : "is not one sentence"
    case (.text, .text(let t)):
      return t.allSatisfy { (0..<sentences).contains($0) } ? nil : "has an unknown sentence"
    case (.behavior, .behavior(let b)):
      return b.count == sentences && b.allSatisfy(behaviors.contains)
        ? nil : "has a score outside \(behaviors.description)"
    case (.dist, .law(.model(let m))):
      // Laws that may lose mass (an assumption edit): every next-sentence law of mass ≤ 1.
      let ofTheSort = subProbability ? m.isSubNormalized : m.isNormalized
      return m.sentences == sentences && ofTheSort
        ? nil : subProbability ? "is not a law of mass at most 1" : "is not a distribution"
    case (.dist, .law): return nil  // derived laws are built from models by the vocabulary
    default: return "is not a value of its sort"
    }
  }
}

/// A small seeded generator (SplitMix64), so every world is reproducible from its seed.
public struct SeededGenerator: Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }

  /// `items` in a seeded random order (Fisher–Yates, from the last position down).
  public mutating func shuffle<T>(_ items: inout [T]) {
    for i in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(i, below(i + 1)) }
  }
}

/// Draws worlds for a list of parameters: random prefix-tree models (with zeros and ties),
/// behaviors in [-1, 1], and reals from a pool of edge values and random fractions.
public enum WorldSampler {
  public static func world(
    for parameters: [Variable], generator: inout SeededGenerator
  ) -> World {
    let sentences = 2 + generator.below(2)
    let horizon = 2 + generator.below(2)
    var values: [Variable: Value] = [:]
    for parameter in parameters {
      values[parameter] = value(parameter.sort, sentences, horizon, &generator)
    }
    return World(sentences: sentences, horizon: horizon, values: values)
  }

  static func value(_ sort: Sort, _ m: Int, _ horizon: Int, _ g: inout SeededGenerator) -> Value {
    switch sort {
    case .dist: return .law(.model(model(m, horizon, &g)))
    case .behavior:
      let pool: [Rational] = [
        -1, 1, 0, Rational(BigInt(-1), BigInt(2)), Rational(BigInt(1), BigInt(2)),
      ]
      return .behavior((0..<m).map { _ in pool[g.below(pool.count)] })
    case .text:
      return .text((0..<g.below(horizon)).map { _ in g.below(m) })
    case .sentence: return .text([g.below(m)])
    case .nat: return .number(Interval(Rational(g.below(4))))
    case .int: return .number(Interval(Rational(g.below(7) - 3)))
    case .prob:
      let pool: [Rational] = [0, 1, Rational(BigInt(1), BigInt(2)), Rational(BigInt(1), BigInt(3))]
      // In [0, 1]: a value outside the sort would make a world no model of the statement.
      guard g.below(3) == 0 else { return .number(Interval(pool[g.below(pool.count)])) }
      let x = randomFraction(&g).magnitude / 2
      return .number(Interval(x > .one ? Rational.one / x : x))
    case .real, .bool:
      let pool: [Rational] = [
        0, 1, -1, 2, Rational(BigInt(1), BigInt(2)), Rational(BigInt(-1), BigInt(2)),
      ]
      return .number(Interval(g.below(2) == 0 ? pool[g.below(pool.count)] : randomFraction(&g)))
    }
  }

  static func randomFraction(_ g: inout SeededGenerator) -> Rational {
    Rational(BigInt(g.below(41) - 20), BigInt(1 + g.below(9)))
  }

  static func model(_ m: Int, _ horizon: Int, _ g: inout SeededGenerator) -> Model {
    tree(m, horizon, &g) { g in
      normalized((0..<m).map { _ in g.below(4) == 0 ? 0 : 1 + g.below(5) }, &g)
    }
  }

  /// A model whose law after each prefix shorter than the horizon is drawn by `law`, prefixes
  /// visited level by level in lexicographic order (so a seed gives the same model).
  static func tree(
    _ m: Int, _ horizon: Int, _ g: inout SeededGenerator,
    law: (inout SeededGenerator) -> [Rational]
  ) -> Model {
    var next: [[Int]: [Rational]] = [:]
    var prefixes: [[Int]] = [[]]
    for _ in 0..<horizon {
      for prefix in prefixes { next[prefix] = law(&g) }
      prefixes = prefixes.flatMap { prefix in (0..<m).map { prefix + [$0] } }
    }
    return Model(sentences: m, horizon: horizon, next: next)
  }

  /// Weights as a distribution; all zero becomes all mass on one random sentence.
  static func normalized(_ weights: [Int], _ g: inout SeededGenerator) -> [Rational] {
    var weights = weights
    if weights.allSatisfy({ $0 == 0 }) { weights[g.below(weights.count)] = 1 }
    let total = weights.reduce(0, +)
    return weights.map { Rational(BigInt($0), BigInt(total)) }
  }
}

/// A table of values computed once and shared by every thread.
final class SharedMemo<Key: Hashable & Sendable, Stored: Sendable>: Sendable {
  private let table = Mutex<[Key: Stored]>([:])

  func value(_ key: Key, _ compute: () -> Stored) -> Stored {
    if let known = table.withLock({ $0[key] }) { return known }
    let computed = compute()
    table.withLock { $0[key] = computed }
    return computed
  }
}

/// The range of every behavior score: the sort Behavior's assumption, [-1, 1] as in the paper
/// unless an assumption edit changes it (`beb whatif --behavior-range`). Worlds are drawn with
/// scores in it, and a world with a score outside it is not a world of the sort.
public struct BehaviorRange: Sendable, Equatable {
  public let low: Rational
  public let high: Rational

  public static let paper = BehaviorRange(low: -1, high: 1)

  public init(low: Rational, high: Rational) {
    self.low = low
    self.high = high
  }

  public func contains(_ score: Rational) -> Bool { low <= score && score <= high }

  /// Whether 0 is in the range, which the kernel requires: after a prefix of probability 0 the
  /// law has mass 0 (x/0 = 0), so a behavior expectation there is 0.
  public var containsZero: Bool { contains(.zero) }

  /// Scores drawn in [-1, 1], each put at the same place in this range (-1 at `low`, 1 at
  /// `high`); the paper's range leaves them as they are.
  func scaled(_ scores: [Rational]) -> [Rational] {
    guard self != .paper else { return scores }
    return scores.map { low + ($0 + 1) * (high - low) / 2 }
  }

  /// Scores made from a world's own (already in the range) moved back into it where the
  /// making left it (|s| of a negative score, for one).
  func clamped(_ scores: [Rational]) -> [Rational] {
    guard self != .paper else { return scores }
    return scores.map { Swift.min(Swift.max($0, low), high) }
  }

  /// How the range is written: `[-1, 1]`.
  public var description: String { "[\(low), \(high)]" }
}

/// The values a `Prob` variable ranges over: [0, 1] in the paper, [low, high] with
/// 0 ≤ low ≤ high under an assumption edit (`beb whatif --prob-range`). Probabilities of texts
/// and events are not variables of the sort: they stay in [0, 1].
public struct ProbabilityRange: Sendable, Equatable {
  public let low: Rational
  public let high: Rational

  public static let paper = ProbabilityRange(low: .zero, high: .one)

  public init(low: Rational, high: Rational) {
    self.low = low
    self.high = high
  }

  public func contains(_ q: Rational) -> Bool { low <= q && q <= high }

  /// Whether this is a range a Prob variable may range over: 0 ≤ low ≤ high (the kernel
  /// refuses one reaching below 0, as a Prob variable is nonnegative).
  public var isAdmissible: Bool { !low.isNegative && low <= high }

  /// A value drawn in [0, 1] put at the same place in this range; the paper's leaves it.
  func scaled(_ q: Rational) -> Rational {
    self == .paper ? q : low + q * (high - low)
  }

  /// How the range is written: `[0, 1]`.
  public var description: String { "[\(low), \(high)]" }
}

/// What the conditional law P(·|s0) is after a prefix s0 of probability 0.
public enum Conditionals: String, Sendable, Equatable {
  /// beb's convention (division is total, x/0 = 0): the zero law, every text probability 0.
  case zero
  /// The paper's reading leaves it undefined, so a statement must hold whatever law stands
  /// there (an assumption edit). Worlds put one law there: the model's own continuation — the
  /// chain rule's product of its next-sentence laws after the prefix's context, which is the
  /// conditional wherever the prefix is possible; for a mixture whose components both give
  /// the prefix probability 0, the components' continuations with the prior weight.
  case continued
}

/// The assumptions the sorts carry: behaviors scored in [-1, 1], laws of total mass 1, the
/// zero law after an impossible prefix — unless an assumption edit (`beb whatif
/// --behavior-range`, `--sub-probability`, `--undefined-conditionals`) changes one.
public struct Assumptions: Sendable, Equatable {
  public var behaviors: BehaviorRange
  /// Whether laws may lose mass (a `Dist` is then a law of mass at most 1).
  public var subProbability: Bool
  public var conditionals: Conditionals
  public var probabilities: ProbabilityRange

  public static let paper = Assumptions()

  public init(
    behaviors: BehaviorRange = .paper, subProbability: Bool = false,
    conditionals: Conditionals = .zero, probabilities: ProbabilityRange = .paper
  ) {
    (self.behaviors, self.subProbability, self.conditionals, self.probabilities) = (
      behaviors, subProbability, conditionals, probabilities
    )
  }

  /// A value drawn for the paper's sorts (`WorldSampler.value`) made a value of the edited
  /// one: a behavior's scores put in its range, a model leaking mass where laws may (seeded,
  /// and the random stream untouched without the edit), a Prob put in its range.
  func placed(_ value: Value, _ sort: Sort, _ g: inout SeededGenerator) -> Value {
    switch value {
    case .behavior(let scores): return .behavior(behaviors.scaled(scores))
    case .law(.model(let m)): return .law(.model(m.leaked(if: subProbability, &g)))
    case .number(let p) where sort == .prob:
      return p.exact.map { .number(Interval(probabilities.scaled($0))) } ?? value
    default: return value
    }
  }

  /// The edits, each as "; what it says" (empty for the paper's): part of a numeric cache key.
  var edits: String {
    (behaviors == .paper ? "" : "; behaviors in \(behaviors.description)")
      + (subProbability ? "; laws may lose mass" : "")
      + (conditionals == .zero ? "" : "; conditionals after an impossible prefix continued")
      + (probabilities == .paper ? "" : "; Prob in \(probabilities.description)")
  }
}
