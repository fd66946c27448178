import BEBKernel
import BEBNumeric
import BEBSyntax

/// Assumption edits: a result checked with a hypothesis dropped, replaced or added (or a
/// definition swapped for a variant), in memory — the files are not touched — and compared
/// with the unedited check. Only the edited result and what rests on it are checked again.
public struct WhatIf {
  public enum Edit: Sendable {
    case drop(String)
    case replace(String, String)
    case assume(String)
    case definition(String, String)
    /// Behavior scores in another range than [-1, 1]: an assumption carried by the sort
    /// Behavior, for every result (the kernel's bounds and the worlds follow it).
    case behaviorRange(BehaviorRange)
    /// Laws may lose mass: a `Dist` is a sub-probability law (mass at most 1).
    case subProbability
    /// A conditional after a prefix of probability 0 is undefined, as in the paper, not the
    /// zero law (x/0 = 0): a statement must hold whatever law stands there; worlds put the
    /// model's continuation there (`Conditionals.continued`).
    case undefinedConditionals
    /// `Prob` variables in another range than [0, 1] (0 ≤ low ≤ high); probabilities of
    /// texts and events stay in [0, 1].
    case probabilityRange(ProbabilityRange)

    public var description: String {
      switch self {
      case .drop(let h): return "drop \(h)"
      case .replace(let h, let f): return "replace \(h) by \(f)"
      case .assume(let f): return "assume \(f)"
      case .definition(let a, let b): return "use \(b) for \(a)"
      case .behaviorRange(let range): return "behaviors scored in \(range.description)"
      case .subProbability: return "laws may lose mass"
      case .undefinedConditionals:
        return
          "conditionals after a prefix of probability 0 undefined (worlds: the model's continuation)"
      case .probabilityRange(let range): return "Prob variables in \(range.description)"
      }
    }
  }

  /// Bad input: an unknown hypothesis, a formula that does not elaborate (pointing into the
  /// formula), ... Rendered like every diagnostic.
  public struct Failure: Error {
    public let message: String
  }

  public let original: Development
  public let sources: [SourceFile]
  public let id: String
  public let options: CheckOptions
  /// Kernel outcomes of proofs of `original`, as written, already checked by another what-if
  /// on the same development (a descent's nested one reuses its parent's): the unedited check
  /// takes them instead of checking those proofs again. A proof's outcome is a function of the
  /// development's statements and proofs, which every what-if on `original` shares (the
  /// findings it leaves out do not enter a proof's check).
  var unedited: [String: ProofOutcome] = [:]

  public init(original: Development, sources: [SourceFile], id: String, options: CheckOptions) {
    self.original = original
    self.sources = sources
    self.id = id
    self.options = options
  }

  // MARK: Editing the sources

  /// Where a user formula was placed in an edited file, to map diagnostics back to it.
  struct Placement {
    let path: String
    let start: Int
    let text: String
    let flag: String
  }

  /// The development with the edits applied to the syntax trees of its files, elaborated
  /// again. Spans are kept, so a step's `file:line:col` after an edit is where it is written;
  /// a formula given on the command line is appended to its result's file (past its end,
  /// where nothing else points) and parsed there, so that a diagnostic about it can be shown
  /// in the formula as the user typed it.
  public func edited(_ edits: [Edit]) throws -> Development {
    var files = sources
    var trees: [String: SourceTree] = [:]
    var placements: [Placement] = []
    var assumed = 0
    var bridges: [String: (old: String, lemmas: [String])] = [:]
    var dropped: [String] = []
    var assumptions = Assumptions.paper
    func tree(of file: SourceFile) throws -> SourceTree {
      if let edited = trees[file.path] { return edited }
      do { return try Loader.parse(file) } catch {
        throw Failure(message: error.diagnostic(in: file).rendered)
      }
    }
    for edit in edits {
      if case .behaviorRange(let range) = edit {
        // The kernel refuses a range without 0 (see ProofState.init); say so here, where the
        // edit is named, rather than let every proof fail.
        guard range.containsZero else {
          throw Failure(
            message:
              "beb: error: --behavior-range: \(range.description) does not contain 0 (the behavior expectation after a prefix of probability 0)"
          )
        }
        assumptions.behaviors = range
        continue
      }
      if case .subProbability = edit {
        assumptions.subProbability = true
        continue
      }
      if case .undefinedConditionals = edit {
        assumptions.conditionals = .continued
        continue
      }
      if case .probabilityRange(let range) = edit {
        guard range.isAdmissible else {
          throw Failure(
            message:
              "beb: error: --prob-range: \(range.description) is not a range [LO, HI] with 0 ≤ LO ≤ HI"
          )
        }
        assumptions.probabilities = range
        continue
      }
      if case .definition(let old, let new) = edit {
        guard original.entry(old)?.kind == .definition else {
          throw Failure(message: "beb: error: --def: no definition '\(old)'")
        }
        guard original.entry(new)?.kind == .definition else {
          throw Failure(message: "beb: error: --def: no definition '\(new)'")
        }
        // A bridge NEW ⇒ OLD keeps its statement and proof: it is about both definitions.
        let kept = original.bridges(from: new, to: old)
        if !kept.isEmpty { bridges[new] = (old, kept) }
        for file in files {
          let before = try tree(of: file)
          trees[file.path] = Self.renamingApplications(in: before, old, new, except: Set(kept))
        }
        continue
      }
      guard let index = files.firstIndex(where: { $0.path == original.entry(id)?.path }) else {
        throw Failure(message: "beb: error: the file of '\(id)' is not among the sources")
      }
      let file = files[index]
      let fileTree = try tree(of: file)
      guard
        let declaration = fileTree.items.compactMap({ item -> ResultDecl? in
          if case .result(let r) = item, r.id.text == id { return r }
          return nil
        }).first
      else {
        throw Failure(message: "beb: error: '\(id)' is not declared in \(file.path)")
      }
      let hypotheses = declaration.clauses.compactMap { clause -> (Name, Expr)? in
        if case .assume(let name, let expr) = clause { return (name, expr) }
        return nil
      }
      func hypothesis(_ name: String) throws -> (Name, Expr) {
        guard let found = hypotheses.first(where: { $0.0.text == name }) else {
          let hint =
            ElaborationError.suggestion(for: name, among: hypotheses.map(\.0.text)).map {
              "; did you mean '\($0)'?"
            } ?? ""
          let names = hypotheses.map(\.0.text).joined(separator: ", ")
          throw Failure(
            message:
              "beb: error: '\(id)' has no hypothesis '\(name)'\(hint) (its hypotheses: \(names))")
        }
        return found
      }
      /// The user's formula, appended to the file and parsed where it now stands (after
      /// blanks, so that its spans are offsets in the file); a syntax error is shown in the
      /// formula as typed.
      func formula(_ text: String, flag: String) throws -> Expr {
        let start = files[index].bytes.count + 1
        let blank = SourceFile(
          path: file.path,
          bytes: [UInt8](repeating: UInt8(ascii: " "), count: start) + Array(text.utf8))
        let expr: Expr
        do { expr = try Parser.parseExpression(blank) } catch {
          let inFormula = Span(error.span.start - start, error.span.end - start)
          throw Failure(
            message: LocatedSyntaxError(error.error, inFormula)
              .diagnostic(in: SourceFile(path: flag, text: text)).rendered)
        }
        files[index] = SourceFile(
          path: file.path, bytes: files[index].bytes + Array("\n".utf8) + Array(text.utf8))
        placements.append(Placement(path: file.path, start: start, text: text, flag: flag))
        return expr
      }
      var clauses = declaration.clauses
      switch edit {
      case .drop(let name):
        _ = try hypothesis(name)
        dropped.append(name)
        clauses.removeAll {
          if case .assume(let label, _) = $0 { return label.text == name }
          return false
        }
      case .replace(let name, let text):
        let (label, _) = try hypothesis(name)
        let expr = try formula(text, flag: "--replace \(name)")
        clauses = clauses.map {
          if case .assume(label, _) = $0 { return .assume(label, expr) }
          return $0
        }
      case .assume(let text):
        guard clauses.contains(where: { if case .show = $0 { true } else { false } }) else {
          throw Failure(message: "beb: error: '\(id)' has no conclusion")
        }
        assumed += 1
        var name = assumed == 1 ? "whatif" : "whatif\(assumed)"
        while hypotheses.contains(where: { $0.0.text == name }) { name += "_" }
        let expr = try formula(text, flag: "--assume")
        let at = clauses.firstIndex { if case .show = $0 { true } else { false } }!
        clauses.insert(.assume(Name(name, expr.span), expr), at: at)
      case .definition, .behaviorRange, .subProbability, .undefinedConditionals, .probabilityRange:
        break
      }
      let edited = declaration.replacingClauses(clauses)
      trees[file.path] = SourceTree(
        imports: fileTree.imports,
        items: fileTree.items.map { item in
          if case .result(let r) = item, r.id.text == id { return .result(edited) }
          return item
        })
    }
    switch Loader.load(sources: files, edited: trees) {
    case .success(let development):
      // The paper's findings against the edited result describe the unedited statement;
      // under the edit the result's own verdict is what counts.
      var edited = development.withoutFindings(of: id)
      edited.bridges = bridges
      if !dropped.isEmpty { edited.dropped[id] = dropped }
      edited.assumptions = assumptions
      return edited
    case .failure(let failure):
      let rendered = failure.diagnostics.map { diagnostic -> String in
        guard
          let placement = placements.last(where: {
            $0.path == diagnostic.path && diagnostic.span.start >= $0.start
              && diagnostic.span.start <= $0.start + $0.text.utf8.count
          })
        else { return diagnostic.rendered }
        let file = SourceFile(path: placement.flag, text: placement.text)
        let span = Span(
          diagnostic.span.start - placement.start,
          min(diagnostic.span.end - placement.start, placement.text.utf8.count))
        return Diagnostic(in: file, at: span, diagnostic.message).rendered
      }
      throw Failure(message: rendered.joined(separator: "\n"))
    }
  }

  /// The tree with every application `old(…)` of a definition made `new(…)`, except in the
  /// statements and proofs of the results `kept` (bridges between the two) and in `new`'s own
  /// body (a variant built on `old` stays what it says; renamed, it would be circular). The
  /// definition's own declaration names `old` without applying it, and comments are not in
  /// the tree.
  static func renamingApplications(
    in tree: SourceTree, _ old: String, _ new: String, except kept: Set<String>
  ) -> SourceTree {
    SourceTree(
      imports: tree.imports,
      items: tree.items.map { item in
        switch item {
        case .result(let r) where kept.contains(r.id.text): return item
        case .proof(let p) where kept.contains(p.id.text): return item
        case .definition(let d) where d.id.text == new: return item
        default: return item.mappingExpressions { $0.renamingApplications(of: old, to: new) }
        }
      })
  }

  // MARK: Checking

  /// One result before and after the edit.
  public struct Comparison {
    public let id: String
    public let before: ResultReport
    public let after: ResultReport

    public var statusChanged: Bool { before.status != after.status }
    /// Steps verified before and not after (or new and failing).
    public var nowFailing: [StepReport] {
      after.steps.filter { step in
        step.symbolic != .verified || step.numeric == .refuted
      }.filter { step in
        let old = before.steps.first { $0.id == step.id }
        return old == nil || (old!.symbolic == .verified && old!.numeric != .refuted)
          || step.numeric == .refuted
      }
    }
    public var stillHolding: [StepReport] {
      after.steps.filter { $0.symbolic == .verified && $0.numeric != .refuted }
    }
    public var changed: Bool {
      statusChanged || before.steps.map(\.symbolic) != after.steps.map(\.symbolic)
        || after.numeric?.status == .refuted
    }
  }

  public struct Answer {
    public let id: String
    public let edits: [Edit]
    public let comparisons: [Comparison]
    /// Whether definitions were swapped (then no world is drawn: every result is re-checked).
    public let numeric: Bool
    /// The bridge results of a definition edit (NEW ⇒ OLD), kept as written and cited by
    /// steps that unfold OLD.
    public let bridges: [String]
    /// The kernel outcomes of the unedited check (see `WhatIf.unedited`).
    var unedited: [String: ProofOutcome] = [:]

    public var changed: Bool { comparisons.contains { $0.changed } }
  }

  /// The results a definition edit may change: those whose statement or proof mentions a
  /// replaced definition or a definition that (transitively) mentions one, and everything
  /// that rests on them. In the development's order.
  func mentioning(_ replaced: [String]) -> [String] {
    var changed = Set(replaced)
    var grew = true
    while grew {
      grew = false
      for entry in original.entries where entry.kind == .definition && !changed.contains(entry.id) {
        if !entry.formula.predicateNames.isDisjoint(with: changed) {
          changed.insert(entry.id)
          grew = true
        }
      }
    }
    // The ids each result's statement and proof apply, read from their trees.
    var applied: [String: Set<String>] = [:]
    for file in sources {
      guard let tree = try? Loader.parse(file) else { continue }
      for item in tree.items {
        let id: String
        switch item {
        case .result(let r): id = r.id.text
        case .proof(let p): id = p.id.text
        default: continue
        }
        applied[id, default: []].formUnion(item.expressions.flatMap(\.appliedIDs))
      }
    }
    var direct: Set<String> = []
    for entry in original.entries where entry.kind != .definition && entry.kind != .axiom {
      if !(applied[entry.id] ?? []).isDisjoint(with: changed) { direct.insert(entry.id) }
    }
    let all = direct.union(direct.flatMap { original.dependents(of: $0) })
    return original.entries.map(\.id).filter(all.contains)
  }

  /// Checks `id` and its dependents with the edits, against the unedited development.
  public func run(_ edits: [Edit]) throws -> Answer {
    let development = try edited(edits)
    // The definitions swapped (`--def OLD=NEW`), by their old ids.
    let replaced: [String] = edits.compactMap {
      if case .definition(let old, _) = $0 { old } else { nil }
    }
    let swapsDefinitions = !replaced.isEmpty
    let editsSort = edits.contains {
      switch $0 {
      case .behaviorRange, .subProbability, .undefinedConditionals, .probabilityRange: return true
      default: return false
      }
    }
    let affected: [String]
    // Under a sort edit, the axiom schemas the re-checked results rest on (ID, what it rests
    // on, what rests on it, and what those rest on): assumed, so the kernel cannot tell
    // whether one relies on the old assumption (ax-bon-threshold's proof sketch uses B ≤ 1,
    // ax-cond-total that laws keep their mass); they are run on worlds drawn with the edited
    // one instead. (Only ID's own schemas were run before: a result resting on ID and on a
    // schema the edit makes false stayed verified.)
    var axioms: [String] = []
    if editsSort {
      // Every proof may use the assumption: ID, what it rests on and what rests on it (and, with a
      // definition swapped too, what mentions it).
      let resting = original.restingOn([id])
      let all = resting.union(original.dependents(of: id)).union(
        swapsDefinitions ? mentioning(replaced) : [])
      affected =
        [id]
        + original.entries.filter {
          $0.id != id && all.contains($0.id) && $0.kind != .axiom && $0.kind != .definition
        }.map(\.id)
      let under = original.restingOn(affected)
      axioms = original.entries.filter { $0.kind == .axiom && under.contains($0.id) }.map(\.id)
    } else if swapsDefinitions {
      let mentioning = mentioning(replaced)
      affected = mentioning.contains(id) ? mentioning : [id] + mentioning
    } else {
      affected = [id] + original.dependents(of: id)
    }
    var symbolic = options
    symbolic.numeric = false
    symbolic.only = affected + axioms
    symbolic.reuse = unedited
    let before = Checker.check(original.withoutFindings(of: id), options: symbolic)
    var edited = symbolic
    if !swapsDefinitions || editsSort {
      // The edited statement (and its proof's steps) on worlds; the proofs of the results
      // the edit does not reach (what ID rests on: their statements, proofs and the
      // statements they cite are unchanged) are taken from the unedited check. With a
      // definition swapped the statements are checked symbolically only, but the axiom
      // schemas a sort edit may make false still run on worlds: a result resting on one
      // found false is not verified.
      edited.numeric = true
      edited.numericOnly = (swapsDefinitions ? [] : [id]) + axioms
      // Under a sort edit no proof is as before: nothing is reused.
      edited.reuse = editsSort ? [:] : before.outcomes.filter { !affected.contains($0.key) }
    }
    let after = Checker.check(development, options: edited)
    let comparisons = (affected + axioms).compactMap { result -> Comparison? in
      guard let b = before.results.first(where: { $0.entry.id == result }),
        let a = after.results.first(where: { $0.entry.id == result })
      else { return nil }
      return Comparison(id: result, before: b, after: a)
    }
    return Answer(
      id: id, edits: edits, comparisons: comparisons, numeric: !swapsDefinitions,
      bridges: development.bridges.keys.sorted().flatMap { development.bridges[$0]!.lemmas },
      unedited: before.outcomes)
  }
}

extension WhatIf.Answer {
  /// The difference from the unedited check, for people.
  public func text() -> String {
    var out = "what if \(id): " + edits.map(\.description).joined(separator: "; ") + "\n"
    if !numeric {
      out +=
        "(definitions swapped: every result that mentions them, and what rests on those, re-checked symbolically; no worlds drawn)\n"
      out +=
        bridges.isEmpty
        ? "no bridge (a result NEW ⇒ OLD) in the development: steps that unfold the old definition fail\n"
        : "bridges, kept as written and cited where a step unfolds the old definition: \(bridges.joined(separator: ", "))\n"
    }
    let changedResults = comparisons.filter(\.changed)
    for comparison in comparisons where comparison.id == id || comparison.changed {
      let arrow =
        comparison.statusChanged
        ? "\(comparison.before.status.rawValue) → \(comparison.after.status.rawValue)"
        : "\(comparison.after.status.rawValue) (unchanged)"
      out += "\n\(comparison.id): \(arrow)\n"
      if let verdict = comparison.after.numeric {
        out += "  statement on worlds: \(verdict.status) (\(verdict.worlds) worlds"
        out += verdict.reason.map { "; \($0)" } ?? ""
        out += ")\n"
        if let world = verdict.counterexample { out += "    counterexample: \(world)\n" }
      }
      let failing = comparison.nowFailing
      // A status changed with no step of its own failing: why (a cited result, an axiom
      // schema false on a world under the edit).
      if comparison.statusChanged && failing.isEmpty && !comparison.after.reason.isEmpty {
        out += "  \(comparison.after.reason)\n"
      }
      if !failing.isEmpty {
        out += "  steps that now fail:\n"
        for step in failing {
          out += "    \(step.id) [\(step.symbolicLabel), by \(step.rule)] \(step.claim)\n"
          if let reason = step.reason { out += "      \(reason)\n" }
          if let world = step.counterexample { out += "      false on the world: \(world)\n" }
        }
      }
      guard !comparison.after.steps.isEmpty else { continue }
      let holding = comparison.stillHolding
      out += "  steps that still hold: \(holding.count) of \(comparison.after.steps.count)"
      out += holding.isEmpty ? "\n" : " (" + holding.map(\.id).joined(separator: ", ") + ")\n"
    }
    let unchanged = comparisons.filter { !$0.changed && $0.id != id }.map(\.id)
    if !unchanged.isEmpty {
      out += "\nunchanged: " + unchanged.joined(separator: ", ") + "\n"
    }
    out += "\n\(changedResults.count) of \(comparisons.count) results changed\n"
    return out
  }

  public func json() -> JSON {
    .object([
      ("schema", .string("beb-whatif/1")),
      ("id", .string(id)),
      ("edits", .array(edits.map { .string($0.description) })),
      ("bridges", .array(bridges.map(JSON.string))),
      (
        "results",
        .array(
          comparisons.map { c in
            .object([
              ("id", .string(c.id)),
              ("before", .string(c.before.status.rawValue)),
              ("after", .string(c.after.status.rawValue)),
              ("changed", .bool(c.changed)),
              ("reason", .string(c.after.reason)),
              (
                "numeric",
                c.after.numeric.map { v in
                  .object([
                    ("status", .string(v.status.rawValue)), ("worlds", .int(v.worlds)),
                    ("counterexample", v.counterexample.map { JSON.string($0.text) } ?? .null),
                  ])
                } ?? .null
              ),
              ("steps_now_failing", .array(c.nowFailing.map(\.json))),
              ("steps_still_holding", .array(c.stillHolding.map { .string($0.id) })),
            ])
          })
      ),
      ("changed", .bool(changed)),
    ])
  }
}

extension Development {
  /// The development without the findings recorded against `id`.
  func withoutFindings(of id: String) -> Development {
    var copy = Development(
      files: files, entries: entries, findings: findings.filter { $0.result.text != id },
      global: global)
    copy.bridges = bridges
    copy.imported = imported
    return copy
  }

  /// The results that bridge a definition edit: the conclusion OLD(ū) and, among the
  /// hypotheses, NEW(ū) with the same arguments, every parameter occurring in ū (so matching a
  /// fact NEW(t̄) determines the instance). In the development's order.
  public func bridges(from new: String, to old: String) -> [String] {
    entries.filter { entry in
      guard entry.kind != .definition, entry.kind != .axiom, entry.proof != nil,
        case .predicate(old, let args) = entry.formula,
        entry.hypotheses.contains(where: { $0.formula == .predicate(new, args) })
      else { return false }
      let mentioned = args.reduce(into: Set<Variable>()) { $0.formUnion($1.freeVariables) }
      return entry.parameters.allSatisfy(mentioned.contains)
    }.map(\.id)
  }
}
