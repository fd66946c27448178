import BEBCheck
import BEBKernel
import BEBNumeric
import BEBSyntax
import Foundation

extension BEB {
  static let whatifUsage = """
    Usage: beb whatif ID EDIT... [options] [PATH...]

    Checks result ID and every result that rests on it with an assumption edited, without
    touching any file, and prints what changed against the unedited check: the results whose
    status changed, the steps that now fail (with the reason, or a world where they are
    false), the steps that still hold, and the statement checked on worlds. When a step
    fails because a hypothesis of a result it cites is no longer discharged, that result is
    checked with the hypothesis dropped too: which steps of its proof use it, which of them
    then fail (with a world where each is false), and so on down (three levels at most; not
    with --vs).

    Edits (repeatable, applied in order):
      --drop HYP               Remove the hypothesis HYP of ID.
      --replace HYP 'FORMULA'  Replace the hypothesis HYP of ID by FORMULA.
      --assume 'FORMULA'       Add FORMULA as a hypothesis of ID (named whatif, whatif2, ...).
      --def OLD=NEW            Use definition NEW wherever the development uses OLD (every
                               result re-checked; e.g. --def def-2.2=def-2.2-v4).
      --behavior-range '[LO, HI]'
                               Score behaviors in [LO, HI] instead of [-1, 1] (an assumption
                               the sort Behavior carries; 0 must be in the range): the
                               kernel's bounds on B(s), B[P], B_P(s) become LO and HI, and
                               worlds are drawn with scores in it. ID, the results it rests
                               on and those resting on it are re-checked; e.g.
                               --behavior-range '[-2, 2]'.
      --sub-probability        Let laws lose mass (an assumption the sort Dist carries: a
                               model's next-sentence laws may sum to less than 1, the rest
                               ending the text): the kernel knows no law of total mass 1
                               (expect_const, complement, cantelli, exists_above_mean then
                               refuse), and worlds are drawn with models that lose mass. ID,
                               the results it rests on and those resting on it are re-checked,
                               and the axiom schemas they rest on run on such worlds.
      --undefined-conditionals Read a conditional P(·|s0) after a prefix s0 of probability 0
                               as the paper does, undefined, instead of beb's zero law
                               (x/0 = 0): a statement must then hold whatever law stands
                               there. The kernel gives that law no value (unchanged); worlds
                               put the model's continuation there (its next-sentence laws
                               after s0's context). ID, the results it rests on and those
                               resting on it are re-checked, and the axiom schemas they rest
                               on run on such worlds: one false there relies on the zero law.
      --prob-range '[LO, HI]'  Let Prob variables range over [LO, HI] (0 ≤ LO ≤ HI) instead
                               of [0, 1] (an assumption the sort Prob carries; probabilities
                               of texts and events stay in [0, 1]): the kernel's bounds on a
                               Prob variable become LO and HI (a probability may stand for
                               one only when LO = 0 and HI ≥ 1), and worlds give and try Prob
                               values in it. ID, the results it rests on and those resting on
                               it are re-checked; e.g. --prob-range '[0, 2]'.

    Options:
      --vs EDIT...   Compare two edited versions side by side: the edits before --vs (A)
                     and after it (B); prints the hypotheses of ID that differ, each result's
                     status under A and B, and the steps that fail under one only. Exit 1
                     when a result or step differs, 0 when none does.
      --necessity    For each hypothesis of ID: needed (dropping it lets a world refute the
                     statement: the world is printed), not used by any step, not needed on
                     worlds (the statement held on the worlds drawn where it fails: drawn
                     with it negated), or unknown.
      --json         Write the answer as JSON (schema beb-whatif/1).
      --worlds N     The numeric budget, as beb check (default 100, for a quick answer:
                     100 worlds for the statement, each step passed on 100 of them; beb
                     check's default is 1000).
      --seed S       Seed for the worlds (default 1).
      --no-cache     Run every numeric check again (by default a verdict kept in .beb-cache/
                     by an earlier check of the same statement, proof, budget and seed is
                     used; see beb check --help).
      -h, --help     Show this help.

    FORMULA is written as in a .beb file and may use ID's parameters and let-names. Exit codes:
    0 nothing changed, 1 some result or step changed, 2 bad input or usage.
    """

  static func whatif(_ arguments: [String], in directory: String?) -> Outcome {
    var id: String?
    var edits: [WhatIf.Edit] = []
    /// The second version's edits, after `--vs` (nil: no comparison).
    var versus: [WhatIf.Edit]?
    var paths: [String] = []
    var json = false
    var necessity = false
    var worlds = 100
    var seed: UInt64 = 1
    var cache = true
    func bad(_ message: String) -> Outcome { usageError(message, help: "beb whatif --help") }
    let parser = CommandOptions(
      arity: [
        "--json": 0, "--necessity": 0, "--drop": 1, "--replace": 2, "--assume": 1, "--def": 1,
        "--worlds": 1, "--seed": 1, "--vs": 0, "--no-cache": 0, "--behavior-range": 1,
        "--sub-probability": 0, "--undefined-conditionals": 0, "--prob-range": 1,
      ],
      forms: [
        "--drop": "a hypothesis name", "--replace": "a hypothesis name and a formula",
        "--assume": "a formula", "--def": "OLD=NEW, e.g. --def def-2.2=def-2.2-v4",
        "--behavior-range": "a range [LO, HI] that contains 0, e.g. '[-2, 2]'",
        "--prob-range": "a range [LO, HI] with 0 ≤ LO ≤ HI, e.g. '[0, 2]'",
      ])
    do throws(UsageError) {
      let parsed = try parser.parse(arguments)
      if parsed.wantsHelp { return Outcome(status: 0, stdout: whatifUsage + "\n", stderr: "") }
      for (name, values) in parsed.options {
        // An edit belongs to the first version, or to the second once `--vs` was given.
        var edit: WhatIf.Edit?
        switch name {
        case "--json": json = true
        case "--necessity": necessity = true
        case "--no-cache": cache = false
        case "--vs":
          guard versus == nil else { throw UsageError(message: "'--vs' may be given once") }
          versus = []
        case "--drop": edit = .drop(values[0])
        case "--replace": edit = .replace(values[0], values[1])
        case "--assume": edit = .assume(values[0])
        case "--def":
          let pair = values[0]
          guard let equals = pair.firstIndex(of: "="), !pair[..<equals].isEmpty,
            !pair[pair.index(after: equals)...].isEmpty
          else { throw UsageError(message: "option '--def' needs \(parser.forms["--def"]!)") }
          edit = .definition(String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
        case "--behavior-range":
          guard let range = behaviorRange(values[0]) else {
            throw UsageError(
              message:
                "option '--behavior-range' needs \(parser.forms["--behavior-range"]!), not '\(values[0])'"
            )
          }
          edit = .behaviorRange(range)
        case "--sub-probability": edit = .subProbability
        case "--undefined-conditionals": edit = .undefinedConditionals
        case "--prob-range":
          guard let (low, high) = range(values[0]),
            ProbabilityRange(low: low, high: high).isAdmissible
          else {
            throw UsageError(
              message:
                "option '--prob-range' needs \(parser.forms["--prob-range"]!), not '\(values[0])'")
          }
          edit = .probabilityRange(ProbabilityRange(low: low, high: high))
        case "--worlds": worlds = try CommandOptions.worlds(values[0])
        default: seed = try CommandOptions.seed(values[0])
        }
        if let edit {
          if versus == nil { edits.append(edit) } else { versus!.append(edit) }
        }
      }
      id = parsed.positional.first
      paths = Array(parsed.positional.dropFirst())
    } catch {
      return bad(error.message)
    }
    guard let id else { return bad("missing result id") }
    guard !edits.isEmpty || necessity else {
      return bad(
        "no edit: give --drop, --replace, --assume, --def, --behavior-range, --sub-probability, --undefined-conditionals, --prob-range or --necessity"
      )
    }
    if let versus {
      guard !versus.isEmpty, !edits.isEmpty else {
        return bad("'--vs' compares two edits: give edits before and after it")
      }
      guard !necessity else { return bad("'--vs' and '--necessity' cannot be combined") }
    }
    // Each formula must parse on its own; errors point into the formula itself.
    for edit in edits + (versus ?? []) {
      let (flag, formula): (String, String)
      switch edit {
      case .replace(let name, let f): (flag, formula) = ("--replace \(name)", f)
      case .assume(let f): (flag, formula) = ("--assume", f)
      default: continue
      }
      let file = SourceFile(path: flag, text: formula)
      do {
        _ = try Parser.parseExpression(file)
      } catch {
        return Outcome(status: 2, stdout: "", stderr: error.diagnostic(in: file).rendered + "\n")
      }
    }
    let base = directory ?? FileManager.default.currentDirectoryPath
    if paths.isEmpty { paths = defaultFolders(base) }
    guard !paths.isEmpty else { return nothingHere("to check", help: "beb whatif --help") }
    var (sources, unreadable) = discover(paths, base: base, directory)
    if let unreadable { return unreadable }
    let original: Development
    switch Loader.load(sources: sources) {
    case .failure(let failure):
      return loadFailed(failure, base: base, directory)
    case .success(let development): original = development
    }
    // A result of an imported library may be edited too: its file joins the sources (the
    // import then skips it, so the edited text is the one loaded).
    for path in original.imported.sorted() {
      if let data = FileManager.default.contents(atPath: path) {
        sources.append(SourceFile(path: path, bytes: [UInt8](data)))
      }
    }
    guard let entry = original.entry(id), entry.kind != .definition else {
      let hint =
        ElaborationError.suggestion(for: id, among: original.entries.map(\.id)).map {
          "; did you mean '\($0)'?"
        } ?? ""
      return bad("no result '\(id)' in the development\(hint)")
    }
    var options = CheckOptions()
    options.worlds = worlds
    options.seed = seed
    if cache { options.cache = numericCache(base) }
    let whatif = WhatIf(original: original, sources: sources, id: id, options: options)
    do {
      // The necessity table: which steps use each hypothesis (the unedited symbolic check),
      // then each hypothesis dropped and the statement run on worlds.
      func necessityTable() throws -> [HypothesisNecessity] {
        var symbolic = options
        symbolic.only = [id]
        let report = Checker.check(original, options: symbolic).results.first
        return try report.map { try whatif.necessityTable($0) } ?? []
      }
      if necessity && edits.isEmpty {
        let table = try necessityTable()
        let text =
          json
          ? HypothesisNecessity.json(id, table).serialized() : HypothesisNecessity.text(id, table)
        return Outcome(status: 0, stdout: relative(text, to: base, directory), stderr: "")
      }
      if let versus {
        let comparison = try whatif.versus(edits, versus)
        let text = json ? comparison.json().serialized() : comparison.text()
        return Outcome(
          status: comparison.differs ? 1 : 0, stdout: relative(text, to: base, directory),
          stderr: "")
      }
      let answer = try whatif.run(edits)
      // Citations the edit broke, followed into the cited results' proofs.
      let descents = whatif.descents(answer)
      var text: String
      if json {
        var object = answer.json()
        if case .object(var members) = object {
          members.append(("descents", .array(descents.map(\.json))))
          object = .object(members)
        }
        text = object.serialized()
      } else {
        text = answer.text()
        if !descents.isEmpty {
          text +=
            "\nwhy the citations broke (each cited result checked with its hypothesis dropped):\n"
            + WhatIf.text(descents)
        }
      }
      if necessity && !json {
        text += "\n" + HypothesisNecessity.text(id, try necessityTable())
      }
      return Outcome(
        status: answer.changed ? 1 : 0, stdout: relative(text, to: base, directory), stderr: "")
    } catch let failure as WhatIf.Failure {
      return Outcome(
        status: 2, stdout: "", stderr: relative(failure.message, to: base, directory) + "\n")
    } catch {
      return Outcome(status: 2, stdout: "", stderr: "beb: error: \(error)\n")
    }
  }
}

extension BEB {
  /// `[LO, HI]` (brackets optional; numbers as in a .beb file: `-2`, `0.5`, `-1/2`) with
  /// LO ≤ 0 ≤ HI, or nil.
  static func behaviorRange(_ text: String) -> BehaviorRange? {
    guard let (low, high) = range(text) else { return nil }
    let range = BehaviorRange(low: low, high: high)
    return range.containsZero ? range : nil
  }

  /// The ends of a range written `[LO, HI]` (brackets optional), numbers as decimals or
  /// fractions.
  static func range(_ text: String) -> (Rational, Rational)? {
    var inner = Substring(text.trimmingCharacters(in: .whitespaces))
    if inner.hasPrefix("[") && inner.hasSuffix("]") { inner = inner.dropFirst().dropLast() }
    let parts = inner.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard parts.count == 2, let low = Rational(decimal: parts[0]),
      let high = Rational(decimal: parts[1])
    else { return nil }
    return (low, high)
  }
}
