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
}

/// Checks a statement on `count` seeded worlds: each world gives values to the parameters;
/// where every hypothesis is known true, the conclusion must not be known false.
public enum StatementCheck {
  public static func check(
    parameters: [Variable], hypotheses: [(name: String, formula: Formula)], conclusion: Formula,
    definitions: [DefinitionStatement], count: Int, seed: UInt64
  ) -> NumericVerdict {
    let table = Dictionary(definitions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var generator = SeededGenerator(seed: seed)
    var satisfied = 0
    var decided = 0
    var blocking: [String: Int] = [:]
    var undecidedHypothesis: [String: Int] = [:]
    for _ in 0..<count {
      let world = WorldSampler.world(for: parameters, generator: &generator)
      let evaluator = Evaluator(world: world, definitions: table)
      var holds = true
      for hypothesis in hypotheses {
        let truth = evaluator.truth(hypothesis.formula)
        if truth == .yes { continue }
        if truth == .no { blocking[hypothesis.name, default: 0] += 1 } else {
          undecidedHypothesis[hypothesis.name, default: 0] += 1
        }
        holds = false
        break
      }
      guard holds else { continue }
      satisfied += 1
      switch evaluator.truth(conclusion) {
      case .no:
        return NumericVerdict(
          status: "refuted", worlds: decided, drawn: count,
          counterexample: describe(world, parameters), reason: nil)
      case .yes: decided += 1
      case .unknown: break
      }
    }
    if satisfied == 0, !undecidedHypothesis.isEmpty {
      let most = undecidedHypothesis.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "?"
      return NumericVerdict(
        status: "inconclusive", worlds: 0, drawn: count, counterexample: nil,
        reason: "no sampled world was known to satisfy the hypotheses (could not decide: \(most))")
    }
    if satisfied == 0 {
      let most = blocking.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "?"
      return NumericVerdict(
        status: "vacuous", worlds: 0, drawn: count, counterexample: nil,
        reason:
          "no sampled world satisfied the hypotheses (most often failed: \(most)); the worlds are drawn at random, not directed at the hypotheses yet, so this is weak evidence of vacuity")
    }
    if decided == 0 {
      return NumericVerdict(
        status: "inconclusive", worlds: 0, drawn: count, counterexample: nil,
        reason: "\(satisfied) worlds satisfied the hypotheses but none decided the conclusion")
    }
    return NumericVerdict(status: "passed", worlds: decided, drawn: count, counterexample: nil, reason: nil)
  }

  /// A world as text a person can check by hand: the sentence set, the horizon, each value.
  public static func describe(_ world: World, _ parameters: [Variable]) -> String {
    var parts = ["sentences 0..\(world.sentences - 1)", "horizon \(world.horizon)"]
    for p in parameters {
      guard let value = world.values[p] else { continue }
      switch value {
      case .number(let i): parts.append("\(p.name) = \(i)")
      case .text(let t): parts.append("\(p.name) = ⟨\(t.map(String.init).joined(separator: " "))⟩")
      case .behavior(let b): parts.append("\(p.name) = [" + b.map(\.description).joined(separator: ", ") + "]")
      case .law(.model(let m)):
        let rows = m.next.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { prefix in
          "⟨\(prefix.map(String.init).joined(separator: " "))⟩→(" + m.next[prefix]!.map(\.description).joined(separator: ", ") + ")"
        }
        parts.append("\(p.name): " + rows.joined(separator: " "))
      case .law: parts.append("\(p.name) = (a derived law)")
      }
    }
    return parts.joined(separator: "; ")
  }
}
