import BEBKernel

/// Draws worlds that satisfy a statement's hypotheses.
///
/// Random worlds rarely meet hypotheses such as "B_{P₋}(s) ≤ γ for every text" or
/// β-distinguishability, so the sampler mixes three shapes of world and then repairs the real
/// parameters:
///
/// - *random*: every law and behavior drawn freely (zeros and ties included);
/// - *leaning*: the first behavior has negative and positive sentences, and each distribution
///   leans towards one side (all mass, or most of it, on the negative or the positive
///   sentences) — the shape of the paper's P₋ and P₊, drawn over its whole range, from a
///   slight lean to disjoint supports;
/// - *edge*: identical components, a component with zeros, one sentence carrying all mass.
///
/// Horizons run from 1 (the next-sentence law never depends on the prefix) to 3. Then, while a
/// hypothesis is not known to hold, each real, probability or natural parameter it mentions is
/// tried at candidate values in a seeded random order — random fractions, ±2^-k, k, 1 − 2^-k —
/// and kept at the first value that makes the hypothesis hold without breaking an earlier one.
/// The candidate order is random, so the parameters are not pushed into one corner: a value is
/// kept only because it satisfies the hypotheses, and different worlds keep different values.
public struct DirectedSampler: Sendable {
  public let parameters: [Variable]
  public let hypotheses: [(name: String, formula: Formula)]
  public let definitions: [String: DefinitionStatement]
  /// Values shared by the evaluations of one world's attempt (see EvaluationCache).
  var cache: EvaluationCache
  /// The assumptions of the sorts (the paper's unless edited): the range behaviors are drawn
  /// in, whether drawn models lose mass (mostly, when they may), and what a conditional on an
  /// impossible prefix is on the worlds drawn.
  public var assumptions = Assumptions.paper
  /// Attempts and successes so far by horizon (1–3): a horizon none of 60 attempts met
  /// while another did is no longer drawn (σ-similarity is decided on horizon-1 worlds only,
  /// so the others were three fifths of the attempts of the σ-similarity results, all lost).
  var tried = [0, 0, 0, 0]
  var met = [0, 0, 0, 0]
  /// The parameters each hypothesis mentions. A hypothesis's truth on a world depends on the
  /// sentence count, the horizon and the values of these alone (definitions are closed over
  /// their parameters), so a change to other parameters leaves it as it was: the repairs and
  /// the directed walk evaluate again only the hypotheses a change reaches.
  let mentioned: [Set<Variable>]
  /// Whether each hypothesis is cheap to decide (see `isCheap(_:)`).
  let isCheap: [Bool]

  public init(
    parameters: [Variable], hypotheses: [(name: String, formula: Formula)],
    definitions: [String: DefinitionStatement], cache: EvaluationCache = EvaluationCache()
  ) {
    self.parameters = parameters
    self.hypotheses = hypotheses
    self.definitions = definitions
    self.cache = cache
    mentioned = hypotheses.map { h in Set(parameters.filter { h.formula.mentions($0) }) }
    isCheap = hypotheses.map { Self.isCheap($0.formula) }
  }

  /// Whether a formula is decided by a few operations on the parameters' values: no
  /// quantifier, definition, sum or probability of an event (see `fit`).
  static func isCheap(_ f: Formula) -> Bool {
    func cheap(_ t: Term) -> Bool {
      switch t {
      case .number, .variable: return true
      case .apply(let op, let args):
        return ![.kl, .behaviorMean, .behaviorAfter, .bestOfN].contains(op)
          && args.allSatisfy(cheap)
      case .bind, .probability: return false
      }
    }
    switch f {
    case .truth: return true
    case .relation(_, let a, let b): return cheap(a) && cheap(b)
    case .not(let g): return isCheap(g)
    case .and(let gs), .or(let gs): return gs.allSatisfy(isCheap)
    case .implies(let a, let b), .iff(let a, let b): return isCheap(a) && isCheap(b)
    case .forall, .exists, .predicate: return false
    }
  }

  /// Whether the hypothesis at `index` can change truth when `changed` do.
  func reaches(_ changed: [Variable], _ index: Int) -> Bool {
    changed.contains { mentioned[index].contains($0) }
  }

  /// The outcome of one attempt: a world, and the first hypothesis it fails (nil if none) and
  /// whether that hypothesis was false or undecided.
  public struct Attempt: Sendable {
    public let world: World
    public let failed: String?
    public let undecided: Bool
  }

  /// One attempt at a world satisfying every hypothesis.
  public mutating func attempt(_ g: inout SeededGenerator) -> Attempt {
    let outcome = attemptOnce(&g)
    record(outcome)
    return outcome
  }

  /// Counts an attempt by its world's horizon (see `tried`, `met`).
  public mutating func record(_ outcome: Attempt) {
    tried[outcome.world.horizon] += 1
    if outcome.failed == nil { met[outcome.world.horizon] += 1 }
  }

  func attemptOnce(_ g: inout SeededGenerator) -> Attempt {
    var world = draw(&g)
    var rounds = 0
    // The hypotheses repaired so far, in order (see `isStuck`).
    var repaired: [Int] = []
    // What each hypothesis was on the world of the round before, kept while no repair has
    // changed a parameter it mentions (its truth depends on those alone, see `mentioned`):
    // a later round asks again only the hypotheses the repair reached. An undecided one is
    // kept only when its decision did not run out of work (see `Fuel`).
    var known = [Truth?](repeating: nil, count: hypotheses.count)
    while true {
      let evaluator = Evaluator(world: world, definitions: definitions, cache: cache)
      var failing: (index: Int, truth: Truth)?
      for (index, hypothesis) in hypotheses.enumerated() {
        let truth = known[index] ?? evaluator.truth(hypothesis.formula)
        if known[index] == nil, truth != .unknown || !evaluator.ranOutOfWork {
          known[index] = truth
        }
        if truth == .no {
          failing = (index, truth)
          break
        }
        // An undecided hypothesis may become decided once a later false one is repaired
        // (β ≤ 0 leaves a distinguishability undecided that β > 0 decides): look on.
        if truth == .unknown && failing == nil { failing = (index, truth) }
      }
      guard let failing else { return Attempt(world: world, failed: nil, undecided: false) }
      let name = hypotheses[failing.index].name
      // An undecided hypothesis is a limit of evaluation (a quantifier that cannot be
      // reduced), which other parameter values rarely lift: give up on this world.
      rounds += 1
      guard failing.truth == .no, rounds <= 2 * max(1, hypotheses.count),
        !isStuck(repaired + [failing.index]),
        let next = repair(world, failing.index, &g)
      else {
        return Attempt(world: world, failed: name, undecided: failing.truth == .unknown)
      }
      repaired.append(failing.index)
      let changed = parameters.filter { world.values[$0] != next.values[$0] }
      for index in hypotheses.indices where reaches(changed, index) { known[index] = nil }
      world = next
    }
  }

  /// Whether the repairs go round in a circle that only numbers can turn: the hypothesis
  /// failing now and the five repaired before it alternate between two (i, j, i, j, i, j —
  /// each repair of one broke the other), and neither repair may redraw a law or a behavior,
  /// so the rounds left would move the same numeric parameters between the same two demands
  /// (lemma-C.4-cont: β ≤ 0 for a distinguishability its laws do not have, β > 0 for
  /// `beta_pos`). Measured on 200-world traces of lemma-C.4-cont and lemma-C.4-repaired: no
  /// attempt that went on after such a circle met the hypotheses, and the rounds after it
  /// were about 40% of all their rounds. Elsewhere a few such attempts were rescued by a
  /// lucky number (at 200 worlds a few accepted worlds of app-I-repaired, lemma-H.1-repaired,
  /// thm-3.3-repaired fewer); a circle through a hypothesis whose repair redraws laws
  /// (thm-B.1-repaired's `neg`) is left to run, as redrawn laws do end it. The rounds are
  /// at most twice the hypotheses, so this can stop an attempt only with three or more.
  func isStuck(_ repaired: [Int]) -> Bool {
    guard repaired.count >= 6 else { return false }
    let last = Array(repaired.suffix(6))
    guard last[0] != last[1], (2..<6).allSatisfy({ last[$0] == last[$0 - 2] }) else {
      return false
    }
    return !last.prefix(2).contains { redrawsLaws(hypotheses[$0].formula) }
  }

  /// Whether a repair of this hypothesis may redraw a law or a behavior (see `repair`).
  func redrawsLaws(_ f: Formula) -> Bool {
    let free = free(f)
    return positivity(f) != nil
      || !appliesDefinition(f)
        && parameters.contains { free.contains($0) && [.dist, .behavior].contains($0.sort) }
  }

  /// Tries the parameters the hypothesis at `index` mentions at candidate values; returns a
  /// world where it and every earlier hypothesis hold, or nil.
  func repair(_ world: World, _ index: Int, _ g: inout SeededGenerator) -> World? {
    let free = free(hypotheses[index].formula)
    // Laws are redrawn only for hypotheses that apply no definition: those (Def 2.2–2.4) are
    // the slow ones to evaluate, and a fresh law rarely meets them (measured: the repair
    // tripled the time of lemma-C.4-repaired and met pdist on no world).
    let lawsToo = !appliesDefinition(hypotheses[index].formula)
    let tunable = parameters.filter {
      free.contains($0)
        && ([.real, .prob, .nat, .int].contains($0.sort)
          || (lawsToo && [.dist, .behavior].contains($0.sort)))
    }
    // Two laws redrawn together with disjoint supports (Lemma H.2's hypothesis): a random
    // proper subset of the sentences for the first, the rest for the second.
    let laws = tunable.filter { $0.sort == .dist }
    if laws.count >= 2, world.sentences >= 2 {
      for _ in 0..<3 {
        var subset = (0..<world.sentences).filter { _ in g.below(2) == 0 }
        if subset.isEmpty || subset.count == world.sentences { subset = [g.below(world.sentences)] }
        var trial = world
        trial.values[laws[0]] = .law(.model(supported(on: subset, world, &g)))
        trial.values[laws[1]] = .law(
          .model(supported(on: (0..<world.sentences).filter { !subset.contains($0) }, world, &g)))
        if fit(trial, index, changed: [laws[0], laws[1]], orBreaking: false) == .meets {
          return trial
        }
      }
    }
    var breaking: World?
    // Definition 2.6's shape: a law for X made from Y (PositivityRepair.swift).
    if let shape = positivity(hypotheses[index].formula) {
      for candidate in positiveCandidates(shape, world, &g) {
        var trial = world
        trial.values[shape.subject] = .law(.model(candidate))
        switch fit(trial, index, changed: [shape.subject], orBreaking: breaking == nil) {
        case .meets: return trial
        case .breaks: breaking = trial
        case .fails: continue
        }
      }
    }
    for parameter in tunable {
      let values: [Value]
      if parameter.sort == .dist {
        values = (lawCandidates(world, &g) + complements(of: parameter, in: world, &g)).map {
          .law(.model($0))
        }
      } else if parameter.sort == .behavior {
        values = behaviorCandidates(parameter, world, &g).map { .behavior($0) }
      } else {
        // The values past a bound come last: first the random candidates, so that the
        // kept values are spread over the allowed range, not pushed to its edge.
        values =
          (candidates(parameter.sort, &g)
          + bounds(on: parameter, in: hypotheses[index].formula, world, &g)).map {
            .number(Interval($0))
          }
      }
      for candidate in values {
        var trial = world
        trial.values[parameter] = candidate
        switch fit(trial, index, changed: [parameter], orBreaking: breaking == nil) {
        case .meets: return trial
        case .breaks: breaking = trial
        case .fails: continue
        }
      }
    }
    // Two changes: a candidate for one parameter, then a value just past the bound the
    // hypothesis puts on another (thm-B.1-repaired's length m > max((2/β)·…, 4σ²/(β²δ))
    // is often past 64 until β, α, ε or δ moves too).
    for parameter in tunable where [.real, .prob].contains(parameter.sort) {
      for candidate in candidates(parameter.sort, &g).prefix(8) {
        var trial = world
        trial.values[parameter] = .number(Interval(candidate))
        for other in tunable where other != parameter && [.nat, .int].contains(other.sort) {
          for value in bounds(on: other, in: hypotheses[index].formula, trial, &g) {
            var both = trial
            both.values[other] = .number(Interval(value))
            if fit(both, index, changed: [parameter, other], orBreaking: false) == .meets {
              return both
            }
          }
        }
      }
    }
    // No single change keeps the earlier hypotheses: the first world where this one holds,
    // for the next rounds to repair the earlier ones it broke (thm-3.4-repaired's `negresp`
    // needs P₋ on sentences scoring at most γ, which moves P₋'s distinguishability `dist`,
    // which β then meets). The rounds are bounded (attempt), so this cannot cycle forever.
    return breaking
  }

  /// How a trial world fares in a repair of the hypothesis at `index` (see `fit`).
  enum Fit {
    /// It holds, and every earlier hypothesis is still not false.
    case meets
    /// It holds, and an earlier hypothesis is now false.
    case breaks
    /// It does not hold; or it breaks an earlier one and the caller does not want such a
    /// world (it is then not evaluated).
    case fails
  }

  /// Whether the hypothesis at `index` holds on `trial`, and whether every earlier one is
  /// still not false there (an undecided one may stay undecided: the next round looks at it
  /// again). Only the earlier ones that mention a parameter in `changed` are evaluated (where
  /// `trial` differs from the world the earlier ones were not false on; the others keep their
  /// truth, see `mentioned`). The cheap ones (`isCheap`, such as `β > 0`) are evaluated
  /// first, the others after the one repaired, which is often slow (a distinguishability over
  /// every prefix): a trial that breaks a cheap earlier one is asked whether it holds only
  /// when the caller wants such a world (`orBreaking`: it has none yet). The outcome is the
  /// one any order gives.
  func fit(_ trial: World, _ index: Int, changed: [Variable], orBreaking: Bool) -> Fit {
    let evaluator = Evaluator(world: trial, definitions: definitions, cache: cache)
    let reached = hypotheses.indices.prefix(index).filter { reaches(changed, $0) }
    func keeps(_ earlier: [Int]) -> Bool {
      earlier.allSatisfy { evaluator.truth(hypotheses[$0].formula) != .no }
    }
    let keepsCheap = keeps(reached.filter { isCheap[$0] })
    guard keepsCheap || orBreaking, evaluator.truth(hypotheses[index].formula) == .yes else {
      return .fails
    }
    let keepsEarlier = keepsCheap && keeps(reached.filter { !isCheap[$0] })
    return keepsEarlier ? .meets : orBreaking ? .breaks : .fails
  }

  /// Values just past a bound the hypothesis puts on `parameter` (`m > e`, `σ ≤ e`, … in its
  /// top-level conjunction, `e` free of the parameter), evaluated on the world: the length a
  /// lower bound such as thm-B.1's `m > max((2/β)·…, 4σ²/(β²δ))` asks for, which random
  /// candidates rarely hit. Naturals are kept to at most 64 (sums over longer texts are not
  /// evaluated); reals are rounded outward to a multiple of 1/64, then moved by a random
  /// margin, so different worlds keep different values.
  func bounds(
    on parameter: Variable, in formula: Formula, _ world: World, _ g: inout SeededGenerator
  ) -> [Rational] {
    var conjuncts = [formula]
    var relations: [(Relation, Term, Term)] = []
    while let f = conjuncts.popLast() {
      if case .and(let parts) = f { conjuncts += parts }
      if case .relation(let r, let a, let b) = f { relations.append((r, a, b)) }
    }
    let evaluator = Evaluator(world: world, definitions: definitions, cache: cache)
    var values: [Rational] = []
    for (relation, a, b) in relations {
      // Normalised to `parameter R e`.
      let (r, e): (Relation, Term)
      if a == .variable(parameter) {
        (r, e) = (relation, b)
      } else if b == .variable(parameter) {
        (r, e) = (relation.converse, a)
      } else {
        continue
      }
      guard !e.mentions(parameter),
        case .number(let bound)? = evaluator.value(e)
      else { continue }
      let above = r == .gt || r == .ge
      guard above || r == .lt || r == .le,
        let end = above ? bound.upperBound : bound.lowerBound
      else { continue }
      if parameter.sort == .nat || parameter.sort == .int {
        for step in 1...2 {
          let k = above ? end.floor + BigInt(step) : end.ceiling - BigInt(step)
          guard let v = k.asInt, v <= 64, parameter.sort == .int || v >= 0 else { continue }
          values.append(Rational(v))
        }
      } else {
        let grid = Rational(BigInt(1), BigInt(64))
        let rounded =
          above
          ? Rational((end / grid).floor + .one) * grid
          : Rational((end / grid).ceiling - .one) * grid
        let margin = Rational(BigInt(g.below(8)), BigInt(8)) * (Rational.one + end.magnitude)
        values += [rounded, above ? rounded + margin : rounded - margin]
      }
    }
    // Only values of the sort: a Prob in its range.
    return parameter.sort == .prob ? values.filter(assumptions.probabilities.contains) : values
  }

  /// Directed search for a violation: from a world where the hypotheses hold and `claim`
  /// does too, moves one real, probability or natural parameter at a time to candidate
  /// values (extremes among them: 2^-k, 1 − 2^-k, 20) and returns the first world where the
  /// hypotheses still hold and `claim` is known false.
  public func push(_ world: World, against claim: Formula, tries: Int, _ g: inout SeededGenerator)
    -> World?
  {
    let tunable = parameters.filter { [.real, .prob, .nat, .int].contains($0.sort) }
    guard !tunable.isEmpty else { return nil }
    var current = world
    for _ in 0..<tries {
      let parameter = tunable[g.below(tunable.count)]
      let values = candidates(parameter.sort, &g)
      var trial = current
      trial.values[parameter] = .number(Interval(values[g.below(values.count)]))
      // `current` satisfies every hypothesis; only those that mention the moved parameter
      // can fail on the trial (see `mentioned`).
      let evaluator = Evaluator(world: trial, definitions: definitions, cache: cache)
      guard
        hypotheses.indices.allSatisfy({
          !reaches([parameter], $0) || evaluator.truth(hypotheses[$0].formula) == .yes
        })
      else { continue }
      // The walk looks for a world where the claim is false; a trial it cannot decide within
      // a tenth of a decision's budget is left as undecided (the walk moves on from it). A
      // claim that ran out of the full budget cost about a second a trial on
      // thm-3.2-repaired (a length m of 32 or 48: thousands of prefixes, each a covering of
      // ε > 0), half of the walk's time in the whole development; with a tenth, the
      // development's verdicts and worlds at 30 and 200 worlds are byte for byte the same.
      if evaluator.truth(claim, budget: Fuel.budget / 10) == .no { return trial }
      current = trial  // a random walk among worlds that satisfy the hypotheses
    }
    return nil
  }

  /// Fresh laws for a distribution a hypothesis fails on: leaning all the way, mostly, or
  /// with zeros to the negative and to the positive side, and one edge case, in a seeded
  /// random order (the first that makes the hypothesis hold is kept).
  func lawCandidates(_ world: World, _ g: inout SeededGenerator) -> [Model] {
    let signs = signsOfFirstBehavior(world)
    var laws: [Model] = []
    for side in [-1, 1] {
      for style in 0...2 {
        laws.append(leaning(world.sentences, world.horizon, towards: side, signs, style: style, &g))
      }
    }
    laws.append(edge(world.sentences, world.horizon, &g))
    g.shuffle(&laws)
    return laws
  }

  /// For each other distribution of the world whose first-sentence law has zeros, a model
  /// whose every next-sentence law puts its mass on exactly those sentences: the two then
  /// have disjoint supports (Lemma H.2's hypothesis), which no law drawn on its own meets
  /// unless the other already leaves room for it.
  func complements(of parameter: Variable, in world: World, _ g: inout SeededGenerator) -> [Model] {
    var models: [Model] = []
    for other in parameters where other != parameter && other.sort == .dist {
      guard case .law(.model(let model))? = world.values[other] else { continue }
      let root = model.law(after: [])
      let free = root.indices.filter { root[$0].isZero }
      guard !free.isEmpty else { continue }
      models.append(supported(on: free, world, &g))
    }
    return models
  }

  /// A model whose every next-sentence law puts positive mass on exactly `sentences`.
  func supported(on sentences: [Int], _ world: World, _ g: inout SeededGenerator) -> Model {
    WorldSampler.tree(world.sentences, world.horizon, &g) { g in
      WorldSampler.normalized(
        (0..<world.sentences).map { sentences.contains($0) ? 1 + g.below(5) : 0 }, &g)
    }
  }

  /// The sign of each sentence under the world's first behavior (the lowest and highest
  /// values of a behavior without negative scores count as -1 and 1).
  func signsOfFirstBehavior(_ world: World) -> [Int] {
    guard
      let b = parameters.lazy.filter({ $0.sort == .behavior }).compactMap({ world.values[$0] })
        .first,
      case .behavior(let scores) = b, let low = scores.min(), let high = scores.max()
    else { return (0..<world.sentences).map { $0 == 0 ? -1 : 1 } }
    if low.isNegative || !high.isPositive {
      return scores.map { $0.isNegative ? -1 : ($0.isZero ? 0 : 1) }
    }
    return scores.map { $0 == low ? -1 : ($0 == high ? 1 : 0) }
  }

  /// Whether the formula applies a definition (anywhere but inside terms' events).
  func appliesDefinition(_ f: Formula) -> Bool {
    switch f {
    case .truth, .relation: return false
    case .predicate: return true
    case .not(let g), .forall(_, let g), .exists(_, let g): return appliesDefinition(g)
    case .and(let gs), .or(let gs): return gs.contains(where: appliesDefinition)
    case .implies(let a, let b), .iff(let a, let b):
      return appliesDefinition(a) || appliesDefinition(b)
    }
  }

  /// The free variables of a formula, through the definitions it names.
  func free(_ f: Formula) -> Set<Variable> { f.freeVariables }

  func candidates(_ sort: Sort, _ g: inout SeededGenerator) -> [Rational] {
    func q(_ n: Int, _ d: Int) -> Rational { Rational(BigInt(n), BigInt(d)) }
    var values: [Rational] = []
    switch sort {
    case .nat:
      // Small naturals in a random order, then a few large ones, for lower bounds on a
      // length (m > (2/β)·…) that no small one meets (a large length makes sums over texts
      // of that length too long to enumerate, so the small ones come first).
      var small = (0...6).map { Rational($0) }
      g.shuffle(&small)
      return small + [8, 10, 12, 16, 24, 32, 48, 64].map { Rational($0) }
    case .int: values = (-4...4).map { Rational($0) }
    case .prob:
      values = [0, 1] + (1...10).flatMap { k in [q(1, 1 << k), q((1 << k) - 1, 1 << k)] }
      values += (0..<6).map { _ in q(1 + g.below(19), 20) }
      values = values.map(assumptions.probabilities.scaled)
    default:
      values = [0, 1, -1, 2, -2, 3, 5, 10, 20]
      values += (1...12).flatMap { k in [q(1, 1 << k), q(-1, 1 << k)] }
      values += (0..<8).map { _ in WorldSampler.randomFraction(&g) }
    }
    // A seeded shuffle: the first satisfying value is a random one, not the smallest; at most
    // 16 are tried (each try evaluates the hypotheses again).
    g.shuffle(&values)
    return Array(values.prefix(16))
  }

  /// A world of one of the three shapes.
  func draw(_ g: inout SeededGenerator) -> World {
    let sentences = 2 + g.below(2)
    let productive = [1, 1, 2, 2, 3].filter { h in
      met[h] > 0 || tried[h] < 60 || !met.contains { $0 > 0 }
    }
    let horizon = productive[g.below(productive.count)]
    let shape = [0, 1, 1, 1, 2, 3][g.below(6)]  // 0: random, 1–2: leaning, 3: edge
    var values: [Variable: Value] = [:]
    // Behaviors first: the leaning shape needs the sign of each sentence.
    var signs: [Int] = []
    for parameter in parameters where parameter.sort == .behavior {
      let value: Value
      if let allowed = allowedScores(of: parameter), allowed.count >= 2 {
        // A hypothesis ∀ s : Sentence, B(s) ∈ {v₁, …}: draw B from those values, the lowest
        // and the highest both used, so a law can lean to either end.
        var b = (0..<sentences).map { _ in allowed[g.below(allowed.count)] }
        let low = g.below(sentences)
        var high = g.below(sentences - 1)
        if high >= low { high += 1 }
        b[low] = allowed.min()!
        b[high] = allowed.max()!
        value = .behavior(b)
        if signs.isEmpty {
          // The lowest value is the "negative" side, the highest the "positive" one.
          signs = b.map { $0 == allowed.min()! ? -1 : ($0 == allowed.max()! ? 1 : 0) }
        }
      } else if shape == 0 && g.below(2) == 0,
        case .behavior(let b) = WorldSampler.value(.behavior, sentences, horizon, &g)
      {
        value = .behavior(assumptions.behaviors.scaled(b))
      } else {
        value = .behavior(assumptions.behaviors.scaled(leaningBehavior(sentences, &g)))
      }
      if signs.isEmpty, case .behavior(let b) = value {
        signs = b.map { $0.isNegative ? -1 : ($0.isZero ? 0 : 1) }
      }
      values[parameter] = value
    }
    if signs.isEmpty { signs = (0..<sentences).map { $0 == 0 ? -1 : 1 } }
    var first: Model?
    var index = 0  // distributions drawn so far
    for parameter in parameters where parameter.sort != .behavior {
      switch parameter.sort {
      case .dist:
        let model: Model
        switch shape {
        case 1, 2:
          // Alternate the lean: the first distribution negative (P₋ comes first in the
          // paper's parameter lists), the next positive, ...; shape 2 starts positive.
          let side = (index + (shape == 1 ? 0 : 1)) % 2 == 0 ? -1 : 1
          model = leaky(leaning(sentences, horizon, towards: side, signs, &g), &g)
        case 3:
          // The same component twice (as drawn, losing mass or not), or an edge case.
          if let first, g.below(2) == 0 {
            model = first
          } else {
            model = leaky(edge(sentences, horizon, &g), &g)
          }
        default: model = leaky(WorldSampler.model(sentences, horizon, &g), &g)
        }
        if first == nil { first = model }
        values[parameter] = .law(.model(model))
        index += 1
      default:
        values[parameter] = assumptions.placed(
          WorldSampler.value(parameter.sort, sentences, horizon, &g), parameter.sort, &g)
      }
    }
    return World(
      sentences: sentences, horizon: horizon, values: values,
      assumptions: assumptions)
  }

  /// `model` as drawn, or, when laws may lose mass, `Model.leaked`. The laws a repair tries
  /// keep their mass: a law of mass 1 is one of the edited sort too.
  func leaky(_ model: Model, _ g: inout SeededGenerator) -> Model {
    model.leaked(if: assumptions.subProbability, &g)
  }

  /// The values a hypothesis `∀ s : Sentence, B(s) ∈ {v₁, …, v_k}` (or `B(s) = v₁`) allows
  /// the behavior `b`, sorted; nil if no hypothesis restricts it so.
  func allowedScores(of b: Variable) -> [Rational]? {
    for (_, formula) in hypotheses {
      guard case .forall(let x, let body) = formula, x.sort == .sentence else { continue }
      let parts: [Formula]
      if case .or(let options) = body { parts = options } else { parts = [body] }
      var values: [Rational] = []
      for part in parts {
        guard case .relation(.eq, let lhs, let rhs) = part else { break }
        let score = Term.apply(.behavior, [.variable(b), .variable(x)])
        if lhs == score, case .number(let q) = rhs {
          values.append(q)
        } else if rhs == score, case .number(let q) = lhs {
          values.append(q)
        } else {
          break
        }
      }
      if values.count == parts.count { return Array(Set(values)).sorted() }
    }
    return nil
  }

  /// Fresh behaviors for a hypothesis that fails on one: every score made nonpositive (or
  /// nonnegative), every sentence negative, a new leaning behavior, a random one — in a seeded
  /// order. Hypotheses such as thm-3.4-repaired's `neg` with `negresp` (every sentence P₋ may
  /// say scores at most γ, and `neg` makes P₋ say every sentence: x/0 = 0 leaves
  /// B[P₋](s) = 0 > γ after a prefix of probability 0) hold only where every sentence is
  /// negative, which the drawn shapes (one negative and one positive sentence) never give.
  func behaviorCandidates(_ b: Variable, _ world: World, _ g: inout SeededGenerator)
    -> [[Rational]]
  {
    func q(_ n: Int, _ d: Int) -> Rational { Rational(BigInt(n), BigInt(d)) }
    guard case .behavior(let scores)? = world.values[b] else { return [] }
    let negatives: [Rational] = [-1, q(-3, 4), q(-1, 2)]
    // From the world's scores (in the range: moved back into it where needed), and drawn in
    // [-1, 1] and put in the range.
    var all: [[Rational]] = [
      assumptions.behaviors.clamped(scores.map { -$0.magnitude }),
      assumptions.behaviors.clamped(scores.map { $0.magnitude }),
      assumptions.behaviors.scaled(scores.map { _ in negatives[g.below(3)] }),
      assumptions.behaviors.scaled(leaningBehavior(world.sentences, &g)),
    ]
    if case .behavior(let random) = WorldSampler.value(
      .behavior, world.sentences, world.horizon, &g)
    {
      all.append(assumptions.behaviors.scaled(random))
    }
    g.shuffle(&all)
    return all
  }

  /// A behavior with at least one negative and one positive sentence; negative sentences
  /// score at most -1/2, so a law leaning to them has a negative behavior expectation.
  func leaningBehavior(_ m: Int, _ g: inout SeededGenerator) -> [Rational] {
    func q(_ n: Int, _ d: Int) -> Rational { Rational(BigInt(n), BigInt(d)) }
    let negatives: [Rational] = [-1, q(-3, 4), q(-1, 2)]
    let positives: [Rational] = [1, q(1, 2), q(1, 4)]
    var b = (0..<m).map { _ -> Rational in
      switch g.below(5) {
      case 0, 1: return negatives[g.below(3)]
      case 2, 3: return positives[g.below(3)]
      default: return 0
      }
    }
    let negative = g.below(m)
    var positive = g.below(m - 1)
    if positive >= negative { positive += 1 }
    if !b[negative].isNegative { b[negative] = negatives[g.below(3)] }
    if !b[positive].isPositive { b[positive] = positives[g.below(3)] }
    return b
  }

  /// A model whose next-sentence laws put most (or all) mass on sentences of one sign.
  func leaning(
    _ m: Int, _ horizon: Int, towards side: Int, _ signs: [Int], style chosen: Int? = nil,
    _ g: inout SeededGenerator
  ) -> Model {
    // All mass on that side (rarely: a prefix of probability 0 makes every conditional on it
    // the zero law under x/0 = 0, which hypotheses such as B_{P₋}(s) ≤ γ < 0 for every s
    // exclude), some mass on every sentence (usually), or zeros here and there.
    let style = chosen ?? [0, 1, 1, 1, 1, 1, 2][g.below(7)]
    return WorldSampler.tree(m, horizon, &g) { g in
      let weights = (0..<m).map { y -> Int in
        if signs[y] == side { return 12 + g.below(13) }
        return style == 0 ? 0 : style == 1 ? 1 + g.below(2) : g.below(3)
      }
      return WorldSampler.normalized(weights, &g)
    }
  }

  /// An edge-case model: one sentence carrying all mass, or uniform, or random with zeros.
  func edge(_ m: Int, _ horizon: Int, _ g: inout SeededGenerator) -> Model {
    let kind = g.below(3)
    let favourite = g.below(m)
    return WorldSampler.tree(m, horizon, &g) { g in
      switch kind {
      case 0: return (0..<m).map { $0 == favourite ? .one : .zero }
      case 1: return Array(repeating: Rational(BigInt(1), BigInt(m)), count: m)
      default:
        return WorldSampler.normalized(
          (0..<m).map { _ in g.below(2) == 0 ? 0 : 1 + g.below(3) }, &g)
      }
    }
  }
}
