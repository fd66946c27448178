import BEBKernel
import Synchronization

/// What the worlds said of a statement or a step, as in the JSON contract (its raw value is
/// the word printed and written).
public enum WorldVerdict: String, Sendable, Equatable, Codable {
  /// Decided true on the worlds counted, false on none.
  case passed
  /// False on a world where the hypotheses hold (shrunk and re-validated).
  case refuted
  /// Not decided on enough worlds, or not on the whole budget.
  case inconclusive
  /// No world satisfying the hypotheses (or the step's assumption) was found: a fact about
  /// the sampler, not a proof that none exists.
  case unreached
  /// Not run (numeric checking off, or nothing to run).
  case skipped
}

/// The numeric verdict on a statement (hypotheses ⇒ conclusion) over sampled worlds.
public struct NumericVerdict: Sendable, Equatable, Codable {
  public let status: WorldVerdict
  /// Worlds that satisfied every hypothesis and decided the conclusion.
  public let worlds: Int
  /// Worlds drawn in all.
  public let drawn: Int
  /// A world where the hypotheses hold and the conclusion fails, for a person to check.
  public let counterexample: WorldDescription?
  /// Why the verdict is not `passed`, when it is not.
  public let reason: String?
  /// The proof's steps run on the same worlds, by their index in the proof's step list.
  public var steps: [Int: StepVerdict] = [:]
  /// The counterexample itself, for re-validation by the caller.
  public var world: World? = nil
  /// Worlds drawn that satisfied every hypothesis (decided or not): `satisfied / drawn` is the
  /// sampler's acceptance rate.
  public var satisfied = 0
}

/// Checks a statement on `count` seeded worlds: each world gives values to the parameters;
/// where every hypothesis is known true, the conclusion must not be known false. With a
/// proof's trace, every step is run on the same worlds (`NumericVerdict.steps`).
public enum StatementCheck {
  /// Worlds drawn side by side: the attempts of one batch run on every core, then are taken
  /// in index order, as if drawn one after the other. A fixed size (not the number of cores)
  /// keeps the verdict the same on any machine.
  static let batch = 16

  /// The seed of world `index` of the check salted with `salt`: every world has its own
  /// generator, so worlds can be drawn in any order, on any core, with the same result.
  static func worldSeed(_ seed: UInt64, salt: UInt64, index: Int) -> UInt64 {
    var g = SeededGenerator(
      seed: seed ^ (salt &* 0xA24B_AED4_963E_E407) ^ (UInt64(index) &* 0x9FB2_1C65_1E98_DF25))
    return g.next()
  }

  /// A stable salt for a result's id (FNV-1a over its UTF-8 bytes): Swift's `hashValue` is
  /// seeded per process and would change the worlds from run to run.
  public static func salt(_ id: String) -> UInt64 {
    id.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
  }

  /// Whether the check draws on for `step` after `drawn` attempts with a budget of `count`
  /// (the rule is spelled out where `check` uses it).
  static func waits(for step: StepVerdict, drawn: Int, count: Int) -> Bool {
    guard step.counterexample == nil, step.passed < count else { return false }
    if drawn >= 3 * count { return step.passed * 10 >= drawn }
    let unshown = step.assumptionUnshown.values.reduce(0, +)
    return step.passed > 0 || step.undecided + unshown < count
  }

  /// What one world of a batch gave, computed on its own (its own generator and cache).
  struct WorldOutcome: Sendable {
    var attempt: DirectedSampler.Attempt
    var runSeed: UInt64 = 0
    var run: ProofRun.Outcome?
    var conclusion: Truth = .unknown
    var approximate = false
    /// Whether the directed walk was taken, and the world it found that breaks the claim.
    var pushed = false
    var violating: World?
  }

  public static func check(
    parameters: [Variable], hypotheses: [(name: String, formula: Formula)], conclusion: Formula,
    definitions: [DefinitionStatement], count: Int, seed: UInt64, salt: UInt64 = 0,
    trace: [TraceEvent] = [], parallel: Bool = true, waitForSteps: Bool = true,
    assumptions: Assumptions = .paper
  ) -> NumericVerdict {
    let table = Dictionary(definitions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let budget = count
    let syntactic = EvaluationCache.Syntactic()
    var sampler = DirectedSampler(
      parameters: parameters, hypotheses: hypotheses, definitions: table)
    sampler.assumptions = assumptions
    var satisfied = 0
    var decided = 0
    var drawn = 0
    var blocking: [String: Int] = [:]
    var undecidedHypothesis: [String: Int] = [:]
    var steps: [Int: StepVerdict] = [:]
    for event in trace {
      if case .step(let index, _, _) = event { steps[index] = StepVerdict() }
    }
    // The steps in order: the first step refuted on a world gives the statement's refutation.
    let order = steps.keys.sorted()
    var refutation: WorldDescription?
    var refutingWorld: World?
    var pushes = 0
    var approximatelyDecided = 0
    // The budget: `count` worlds that satisfy the hypotheses, and each step passed on
    // `count` of them, from at most 10 × count attempts. A step that has passed on no world
    // within 3 × count attempts is not waited for (an assumption no drawn world meets, a
    // claim the worlds cannot decide), nor one left undecided on `count` worlds without
    // passing on any (a claim about every text of every length: worlds never confirm it, or
    // an assumption that is such a claim; the two are counted together). From 3 × count
    // attempts on, a step that passed on some is waited for only while it passes on a tenth
    // of the attempts or more — the rate at which it would reach `count` passes by 10 × count:
    // at a lower rate so far, the attempts in between would most likely not reach the
    // budget, only spend the time (its count and reason say how far it got).
    func stepsWaiting() -> Bool {
      steps.values.contains { waits(for: $0, drawn: drawn, count: count) }
    }
    func done() -> Bool {
      // Without waiting for the steps, the proof's run on each world only looks for a world
      // that refutes the statement (a necessity table): the budget is the statement's.
      if satisfied >= count || refutation != nil, !waitForSteps || !stepsWaiting() {
        return true
      }
      return satisfied == 0 && drawn >= 3 * count
    }
    // A refutation is printed only after an independent check of its world: every value in
    // its sort, and the hypotheses true and the conclusion false with a fresh cache.
    let revalidates: (World) -> Bool = { candidate in
      guard candidate.assumptions == assumptions,
        candidate.sortViolation(parameters, assumptions: assumptions) == nil
      else { return false }
      let fresh = Evaluator(world: candidate, definitions: table)
      return hypotheses.allSatisfy({ fresh.truth($0.formula) == .yes })
        && fresh.truth(conclusion) == .no
    }
    /// Shrinks a world that breaks the statement and keeps it, re-validated, as its refutation.
    func refute(with world: World) {
      let cache = EvaluationCache()
      let small = Shrinker.shrink(world, parameters: parameters) { candidate in
        let evaluator = Evaluator(world: candidate, definitions: table, cache: cache)
        return hypotheses.allSatisfy({ evaluator.truth($0.formula) == .yes })
          && evaluator.truth(conclusion) == .no
      }
      guard revalidates(small) else { return }
      refutingWorld = small
      refutation = describe(
        small, parameters,
        bindings: refutingInstance(conclusion, world: small, definitions: definitions),
        instanceHeading: "where")
    }
    while drawn < 10 * count && !done() {
      let size = Swift.min(Self.batch, 10 * count - drawn)
      // A step's budget is `count` worlds: once it has passed on that many it is no longer
      // evaluated, nor is the conclusion once `count` worlds decided it — the worlds drawn
      // after that serve the steps still short of their count. (A refuted step too runs
      // until it has passed on `count`: its counts say how often it holds besides. Taken
      // before the batch, so that each world's run is the same on any core.)
      let settled = Set(steps.filter { $0.value.passed >= count }.keys)
      let (first, snapshot, walk, needConclusion) = (
        drawn, sampler, pushes < 200, refutation == nil && decided < count
      )
      let outcomes = Mutex([WorldOutcome?](repeating: nil, count: size))
      Parallel.forEach(size, parallel: parallel) { offset in
        var g = SeededGenerator(seed: worldSeed(seed, salt: salt, index: first + offset))
        // Each world has its own cache, so that what it computes (and the work budget that
        // a cached value saves) does not depend on what other worlds ran first.
        var sampler = snapshot
        sampler.cache = EvaluationCache(syntactic: syntactic)
        var outcome = WorldOutcome(attempt: sampler.attemptOnce(&g))
        outcome.runSeed = g.next()
        if outcome.attempt.failed == nil {
          let evaluator = Evaluator(
            world: outcome.attempt.world, definitions: table, cache: sampler.cache)
          if !trace.isEmpty {
            var run = SeededGenerator(seed: outcome.runSeed)
            var proofRun = ProofRun(evaluator: evaluator)
            proofRun.assumptions = assumptions
            outcome.run = proofRun.run(trace, &run, skipping: settled)
          }
          if needConclusion {
            (outcome.conclusion, outcome.approximate) = ProofRun(evaluator: evaluator)
              .truthAllowingClose(conclusion)
            // From the first 200 worlds where the conclusion holds (counted by batch), a short
            // directed walk towards a violation (bounded, so that a large budget buys worlds
            // for the steps, not more walks).
            if outcome.conclusion == .yes && walk {
              outcome.pushed = true
              outcome.violating = sampler.push(
                outcome.attempt.world, against: conclusion, tries: 6, &g)
            }
          }
        }
        outcomes.withLock { $0[offset] = outcome }
      }
      for outcome in outcomes.withLock({ $0 }) {
        guard let outcome, !done() else { break }
        drawn += 1
        sampler.record(outcome.attempt)
        if let failed = outcome.attempt.failed {
          if outcome.attempt.undecided {
            undecidedHypothesis[failed, default: 0] += 1
          } else {
            blocking[failed, default: 0] += 1
          }
          continue
        }
        let world = outcome.attempt.world
        satisfied += 1
        if let run = outcome.run {
          for index in order where !settled.contains(index) {
            switch run.truths[index] {
            case .yes?:
              steps[index]!.passed += 1
              if run.approximate.contains(index) { steps[index]!.approximate += 1 }
            case .unknown?:
              steps[index]!.undecided += 1
              if run.outOfWork.contains(index) { steps[index]!.outOfWork += 1 }
            case nil:
              steps[index]!.unreached += 1
              if let label = run.assumptionFalse[index] {
                steps[index]!.assumptionFalse[label, default: 0] += 1
              } else if let label = run.assumptionUnshown[index] {
                steps[index]!.assumptionUnshown[label, default: 0] += 1
              }
            case .no?:
              guard steps[index]!.counterexample == nil else { continue }
              let cache = EvaluationCache()
              let runSeed = outcome.runSeed
              let small = Shrinker.shrink(world, parameters: parameters) { candidate in
                var run = ProofRun(world: candidate, definitions: table, cache: cache)
                run.assumptions = assumptions
                guard hypotheses.allSatisfy({ run.evaluator.truth($0.formula) == .yes }) else {
                  return false
                }
                var g = SeededGenerator(seed: runSeed)
                return run.run(trace, &g).truths[index] == .no
              }
              // Re-validated independently before it is printed: every value in its sort, and
              // the hypotheses true and the step false with a fresh cache.
              var g2 = SeededGenerator(seed: runSeed)
              var fresh = ProofRun(world: small, definitions: table)
              fresh.assumptions = assumptions
              let rerun = fresh.run(trace, &g2)
              guard small.assumptions == assumptions,
                small.sortViolation(parameters, assumptions: assumptions) == nil,
                rerun.bindings.allSatisfy({
                  World.sortViolation(
                    $0.1, $0.0.sort, sentences: small.sentences, assumptions: assumptions) == nil
                }),
                hypotheses.allSatisfy({ fresh.evaluator.truth($0.formula) == .yes }),
                rerun.truths[index] == .no
              else {
                steps[index]!.undecided += 1
                continue
              }
              steps[index]!.counterexample = describe(small, parameters, bindings: rerun.bindings)
              // One verdict per statement: a world met while running the proof, where the
              // hypotheses hold, refutes the statement too when its conclusion fails there.
              if refutation == nil, fresh.evaluator.truth(conclusion) == .no { refute(with: small) }
            }
          }
        }
        // Once the statement is refuted, the remaining worlds serve its steps only.
        guard refutation == nil else { continue }
        if outcome.approximate { approximatelyDecided += 1 }
        switch outcome.conclusion {
        case .no: refute(with: world)
        case .yes:
          decided += 1
          if outcome.pushed { pushes += 1 }
          if let violating = outcome.violating { refute(with: violating) }
        case .unknown: break
        }
      }
    }
    let count = drawn
    if let refutation {
      var verdict = NumericVerdict(
        status: .refuted, worlds: decided, drawn: drawn, counterexample: refutation, reason: nil)
      verdict.steps = steps
      verdict.world = refutingWorld
      verdict.satisfied = satisfied
      return verdict
    }
    func finish(_ verdict: NumericVerdict) -> NumericVerdict {
      var verdict = verdict
      verdict.steps = steps
      verdict.satisfied = satisfied
      return verdict
    }
    // Which hypotheses the rejected attempts failed (false / undecided), for the reason.
    let names = Set(blocking.keys).union(undecidedHypothesis.keys).sorted()
    let rejections = names.map { name in
      "\(name) \(blocking[name] ?? 0)/\(undecidedHypothesis[name] ?? 0)"
    }.joined(separator: ", ")
    let evidence =
      "\(satisfied) of \(count) attempts satisfied the hypotheses"
      + (approximatelyDecided == 0
        ? ""
        : " (\(approximatelyDecided) decided the conclusion by equations or non-strict inequalities of transcendental values agreeing to 2^-40)")
      + (rejections.isEmpty ? "" : "; rejected (false/undecided): \(rejections)")
    if satisfied == 0, !undecidedHypothesis.isEmpty {
      let most = undecidedHypothesis.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "?"
      return finish(
        NumericVerdict(
          status: .inconclusive, worlds: 0, drawn: count, counterexample: nil,
          reason:
            "no sampled world was known to satisfy the hypotheses (could not decide: \(most)); \(evidence)"
        ))
    }
    if satisfied == 0 {
      let most = blocking.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "?"
      return finish(
        NumericVerdict(
          status: .unreached, worlds: 0, drawn: count, counterexample: nil,
          reason:
            "no world satisfied the hypotheses in \(count) directed attempts (most often failed: \(most)); \(evidence)"
        ))
    }
    if decided == 0 {
      return finish(
        NumericVerdict(
          status: .inconclusive, worlds: 0, drawn: count, counterexample: nil,
          reason:
            "\(satisfied) worlds satisfied the hypotheses but none decided the conclusion; \(evidence)"
        ))
    }
    // `passed` only on the whole budget: fewer decided worlds are evidence, not a pass.
    guard decided >= budget else {
      return finish(
        NumericVerdict(
          status: .inconclusive, worlds: decided, drawn: count, counterexample: nil,
          reason: "decided on \(decided) of the \(budget) worlds asked for; \(evidence)"))
    }
    return finish(
      NumericVerdict(
        status: .passed, worlds: decided, drawn: count, counterexample: nil, reason: evidence))
  }

  /// The values of the universally quantified variables of `conclusion` that make it false on
  /// `world` (∀ x, φ: the first value tried that makes φ false; then φ's own ∀s, through the
  /// conclusion of an implication), for a counterexample a person can check: "where p = 1".
  /// Empty when the conclusion starts with no ∀ or no single instance is found false.
  public static func refutingInstance(
    _ conclusion: Formula, world: World, definitions: [DefinitionStatement]
  ) -> [(Variable, Value)] {
    let table = Dictionary(definitions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let evaluator = Evaluator(world: world, definitions: table)
    var env: Bindings = [:]
    var found: [(Variable, Value)] = []
    var formula = conclusion
    while true {
      switch formula {
      case .forall(let v, let body):
        let candidates: [Value]
        switch v.sort {
        case .text: candidates = world.allTexts.map { .text($0) }
        default: candidates = evaluator.domain(of: v.sort).0
        }
        var inner = env
        guard
          let value = candidates.first(where: { value in
            inner[v] = value
            return evaluator.truth(body, inner) == .no
          })
        else { return found }
        env[v] = value
        found.append((v, value))
        formula = body
      case .implies(_, let rest) where evaluator.truth(formula, env) == .no:
        formula = rest
      default:
        return found
      }
    }
  }

  /// A world as a person can check it by hand: the sentence set, the horizon, each value,
  /// then the values a proof bound (after `instanceHeading`).
  public static func describe(
    _ world: World, _ parameters: [Variable], bindings: [(Variable, Value)] = [],
    instanceHeading: String = "in the proof:"
  ) -> WorldDescription {
    var rows = [
      WorldDescription.Row("sentences", "0..\(world.sentences - 1)", separator: " "),
      WorldDescription.Row("horizon", "\(world.horizon)", separator: " "),
    ]
    // The edited assumptions a value of the world may rely on, said with it: the world is to
    // be checked by hand under the edit.
    if world.conditionals == .continued {
      rows.append(.init("after a prefix of probability 0", "each law continues", separator: ", "))
    }
    if world.assumptions.probabilities != .paper {
      rows.append(.init("Prob in", world.assumptions.probabilities.description, separator: " "))
    }
    let named = parameters.compactMap { p in world.values[p].map { (p, $0) } }
    for (index, (p, value)) in (named + bindings).enumerated() {
      // "in the proof: s = ⟨0⟩": the heading begins the first binding's row.
      let what = index == named.count ? instanceHeading + " " + p.name : p.name
      switch value {
      case .number(let i): rows.append(.init(what, "\(i)"))
      case .text(let t): rows.append(.init(what, "⟨\(t.map(String.init).joined(separator: " "))⟩"))
      case .behavior(let b):
        rows.append(.init(what, "[" + b.map(\.description).joined(separator: ", ") + "]"))
      case .law(.model(let m)):
        let next = m.next.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { prefix in
          "⟨\(prefix.map(String.init).joined(separator: " "))⟩→("
            + m.next[prefix]!.map(\.description).joined(separator: ", ") + ")"
        }
        rows.append(.init(what, next.joined(separator: " "), separator: ": "))
      case .law: rows.append(.init(what, "(a derived law)"))
      }
    }
    return WorldDescription(rows: rows)
  }
}

/// A world described for a person: one row per thing it gives a value (`sentences`, `horizon`,
/// each parameter, then what a proof bound), and the same as one line of text
/// (`sentences 0..2; horizon 1; α = 1; P₋: ⟨⟩→(1/2, 1/2)`), which the command line and the
/// JSON print and the reports lay out as a table.
public struct WorldDescription: Sendable, Equatable, Codable, CustomStringConvertible {
  public struct Row: Sendable, Equatable, Codable {
    public let what: String
    public let value: String
    /// Between the two in the text: " = ", or " " (`horizon 1`), or ": " (a model's rows).
    public let separator: String

    public init(_ what: String, _ value: String, separator: String = " = ") {
      self.what = what
      self.value = value
      self.separator = separator
    }
  }

  public let rows: [Row]

  public init(rows: [Row]) { self.rows = rows }

  /// The rows as one line: `what separator value`, joined by "; ".
  public var text: String { rows.map { $0.what + $0.separator + $0.value }.joined(separator: "; ") }
  public var description: String { text }
}
