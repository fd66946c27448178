import BEBNumeric

/// Whether a result needs one of its hypotheses: **needed** when no world refutes the statement
/// but, with the hypothesis dropped, one does — every other hypothesis true there, the
/// conclusion false, and the dropped hypothesis false (re-validated on the world, so it is not
/// a counterexample to the statement itself); **not used** when no step of the kernel-verified
/// proof rests on it (`StepReport.uses`); **unknown** otherwise. `needed` is never claimed
/// without such a world, and `not used` never for a proof that is not verified.
///
/// The table comes from the symbolic check alone (`table(for:)`: no world is run, so nothing is
/// `needed`) or with the statement run on worlds once per dropped hypothesis
/// (`WhatIf.necessityTable`, `beb whatif --necessity`, `beb report --necessity`).
public struct HypothesisNecessity: Sendable {
  public enum Verdict: String, Sendable {
    case needed
    case notUsed = "not used"
    /// The statement held on every world drawn where the hypothesis fails (and decided it on
    /// at least one): evidence that it is not needed, not a proof.
    case notNeededOnWorlds = "not needed on worlds"
    case unknown
  }

  /// The statement checked on worlds without one hypothesis.
  public struct Dropped: Sendable {
    public let verdict: NumericVerdict
    /// When the verdict is `refuted` and its world re-validates (every other hypothesis true
    /// there, the conclusion false): the truth of the dropped hypothesis on that world. Nil
    /// otherwise.
    public let hypothesisOnWorld: Truth?
    /// Whether the worlds were drawn with the hypothesis negated (so every world accepted
    /// violates it), or with it dropped (when no world violating it was found).
    public let negated: Bool

    public init(verdict: NumericVerdict, hypothesisOnWorld: Truth?, negated: Bool = false) {
      self.verdict = verdict
      self.hypothesisOnWorld = hypothesisOnWorld
      self.negated = negated
    }
  }

  public let hypothesis: String
  public let verdict: Verdict
  /// Why, for people: the steps that use the hypothesis, and what the worlds showed or that
  /// they were not run.
  public let detail: String
  /// The proof's steps whose derivation rests on the hypothesis, in proof order.
  public let usedBy: [String]
  /// The statement checked on worlds without the hypothesis; nil when no world was run.
  public let dropped: Dropped?

  /// The world (as text) where the statement without the hypothesis is false: with `needed`
  /// the hypothesis fails there; otherwise the detail says why it does not count.
  public var counterexample: WorldDescription? { dropped?.verdict.counterexample }
  /// The same world, for re-validation.
  public var world: World? { dropped?.verdict.world }

  /// The table of `result`'s hypotheses, in their order. `dropped` holds, by hypothesis, the
  /// statement checked on worlds without it; a hypothesis missing there was not run on worlds.
  /// When `result.numeric` shows the statement itself false on a world, every row is unknown.
  public static func table(
    for result: ResultReport, dropped: [String: Dropped] = [:]
  ) -> [HypothesisNecessity] {
    let steps = result.steps
    let verifiedProof = result.status == .verified && !steps.isEmpty
    return result.entry.hypotheses.map(\.name).map { name in
      let usedBy = steps.filter { $0.uses.contains(name) }.map(\.id)
      func row(_ verdict: Verdict, _ detail: String) -> HypothesisNecessity {
        HypothesisNecessity(
          hypothesis: name, verdict: verdict, detail: detail, usedBy: usedBy, dropped: dropped[name]
        )
      }
      let symbolic: String
      if !usedBy.isEmpty {
        symbolic = "used by " + stepList(usedBy)
      } else if steps.isEmpty {
        symbolic = "no proof"
      } else if verifiedProof {
        symbolic = "no step of the verified proof rests on it"
      } else {
        symbolic = "no step rests on it, but the proof is not verified"
      }
      if let statement = result.numeric, statement.status == .refuted {
        // A false statement is false without any of its hypotheses: dropping one shows nothing.
        return row(
          .unknown,
          symbolic + "; the statement itself is false on a world where every hypothesis holds"
            + (verifiedProof ? " (CONFLICT with its verified proof)" : "") + ": "
            + (statement.counterexample?.text ?? "?"))
      }
      guard let worlds = dropped[name] else {
        return verifiedProof && usedBy.isEmpty
          ? row(.notUsed, symbolic)
          : row(.unknown, symbolic + "; worlds not run without it (--necessity runs them)")
      }
      let verdict = worlds.verdict
      guard verdict.status == .refuted else {
        if verifiedProof && usedBy.isEmpty {
          return row(.notUsed, symbolic + "; without it: " + describe(verdict))
        }
        if worlds.negated, verdict.worlds > 0, [.passed, .inconclusive].contains(verdict.status) {
          return row(
            .notNeededOnWorlds,
            symbolic + "; the statement held on \(verdict.worlds) world"
              + (verdict.worlds == 1 ? "" : "s")
              + " where it fails and the other hypotheses hold (drawn with it negated: "
              + describe(verdict) + ")")
        }
        return row(
          .unknown,
          symbolic + "; without it: "
            + (worlds.negated ? "" : "no world where it fails was found; with it dropped: ")
            + describe(verdict))
      }
      switch worlds.hypothesisOnWorld {
      case .no?:
        var detail =
          "without it the statement is false on a world where it fails (re-validated: the other hypotheses hold there; it and the conclusion are false)"
        if verifiedProof && usedBy.isEmpty {
          detail +=
            "; yet no step of the verified proof uses it: CONFLICT, an axiom or the kernel is wrong"
        }
        return row(.needed, detail)
      case .yes?:
        return row(
          .unknown,
          symbolic + "; without it a world refutes the statement, but the hypothesis holds there "
            + "too: the statement itself is false on that world")
      case .unknown?:
        return row(
          .unknown,
          symbolic + "; without it a world refutes the statement, but whether the hypothesis "
            + "fails there is undecided")
      case nil:
        return row(
          .unknown,
          symbolic + "; without it the worlds reported a counterexample that does not "
            + "re-validate (a bug in the numeric checking)")
      }
    }
  }

  /// A dropped-hypothesis verdict that refuted nothing: status, worlds, and why when it is not
  /// `passed` (unreached, inconclusive).
  private static func describe(_ verdict: NumericVerdict) -> String {
    let text =
      "\(verdict.status) on \(verdict.worlds) world\(verdict.worlds == 1 ? "" : "s") of \(verdict.drawn) drawn"
    guard verdict.status != .passed, let reason = verdict.reason else {
      return text + ", none refuting the statement"
    }
    return text + " (" + reason + ")"
  }

  /// `step a` or `steps a, b, c`; past eight ids, the first eight and the count (the full
  /// list is `usedBy`, and `used_by` in JSON).
  private static func stepList(_ ids: [String]) -> String {
    let shown = ids.prefix(8).joined(separator: ", ")
    if ids.count == 1 { return "step " + shown }
    return "steps " + shown + (ids.count > 8 ? ", … (\(ids.count) in all)" : "")
  }
}

extension HypothesisNecessity {
  /// One row as JSON, keys in a fixed order; `nameKey` names the hypothesis's key.
  public func json(nameKey: String = "hypothesis") -> JSON {
    .object([
      (nameKey, .string(hypothesis)),
      ("verdict", .string(verdict.rawValue)),
      ("detail", .string(detail)),
      ("counterexample", counterexample.map { JSON.string($0.text) } ?? .null),
      ("used_by", .array(usedBy.map { .string($0) })),
      (
        "dropped",
        dropped.map { dropped in
          .object([
            ("status", .string(dropped.verdict.status.rawValue)),
            ("worlds", .int(dropped.verdict.worlds)),
            ("drawn", .int(dropped.verdict.drawn)),
            ("drawn_with", .string(dropped.negated ? "negated" : "dropped")),
          ])
        } ?? .null
      ),
    ])
  }

  /// The table for people, as `beb whatif --necessity` prints it.
  public static func text(_ id: String, _ rows: [HypothesisNecessity]) -> String {
    var out = "necessity of the hypotheses of \(id):\n"
    if rows.isEmpty { out += "  (no hypotheses)\n" }
    for row in rows {
      out += "  \(row.hypothesis): \(row.verdict.rawValue) — \(row.detail)\n"
      if let world = row.counterexample { out += "    world: \(world)\n" }
    }
    return out
  }

  /// The table as `beb whatif --necessity --json` writes it (schema `beb-necessity/1`).
  public static func json(_ id: String, _ rows: [HypothesisNecessity]) -> JSON {
    .object([
      ("schema", .string("beb-necessity/1")), ("id", .string(id)),
      ("hypotheses", .array(rows.map { $0.json(nameKey: "name") })),
    ])
  }
}

extension ResultReport {
  /// The result's necessity table: `tables[id]` (run on worlds) when there, else the one the
  /// symbolic check alone gives; nil for definitions and axioms, which have no proof.
  public func necessity(in tables: [String: [HypothesisNecessity]] = [:]) -> [HypothesisNecessity]?
  {
    guard entry.kind != .definition && entry.kind != .axiom else { return nil }
    return tables[entry.id] ?? HypothesisNecessity.table(for: self)
  }
}
