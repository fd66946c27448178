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

    public var description: String {
      switch self {
      case .drop(let h): return "drop \(h)"
      case .replace(let h, let f): return "replace \(h) by \(f)"
      case .assume(let f): return "assume \(f)"
      case .definition(let a, let b): return "use \(b) for \(a)"
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

  /// The development with the edits applied to the text of the files, reloaded.
  public func edited(_ edits: [Edit]) throws -> Development {
    var files = sources
    var placements: [Placement] = []
    var assumed = 0
    for edit in edits {
      if case .definition(let old, let new) = edit {
        guard original.entry(old)?.kind == .definition else {
          throw Failure(message: "beb: error: --def: no definition '\(old)'")
        }
        guard original.entry(new)?.kind == .definition else {
          throw Failure(message: "beb: error: --def: no definition '\(new)'")
        }
        files = files.map { renameApplications(in: $0, old, new) }
        continue
      }
      guard let index = files.firstIndex(where: { $0.path == original.entry(id)?.path }) else {
        throw Failure(message: "beb: error: the file of '\(id)' is not among the sources")
      }
      let file = files[index]
      let tree: SourceTree
      do {
        tree = try Parser.parse(file)
      } catch {
        throw Failure(message: error.diagnostic(in: file).rendered)
      }
      guard let declaration = tree.items.compactMap({ item -> ResultDecl? in
        if case .result(let r) = item, r.id.text == id { return r }
        return nil
      }).first else {
        throw Failure(message: "beb: error: '\(id)' is not declared in \(file.path)")
      }
      var bytes = file.bytes
      func lineStart(_ offset: Int) -> Int {
        var i = offset
        while i > 0 && bytes[i - 1] != UInt8(ascii: "\n") { i -= 1 }
        return i
      }
      func lineEnd(_ offset: Int) -> Int {
        var i = offset
        while i < bytes.count && bytes[i] != UInt8(ascii: "\n") { i += 1 }
        return min(i + 1, bytes.count)
      }
      let hypotheses = declaration.clauses.compactMap { clause -> (Name, Expr)? in
        if case .assume(let name, let expr) = clause { return (name, expr) }
        return nil
      }
      func hypothesis(_ name: String) throws -> (Name, Expr) {
        guard let found = hypotheses.first(where: { $0.0.text == name }) else {
          let hint = ElaborationError.suggestion(for: name, among: hypotheses.map(\.0.text)).map {
            "; did you mean '\($0)'?"
          } ?? ""
          let names = hypotheses.map(\.0.text).joined(separator: ", ")
          throw Failure(
            message: "beb: error: '\(id)' has no hypothesis '\(name)'\(hint) (its hypotheses: \(names))")
        }
        return found
      }
      switch edit {
      case .drop(let name):
        let (label, expr) = try hypothesis(name)
        bytes.replaceSubrange(lineStart(label.span.start)..<lineEnd(expr.span.end - 1), with: [])
      case .replace(let name, let formula):
        let (_, expr) = try hypothesis(name)
        let start = expr.span.start + 1
        bytes.replaceSubrange(expr.span.start..<expr.span.end, with: Array(("\n" + formula + "\n").utf8))
        placements.append(Placement(path: file.path, start: start, text: formula, flag: "--replace \(name)"))
      case .assume(let formula):
        guard let show = declaration.clauses.compactMap({ clause -> Expr? in
          if case .show(_, let e) = clause { return e }
          return nil
        }).first else { throw Failure(message: "beb: error: '\(id)' has no conclusion") }
        assumed += 1
        var name = assumed == 1 ? "whatif" : "whatif\(assumed)"
        while hypotheses.contains(where: { $0.0.text == name }) { name += "_" }
        let at = lineStart(show.span.start)
        let header = "  assume \(name) :\n"
        bytes.insert(contentsOf: Array((header + formula + "\n").utf8), at: at)
        placements.append(Placement(path: file.path, start: at + header.utf8.count, text: formula, flag: "--assume"))
      case .definition: break
      }
      files[index] = SourceFile(path: file.path, bytes: bytes)
    }
    switch Loader.load(sources: files) {
    case .success(let development):
      // The paper's findings against the edited result describe the unedited statement;
      // under the edit the result's own verdict is what counts.
      return development.withoutFindings(of: id)
    case .failure(let failure):
      let rendered = failure.diagnostics.map { diagnostic -> String in
        guard let placement = placements.last(where: {
          $0.path == diagnostic.path && diagnostic.span.start >= $0.start
            && diagnostic.span.start <= $0.start + $0.text.utf8.count
        }) else { return diagnostic.rendered }
        let file = SourceFile(path: placement.flag, text: placement.text)
        let span = Span(
          diagnostic.span.start - placement.start,
          min(diagnostic.span.end - placement.start, placement.text.utf8.count))
        return Diagnostic(in: file, at: span, diagnostic.message).rendered
      }
      throw Failure(message: rendered.joined(separator: "\n"))
    }
  }

  /// Every application `old(` of a definition becomes `new(`, outside `old`'s own definition.
  func renameApplications(in file: SourceFile, _ old: String, _ new: String) -> SourceFile {
    let text = String(decoding: file.bytes, as: UTF8.self)
    var out = ""
    var rest = Substring(text)
    let continuing: Set<Character> = ["-", ".", "_"]
    while let range = rest.range(of: old + "(") {
      let before = rest[..<range.lowerBound]
      let previous = before.last
      let standalone = previous.map { !($0.isLetter || $0.isNumber || continuing.contains($0)) } ?? true
      out += before
      out += standalone ? new + "(" : old + "("
      rest = rest[range.upperBound...]
    }
    out += rest
    return SourceFile(path: file.path, text: out)
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
        step.symbolic != "verified" || step.numeric == "refuted"
      }.filter { step in
        let old = before.steps.first { $0.id == step.id }
        return old == nil || (old!.symbolic == "verified" && old!.numeric != "refuted")
          || step.numeric == "refuted"
      }
    }
    public var stillHolding: [StepReport] { after.steps.filter { $0.symbolic == "verified" && $0.numeric != "refuted" } }
    public var changed: Bool {
      statusChanged || before.steps.map(\.symbolic) != after.steps.map(\.symbolic)
        || after.numeric?.status == "refuted"
    }
  }

  public struct Answer {
    public let id: String
    public let edits: [Edit]
    public let comparisons: [Comparison]
    /// Whether definitions were swapped (then no world is drawn: every result is re-checked).
    public let numeric: Bool

    public var changed: Bool { comparisons.contains { $0.changed } }
  }

  /// Checks `id` and its dependents with the edits, against the unedited development.
  public func run(_ edits: [Edit]) throws -> Answer {
    let development = try edited(edits)
    let swapsDefinitions = edits.contains { if case .definition = $0 { return true } else { return false } }
    let affected: [String]
    if swapsDefinitions {
      affected = original.entries.filter { $0.kind != .definition && $0.kind != .axiom }.map(\.id)
    } else {
      affected = [id] + original.dependents(of: id)
    }
    var symbolic = options
    symbolic.numeric = false
    symbolic.only = affected
    let before = Checker.check(original.withoutFindings(of: id), options: symbolic)
    var after = Checker.check(development, options: symbolic)
    if !swapsDefinitions {
      // The edited statement (and its proof's steps) on worlds.
      var numeric = options
      numeric.numeric = true
      numeric.only = [id]
      let checked = Checker.check(development, options: numeric)
      if let report = checked.results.first(where: { $0.entry.id == id }) {
        after = CheckReport(
          options: after.options, files: after.files,
          results: after.results.map { $0.entry.id == id ? report : $0 },
          unconfirmedFindings: after.unconfirmedFindings)
      }
    }
    let comparisons = affected.compactMap { result -> Comparison? in
      guard let b = before.results.first(where: { $0.entry.id == result }),
        let a = after.results.first(where: { $0.entry.id == result })
      else { return nil }
      return Comparison(id: result, before: b, after: a)
    }
    return Answer(id: id, edits: edits, comparisons: comparisons, numeric: !swapsDefinitions)
  }

  // MARK: Necessity

  public struct Necessity {
    public let hypothesis: String
    /// `needed`, `not used` or `unknown`.
    public let verdict: String
    public let counterexample: String?
    public let detail: String
  }

  /// For each hypothesis of `id`: needed (a world refutes the statement without it), not used
  /// by any step of the proof, or unknown.
  public func necessity() throws -> [Necessity] {
    guard let entry = original.entry(id) else { return [] }
    var symbolic = options
    symbolic.numeric = false
    symbolic.only = [id]
    let report = Checker.check(original, options: symbolic).results.first { $0.entry.id == id }
    let steps = report?.steps ?? []
    var rows: [Necessity] = []
    for hypothesis in entry.hypotheses.map(\.name) {
      let used = steps.contains { $0.uses.contains(hypothesis) }
      let dropped = try edited([.drop(hypothesis)])
      var numeric = options
      numeric.numeric = true
      numeric.only = [id]
      let verdict = Checker.check(dropped, options: numeric).results.first { $0.entry.id == id }?.numeric
      if verdict?.status == "refuted" {
        rows.append(
          Necessity(
            hypothesis: hypothesis, verdict: "needed", counterexample: verdict?.counterexample,
            detail: "without it the statement is false on a world (re-validated)"))
      } else if !used && !steps.isEmpty && report?.status == .verified {
        rows.append(
          Necessity(
            hypothesis: hypothesis, verdict: "not used", counterexample: nil,
            detail: "no step of the verified proof rests on it"))
      } else {
        let why = used
          ? "steps rest on it, but no world refuted the statement without it"
          : "no step rests on it, but the proof is not verified"
        rows.append(
          Necessity(
            hypothesis: hypothesis, verdict: "unknown", counterexample: nil,
            detail: why + (verdict.map { " (numeric: \($0.status) on \($0.worlds) worlds)" } ?? "")))
      }
    }
    return rows
  }

  public static func necessityText(_ id: String, _ rows: [Necessity]) -> String {
    var out = "necessity of the hypotheses of \(id):\n"
    for row in rows {
      out += "  \(row.hypothesis): \(row.verdict) — \(row.detail)\n"
      if let world = row.counterexample { out += "    world: \(world)\n" }
    }
    return out
  }

  public static func necessityJSON(_ id: String, _ rows: [Necessity]) -> JSON {
    .object([
      ("schema", .string("beb-necessity/1")), ("id", .string(id)),
      (
        "hypotheses",
        .array(
          rows.map { row in
            .object([
              ("name", .string(row.hypothesis)), ("verdict", .string(row.verdict)),
              ("detail", .string(row.detail)),
              ("counterexample", row.counterexample.map(JSON.string) ?? .null),
            ])
          })
      ),
    ])
  }
}

extension WhatIf.Answer {
  /// The difference from the unedited check, for people.
  public func text() -> String {
    var out = "what if \(id): " + edits.map(\.description).joined(separator: "; ") + "\n"
    if !numeric { out += "(definitions swapped: every result re-checked symbolically; no worlds drawn)\n" }
    let changedResults = comparisons.filter(\.changed)
    for comparison in comparisons where comparison.id == id || comparison.changed {
      let arrow = comparison.statusChanged
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
      if !failing.isEmpty {
        out += "  steps that now fail:\n"
        for step in failing {
          out += "    \(step.id) [\(step.symbolic), by \(step.rule)] \(step.claim)\n"
          if let reason = step.reason { out += "      \(reason)\n" }
          if let world = step.counterexample { out += "      false on the world: \(world)\n" }
        }
      }
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
                    ("status", .string(v.status)), ("worlds", .int(v.worlds)),
                    ("counterexample", v.counterexample.map(JSON.string) ?? .null),
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
    Development(
      files: files, entries: entries, findings: findings.filter { $0.result.text != id },
      global: global)
  }
}
