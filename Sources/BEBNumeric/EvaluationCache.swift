import BEBKernel
import Synchronization

/// Values already computed, so that a proof's steps — which repeat the same expectations, sums and
/// conditionals from one step to the next — evaluate each of them once per world.
///
/// Six tables: probabilities of texts under derived laws (mixtures, conditionals, best-of-n),
/// which depend on the law alone; values of binder terms (expectations, variances, sums,
/// probabilities of events), which depend on the term, the values of its free variables, the pass
/// that computes them (fast, exact, exact inside a sum over texts) and the world's sentence count
/// and horizon (which fix the texts summed over) — nothing else of the world but its sort
/// assumptions (what a conditional after an impossible prefix is, which values a `Prob` quantifier
/// tries), which are one for every world a check's caches serve; sums over the sentences (B[D],
/// KL), which depend on the laws and behavior summed and the sentence count; the reachable states
/// of text quantifiers, which depend on their anchors; the truths of quantified reals, which
/// depend on the formula up to the names of its free variables, their values, the pass and the
/// world's size (kept only when nothing around the decision cut it short, see
/// `Evaluator.Pass.contextual`); and, for each quantifier over texts on worlds of one size, the
/// text that last decided it (a hint, tried first). Each is keyed by
/// exactly that, so one cache serves every evaluation of a world: the sampler's repairs and walks
/// change one parameter at a time, and every term that does not mention it keeps its value. A
/// cached value is the value that would be computed again, up to the work budget (`Fuel`): a cached
/// value, or a hint that decides a quantifier at once, saves the work a fresh evaluation would
/// spend, so a check gives each world its own cache — what one world decides never depends on which
/// worlds ran before it — and a refutation is confirmed with a fresh one. The tables are bounded;
/// when one is full it is emptied and filled again. What depends on the terms alone (free
/// variables, unfolded definitions) is in `Syntactic`, shared by every world of a check.
public final class EvaluationCache: Sendable {
  /// Facts about terms and formulas alone, shared by the caches of every world of a check
  /// (internal: only StatementCheck shares one, among evaluators of one table of definitions).
  final class Syntactic: Sendable {
    fileprivate let free = Mutex<[Hashed<Term>: [Variable]]>([:])
    /// Unfolded applications of definitions, by the application alone: a `Syntactic` serves
    /// the evaluations of one check, which read one table of definitions (StatementCheck), so
    /// a predicate's id names one body. (Hashing the body too, a large formula for
    /// Def 2.3, on every application was a tenth of lemma-C.4-cont's repairs.)
    fileprivate let unfolded = Mutex<[Formula: Formula]>([:])
    /// Quantified formulas with their free variables renamed (see `Canonical`).
    fileprivate let canonical = Mutex<[Hashed<Formula>: Canonical]>([:])
    /// The laws a text variable is conditioned into, by the variable and the formula or term
    /// (see `Evaluator.collected`).
    fileprivate let collected = Mutex<[Hashed<CollectedKey>: Collected?]>([:])
    init() {}
  }

  /// A formula with its free variables renamed by sort and by their order in the sort
  /// (`#Text0`, `#Real0`, `#Real1`, …), its hash, and its free variables in the order of the
  /// new names. Two formulas that differ only in what their free variables are called (step
  /// `all`'s `∀ ε > 0, … P(·|t) …` and the event `… P(·|s0) …` of the next step of
  /// thm-3.2-repaired) get the same renamed formula; with the values of their variables
  /// listed in that order, they get one key, and the truth of one is the truth of the other
  /// (a formula's truth is a function of the values of its free variables on the world, not
  /// of their names; the new names are fresh, so the renaming captures nothing).
  struct Canonical: Sendable {
    let formula: Formula
    let hash: Int
    let variables: [Variable]

    init(_ f: Formula) {
      variables = f.freeVariables.sorted {
        ($0.sort.rawValue, $0.name) < ($1.sort.rawValue, $1.name)
      }
      var renamed: [Variable: Term] = [:]
      var index: [Sort: Int] = [:]
      for v in variables {
        let k = index[v.sort, default: 0]
        index[v.sort] = k + 1
        renamed[v] = .variable(Variable("#\(v.sort.rawValue)\(k)", v.sort))
      }
      formula = f.substituting(renamed)
      hash = formula.hashValue
    }
  }

  /// `fast`: the value of the fast pass (`Evaluator.truth`), whose probabilities of texts are
  /// floating-point enclosures; the exact pass keeps its own entries, so that a value
  /// computed with floats never stands in for an exact one.
  struct LawText: Hashable {
    let law: Law
    let text: [Int]
    var fast = false
  }

  /// What a kept value depends on: its subject — a binder term (its value) or a quantified
  /// formula renamed by `Canonical` (its truth) — with the subject's hash, computed once for
  /// the key and the lookup of its free variables; the world's size; the values of the
  /// subject's free variables; and the pass.
  struct ValuesKey<Subject: Hashable & Sendable>: Hashable, Sendable {
    let subject: Subject
    let subjectHash: Int
    let sentences: Int
    let horizon: Int
    /// The values of the subject's free variables, in a fixed order (sorted for terms, see
    /// `Syntactic.free`; `Canonical.variables` for formulas): an array hashes in one pass, a
    /// dictionary hashes each entry with a hasher of its own.
    let environment: [Value?]
    let fast: Bool
    /// An exact-pass value computed inside an expectation or variance over texts, where a
    /// log or exp takes its argument's fast enclosure (`Evaluator.apply`): kept apart from
    /// the exact pass's values elsewhere, which may be narrower.
    let summing: Bool

    func hash(into hasher: inout Hasher) {
      hasher.combine(subjectHash)
      hasher.combine(sentences)
      hasher.combine(horizon)
      hasher.combine(environment)
      hasher.combine(fast)
      hasher.combine(summing)
    }
  }

  /// The value of a binder term on worlds of one size.
  typealias TermKey = ValuesKey<Term>
  /// The truth of a quantified formula on worlds of this size, by its renamed form
  /// (`Canonical`) and the values of its free variables.
  typealias TruthKey = ValuesKey<Formula>

  /// A key with its hash computed once: a lookup that misses is followed by the insertion of
  /// the same key, and a growing table hashes every key again — for a term, a law or a
  /// formula, a walk over the whole tree each time. Equal keys have equal hashes, so `==`
  /// compares the hashes first and the keys only when they agree.
  struct Hashed<Key: Hashable & Sendable>: Hashable, Sendable {
    let key: Key
    let hash: Int

    init(_ key: Key) { (self.key, hash) = (key, key.hashValue) }

    /// `hash` must be `key.hashValue`.
    init(_ key: Key, hash: Int) { (self.key, self.hash) = (key, hash) }

    static func == (a: Self, b: Self) -> Bool { a.hash == b.hash && a.key == b.key }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
  }

  /// A sum over the sentences (B[D], KL(P ∥ Q)) by its operator and the values it sums
  /// over: a function of those values and of the world's sentence count, which is the same
  /// for every evaluation this cache serves with those values (a law's values name its
  /// sentences).
  struct SentenceSum: Hashable {
    let op: Operator
    let arguments: [Value]
    let sentences: Int
    let fast: Bool
  }

  /// A quantifier over texts on worlds of this size (the texts a fresh search tries depend on
  /// the sentence count and the horizon: a hint from a larger world, in a cache shared by a
  /// shrinker's candidates, could decide what a fresh evaluation cannot confirm).
  struct HintKey: Hashable {
    let formula: Formula
    let sentences: Int
    let horizon: Int
  }

  /// A value kept with what its computation met in the fast pass (`Evaluator.Pass`): a value
  /// that may differ in the exact pass (`inexact`), a definedness that may differ (`unsure`).
  struct Kept: Sendable {
    let value: Value?
    let inexact: Bool
    let unsure: Bool
  }

  private let laws = Mutex<[Hashed<LawText>: Interval?]>([:])
  private let sums = Mutex<[Hashed<SentenceSum>: Kept]>([:])
  /// The text that last decided each quantifier over texts (see `Evaluator.evaluate`).
  private let hints = Mutex<[Hashed<HintKey>: [Int]]>([:])
  private let terms = Mutex<[Hashed<TermKey>: Kept]>([:])
  private let truths = Mutex<[Hashed<TruthKey>: Truth]>([:])
  /// The reachable states of text quantifiers (`Evaluator.reachableStates`), by their
  /// anchors, the anchor whose texts must stay possible, and the sentence count.
  struct StatesKey: Hashable {
    let anchors: [Evaluator.Anchor]
    let positive: Evaluator.Anchor?
    let sentences: Int
  }
  private let states = Mutex<[Hashed<StatesKey>: [[Int]]?]>([:])
  private let syntactic: Syntactic
  private let capacity: Int

  public convenience init(capacity: Int = 200_000) {
    self.init(capacity: capacity, syntactic: Syntactic())
  }

  init(capacity: Int = 200_000, syntactic: Syntactic) {
    self.capacity = capacity
    self.syntactic = syntactic
  }

  /// The body of the definition `application` applies with its parameters replaced by the
  /// application's arguments, substituted once per application (see `Syntactic.unfolded`).
  func unfolding(_ application: Formula, _ substitute: () -> Formula) -> Formula {
    remembered(application, in: syntactic.unfolded, substitute)
  }

  /// P(text) under `law`, enclosed (nil when undefined), computed once; `fast`: with the
  /// models' probabilities as floating-point enclosures (`Model.enclosedProbability`, not
  /// kept: computing one costs less than looking it up).
  func probability(_ law: Law, _ text: [Int], fast: Bool = false) -> Interval? {
    if case .model(let model) = law {
      return fast ? model.enclosedProbability(text) : probability(model, text)
    }
    // A cheap law in the fast pass: computing again costs less than hashing its key (the key
    // hashes every part of the law and the text), and keeps the table small.
    if fast && law.isCheap { return law.probability(text, cache: self, fast: true) }
    return remembered(Hashed(LawText(law: law, text: text, fast: fast)), in: laws) {
      law.probability(text, cache: self, fast: fast)
    }
  }

  /// P(text) under a model, kept in the bounded table (a model's own memo is small: models
  /// are kept alive by the keys of this cache, and long texts' exact probabilities are
  /// large): by its grouped factors (`Model.exactProbability`), the whole text alone kept;
  /// for a model that cannot group them (a law of another length), by the chain rule
  /// P(t ⊕ y) = P(t) · (law after t)(y) from the longest prefix already known, forwards,
  /// every prefix kept.
  private func probability(_ model: Model, _ text: [Int]) -> Interval? {
    let law = Law.model(model)
    // The whole text's value, kept alone (its prefixes are not needed: the grouped product
    // costs one pass over the text, not one product per prefix).
    let whole = Hashed(LawText(law: law, text: text))
    if let value = laws.withLock({ $0[whole] }) { return value }
    if let exact = model.exactProbability(text) {
      keep(Interval(exact), whole, in: laws)
      return Interval(exact)
    }
    var known = 0
    var head = Rational.one
    for length in stride(from: text.count, to: 0, by: -1) {
      let key = Hashed(LawText(law: law, text: Array(text[..<length])))
      if let value = laws.withLock({ $0[key] }) {
        guard let exact = value?.exact else { return value }
        (known, head) = (length, exact)
        break
      }
    }
    for length in stride(from: known + 1, through: text.count, by: 1) {
      head = model.extending(head, Array(text[..<(length - 1)]), by: text[length - 1])
      keep(Interval(head), Hashed(LawText(law: law, text: Array(text[..<length]))), in: laws)
    }
    return Interval(head)
  }

  /// The value of `term` on `world` under `environment`, computed by `compute` the first
  /// time. Only the term's free variables are part of the key (from the environment, else
  /// the world's `parameters`): an expectation inside a sum over texts that does not mention
  /// the summed text is computed once, not once per text.
  /// A value computed when `keepIf` is false afterwards (the work budget ran out) is not kept.
  func value(
    _ term: Term, _ world: World, _ environment: Bindings, _ parameters: Bindings, fast: Bool,
    summing: Bool, keepIf: () -> Bool, _ compute: () -> Kept
  ) -> Kept {
    let termHash = term.hashValue
    let hashedTerm = Hashed(term, hash: termHash)
    let variables =
      syntactic.free.withLock({ $0[hashedTerm] })
      ?? {
        let variables = term.freeVariables.sorted()
        keep(variables, hashedTerm, in: syntactic.free)
        return variables
      }()
    let relevant = variables.map { environment[$0] ?? parameters[$0] }
    let key = Hashed(
      TermKey(
        subject: term, subjectHash: termHash, sentences: world.sentences, horizon: world.horizon,
        environment: relevant, fast: fast, summing: !fast && summing))
    if let known = terms.withLock({ $0[key] }) { return known }
    let value = compute()
    guard keepIf() else { return value }
    keep(value, key, in: terms)
    return value
  }

  struct CollectedKey: Hashable, Sendable {
    let variable: Variable
    let subject: Collected.Subject
    let depth: Int
  }

  /// The walk of `AnchorCollector` for `variable` in `subject`, computed by `compute` once.
  func collected(
    _ variable: Variable, _ subject: Collected.Subject, depth: Int,
    _ compute: () -> Collected?
  ) -> Collected? {
    remembered(
      Hashed(CollectedKey(variable: variable, subject: subject, depth: depth)),
      in: syntactic.collected, compute)
  }

  /// The key of the quantified formula `f` under `environment` (see `Canonical`).
  func truthKey(
    _ f: Formula, _ world: World, _ environment: Bindings, _ parameters: Bindings, fast: Bool,
    summing: Bool
  ) -> Hashed<TruthKey> {
    let canonical = remembered(Hashed(f), in: syntactic.canonical) { Canonical(f) }
    return Hashed(
      TruthKey(
        subject: canonical.formula, subjectHash: canonical.hash, sentences: world.sentences,
        horizon: world.horizon,
        environment: canonical.variables.map { environment[$0] ?? parameters[$0] }, fast: fast,
        summing: !fast && summing))
  }

  /// The truth kept under `key`, if any.
  func truth(_ key: Hashed<TruthKey>) -> Truth? { truths.withLock { $0[key] } }

  func keep(_ truth: Truth, _ key: Hashed<TruthKey>) { keep(truth, key, in: truths) }

  /// The sum `op` over the sentences of `arguments`' values, computed by `compute` once.
  func sentenceSum(
    _ op: Operator, _ arguments: [Value], sentences: Int, fast: Bool, _ compute: () -> Kept
  ) -> Kept {
    remembered(
      Hashed(SentenceSum(op: op, arguments: arguments, sentences: sentences, fast: fast)),
      in: sums, compute)
  }

  /// The representatives of the reachable states for these anchors, computed by `compute`
  /// once.
  func states(
    _ anchors: [Evaluator.Anchor], _ positive: Evaluator.Anchor?, sentences: Int,
    _ compute: () -> [[Int]]?
  ) -> [[Int]]? {
    remembered(
      Hashed(StatesKey(anchors: anchors, positive: positive, sentences: sentences)),
      in: states, compute)
  }

  /// The text that last decided the quantifier `f` here, if any.
  func hint(for f: Formula, on world: World) -> [Int]? {
    hints.withLock {
      $0[Hashed(HintKey(formula: f, sentences: world.sentences, horizon: world.horizon))]
    }
  }

  func keepHint(_ text: [Int], for f: Formula, on world: World) {
    keep(
      text, Hashed(HintKey(formula: f, sentences: world.sentences, horizon: world.horizon)),
      in: hints)
  }

  /// The value kept under `key` in `table`, or `compute`'s, then kept there.
  private func remembered<Key: Hashable & Sendable, Stored: Sendable>(
    _ key: Key, in table: borrowing Mutex<[Key: Stored]>, _ compute: () -> Stored
  ) -> Stored {
    if let known = table.withLock({ $0[key] }) { return known }
    let value = compute()
    keep(value, key, in: table)
    return value
  }

  /// Stores `value` under `key`; a full table is emptied first (the bound on each table).
  private func keep<Key: Hashable & Sendable, Stored: Sendable>(
    _ value: Stored, _ key: Key, in table: borrowing Mutex<[Key: Stored]>
  ) {
    table.withLock { entries in
      if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
      entries[key] = value
    }
  }
}
