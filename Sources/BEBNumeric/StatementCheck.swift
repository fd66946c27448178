import BEBKernel

/// The numeric verdict on a statement (hypotheses ⇒ conclusion) over sampled worlds.
public struct NumericVerdict: Sendable, Equatable {
  /// `passed`, `refuted`, `inconclusive`, `vacuous` or `skipped`.
  public let status: String
  /// Worlds that satisfied every hypothesis and decided the conclusion.
  public let worlds: Int
  /// Worlds drawn in all.
  public let drawn: Int
  /// A world where the hypotheses hold and the conclusion fails, for a person to check.
  public let counterexample: String?
  /// Why the verdict is not `passed`, when it is not.
  public let reason: String?
  /// The proof's steps run on the same worlds, by their index in the proof's step list.
  public var steps: [Int: StepVerdict] = [:]
  /// The counterexample itself, for re-validation by the caller.
  public var world: World? = nil
}

/// Checks a statement on `count` seeded worlds: each world gives values to the parameters;
/// where every hypothesis is known true, the conclusion must not be known false. With a
/// proof's trace, every step is run on the same worlds (`NumericVerdict.steps`).
public enum StatementCheck {
  public static func check(
    parameters: [Variable], hypotheses: [(name: String, formula: Formula)], conclusion: Formula,
    definitions: [DefinitionStatement], count: Int, seed: UInt64, trace: [TraceEvent] = []
  ) -> NumericVerdict {
    let table = Dictionary(definitions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var generator = SeededGenerator(seed: seed)
    // One cache for every world of this check: the sampler's repairs and walks change one
    // parameter at a time, and what does not mention it keeps its value (EvaluationCache).
    let cache = EvaluationCache()
    var sampler = DirectedSampler(
      parameters: parameters, hypotheses: hypotheses, definitions: table, cache: cache)
    var satisfied = 0
    var decided = 0
    var drawn = 0
    var blocking: [String: Int] = [:]
    var undecidedHypothesis: [String: Int] = [:]
    var steps: [Int: StepVerdict] = [:]
    for event in trace {
      if case .step(let index, _, _) = event { steps[index] = StepVerdict() }
    }
    var refutation: String?
    var refutingWorld: World?
    var pushes = 0
    var approximatelyDecided = 0
    // The budget: `count` worlds that satisfy the hypotheses, and each step passed on
    // `count` of them, from at most 10 × count attempts. A step that has passed on no world
    // within 3 × count attempts is not waited for (an assumption no drawn world meets, a
    // claim the worlds cannot decide), nor one left undecided on `count` worlds without
    // passing on any (a claim about every text of every length: worlds never confirm it).
    func stepsWaiting() -> Bool {
      steps.values.contains { step in
        step.counterexample == nil && step.passed < count
          && (step.passed > 0 || (drawn < 3 * count && step.undecided < count))
      }
    }
    while drawn < 10 * count {
      if satisfied >= count || refutation != nil, !stepsWaiting() { break }
      if satisfied == 0 && drawn >= 3 * count { break }
      drawn += 1
      let attempt = sampler.attempt(&generator)
      let runSeed = generator.next()
      if let failed = attempt.failed {
        if attempt.undecided {
          undecidedHypothesis[failed, default: 0] += 1
        } else {
          blocking[failed, default: 0] += 1
        }
        continue
      }
      let world = attempt.world
      satisfied += 1
      let evaluator = Evaluator(world: world, definitions: table, cache: cache)
      if !trace.isEmpty {
        var g = SeededGenerator(seed: runSeed)
        let outcome = ProofRun(evaluator: evaluator).run(trace, &g)
        for index in steps.keys {
          switch outcome.truths[index] {
          case .yes?:
            steps[index]!.passed += 1
            if outcome.approximate.contains(index) { steps[index]!.approximate += 1 }
          case .unknown?:
            steps[index]!.undecided += 1
            if outcome.outOfWork.contains(index) { steps[index]!.outOfWork += 1 }
          case nil:
            steps[index]!.unreached += 1
            if let label = outcome.assumptionFalse[index] {
              steps[index]!.assumptionFalse[label, default: 0] += 1
            }
          case .no?:
            guard steps[index]!.counterexample == nil else { continue }
            let keep: (World) -> Bool = { candidate in
              let run = ProofRun(world: candidate, definitions: table, cache: cache)
              guard hypotheses.allSatisfy({ run.evaluator.truth($0.formula) == .yes }) else {
                return false
              }
              var g = SeededGenerator(seed: runSeed)
              return run.run(trace, &g).truths[index] == .no
            }
            let small = Shrinker.shrink(world, parameters: parameters, keep: keep)
            var g2 = SeededGenerator(seed: runSeed)
            let rerun = ProofRun(world: small, definitions: table, cache: cache).run(trace, &g2)
            steps[index]!.counterexample = describe(small, parameters, bindings: rerun.bindings)
          }
        }
      }
      // Once the statement is refuted, the remaining worlds serve its steps only.
      guard refutation == nil else { continue }
      let refutes: (World) -> Bool = { candidate in
        let evaluator = Evaluator(world: candidate, definitions: table, cache: cache)
        return hypotheses.allSatisfy({ evaluator.truth($0.formula) == .yes })
          && evaluator.truth(conclusion) == .no
      }
      let (truth, approximate) = ProofRun(evaluator: evaluator).truthAllowingClose(conclusion)
      if approximate { approximatelyDecided += 1 }
      switch truth {
      case .no:
        refutingWorld = Shrinker.shrink(world, parameters: parameters, keep: refutes)
        refutation = describe(refutingWorld!, parameters)
      case .yes:
        decided += 1
        // From the first 200 worlds where the conclusion holds, a short directed walk towards a violation
        // (bounded, so that a large budget buys worlds for the steps, not more walks).
        guard pushes < 200 else { continue }
        pushes += 1
        if let violating = sampler.push(world, against: conclusion, tries: 6, &generator) {
          refutingWorld = Shrinker.shrink(violating, parameters: parameters, keep: refutes)
          refutation = describe(refutingWorld!, parameters)
        }
      case .unknown: break
      }
    }
    let count = drawn
    if let refutation {
      var verdict = NumericVerdict(
        status: "refuted", worlds: decided, drawn: drawn, counterexample: refutation, reason: nil)
      verdict.steps = steps
      verdict.world = refutingWorld
      return verdict
    }
    func finish(_ verdict: NumericVerdict) -> NumericVerdict {
      var verdict = verdict
      verdict.steps = steps
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
          status: "inconclusive", worlds: 0, drawn: count, counterexample: nil,
          reason:
            "no sampled world was known to satisfy the hypotheses (could not decide: \(most)); \(evidence)"
        ))
    }
    if satisfied == 0 {
      let most = blocking.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "?"
      return finish(
        NumericVerdict(
          status: "vacuous", worlds: 0, drawn: count, counterexample: nil,
          reason:
            "no world satisfied the hypotheses in \(count) directed attempts (most often failed: \(most)); \(evidence)"
        ))
    }
    if decided == 0 {
      return finish(
        NumericVerdict(
          status: "inconclusive", worlds: 0, drawn: count, counterexample: nil,
          reason:
            "\(satisfied) worlds satisfied the hypotheses but none decided the conclusion; \(evidence)"
        ))
    }
    return finish(
      NumericVerdict(
        status: "passed", worlds: decided, drawn: count, counterexample: nil, reason: evidence))
  }

  /// A world as text a person can check by hand: the sentence set, the horizon, each value.
  public static func describe(
    _ world: World, _ parameters: [Variable], bindings: [(Variable, Value)] = []
  ) -> String {
    var parts = ["sentences 0..\(world.sentences - 1)", "horizon \(world.horizon)"]
    let named = parameters.compactMap { p in world.values[p].map { (p, $0) } }
    for (index, (p, value)) in (named + bindings).enumerated() {
      if index == named.count { parts.append("in the proof:") }
      switch value {
      case .number(let i): parts.append("\(p.name) = \(i)")
      case .text(let t): parts.append("\(p.name) = ⟨\(t.map(String.init).joined(separator: " "))⟩")
      case .behavior(let b):
        parts.append("\(p.name) = [" + b.map(\.description).joined(separator: ", ") + "]")
      case .law(.model(let m)):
        let rows = m.next.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { prefix in
          "⟨\(prefix.map(String.init).joined(separator: " "))⟩→("
            + m.next[prefix]!.map(\.description).joined(separator: ", ") + ")"
        }
        parts.append("\(p.name): " + rows.joined(separator: " "))
      case .law: parts.append("\(p.name) = (a derived law)")
      }
    }
    return parts.joined(separator: "; ")
  }
}
