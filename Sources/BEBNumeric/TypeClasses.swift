import BEBKernel

/// Sums over the texts of one length by *type class* (the count of each sentence), on worlds
/// where that is exact.
///
/// On a horizon-1 world every model is i.i.d.: P(s) = Π_y p_y^{c_y(s)} depends only on how
/// often each sentence occurs in s, and so do the probabilities of mixtures of such models
/// and of their conditionals (exchangeable laws: P(a ⊕ s ⊕ b) is unchanged when s is
/// permuted). A sum, expectation, variance or event probability over the texts of length k
/// can then visit one text per class — its sentences in increasing order — weighted by the
/// k!/(c₀!·c₁!·…) texts it stands for, provided the summand is the same on every text of
/// the class. That holds when the summand reaches the text only through probabilities under
/// exchangeable laws, behaviors and lengths: not through its i-th sentence or a prefix
/// (`sentenceAt`, `prefixBefore`), a comparison of texts (s = t holds for one order only),
/// best-of-n decoding (not exchangeable when its law is a mixture), or a definition (whose
/// body is not inspected here). Anything else keeps the enumeration text by text.
///
/// The classes number C(k + m − 1, m − 1) for m sentences (2145 for m = 3, k = 64) instead of
/// m^k texts, so lengths such as thm-B.1's m > (2/β)·(…) are summed exactly, not left
/// undecided past `World.sumLimit`.
extension Evaluator {
  /// The longest texts summed by class.
  static let classLengthLimit = 64

  /// The texts of length `k` to visit for a sum over `x` with summand `body` (a term or an
  /// event) under `law`, each with the number of texts it stands for; nil when neither the
  /// enumeration nor the classes apply.
  func weightedTexts(
    _ x: Variable, length k: Int, law: Law, body: Summand, _ env: Bindings
  ) -> [WeightedText]? {
    guard k <= Self.classLengthLimit, classesApply(law, body, env) else {
      return k <= world.sumLimit
        ? world.texts(ofLength: k).map { WeightedText(text: $0, count: Interval(.one)) } : nil
    }
    return Self.weightedClasses(length: k, sentences: world.sentences)
  }

  /// A text visited by a sum, with the number of texts it stands for. (A struct, not a
  /// tuple: arrays of tuples are copied and destroyed through the runtime's generic tuple
  /// witnesses, element by element.)
  struct WeightedText: Sendable {
    let text: [Int]
    let count: Interval
  }

  /// One representative per type class of the texts of length k over m sentences, weighted by
  /// the number of texts in its class; computed once per (k, m) (a sum over texts of length
  /// 64 has hundreds of classes, each weight a product of 64 big factors).
  static func weightedClasses(length k: Int, sentences m: Int) -> [WeightedText] {
    classMemo.value([k, m]) {
      typeClasses(length: k, sentences: m).map { counts in
        WeightedText(text: representative(counts), count: Interval(multinomial(counts)))
      }
    }
  }

  private static let classMemo = SharedMemo<[Int], [WeightedText]>()

  /// What is summed: a term (expectation, variance) or an event (probability).
  enum Summand {
    case term(Term)
    case event(Formula)
  }

  /// Whether a sum over texts with this law (nil: a quantifier, no law) and summand may go by
  /// type class.
  func classesApply(_ law: Law?, _ body: Summand, _ env: Bindings) -> Bool {
    guard world.horizon == 1, law.map(Self.exchangeable) ?? true else { return false }
    let laws =
      world.values.values.compactMap { v -> Law? in
        if case .law(let l) = v { return l }
        return nil
      }
      + env.values.compactMap { v -> Law? in
        if case .law(let l) = v { return l }
        return nil
      }
    guard laws.allSatisfy(Self.exchangeable) else { return false }
    switch body {
    case .term(let t): return Self.orderFree(t)
    case .event(let f): return Self.orderFree(f)
    }
  }

  /// Models of horizon 1, and mixtures and conditionals of such laws.
  static func exchangeable(_ law: Law) -> Bool {
    switch law {
    case .model(let m): return m.horizon == 1
    case .mixture(_, let a, let b): return exchangeable(a) && exchangeable(b)
    case .conditional(let l, _): return exchangeable(l)
    case .bestOfN: return false
    }
  }

  /// Whether a term's value on a text depends on the text's sentence counts only (given
  /// exchangeable laws): no sentence or prefix of a text, no best-of-n, no text comparison.
  static func orderFree(_ t: Term) -> Bool {
    switch t {
    case .number, .variable: return true
    case .apply(let op, let args):
      return ![.sentenceAt, .prefixBefore, .bestOfN].contains(op) && args.allSatisfy(orderFree)
    case .bind(_, _, let range, let body): return range.allSatisfy(orderFree) && orderFree(body)
    case .probability(_, let law, let length, let event):
      return orderFree(law) && (length.map(orderFree) ?? true) && orderFree(event)
    }
  }

  static func orderFree(_ f: Formula) -> Bool {
    switch f {
    case .truth: return true
    case .relation(_, let a, let b):
      return !isText(a) && !isText(b) && orderFree(a) && orderFree(b)
    case .not(let g), .forall(_, let g), .exists(_, let g): return orderFree(g)
    case .and(let gs), .or(let gs): return gs.allSatisfy(orderFree)
    case .implies(let a, let b), .iff(let a, let b): return orderFree(a) && orderFree(b)
    case .predicate: return false
    }
  }

  /// Whether a term denotes a text (or a sentence, which is a text of one sentence).
  static func isText(_ t: Term) -> Bool { [.text, .sentence].contains(t.sort) }

  /// The count vectors (c₀, …, c_{m−1}) with c₀ + … + c_{m−1} = k, in lexicographic order.
  static func typeClasses(length k: Int, sentences m: Int) -> [[Int]] {
    guard m >= 1 else { return [] }
    if m == 1 { return [[k]] }
    var all: [[Int]] = []
    for first in 0...k {
      for rest in typeClasses(length: k - first, sentences: m - 1) { all.append([first] + rest) }
    }
    return all
  }

  /// C(k + m − 1, m − 1): the number of type classes of the texts of length k over m
  /// sentences (0 for m = 0), capped at Int.max / 2 instead of overflowing.
  static func classCount(length k: Int, sentences m: Int) -> Int {
    guard m >= 1 else { return 0 }
    var count = 1
    for i in 1..<m {
      // count · (k + i) / i stays exact at every step (a binomial coefficient).
      let (product, overflow) = count.multipliedReportingOverflow(by: k + i)
      if overflow { return Int.max / 2 }
      count = product / i
    }
    return count
  }

  /// The text of a class that stands for it: its sentences in increasing order.
  static func representative(_ counts: [Int]) -> [Int] {
    counts.enumerated().flatMap { y, c in Array(repeating: y, count: c) }
  }

  /// k!/(c₀!·c₁!·…): the number of texts with these sentence counts.
  static func multinomial(_ counts: [Int]) -> Rational {
    var result = BigInt(1)
    var total = 0
    for c in counts {
      // Choose c of the total + c positions, one factor at a time (exact at every step).
      for i in 0..<c {
        total += 1
        result = result * BigInt(total) / BigInt(i + 1)
      }
    }
    return Rational(result)
  }
}
