import BEBNumeric

/// Why a citation broke, followed down: an edit leaves a hypothesis of a cited result
/// undischarged; which steps of that result's proof use the hypothesis, and which of them fail
/// (with the world where each is false) when the hypothesis is dropped from the cited result
/// itself — and so on into what those steps cite.
public struct Descent: Sendable {
  /// The failing step that cites the result (`thm-3.2-repaired step c4`).
  public let citedBy: String
  /// The cited result and its hypothesis that was not discharged.
  public let result: String
  public let hypothesis: String
  /// The steps of the cited result's proof whose derivation uses the hypothesis (unedited).
  public let usedBy: [String]
  /// With the hypothesis dropped from the cited result: its statement on worlds, and its steps
  /// that then fail, each with its reason and the world where it is false.
  public let statement: NumericVerdict?
  public let failing: [StepReport]
  /// The same, one level down, for the failing steps that cite a result whose hypothesis is not
  /// discharged.
  public let deeper: [Descent]
  /// Why the cited result could not be checked without the hypothesis (nil when it was).
  public var failure: String? = nil
}

extension WhatIf {
  /// The descents from the failing steps of `answer`'s edited result, `depth` levels deep at
  /// most; axiom schemas (no proof) end a descent.
  public func descents(_ answer: Answer, depth: Int = 3) -> [Descent] {
    guard let comparison = answer.comparisons.first(where: { $0.id == id }) else { return [] }
    var visited: Set<String> = []
    var known = answer.unedited
    return descents(
      from: comparison.nowFailing, of: id, depth: depth, visited: &visited, known: &known)
  }

  private func descents(
    from steps: [StepReport], of owner: String, depth: Int, visited: inout Set<String>,
    known: inout [String: ProofOutcome]
  ) -> [Descent] {
    guard depth > 0 else { return [] }
    var found: [Descent] = []
    for step in steps {
      guard let (result, hypothesis) = step.undischarged.map({ ($0.result, $0.hypothesis) }),
        let entry = original.entry(result), entry.kind != .axiom, entry.proof != nil,
        visited.insert(result + " " + hypothesis).inserted
      else { continue }
      // The steps that use the hypothesis, read from the unedited proof: the nested answer's
      // own check of it (`Comparison.before`), or, where that failed, a check of it alone.
      func uses(_ steps: [StepReport]) -> [String] {
        steps.filter { $0.uses.contains(hypothesis) }.map(\.id)
      }
      var nested = WhatIf(original: original, sources: sources, id: result, options: options)
      nested.unedited = known
      let comparison: Comparison
      do {
        let answer = try nested.run([.drop(hypothesis)])
        guard let found = answer.comparisons.first(where: { $0.id == result }) else {
          throw Failure(message: "no check of \(result) came back")
        }
        comparison = found
        known.merge(answer.unedited) { kept, _ in kept }
      } catch {
        var symbolic = options
        symbolic.numeric = false
        symbolic.only = [result]
        let unedited = Checker.check(original, options: symbolic).results.first {
          $0.entry.id == result
        }
        let usedBy = uses(unedited?.steps ?? [])
        // Said, not skipped: the descent stops here, and the answer tells why.
        found.append(
          Descent(
            citedBy: "\(owner) step \(step.id)", result: result, hypothesis: hypothesis,
            usedBy: usedBy, statement: nil, failing: [], deeper: [],
            failure: (error as? Failure)?.message ?? "\(error)"))
        continue
      }
      let failing = comparison.nowFailing
      let usedBy = uses(comparison.before.steps)
      found.append(
        Descent(
          citedBy: "\(owner) step \(step.id)", result: result, hypothesis: hypothesis,
          usedBy: usedBy, statement: comparison.after.numeric, failing: failing,
          deeper: descents(
            from: failing, of: result, depth: depth - 1, visited: &visited, known: &known)))
    }
    return found
  }

  /// The descents as indented text, for `beb whatif`.
  public static func text(_ descents: [Descent], indent: String = "  ") -> String {
    var out = ""
    for descent in descents {
      out += "\(indent)\(descent.citedBy) cites \(descent.result), whose hypothesis "
      out += "'\(descent.hypothesis)' is not discharged;\n"
      out += "\(indent)  in \(descent.result)'s proof it is used by "
      out +=
        descent.usedBy.isEmpty
        ? "no step (only the statement has it)\n" : descent.usedBy.joined(separator: ", ") + "\n"
      if let failure = descent.failure {
        out += "\(indent)  not checked without it: \(failure)\n"
        continue
      }
      out += "\(indent)  \(descent.result) without '\(descent.hypothesis)': "
      if let verdict = descent.statement {
        out += "statement \(verdict.status) (\(verdict.worlds) worlds)"
        if let world = verdict.counterexample { out += "; false on the world: \(world)" }
      } else {
        out += "statement not run on worlds"
      }
      out += "\n"
      if descent.failing.isEmpty {
        out += "\(indent)  no step of its proof fails without it (kernel, and the worlds drawn)\n"
      }
      for step in descent.failing {
        out += "\(indent)  \(step.id) [\(step.symbolicLabel), by \(step.rule)] \(step.claim)\n"
        if let reason = step.reason { out += "\(indent)    \(reason)\n" }
        if let world = step.counterexample { out += "\(indent)    false on the world: \(world)\n" }
      }
      out += text(descent.deeper, indent: indent + "  ")
    }
    return out
  }
}

extension Descent {
  public var json: JSON {
    .object([
      ("cited_by", .string(citedBy)),
      ("result", .string(result)),
      ("hypothesis", .string(hypothesis)),
      ("used_by", .array(usedBy.map(JSON.string))),
      (
        "statement_without_it",
        statement.map { v in
          .object([
            ("status", .string(v.status.rawValue)), ("worlds", .int(v.worlds)),
            ("counterexample", v.counterexample.map { JSON.string($0.text) } ?? .null),
          ])
        } ?? .null
      ),
      ("steps_failing_without_it", .array(failing.map(\.json))),
      ("deeper", .array(deeper.map(\.json))),
      ("failure", failure.map(JSON.string) ?? .null),
    ])
  }
}
