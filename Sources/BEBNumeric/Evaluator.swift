import BEBKernel

/// Three-valued truth: a formula is known true, known false, or unknown on a world (an
/// interval too wide, a sum over texts too long to enumerate, a quantifier over the reals).
public enum Truth: Sendable, Equatable {
  case yes, no, unknown

  static func and(_ values: [Truth]) -> Truth {
    values.contains(.no) ? .no : values.allSatisfy { $0 == .yes } ? .yes : .unknown
  }

  static func or(_ values: [Truth]) -> Truth {
    values.contains(.yes) ? .yes : values.allSatisfy { $0 == .no } ? .no : .unknown
  }

  var negated: Truth { self == .yes ? .no : self == .no ? .yes : .unknown }
}

/// A budget of work for one decision on a world: every value a quantifier tries, every text
/// a sum, an expectation or an event probability visits, spends one unit. A decision that
/// runs out is `unknown` on that world (said in the step's reason), so one formula whose
/// evaluation explodes (a probability over 2000 prompts of a `∀ ε, ∃ s` event) cannot take
/// the time of thousands of worlds. Evaluators are used by one thread at a time.
public final class Fuel: @unchecked Sendable {
  /// Units per decision.
  public static let budget = 100_000
  /// What is left of a decision's budget once it unfolds a recursion (see `.predicate` in
  /// `Evaluator.evaluate`).
  static let recursionBudget = budget / 40
  /// Units left of the decision's budget.
  private(set) var remaining = Fuel.budget
  private(set) var exhausted = false

  func refill(_ units: Int = Fuel.budget) {
    remaining = units
    exhausted = false
  }

  /// Lowers what is left of the budget to at most `units`.
  func limit(to units: Int) {
    remaining = min(remaining, units)
  }

  /// Spends what is left: the decision is out of work.
  func exhaust() {
    remaining = -1
    exhausted = true
  }

  /// Spends one unit; false once the budget is spent.
  func spend() -> Bool {
    remaining -= 1
    if remaining < 0 { exhausted = true }
    return !exhausted
  }
}

/// Evaluates kernel terms and formulas on a world, soundly: a number is an interval that
/// contains the true value; a relation is `yes` or `no` only when the intervals decide it.
/// Quantifiers range over the world's universe: texts of every length (decided exactly through
/// finitely many states when the body allows it, see TextQuantifiers.swift; otherwise only by
/// an instance among short texts), its sentences, the naturals; a quantifier over naturals or
/// reals is `unknown` unless an instance decides it (a counterexample to ∀, a witness for ∃)
/// or, for `∀ n, E[x ~ L, |x| = n] g R c`, every reachable state does.
public struct Evaluator: Sendable {
  public let world: World
  public let definitions: [String: DefinitionStatement]
  /// Values of binder terms and probabilities under derived laws, computed once (keyed so
  /// that one cache may serve many worlds, see EvaluationCache).
  let cache: EvaluationCache
  /// The work budget of the current decision.
  let fuel = Fuel()
  /// Whether the current pass is the fast one (see `truth`).
  let pass = Pass()
  /// What applications of recursive definitions were found to be, on this world.
  let decided = Decided()
  /// The world's values of the parameters, looked up where a variable is not bound (as
  /// `Bindings`: the world's dictionary would hash the variable at every occurrence).
  let parameters: Bindings

  /// Truths of applications of recursive definitions to values, on the evaluator's world:
  /// one level of a recursion is often reached along many paths (the same conversation
  /// split into turns differently), and again by the next proof step. `yes` and `no` are
  /// kept, facts about the world. `unknown` that did not run out of work is kept with what
  /// else it depended on (the pass, the nesting; `Undecided`): evaluated again there, it
  /// would be undecided again, its quantifiers ranging over the same values. An application
  /// that ran out of work, having begun with a recursion's whole budget (not what an
  /// earlier part of its decision left), is kept too (`exhausted`): asked again on the
  /// world, by a later step, it is out of work at once instead of spending that step's
  /// budget on the same search again (lemma-3.3n-game's three steps over every level and
  /// text spent about a quarter of its time so). (A text kept as a quantifier's hint, or a
  /// level decided since, could decide it later: keeping `unknown` may leave undecided what
  /// a later decision could have decided, never decide wrongly.)
  /// Evaluators are used by one thread at a time.
  final class Decided: @unchecked Sendable {
    /// An application by its definition and its arguments' values. Hashed once (`Hashed`):
    /// the values are laws, texts and exact numbers, and each of the tables below would
    /// otherwise hash them again on every lookup, insertion and growth (on 200 worlds of
    /// lemma-3.3n-game, a sixth of its steps' time went to hashing these keys).
    typealias Key = EvaluationCache.Hashed<Application>
    struct Application: Hashable, Sendable {
      let id: String
      let values: [Value]
    }
    struct Undecided: Hashable {
      let key: Key
      let fast: Bool
      let summing: Bool
      let depth: Int
      let unfoldings: Int
    }
    var truths: [Key: Truth] = [:]
    var undecided: Set<Undecided> = []
    /// Applications whose evaluation, begun with a recursion's whole work budget
    /// (`Fuel.recursionBudget`), ran out of it.
    var exhausted: Set<Key> = []
    /// Whether each definition unfolded so far applies itself (a recursion).
    var recursive: [String: Bool] = [:]
    /// Conditional laws in their cheapest form (`conditioned`), by the law, the prefix and
    /// the pass.
    struct Conditional: Hashable, Sendable {
      let law: Law
      let prefix: [Int]
      let fast: Bool
    }
    var conditionals: [EvaluationCache.Hashed<Conditional>: Law] = [:]
  }

  /// Whether the definition `id` applies itself (a recursion, see `.predicate` in
  /// `evaluate`), found out once per evaluator when it is first unfolded.
  func isRecursive(_ id: String, _ definition: DefinitionStatement) -> Bool {
    if let known = decided.recursive[id] { return known }
    let applies = definition.body.applications.contains { $0.id == id }
    decided.recursive[id] = applies
    return applies
  }

  /// Which of a decision's two passes is running: the fast one, with the models'
  /// probabilities of texts as floating-point enclosures, or the exact one. Evaluators are
  /// used by one thread at a time.
  final class Pass: @unchecked Sendable {
    var fast = false
    /// How many expectations or variances over texts are being summed (see the exact pass of
    /// `log`).
    var summing = 0
    /// How many definitions are being unfolded, one inside another.
    var unfoldings = 0
    /// How many times a decision so far was left to its context: cut off by the nesting
    /// (`depth`, `unfoldingLimit`), or a recursion, which lowers the work budget of the whole
    /// decision (`Fuel.limit`) and keeps its undecided levels by nesting (`Decided`). A
    /// quantified real's truth is kept for the world (`EvaluationCache.truth`) only when this
    /// did not change while it was decided, nor did the work budget run out. Asked again
    /// elsewhere on the world, a kept `yes` or `no` is still true (the intervals decided it: a
    /// fact about the world and the values); a kept `unknown` may leave undecided what a fresh
    /// decision, with other hints or values cached since, could decide — never decide wrongly.
    var contextual = 0
    /// What the fast pass computed that the exact pass may compute otherwise, counted so
    /// that a relation can tell whether its sides met any (see `.relation` in `evaluate`).
    /// `inexact`: values that may differ — an enclosed probability of a text, the value of
    /// an event that an enclosure left undecided on some text, a log or exp inside a sum
    /// over texts (the exact pass encloses those otherwise), a kept value that met one.
    /// `unsure`: places where whether a value is defined at all may differ — an undefined
    /// probability, or one whose enclosure does not exclude 0 (a sum over texts may then
    /// visit other texts), an operator undefined on an operand that is an enclosure and may
    /// differ, a length or bound that is not one exact number, a kept value that met one.
    /// Everything else is computed alike by both passes: exact values (the exact pass's are
    /// the same numbers: an enclosure of one point is that point), texts, and enclosures made
    /// of those by the same operations.
    var inexact = 0
    var unsure = 0
  }

  /// The deepest nesting of definitions unfolded (see `.predicate` in `evaluate`).
  static let unfoldingLimit = 32
  /// The largest first argument (the level) at which a recursive definition is evaluated.
  static let recursionLevels = 4

  /// An evaluator on `world`. Pass one `cache` to every evaluator of a check to share what
  /// does not depend on the parameters that differ between its worlds.
  public init(
    world: World, definitions: [String: DefinitionStatement], cache: EvaluationCache? = nil
  ) {
    self.world = world
    self.definitions = definitions
    self.cache = cache ?? EvaluationCache()
    parameters = Bindings(distinct: world.values)
  }

  /// P(text) under a law of this world, computed once (per pass).
  func probability(_ law: Law, _ text: [Int]) -> Interval? {
    let p = cache.probability(law, text, fast: pass.fast)
    if pass.fast, p?.isExact != true {
      pass.inexact += 1
      if p?.isPositive != true { pass.unsure += 1 }
    }
    return p
  }

  /// The counts `measured` compares with, taken before a computation.
  var counts: (inexact: Int, unsure: Int) { (pass.inexact, pass.unsure) }

  /// A value just computed, to keep in a cache of the world with what its computation met
  /// of `Pass.inexact` and `Pass.unsure` since `counts` were `before` (see
  /// `EvaluationCache.Kept`).
  func measured(_ value: Value?, since before: (inexact: Int, unsure: Int)) -> EvaluationCache.Kept
  {
    EvaluationCache.Kept(
      value: value, inexact: pass.inexact != before.inexact, unsure: pass.unsure != before.unsure)
  }

  /// A value from a cache of the world: in the fast pass, the counts go up by what it met
  /// when it was computed (again, if it was computed just now: the counts only need to
  /// change).
  func kept(_ found: EvaluationCache.Kept) -> Value? {
    if pass.fast {
      if found.inexact { pass.inexact += 1 }
      if found.unsure { pass.unsure += 1 }
    }
    return found.value
  }

  /// Values tried for a quantified real: edge values and small fractions.
  static let realSamples: [Rational] = [
    0, 1, -1, 2, -2, Rational(BigInt(1), BigInt(2)), Rational(BigInt(-1), BigInt(2)), 10,
    Rational(BigInt(1), BigInt(10)),
  ]

  /// Values tried for a quantified `Prob`: inside [0, 1] only (a value outside its sort could
  /// refute a true ∀ or witness a false ∃).
  static let probabilitySamples: [Rational] = [
    0, 1, Rational(BigInt(1), BigInt(2)), Rational(BigInt(1), BigInt(10)),
    Rational(BigInt(9), BigInt(10)), Rational(BigInt(1), BigInt(3)),
  ]

  /// Values tried for a quantified `Int`: integers only.
  static let integerSamples: [Rational] = [0, 1, -1, 2, -2, 10, -10]

  /// The sample values of a numeric sort that is not `Nat` (whose values are enumerated),
  /// each a value of the sort: a Prob in `probabilities` ([0, 1] unless an assumption edit
  /// changes it).
  static func samples(of sort: Sort, probabilities: ProbabilityRange = .paper) -> [Rational] {
    switch sort {
    case .prob: return probabilitySamples.map(probabilities.scaled)
    case .int: return integerSamples
    case .real: return realSamples
    default: return []
    }
  }

  // MARK: Formulas

  /// Whether `f` holds on the world under `env`: one decision, with a fresh work budget
  /// (`Fuel`): a formula that needs more work than that is `unknown` on this world.
  ///
  /// Fast, and exact where it matters. The models' probabilities of texts are enclosed in
  /// doubles rounded outward (`Model.enclosedProbability`), so the arithmetic over them
  /// is on doubles, not on rationals whose size grows with the length of the text; every other
  /// value (parameters, scores, constants) is as exact as ever. Each operation encloses its
  /// result over its operands' enclosures, so a relation the enclosures decide has the truth
  /// they say. A relation they leave undecided is decided again exactly (`decideExactly`)
  /// when exact values could decide it: a side is undefined on the enclosures, or the two
  /// enclosures are nearly apart (`mayTighten`) — an equation of exact values, a tie, a value
  /// too close to call. Where they overlap by more than rounding could explain, the exact
  /// values overlap too, and the relation stays undecided without the exact work.
  /// `budget`: the units of work of this decision (`Fuel.budget` unless a caller that only
  /// looks for one outcome, such as the directed walk, spends less).
  public func truth(_ f: Formula, _ env: Bindings = [:], budget: Int = Fuel.budget)
    -> Truth
  {
    fuel.refill(budget)
    pass.fast = true
    defer { pass.fast = false }
    return evaluate(f, env, depth: 0)
  }

  /// Whether the last decision ran out of its work budget.
  public var ranOutOfWork: Bool { fuel.exhausted }

  func evaluate(_ f: Formula, _ env: Bindings, depth: Int) -> Truth {
    guard depth < 12 else {
      pass.contextual += 1
      return .unknown
    }
    switch f {
    case .truth(let b): return b ? .yes : .no
    case .relation(let r, let a, let b):
      if pass.fast {
        let unsure = pass.unsure
        guard let x = value(a, env), let y = value(b, env) else {
          // Undefined where the exact pass is sure to find it undefined too (`Pass.unsure`
          // did not change, and the work budget did not run out): that pass would say
          // `unknown`, after computing the sides exactly. (1/ε on a piece (0, 2^-k] of a
          // covering of ε > 0, a log of a probability 0 in a variance over texts: on 200
          // worlds of thm-3.2-repaired, 1.25 million exact passes, none of which decided.)
          if pass.unsure == unsure, !fuel.exhausted { return .unknown }
          return decideExactly(f, env, depth: depth)
        }
        let truth = Self.compare(r, x, y)
        guard truth == .unknown else { return truth }
        if a == b { return [.eq, .le, .ge].contains(r) ? .yes : .no }
        guard case .number(let u) = x, case .number(let v) = y, !Self.mayTighten(u, v) else {
          return decideExactly(f, env, depth: depth)
        }
        return .unknown
      }
      guard let x = value(a, env), let y = value(b, env) else { return .unknown }
      let truth = Self.compare(r, x, y)
      if truth == .unknown, sameValue(a, b, env) {
        return [.eq, .le, .ge].contains(r) ? .yes : .no
      }
      return truth
    case .not(let g): return evaluate(g, env, depth: depth).negated
    case .and(let gs), .or(let gs):
      // In order, and no further than the first part that decides the whole: `k ≥ 1 ∧ C`
      // must not evaluate C at k = 0 (a recursive definition would go on to k = -1, …).
      let conjunction: Bool
      if case .and = f { conjunction = true } else { conjunction = false }
      var truths: [Truth] = []
      for g in gs {
        let t = evaluate(g, env, depth: depth)
        if t == (conjunction ? .no : .yes) { return t }
        truths.append(t)
      }
      return conjunction ? Truth.and(truths) : Truth.or(truths)
    case .implies(let a, let b):
      return Truth.or([evaluate(a, env, depth: depth).negated, evaluate(b, env, depth: depth)])
    case .iff(let a, let b):
      let (x, y) = (evaluate(a, env, depth: depth), evaluate(b, env, depth: depth))
      return x == .unknown || y == .unknown ? .unknown : (x == y ? .yes : .no)
    case .forall(let v, let g), .exists(let v, let g):
      // Asked again on the world (by a later step, or under another name: see
      // `EvaluationCache.Canonical`), a quantified real is decided once: `∀ ε > 0, …` is a
      // covering of (0, ∞) by ten pieces (PositiveReals.swift), each often a search over
      // texts. Quantifiers over the other sorts are many and mostly cheap: looking each one
      // up (hashing the formula) cost more than deciding it again (3.5% of the whole
      // development's time at 200 worlds, for no measurable gain).
      guard v.sort == .real else { return quantified(f, v, g, env, depth: depth) }
      let key = cache.truthKey(
        f, world, env, parameters, fast: pass.fast, summing: pass.summing > 0)
      if let known = cache.truth(key) { return known }
      let contextual = pass.contextual
      let truth = quantified(f, v, g, env, depth: depth)
      if !fuel.exhausted && pass.contextual == contextual { cache.keep(truth, key) }
      return truth
    case .predicate(let id, let args):
      guard let definition = definitions[id], definition.parameters.count == args.count else {
        return .unknown
      }
      // A recursive definition unfolds once per level (events restart `depth`): a level
      // this deep is left undecided, whatever its first argument.
      guard pass.unfoldings < Self.unfoldingLimit else {
        pass.contextual += 1
        return .unknown
      }
      pass.unfoldings += 1
      defer { pass.unfoldings -= 1 }
      // A recursion's body is evaluated on the values of the arguments (its parameters bound
      // to them: a definition mentions nothing else), so that each level is decided once per
      // world whatever the path to it; an argument's value is an enclosure like any other.
      if isRecursive(id, definition) {
        pass.contextual += 1
        // A decision that unfolds a recursion has a 40th of the work budget: where the game
        // it describes cannot be decided on the world's texts, searching it would otherwise
        // take the time of many worlds (the budget's purpose, see `Fuel`).
        fuel.limit(to: Fuel.recursionBudget)
        var values: [Value] = []
        for arg in args {
          guard let v = value(arg, env) else { return .unknown }
          values.append(v)
        }
        // Each level may branch over every text and answer: past `recursionLevels` levels the
        // work would outgrow any budget, so such an application is left undecided at once.
        if case .number(let k)? = values.first, k.bounds.0 > Double(Self.recursionLevels) {
          return .unknown
        }
        let key = Decided.Key(Decided.Application(id: id, values: values))
        if let known = decided.truths[key] { return known }
        if decided.exhausted.contains(key) {
          fuel.exhaust()
          return .unknown
        }
        let attempt = Decided.Undecided(
          key: key, fast: pass.fast, summing: pass.summing > 0, depth: depth,
          unfoldings: pass.unfoldings)
        if decided.undecided.contains(attempt) { return .unknown }
        // Begun with the whole of a recursion's budget, not what an earlier part of the
        // decision left: only then does running out say the search needs more than that.
        let whole = fuel.remaining == Fuel.recursionBudget
        let truth = evaluate(
          definition.body, Bindings(zip(definition.parameters, values)),
          depth: depth + 1)
        if truth != .unknown {
          decided.truths[key] = truth
        } else if !fuel.exhausted {
          decided.undecided.insert(attempt)
        } else if whole {
          decided.exhausted.insert(key)
        }
        return truth
      }
      let body = cache.unfolding(f) {
        definition.body.substituting(
          Dictionary(uniqueKeysWithValues: zip(definition.parameters, args)))
      }
      return evaluate(body, env, depth: depth + 1)
    }
  }

  /// `∀ v, g` or `∃ v, g` (`f`), decided over `v`'s domain (see `evaluate`).
  func quantified(_ f: Formula, _ v: Variable, _ g: Formula, _ env: Bindings, depth: Int)
    -> Truth
  {
    let universal: Bool
    if case .forall = f { universal = true } else { universal = false }
    if universal, v.sort == .nat,
      everyLength(v, g, env, depth: depth) == .yes || everyLengthVariance(v, g, env) == .yes
    {
      return .yes
    }
    // The text that last decided this quantifier on the world (a witness of ∃, a
    // counterexample of ∀), tried first: the body of `∀ ε > 0, ∃ s, …` asks for a witness
    // on every piece of its covering, and one text usually serves them all. Any text of the
    // world's sentences decides the quantifier when it does, whatever domain is chosen
    // below; the hint only saves the search.
    if v.sort == .text, let hint = cache.hint(for: f, on: world),
      hint.allSatisfy({ $0 < world.sentences })
    {
      guard fuel.spend() else { return .unknown }
      var inner = env
      inner[v] = .text(hint)
      let t = evaluate(g, inner, depth: depth + 1)
      if universal && t == .no { return .no }
      if !universal && t == .yes { return .yes }
    }
    var (domain, complete) = ([Value](), false)
    if v.sort == .nat, let bounded = boundedNaturals(v, g, universal: universal, env) {
      (domain, complete) = (bounded.map { .number(Interval(Rational($0))) }, true)
    } else if v.sort != .text {
      (domain, complete) = self.domain(of: v.sort)
    }
    var body = g
    var length: Variable?
    if v.sort == .text {
      let states = stateRepresentatives(v, in: g, env)
      if let states, !states.length {
        (domain, complete) = (states.texts.map { .text($0) }, true)
      } else if let sized = textsOfFixedLength(v, g, universal: universal, env) {
        // Only texts of the length the body fixes can matter: all of them, or one per type
        // class where the body's truth is the same on the whole class.
        (domain, complete) = (sized.map { .text($0) }, true)
      } else if let bounded = boundedTexts(v, g, universal: universal, env) {
        // Every text up to a bound the body puts on |x|: exact lengths, preferred to the
        // lengths' enclosure below.
        (domain, complete) = (bounded.map { .text($0) }, true)
      } else if let states {
        (domain, complete) = (states.texts.map { .text($0) }, true)
        let bound = Self.lengthBound(v)
        (length, body) = (bound, Self.replacingLength(of: v, by: bound, in: g))
      } else {
        // Texts up to `textLimit`, deciding only by an instance.
        (domain, complete) = self.domain(of: v.sort)
      }
    }
    var results: [Truth] = []
    // One environment for the whole loop, changed in place (a copy per value was the
    // dictionary's whole storage, every time).
    var inner = env
    for value in domain {
      guard fuel.spend() else { return .unknown }
      inner[v] = value
      if let length, case .text(let r) = value { inner[length] = .number(Self.lengths(from: r)) }
      let t = evaluate(body, inner, depth: depth + 1)
      if (universal && t == .no) || (!universal && t == .yes) {
        if length == nil, case .text(let text) = value { cache.keepHint(text, for: f, on: world) }
        return t
      }
      results.append(t)
    }
    if !complete {
      // ∀ ε > 0: no sampled value refuted it; the covering may confirm it.
      if universal, v.sort == .real, case .implies(let premise, let rest) = g,
        Self.saysPositive(premise, v), let covered = everyPositive(v, rest, env, depth: depth)
      {
        return covered
      }
      return .unknown
    }
    return universal ? Truth.and(results) : Truth.or(results)
  }

  /// `compute` in the fast pass, then back to the pass that was running.
  func fastly<T>(_ compute: () -> T) -> T {
    let was = pass.fast
    pass.fast = true
    defer { pass.fast = was }
    return compute()
  }

  /// `f` (a relation) evaluated with exact probabilities, then back to the fast pass.
  func decideExactly(_ f: Formula, _ env: Bindings, depth: Int) -> Truth {
    pass.fast = false
    defer { pass.fast = true }
    return evaluate(f, env, depth: depth)
  }

  /// Whether exact values could decide a comparison of the enclosures `x` and `y`, which
  /// overlap. An enclosure of the fast pass is wider than the exact pass's by the rounding of
  /// its operations — about 2^-52 relative per operation, so far below 2^-30 of the
  /// magnitudes involved (or 2^-30, below 1) for the few thousand operations of a decision —
  /// and the exact values can then be apart, or equal, only when the enclosures nearly are:
  /// the top of one within twice that slack of the bottom of the other. This choice is a
  /// heuristic about cost, not about soundness: skipping the exact pass leaves a relation
  /// undecided, never decides it wrongly (the verdicts before and after it were compared on
  /// the whole development).
  static func mayTighten(_ x: Interval, _ y: Interval) -> Bool {
    let ((xl, xh), (yl, yh)) = (x.bounds, y.bounds)
    let scale = [xl, xh, yl, yh].filter(\.isFinite).map(\.magnitude).max() ?? 0
    let slack = 0x1p-29 * Swift.max(1, scale)
    return xh - yl <= slack || yh - xl <= slack
  }

  /// Whether two terms certainly denote the same value: the same term, or the same operator
  /// applied to arguments of equal values (exact numbers, texts, laws by construction) — every
  /// operator is a function of its arguments' values. This decides `log(u) = log(v)` when u
  /// and v are exactly equal, where the two enclosures overlap and cannot be told equal.
  func sameValue(_ a: Term, _ b: Term, _ env: Bindings) -> Bool {
    if a == b { return true }
    guard case .apply(let f, let xs) = a, case .apply(let g, let ys) = b, f == g,
      xs.count == ys.count
    else { return false }
    return zip(xs, ys).allSatisfy { x, y in
      switch (value(x, env), value(y, env)) {
      case (.number(let u)?, .number(let v)?) where u.exact != nil && v.exact != nil:
        return u.exact == v.exact
      case (.text(let s)?, .text(let t)?): return s == t
      case (.law(let p)?, .law(let q)?):
        return p.hasExactWeights && q.hasExactWeights
          && p.droppingEmptyConditionals == q.droppingEmptyConditionals
      case (.behavior(let p)?, .behavior(let q)?): return p == q
      default: return sameValue(x, y, env)
      }
    }
  }

  /// The texts a quantifier needs when its body fixes the length (`∃ x, |x| = k ∧ ...`,
  /// `∀ x, |x| = k ∧ ... ⇒ ...`): texts of any other length make the body false (∃) or its
  /// premise false (∀), so they decide nothing. One text per type class when k is at most
  /// `classLengthLimit` and the body's truth is a function of the sentence counts
  /// (`classesApply`: a horizon-1 world, exchangeable laws, an order-free body); else every
  /// text of length k up to `World.sumLimit` (at most 4096 texts); else nil.
  func textsOfFixedLength(
    _ x: Variable, _ body: Formula, universal: Bool, _ env: Bindings
  ) -> [[Int]]? {
    for condition in Self.conditions(on: body, universal: universal) {
      let length = Term.apply(.length, [.variable(x)])
      let fixed: Term
      switch condition {
      case .relation(.eq, length, let k), .relation(.eq, let k, length): fixed = k
      default: continue
      }
      guard !fixed.mentions(x), let value = number(fixed, env) else { continue }
      guard let n = value.exact else {
        // A length no text has: the enclosure (its ends as doubles, rounded outward) holds
        // no natural number — it lies below 0, or strictly between two integers, as
        // log 8 = 2.07… does — so no text meets the condition, whatever the exact value.
        let (low, high) = value.bounds
        if high < 0 || low.rounded(.up) > high { return [] }
        continue
      }
      guard n.isInteger, !n.isNegative else { return [] }
      guard let k = n.numerator.asInt else { return nil }
      // By class first: C(k + m − 1, m − 1) texts instead of m^k.
      if k <= Self.classLengthLimit, classesApply(nil, .event(body), env) {
        return Self.weightedClasses(length: k, sentences: world.sentences).map(\.text)
      }
      return k <= world.sumLimit ? world.texts(ofLength: k) : nil
    }
    return nil
  }

  /// The conditions a quantifier's body puts on its variable: the conjuncts of an existential
  /// body, of a universal body's premise.
  static func conditions(on body: Formula, universal: Bool) -> [Formula] {
    switch (universal, body) {
    case (false, .and(let parts)): return parts
    case (true, .implies(.and(let parts), _)): return parts
    case (true, .implies(let premise, _)): return [premise]
    case (false, let f): return [f]
    default: return []
    }
  }

  /// Every natural a quantifier needs when its body bounds the variable (`∀ j, j ≤ b ⇒ ...`,
  /// `∃ j, j < b ∧ ...`): 0 up to the bound, if there are at most `natLimit` of them.
  func boundedNaturals(_ n: Variable, _ body: Formula, universal: Bool, _ env: Bindings)
    -> [Int]?
  {
    for condition in Self.conditions(on: body, universal: universal) {
      let (relation, bound): (Relation, Term)
      switch condition {
      case .relation(let r, .variable(n), let b) where r == .le || r == .lt:
        (relation, bound) = (r, b)
      case .relation(let r, let b, .variable(n)) where r == .ge || r == .gt:
        (relation, bound) = (r.converse, b)
      default: continue
      }
      guard !bound.mentions(n), let b = number(bound, env)?.upperBound else {
        continue
      }
      var largest = b.floor
      if relation == .lt && Rational(largest) == b { largest = largest - BigInt(1) }
      guard let top = largest.asInt, top < Self.natLimit else { return nil }
      return top < 0 ? [] : Array(0...top)
    }
    return nil
  }

  /// The most naturals a bounded quantifier tries.
  static let natLimit = 256

  /// Every text a quantifier needs when its body bounds the length (`∃ x, |x| ≤ b ∧ ...`,
  /// `∀ x, |x| ≤ b ∧ ... ⇒ ...`): all texts up to the bound, if there are at most 2000; or
  /// one per type class, if the classes apply and number at most 2000.
  func boundedTexts(_ x: Variable, _ body: Formula, universal: Bool, _ env: Bindings)
    -> [[Int]]?
  {
    for condition in Self.conditions(on: body, universal: universal) {
      guard case .relation(let r, .apply(.length, [.variable(x)]), let bound) = condition,
        r == .le || r == .lt, !bound.mentions(x),
        let b = number(bound, env)?.upperBound
      else { continue }
      var longest = b.floor
      if r == .lt && Rational(longest) == b { longest = longest - BigInt(1) }
      guard let n = longest.asInt else { return nil }
      if n < 0 { return [] }
      // One text per type class of each length where the body's truth is a function of the
      // sentence counts (TypeClasses.swift): a class's representative is a witness (or a
      // counterexample) exactly when every text of its class is.
      if n <= Self.classLengthLimit, classesApply(nil, .event(body), env) {
        var classes = 0
        for k in 0...n {
          classes += Self.classCount(length: k, sentences: world.sentences)
          if classes > 2000 { return nil }
        }
        return (0...n).flatMap {
          Self.weightedClasses(length: $0, sentences: world.sentences).map(\.text)
        }
      }
      var count = 0
      var power = 1
      for _ in 0...n {
        count += power
        power *= max(1, world.sentences)
        if count > 2000 { return nil }
      }
      return (0...n).flatMap { world.texts(ofLength: $0) }
    }
    return nil
  }

  /// The values a quantified variable of this sort ranges over, and whether they are all.
  func domain(of sort: Sort) -> ([Value], Bool) {
    switch sort {
    // Texts of every length exist; when the body is not determined by finitely many states
    // (TextQuantifiers.swift), enumeration up to `textLimit` decides only by an instance.
    case .text: return (world.allTexts.map { .text($0) }, false)
    case .sentence: return ((0..<world.sentences).map { .text([$0]) }, true)
    // Naturals are not cut at the horizon: a few are tried, and the quantifier is decided
    // only by a counterexample (∀) or a witness (∃) among them.
    case .nat: return ((0...world.horizon + 2).map { .number(Interval(Rational($0))) }, false)
    // Every value tried lies in the sort: a Prob in [0, 1], an Int an integer.
    case .prob, .int, .real:
      let samples = Self.samples(of: sort, probabilities: world.assumptions.probabilities)
      return (samples.map { .number(Interval($0)) }, false)
    // Laws, behaviors and truth values are not quantified over on a world: undecided.
    case .dist, .behavior, .bool: return ([], false)
    }
  }

  static func compare(_ r: Relation, _ x: Value, _ y: Value) -> Truth {
    switch (x, y) {
    case (.number(let a), .number(let b)):
      switch r {
      case .lt:
        return Interval.isBelow(a, b, strictly: true)
          ? .yes : Interval.isBelow(b, a, strictly: false) ? .no : .unknown
      case .le:
        return Interval.isBelow(a, b, strictly: false)
          ? .yes : Interval.isBelow(b, a, strictly: true) ? .no : .unknown
      case .gt: return compare(.lt, y, x)
      case .ge: return compare(.le, y, x)
      case .eq:
        if let p = a.exact, let q = b.exact { return p == q ? .yes : .no }
        let apart = Interval.isBelow(a, b, strictly: true) || Interval.isBelow(b, a, strictly: true)
        return apart ? .no : .unknown
      case .ne: return compare(.eq, x, y).negated
      }
    case (.law(let p), .law(let q)):
      // Equal laws by construction: the same law once conditionals on the empty prefix are
      // dropped (L(·|⟨⟩) = L, as L(⟨⟩) = 1). Different constructions may still be equal as
      // distributions: that is left undecided.
      guard r == .eq || r == .ne, p.hasExactWeights, q.hasExactWeights,
        p.droppingEmptyConditionals == q.droppingEmptyConditionals
      else { return .unknown }
      return r == .eq ? .yes : .no
    case (.text(let s), .text(let t)):
      if r == .eq { return s == t ? .yes : .no }
      if r == .ne { return s != t ? .yes : .no }
      return .unknown
    default:
      return .unknown
    }
  }

  // MARK: Terms

  public func value(_ t: Term, _ env: Bindings = [:]) -> Value? {
    switch t {
    case .number(let q): return .number(Interval(q))
    case .variable(let v): return env[v] ?? parameters[v]
    case .apply(let op, let args): return apply(op, args, env)
    case .bind, .probability:
      return kept(
        cache.value(
          t, world, env, parameters, fast: pass.fast, summing: pass.summing > 0,
          keepIf: { !fuel.exhausted },
          {
            let before = counts
            return measured(computed(t, env), since: before)
          }))
    }
  }

  /// The value of a binder term or an event's probability, computed (`value` keeps it).
  func computed(_ t: Term, _ env: Bindings) -> Value? {
    switch t {
    case .bind(let binder, let x, let range, let body): return bind(binder, x, range, body, env)
    case .probability(let x, let law, let length, let event):
      return eventProbability(x, law, length, event, env)
    case .number, .variable, .apply: return value(t, env)
    }
  }

  /// Pr[x ~ law (of `length` sentences)] event, enclosed: the mass of the texts where the
  /// event is known true, up to that plus the mass where it is undecided.
  func eventProbability(
    _ x: Variable, _ law: Term, _ length: Term?, _ event: Formula, _ env: Bindings
  ) -> Value? {
    guard case .law(let d)? = value(law, env),
      let texts = sampled(x, length, law: d, body: .event(event), env)
    else {
      return nil
    }
    var low = Interval(.zero)
    var high = Interval(.zero)
    var inner = env
    for weighted in texts {
      let text = weighted.text
      guard fuel.spend(), let one = probability(d, text) else { return nil }
      let p = weighted.count * one
      inner[x] = .text(text)
      switch evaluate(event, inner, depth: 1) {
      case .yes:
        low = low + p
        high = high + p
      case .unknown:
        // The exact pass may decide the event here, and give a narrower value.
        if pass.fast { pass.inexact += 1 }
        high = high + p
      case .no: break
      }
    }
    return .number(Interval(lowerOf: low, upperOf: high))
  }

  func number(_ t: Term, _ env: Bindings) -> Interval? {
    if case .number(let i)? = value(t, env) { return i }
    return nil
  }

  func text(_ t: Term, _ env: Bindings) -> [Int]? {
    if case .text(let s)? = value(t, env) { return s }
    return nil
  }

  /// The texts a sampled variable ranges over — one sentence, or texts of the given length,
  /// by type class where that is exact (TypeClasses.swift) — each with the number of texts it
  /// stands for.
  func sampled(
    _ x: Variable, _ length: Term?, law: Law, body: Summand, _ env: Bindings
  ) -> [WeightedText]? {
    guard let length else {
      return (0..<world.sentences).map { WeightedText(text: [$0], count: Interval(.one)) }
    }
    guard let n = number(length, env)?.exact, n.isInteger, !n.isNegative,
      let k = n.numerator.asInt
    else {
      if pass.fast { pass.unsure += 1 }
      return nil
    }
    // Too many texts, unless their classes apply, which may depend on the law's form (see
    // `conditioned`), which may differ in the exact pass.
    guard let texts = weightedTexts(x, length: k, law: law, body: body, env) else {
      if pass.fast { pass.unsure += 1 }
      return nil
    }
    return texts
  }

  /// Undefined on these operands. In the fast pass, where one of them is an enclosure and the
  /// operands met a value that may differ in the exact pass (`Pass.inexact` moved from
  /// `inexact`), the operator may be defined there (`Pass.unsure`). An exact operand is the
  /// exact pass's value too, and an undefined one counted itself.
  func undefined(_ operands: [Interval?], since inexact: Int) -> Value? {
    if pass.fast, pass.inexact != inexact,
      operands.contains(where: { $0.map { !$0.isExact } ?? false })
    {
      pass.unsure += 1
    }
    return nil
  }

  func apply(_ op: Operator, _ args: [Term], _ env: Bindings) -> Value? {
    func num(_ i: Int) -> Interval? { number(args[i], env) }
    let inexact = pass.inexact
    switch op {
    case .add: return num(0).flatMap { a in num(1).map { .number(a + $0) } }
    case .sub: return num(0).flatMap { a in num(1).map { .number(a - $0) } }
    case .mul:
      // 0 · t = 0 whatever t is: every term of sort Real denotes a real (the theory's
      // functions are total, x/0 = 0), so an exact zero factor decides the product even when
      // the other factor cannot be evaluated here (0 · log(0 / q) in a KL sum).
      let (a, b) = (num(0), num(1))
      if a?.exact?.isZero == true || b?.exact?.isZero == true { return .number(Interval(.zero)) }
      // An enclosure may be 0 in the exact pass, and decide the product there.
      guard let a, let b else { return undefined([a, b], since: inexact) }
      return .number(a * b)
    case .div:
      guard let a = num(0), let b = num(1) else { return nil }
      guard let q = a / b else { return undefined([b], since: inexact) }
      return .number(q)
    case .neg: return num(0).map { .number(-$0) }
    case .pow:
      guard let base = num(0), let e = num(1) else { return nil }
      if let q = e.exact, q.isInteger, let k = q.numerator.asInt, abs(k) <= 64 {
        return base.power(k).map { .number($0) } ?? undefined([base], since: inexact)
      }
      // x^y = exp(y log x) for x > 0.
      guard let l = base.log else { return undefined([base, e], since: inexact) }
      return .number((e * l).exp)
    case .log, .exp:
      if pass.fast && pass.summing > 0 { pass.inexact += 1 }
      // In the exact pass, log x and exp x are enclosures unless x is 1 (resp. 0): where the
      // fast pass's enclosure of x leaves out that point (and, for log, is positive), the
      // exact x would only give a narrower enclosure. Inside an expectation or a variance over
      // texts (computed once per type class of texts up to 64 sentences long), that costs the
      // exact probabilities of every class, and the fast enclosure is used; elsewhere the
      // narrower one can decide a near tie (lemma-H.1-repaired), and x is computed exactly.
      // (Values computed inside such sums are cached apart: `TermKey.summing`.)
      if pass.summing > 0, !pass.fast, let x = fastly({ num(0) }),
        let y = op == .log ? x.logAwayFromOne : x.expAwayFromZero
      {
        return .number(y)
      }
      guard let x = num(0) else { return nil }
      if op == .exp { return .number(x.exp) }
      return x.log.map { .number($0) } ?? undefined([x], since: inexact)
    case .sqrt: return num(0).map { .number($0.sqrt) }
    case .abs: return num(0).map { .number($0.magnitude) }
    case .min:
      guard let a = num(0), let b = num(1) else { return nil }
      return .number(Interval.minimum(a, b))
    case .max:
      guard let a = num(0), let b = num(1) else { return nil }
      return .number(Interval.maximum(a, b))
    case .ceil: return num(0).map { .number($0.ceiling) }
    case .floor: return num(0).map { .number($0.floor) }
    case .concat:
      guard let s = text(args[0], env), let t = text(args[1], env) else { return nil }
      return .text(s + t)
    case .length: return text(args[0], env).map { .number(Interval(Rational($0.count))) }
    case .emptyText: return .text([])
    case .sentenceAt, .prefixBefore:
      guard let s = text(args[0], env), let index = num(1) else { return nil }
      guard let i = index.exact, i.isInteger, let k = i.numerator.asInt else {
        return undefined([index], since: inexact)
      }
      if op == .sentenceAt { return k >= 1 && k <= s.count ? .text([s[k - 1]]) : nil }
      return k >= 1 && k - 1 <= s.count ? .text(Array(s[..<(k - 1)])) : nil
    case .probOf:
      guard case .law(let d)? = value(args[0], env), let s = text(args[1], env),
        let p = probability(d, s)
      else { return nil }
      return .number(p)
    case .probGiven:
      guard case .law(let d)? = value(args[0], env), let s = text(args[1], env),
        let s0 = text(args[2], env), let p = probability(conditioned(d, on: s0), s)
      else { return nil }
      return .number(p)
    case .conditional:
      guard case .law(let d)? = value(args[0], env), let s0 = text(args[1], env) else { return nil }
      return .law(conditioned(d, on: s0))
    case .mixture:
      guard let w = num(0), case .law(let a)? = value(args[1], env),
        case .law(let b)? = value(args[2], env)
      else { return nil }
      return .law(.mixture(w, a, b))
    case .bestOfN:
      guard case .law(let d)? = value(args[0], env), case .behavior(let b)? = value(args[1], env),
        let count = num(2)
      else { return nil }
      guard let n = count.exact, let k = n.numerator.asInt, k >= 1, k <= 16 else {
        return undefined([count], since: inexact)
      }
      return .law(.bestOfN(d, b, k))
    case .behavior:
      guard case .behavior(let b)? = value(args[0], env), let s = text(args[1], env), s.count == 1
      else { return nil }
      return .number(Interval(b[s[0]]))
    case .behaviorMean, .behaviorAfter:
      guard case .behavior(let b)? = value(args[0], env), case .law(var d)? = value(args[1], env)
      else { return nil }
      if op == .behaviorAfter {
        guard let s0 = text(args[2], env) else { return nil }
        d = conditioned(d, on: s0)
      }
      // Kept by the values summed over (a conditional's cheaper form is the same law for
      // many prefixes: on a horizon-1 world, every possible prefix gives the model itself).
      return kept(
        cache.sentenceSum(
          .behaviorMean, [.behavior(b), .law(d)], sentences: world.sentences, fast: pass.fast
        ) {
          let before = counts
          return measured(mean(b, under: d), since: before)
        })
    case .kl:
      guard case .law(let p)? = value(args[0], env), case .law(let q)? = value(args[1], env)
      else { return nil }
      return kept(
        cache.sentenceSum(.kl, [.law(p), .law(q)], sentences: world.sentences, fast: pass.fast) {
          let before = counts
          return measured(divergence(p, q), since: before)
        })
    }
  }

  /// B[d]: the behavior's mean over the next sentence drawn from `d`.
  func mean(_ b: [Rational], under d: Law) -> Value? {
    var sum = Interval(.zero)
    for y in 0..<world.sentences {
      guard let p = probability(d, [y]) else { return nil }
      sum = sum + p * Interval(b[y])
    }
    return .number(sum)
  }

  /// KL(p ∥ q) over the next sentence.
  func divergence(_ p: Law, _ q: Law) -> Value? {
    var sum = Interval(.zero)
    for y in 0..<world.sentences {
      guard let a = probability(p, [y]), let b = probability(q, [y]) else { return nil }
      if a.exact?.isZero == true { continue }
      guard let ratio = a / b, let l = ratio.log else { return nil }
      sum = sum + a * l
    }
    return .number(sum)
  }

  func bind(
    _ binder: Binder, _ x: Variable, _ range: [Term], _ body: Term, _ env: Bindings
  )
    -> Value?
  {
    var inner = env
    func at(_ v: Value) -> Interval? {
      inner[x] = v
      return number(body, inner)
    }
    let summing = binder == .expectation || binder == .variance
    if summing { pass.summing += 1 }
    defer { if summing { pass.summing -= 1 } }
    switch binder {
    case .sum, .product:
      guard let a = number(range[0], env)?.exact, let b = number(range[1], env)?.exact else {
        if pass.fast { pass.unsure += 1 }
        return nil
      }
      let low = Swift.max(BigInt(0), a.ceiling)
      let high = b.floor
      var total = Interval(binder == .sum ? .zero : .one)
      guard let l = low.asInt, let h = high.asInt else { return nil }
      if h < l { return .number(total) }
      guard h - l <= 64 else { return nil }
      for i in l...h {
        guard fuel.spend(), let v = at(.number(Interval(Rational(i)))) else { return nil }
        total = binder == .sum ? total + v : total * v
      }
      return .number(total)
    case .sumOverSentences:
      var total = Interval(.zero)
      for y in 0..<world.sentences {
        guard let v = at(.text([y])) else { return nil }
        total = total + v
      }
      return .number(total)
    case .expectation, .variance:
      guard case .law(let d)? = value(range[0], env),
        let texts = sampled(x, range.count > 1 ? range[1] : nil, law: d, body: .term(body), env)
      else { return nil }
      // Each text's weight and value (a struct: see `WeightedText`).
      struct Summed: Sendable {
        let weight: Interval
        let value: Interval
        init(_ weight: Interval, _ value: Interval) { (self.weight, self.value) = (weight, value) }
      }
      var weighted: [Summed] = []
      for each in texts {
        let (text, count) = (each.text, each.count)
        guard fuel.spend() else { return nil }
        // The exact pass (decideExactly) keeps a weight of an expectation exact only where
        // the product can stay exact: times a value that is an enclosure anyway (a log, an
        // exp), the weight's enclosure from the fast pass gives an enclosure too, without the
        // exact product of the text's probabilities (hundreds of digits for a text of 64
        // sentences). Where that enclosure is positive the weight is not 0, so the same bodies
        // are evaluated. (A variance keeps exact weights: its sum of squared deviations
        // cancels, and wider weights left some of its equations undecided.)
        if binder == .expectation, !pass.fast, let quick = cache.probability(d, text, fast: true),
          quick.isPositive
        {
          guard let v = at(.text(text)) else { return nil }
          if v.isFloat {
            weighted.append(Summed(count * quick, v))
            continue
          }
          guard let one = probability(d, text) else { return nil }
          weighted.append(Summed(count * one, v))
          continue
        }
        guard let one = probability(d, text) else { return nil }
        let p = count * one
        if p.exact?.isZero == true { continue }
        guard let v = at(.text(text)) else { return nil }
        weighted.append(Summed(p, v))
      }
      let mean = weighted.reduce(Interval(.zero)) { $0 + $1.weight * $1.value }
      if binder == .expectation { return .number(mean) }
      let spread = weighted.reduce(Interval(.zero)) { sum, term in
        let d = term.value - mean
        return sum + term.weight * d * d
      }
      return .number(spread)
    }
  }
}

extension Relation {
  /// The relation with its sides swapped: a < b is b > a, a = b is b = a.
  var converse: Relation {
    switch self {
    case .lt: return .gt
    case .le: return .ge
    case .gt: return .lt
    case .ge: return .le
    case .eq, .ne: return self
    }
  }
}
