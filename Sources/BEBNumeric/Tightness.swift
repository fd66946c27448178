import BEBKernel

/// One world on which a stated length bound was measured: the shortest prompt that meets the
/// rest of the conclusion, against the bound.
public struct TightnessSample: Sendable {
  /// The world's index among those drawn (its seed is derived from it).
  public let index: Int
  public let world: World
  /// The least length of a text meeting the conclusion's claim on this world.
  public let shortest: Int
  /// The stated bound on this world (the midpoint of its enclosure when not exact).
  public let bound: Rational
  /// `shortest / bound`: 1 where the bound is met exactly, near 0 where it is loose.
  public let ratio: Rational
}

/// How tight a result's length bound is on worlds that satisfy its hypotheses (`beb tight`).
public struct TightnessReport: Sendable {
  /// The conclusion's text variable and its claim besides the length bound.
  public let variable: Variable
  public let bound: Term
  public let claim: Formula
  /// Worlds drawn, and those satisfying every hypothesis.
  public let drawn: Int
  public let satisfied: Int
  /// The worlds where a shortest prompt was found and the bound is positive, in draw order.
  public let samples: [TightnessSample]
  /// Satisfying worlds where no text up to `maxLength` sentences meets the claim, the bound
  /// possibly above `maxLength` (not a refutation then).
  public let noPrompt: Int
  /// Satisfying worlds where the claim was undecided at a length below the first that meets
  /// it, the bound could not be evaluated, or its enclosure leaves open whether the shortest
  /// prompt is within it: the comparison is not known there.
  public let undecided: Int
  /// Satisfying worlds where the bound is ≤ 0 (the claim needs a prompt of length 0 there).
  public let nonPositiveBound: Int
  /// Satisfying worlds whose shortest prompt is longer than the bound for sure (or where no
  /// prompt up to `maxLength ≥ L` meets the claim), each re-validated by a fresh evaluator
  /// (the hypotheses true, the conclusion false): each refutes the statement.
  public let exceeding: Int
  /// The longest prompt searched.
  public let maxLength: Int
  /// The first world that refutes the statement (by its index among those drawn).
  public let refuting: (index: Int, world: World)?

  /// The samples by ratio: the first is the loosest, the last the tightest (of equally tight
  /// worlds, the first drawn).
  public var byRatio: [TightnessSample] {
    samples.sorted { ($0.ratio, $1.index) < ($1.ratio, $0.index) }
  }

  /// The median ratio (the lower middle for an even count), nil without samples.
  public var median: Rational? { Self.median(byRatio) }

  /// The samples where the empty prompt does not meet the claim, by ratio: where the bound
  /// has work to do.
  public var needingPrompt: [TightnessSample] { byRatio.filter { $0.shortest > 0 } }

  /// The median ratio of samples sorted by ratio (the lower middle for an even count).
  public static func median(_ sorted: [TightnessSample]) -> Rational? {
    sorted.isEmpty ? nil : sorted[(sorted.count - 1) / 2].ratio
  }
}

/// Measures a length bound `∃ s : Text, |s| ≤ L ∧ φ(s)` on seeded worlds that satisfy the
/// hypotheses: on each, the least k such that some text of k sentences meets φ (decided by
/// the evaluator, exactly through the texts' state classes where φ allows it), against L's
/// value there.
public enum Tightness {
  /// The text variable, the bound L and the claim φ of a conclusion `∃ s : Text, |s| ≤ L ∧ φ`
  /// (the conjuncts in any order, φ the conjunction of the others); nil for another shape.
  public static func lengthBound(of conclusion: Formula) -> (
    variable: Variable, bound: Term, claim: Formula
  )? {
    guard case .exists(let v, let body) = conclusion, v.sort == .text,
      case .and(let parts) = body
    else { return nil }
    let length = Term.apply(.length, [.variable(v)])
    for (index, part) in parts.enumerated() {
      guard case .relation(.le, let lhs, let bound) = part, lhs == length,
        !bound.freeVariables.contains(v)
      else { continue }
      var rest = parts
      rest.remove(at: index)
      return (v, bound, rest.count == 1 ? rest[0] : .and(rest))
    }
    return nil
  }

  /// The measurements on up to `count` satisfying worlds drawn from `seed` (at most `10 ×
  /// count` attempts), searching prompts of up to `maxLength` sentences. Nil when the
  /// conclusion is not a length bound.
  public static func measure(
    parameters: [Variable], hypotheses: [(name: String, formula: Formula)], conclusion: Formula,
    definitions: [DefinitionStatement], count: Int, seed: UInt64, salt: UInt64,
    maxLength: Int = 24
  ) -> TightnessReport? {
    guard let (variable, bound, claim) = lengthBound(of: conclusion) else { return nil }
    let table = Dictionary(definitions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var sampler = DirectedSampler(
      parameters: parameters, hypotheses: hypotheses, definitions: table)
    var samples: [TightnessSample] = []
    var (drawn, satisfied, noPrompt, undecided, nonPositive, exceeding) = (0, 0, 0, 0, 0, 0)
    var refuting: (index: Int, world: World)?
    // A world where the statement looks false counts as a refutation only when a fresh
    // evaluator, independent of the search, finds the hypotheses true and the conclusion false.
    func refutes(_ world: World) -> Bool {
      let fresh = Evaluator(world: world, definitions: table)
      return world.sortViolation(parameters) == nil
        && hypotheses.allSatisfy({ fresh.truth($0.formula) == .yes })
        && fresh.truth(conclusion) == .no
    }
    while drawn < 10 * count && satisfied < count {
      var g = SeededGenerator(
        seed: StatementCheck.worldSeed(seed, salt: salt, index: drawn))
      let attempt = sampler.attempt(&g)
      drawn += 1
      guard attempt.failed == nil else { continue }
      satisfied += 1
      let world = attempt.world
      let found = shortest(variable, claim, on: world, definitions: table, maxLength: maxLength)
      guard let enclosure = boundEnclosure(bound, on: world, definitions: table) else {
        undecided += 1
        continue
      }
      // Longer than L for sure: the shortest prompt, or none up to K ≥ L.
      let tooLong: Bool
      switch found {
      case .some(let k?): tooLong = enclosure.upperBound.map { Rational(BigInt(k)) > $0 } ?? false
      case .none: tooLong = enclosure.upperBound.map { $0 <= Rational(BigInt(maxLength)) } ?? false
      case .some(nil): tooLong = false
      }
      if tooLong {
        if refutes(world) {
          exceeding += 1
          if refuting == nil { refuting = (drawn - 1, world) }
        } else {
          undecided += 1
        }
        continue
      }
      guard case .some(let k?) = found else {
        if found == nil { noPrompt += 1 } else { undecided += 1 }
        continue
      }
      // At most L for sure (else too close to call), and L > 0 for a ratio.
      guard let value = enclosure.exact ?? enclosure.midpoint, let low = enclosure.lowerBound,
        Rational(BigInt(k)) <= low
      else {
        undecided += 1
        continue
      }
      guard value > 0 else {
        nonPositive += 1
        continue
      }
      samples.append(
        TightnessSample(
          index: drawn - 1, world: world, shortest: k, bound: value,
          ratio: Rational(BigInt(k)) / value))
    }
    return TightnessReport(
      variable: variable, bound: bound, claim: claim, drawn: drawn, satisfied: satisfied,
      samples: samples, noPrompt: noPrompt, undecided: undecided, nonPositiveBound: nonPositive,
      exceeding: exceeding, maxLength: maxLength, refuting: refuting)
  }

  /// The least length of a text meeting `claim` on `world`: `.none` when no text up to
  /// `maxLength` does, `.some(nil)` when a length below the first that does is undecided.
  static func shortest(
    _ variable: Variable, _ claim: Formula, on world: World,
    definitions: [String: DefinitionStatement], maxLength: Int
  ) -> Int?? {
    let evaluator = Evaluator(world: world, definitions: definitions)
    var unsure = false
    for k in 0...maxLength {
      let ofLength = Formula.exists(
        variable,
        .and([
          .relation(.eq, .apply(.length, [.variable(variable)]), .number(Rational(BigInt(k)))),
          claim,
        ]))
      switch evaluator.truth(ofLength) {
      case .yes: return .some(unsure ? nil : k)
      case .unknown: unsure = true
      case .no: break
      }
    }
    return .none
  }

  /// The bound's enclosure on `world`.
  static func boundEnclosure(
    _ bound: Term, on world: World, definitions: [String: DefinitionStatement]
  ) -> Interval? {
    guard
      case .number(let interval)? = Evaluator(world: world, definitions: definitions).value(bound)
    else { return nil }
    return interval
  }

  /// Whether `world` satisfies every hypothesis and its shortest prompt has at least `ratio`
  /// of the bound: what a shrunk tightest world must keep.
  public static func keepsRatio(
    _ world: World, _ report: TightnessReport, ratio: Rational,
    hypotheses: [(name: String, formula: Formula)], definitions: [DefinitionStatement]
  ) -> Bool {
    guard let (found, value) = measureOne(world, report, hypotheses, definitions) else {
      return false
    }
    return Rational(BigInt(found)) / value >= ratio
  }

  /// The shortest prompt and the bound on `world`, when it satisfies every hypothesis, the
  /// shortest length is known and the bound is positive.
  public static func measureOne(
    _ world: World, _ report: TightnessReport, _ hypotheses: [(name: String, formula: Formula)],
    _ definitions: [DefinitionStatement]
  ) -> (shortest: Int, bound: Rational)? {
    let table = Dictionary(definitions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let evaluator = Evaluator(world: world, definitions: table)
    guard world.sortViolation(Array(world.values.keys)) == nil,
      hypotheses.allSatisfy({ evaluator.truth($0.formula) == .yes }),
      case .some(let found?) = shortest(
        report.variable, report.claim, on: world, definitions: table,
        maxLength: report.maxLength),
      let enclosure = boundEnclosure(report.bound, on: world, definitions: table),
      let value = enclosure.exact ?? enclosure.midpoint, value > 0,
      let low = enclosure.lowerBound, Rational(BigInt(found)) <= low
    else { return nil }
    return (found, value)
  }
}
