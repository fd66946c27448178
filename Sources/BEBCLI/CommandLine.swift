import BEBCheck
import BEBKernel
import BEBSyntax
import Foundation

/// What a run of the command line produced: an exit status and the text of both streams.
public struct Outcome: Sendable {
  public let status: Int32
  public let stdout: String
  public let stderr: String
}

/// The `beb` command line. Exit codes: 0 everything checks, 1 something does not check (or is
/// not checked yet), 2 bad input or bad usage.
public enum BEB {
  public static let version = "0.1.0"

  static let usage = """
    beb \(version) — a proof checker for the Behavior Expectation Bounds theory of LLM alignment

    Usage:
      beb check [PATH...] [--json] [--steps] [--symbolic-only] [--necessity] [--only ID]...
                [--worlds N] [--seed S]
      beb report [PATH...] [--format md|html|tex|json|all] [--out DIR] [--numeric] [--necessity]
                 [--worlds N] [--seed S]
      beb whatif ID (--drop HYP | --replace HYP 'FORMULA' | --assume 'FORMULA' | --def OLD=NEW
                 | --behavior-range '[LO, HI]' | --sub-probability | --undefined-conditionals
                 | --prob-range '[LO, HI]')...
                 [--vs EDIT...] [--necessity] [--json]
                 [--worlds N] [--seed S] [PATH...]
      beb bench [PATH...] [--worlds N] [--seed S] [--repeat K]
      beb bound ID [--set NAME=VALUE]... [PATH...]
      beb init [DIR]
      beb search PATTERN [PATH...]
      beb coverage [PATH...] [--json] [--numeric] [--worlds N] [--seed S] [--paper FILE]
      beb tight ID [PATH...] [--worlds N] [--seed S] [--max-length K] [--json]
      beb rules [NAME]
      beb --help | beb help [COMMAND] | beb COMMAND --help
      beb --version

    Commands:
      check    Load a development (default: theorems/ and proofs/ here), check names and sorts,
               check every proof step with the kernel and on 1000 finite worlds, and report
               each result's status.

      bound    Evaluate a result's length bounds for given parameter values.

      report   Check once and write the proof reports (Markdown, self-contained HTML with
               MathML and SVG, a LaTeX appendix, JSON) to reports/ ('beb report --help').

      whatif   Check a result with a hypothesis dropped, replaced or added (or a definition
               swapped), without editing files, against the unedited check (beb whatif --help).

      bench    Time loading, symbolic and numeric checking of a development, with rates and
               peak memory (beb bench --help).

      search   Find what to cite: the definitions, axiom schemas and results whose statement
               contains an expression of a shape, e.g. beb search 'log(_ · _)'.

      coverage List every numbered step of the paper's proofs (THEORY.md) with its status:
               verified, finding, failing, omitted (with the reason) or missing.

      tight    How tight a length bound is: the shortest misaligning prompt on worlds that
               satisfy a result's hypotheses, against the length the result states.

      rules    The rules a proof step can name (by RULE): what each proves and how it is
               written (beb rules linarith).

      init     Start a development of your own: a file that imports beb's library
               (import "beb/axioms", import "beb/paper") and proves two lemmas with it.

    Exit codes: 0 everything checks (recorded findings included); 1 some result does not
    check or is unchecked;
    2 bad input (syntax, sorts, unknown names, unreadable files) or bad usage.
    """

  static let checkUsage = """
    Usage: beb check [PATH...] [options]

    Loads every .beb file in the given files and folders (default: theorems/ and proofs/ of
    the current folder), resolves names, checks sorts, checks every proof step with the
    kernel, runs every statement and step on finite worlds, and reports each result:
    verified, unjustified (with the failing steps and why), expected-finding (an error of
    the paper recorded as a finding), refuted (false on a world, which is printed), assumed
    (axioms) or unchecked (no proof). Input errors are printed as file:line:col with a caret.

    Both halves run by default. The numeric half runs every statement (hypotheses ⇒
    conclusion) and every proof step on finite worlds that satisfy the hypotheses (directed
    sampling): an axiom or verified result false on a world is a CONFLICT. It takes about 4
    minutes for the bundled development on two cores the first time (a progress line shows
    on a terminal); its verdicts are kept in .beb-cache/, so a check after an edit runs
    again only the results the edit reaches (about 2 s when nothing changed).

    Options:
      --json         Write the report as JSON (schema beb-check/1) instead of a table.
      --steps        List every proof step with its verdict and the hypotheses it uses.
      --symbolic-only
                     Check with the kernel only; every step's numeric verdict is 'skipped'
                     (the same as --worlds 0).
      --numeric      The default; accepted so that older scripts keep working.
      --necessity    For every result, drop each hypothesis in turn and run the statement on
                     worlds (as beb whatif ID --necessity), and print each result's table:
                     needed (a world refutes it; the world is printed), not used (no step of
                     the verified proof rests on it), not needed on worlds (the statement
                     held where it fails: worlds drawn with it negated) or unknown. One or two
                     numeric checks per hypothesis: slow; a progress line shows on a terminal.
                     Without it, the JSON's tables come from the symbolic check alone.
      --only ID      Report only this id (repeatable); only the proofs it needs are checked.
      --save-baseline FILE
                     Also write the JSON report to FILE (atomically), as a baseline.
      --baseline FILE
                     Print what changed since the baseline FILE, result by result and step
                     by step (after the table; on stderr with --json).
      --worlds N     The numeric budget, also of --necessity (default 1000): N worlds
                     that satisfy the hypotheses per result, and every proof step passed on
                     N of them, from at most 10N attempts. The bundled development takes
                     about 4 minutes on two cores at 1000; --worlds 100 under one. 0: no
                     numeric check (--symbolic-only).
      --seed S       Seed for the worlds (default 1); the same seed gives the same worlds.
      --no-cache     Run every numeric check, even those whose verdict is kept in
                     .beb-cache/ (see below), and keep nothing.
      -h, --help     Show this help.

    Counts, the same in every command: the table's numeric column 'STATUS N/M' reads N worlds
    that decided the statement (for passed: where it held) of M worlds drawn; a reason's 'S of
    M attempts satisfied the hypotheses' counts the drawn worlds where every hypothesis held,
    and 'rejected (false/undecided): H a/b' the attempts rejected at hypothesis H, a where it
    was false and b where it could not be decided.

    With --symbolic-only every step's numeric verdict is 'skipped'. Numeric verdicts are kept in
    .beb-cache/ in the current folder: a result whose statement, proof, cited statements and
    the development's definitions are unchanged since a check with the same budget and seed
    (by the same build of beb) is not run again; stderr says how many verdicts were read.
    Delete the folder at any time.
    """

  /// Runs `beb` with `arguments` (without the program name) in folder `directory`.
  public static func run(_ arguments: [String], in directory: String? = nil) -> Outcome {
    guard let command = arguments.first else { return usageError("missing command") }
    switch command {
    case "-h", "--help", "help":
      guard arguments.count > 1 else { return Outcome(status: 0, stdout: usage + "\n", stderr: "") }
      let usages = commandUsages.merging(["help": usage, "version": usage]) { a, _ in a }
      guard let text = usages[arguments[1]] else {
        return usageError("no help for '\(arguments[1])': no such command" + hint(arguments[1]))
      }
      return Outcome(status: 0, stdout: text + "\n", stderr: "")
    case "--version", "version":
      return Outcome(status: 0, stdout: "beb \(version)\n", stderr: "")
    case "check":
      return check(Array(arguments.dropFirst()), in: directory)
    case "bound":
      return bound(Array(arguments.dropFirst()), in: directory)
    case "report":
      return report(Array(arguments.dropFirst()), in: directory)
    case "whatif":
      return whatif(Array(arguments.dropFirst()), in: directory)
    case "bench":
      return bench(Array(arguments.dropFirst()), in: directory)
    case "init":
      return initialize(Array(arguments.dropFirst()), in: directory)
    case "search":
      return search(Array(arguments.dropFirst()), in: directory)
    case "coverage":
      return coverage(Array(arguments.dropFirst()), in: directory)
    case "tight":
      return tight(Array(arguments.dropFirst()), in: directory)
    case "rules":
      return rules(Array(arguments.dropFirst()))
    default:
      return usageError("unknown command '\(command)'" + hint(command))
    }
  }

  /// Every command and its `--help` text: the one list that help, did-you-mean and the tests
  /// read.
  static let commandUsages = [
    "check": checkUsage, "report": reportUsage, "whatif": whatifUsage, "bench": benchUsage,
    "bound": boundUsage, "init": initUsage, "search": searchUsage, "coverage": coverageUsage,
    "tight": tightUsage, "rules": rulesUsage,
  ]

  /// "; did you mean 'X'?" for a command X within two edits of `word` (`chekc` is `check`).
  static func hint(_ word: String) -> String {
    let known = (Array(commandUsages.keys) + ["help", "version"]).sorted()
    return ElaborationError.suggestion(for: word, among: known, within: 2).map {
      "; did you mean '\($0)'?"
    } ?? ""
  }

  static func usageError(_ message: String, help: String = "beb --help") -> Outcome {
    Outcome(status: 2, stdout: "", stderr: "beb: error: \(message)\nRun '\(help)' for usage.\n")
  }

  static let boundUsage = """
    Usage: beb bound ID [--set NAME=VALUE]... [PATH...]

    Evaluates the length bounds a result states (|s| ≤ B in its conclusion, m > B in a
    hypothesis) for given values. NAME is a parameter (β, ε, n, ...) or any subterm of the
    bound, such as log(1/α):

      beb bound thm-3.1 --set 'log(1/α)=30' --set β=20 --set ε=0.1     # 1.6844

    Values are exact numbers (20, 0.1, 3/4); the bound is printed to 4 decimals.
    """

  static func bound(_ arguments: [String], in directory: String?) -> Outcome {
    var id: String?
    var assignments: [String] = []
    var paths: [String] = []
    do throws(UsageError) {
      let parsed = try CommandOptions(arity: ["--set": 1], forms: ["--set": "NAME=VALUE"])
        .parse(arguments)
      if parsed.wantsHelp { return Outcome(status: 0, stdout: boundUsage + "\n", stderr: "") }
      assignments = parsed.options.map { $0.values[0] }
      id = parsed.positional.first
      paths = Array(parsed.positional.dropFirst())
    } catch {
      return usageError(error.message, help: "beb bound --help")
    }
    guard let id else { return usageError("missing result id", help: "beb bound --help") }
    let base = directory ?? FileManager.default.currentDirectoryPath
    if paths.isEmpty { paths = defaultFolders(base) }
    let resolved = paths.map { $0.hasPrefix("/") ? $0 : base + "/" + $0 }
    switch Loader.load(paths: resolved) {
    case .failure(let failure):
      return loadFailed(failure, base: base, directory)
    case .success(let development):
      do {
        let bounds = try BoundCalculator.bounds(of: id, in: development, assignments: assignments)
        var out = ""
        for bound in bounds {
          out += "\(id) (\(bound.place)): \(bound.expression)\n"
          if let middle = bound.value?.midpoint {
            out += "  = \(middle.decimalString(fractionDigits: 4))\n"
          } else if bound.value != nil {
            out += "  too large for an enclosure (an end is infinite)\n"
          } else if !bound.unset.isEmpty {
            out += "  depends on \(bound.unset.joined(separator: ", ")): give them with --set\n"
          } else {
            out += "  undefined for these values\n"
          }
        }
        return Outcome(status: 0, stdout: out, stderr: "")
      } catch {
        switch error {
        case .noSuchResult(let id, let suggestion):
          return usageError(
            "no result '\(id)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
            help: "beb bound --help")
        case .badAssignment(let text, let why):
          return usageError("--set '\(text)': \(why)", help: "beb bound --help")
        case .noBound(let id):
          return usageError("'\(id)' states no bound on a length", help: "beb bound --help")
        }
      }
    }
  }

  static func check(_ arguments: [String], in directory: String?) -> Outcome {
    var options = CheckOptions()
    var json = false
    var steps = false
    var necessity = false
    var paths: [String] = []
    var saveBaseline: String?
    var baseline: String?
    var cache = true
    var symbolicOnly = false
    var worlds: Int?  // the last --worlds given
    let help = "beb check --help"
    let parser = CommandOptions(
      arity: [
        "--json": 0, "--steps": 0, "--numeric": 0, "--symbolic-only": 0, "--necessity": 0,
        "--only": 1, "--worlds": 1, "--seed": 1, "--baseline": 1, "--save-baseline": 1,
        "--no-cache": 0,
      ],
      forms: ["--baseline": "a file", "--save-baseline": "a file"])
    do throws(UsageError) {
      let parsed = try parser.parse(arguments)
      if parsed.wantsHelp { return Outcome(status: 0, stdout: checkUsage + "\n", stderr: "") }
      for (name, values) in parsed.options {
        switch name {
        case "--json": json = true
        case "--steps": steps = true
        case "--numeric": break  // the default
        case "--symbolic-only": symbolicOnly = true
        case "--no-cache": cache = false
        case "--necessity": necessity = true
        case "--baseline": baseline = values[0]
        case "--save-baseline": saveBaseline = values[0]
        case "--only": options.only.append(values[0])
        case "--worlds": worlds = try CommandOptions.worlds(values[0], allowingZero: true)
        default: options.seed = try CommandOptions.seed(values[0])
        }
      }
      paths = parsed.positional
      if symbolicOnly, let worlds, worlds > 0 {
        throw UsageError(
          message: "'--symbolic-only' runs no worlds, and '--worlds \(worlds)' asks for some")
      }
      if worlds == 0 { symbolicOnly = true }
      if let worlds, worlds > 0 { options.worlds = worlds }
      if symbolicOnly, let numeric = ["--numeric", "--necessity"].first(where: parsed.has) {
        throw UsageError(
          message: "'\(numeric)' runs worlds, and '--symbolic-only' (or '--worlds 0') runs none")
      }
    } catch {
      return usageError(error.message, help: help)
    }
    options.numeric = !symbolicOnly
    let base = directory ?? FileManager.default.currentDirectoryPath
    func resolve(_ path: String) -> String { resolved(path, base: base, directory) }
    if paths.isEmpty { paths = defaultFolders(base) }
    guard !paths.isEmpty else { return nothingHere("to check", help: "beb check --help") }
    switch Loader.load(paths: paths.map(resolve)) {
    case .failure(let failure):
      let diagnostics = failure.diagnostics
      let text = diagnostics.map { relative($0.rendered, to: base, directory) }.joined(
        separator: "\n")
      let summary = "\(diagnostics.count) error\(diagnostics.count == 1 ? "" : "s")"
      return Outcome(status: 2, stdout: "", stderr: text + "\n" + summary + "\n")
    case .success(let development):
      if let unknown = options.only.first(where: { development.entry($0) == nil }) {
        let hint =
          ElaborationError.suggestion(for: unknown, among: development.entries.map(\.id)).map {
            "; did you mean '\($0)'?"
          } ?? ""
        return usageError(
          "'--only \(unknown)': no such id in the development\(hint)", help: "beb check --help")
      }
      options.only = reported(options.only, of: development)
      var old: Baseline.Snapshot?
      if let baseline {
        do {
          old = try Baseline.load(resolve(baseline))
        } catch {
          switch error {
          case .unreadable(let why), .notABaseline(let why):
            return usageError(why, help: "beb check --help")
          }
        }
      }
      if options.numeric, isatty(STDERR_FILENO) == 1 {
        options.progress = numericProgress
      }
      if cache { options.cache = numericCache(base) }
      let report = Checker.check(development, options: options)
      var tables: [String: [HypothesisNecessity]] = [:]
      if necessity {
        let found = necessityTables(
          report, of: development, paths: paths.map(resolve), options: options)
        switch found {
        case .success(let found): tables = found
        case .failure(let failure):
          return Outcome(
            status: 2, stdout: "", stderr: relative(failure.message, to: base, directory) + "\n")
        }
      }
      var stdout = json ? report.json(necessity: tables).serialized() : report.table(steps: steps)
      if necessity && !json {
        for result in report.results {
          guard let rows = result.necessity(in: tables), !rows.isEmpty else { continue }
          stdout += "\n" + HypothesisNecessity.text(result.entry.id, rows)
        }
      }
      var stderr = cacheNote(report)
      if let old {
        var changes = Baseline.changes(from: old, to: report)
        if !options.only.isEmpty { changes = changes.filter { !$0.hasPrefix("- ") } }
        let text =
          changes.isEmpty
          ? "no change since the baseline \(baseline!)\n"
          : "changes since the baseline \(baseline!):\n" + changes.joined(separator: "\n") + "\n"
        // With --json the JSON stays alone on stdout; the changes go to stderr.
        if json { stderr += text } else { stdout += "\n" + text }
      }
      if let saveBaseline {
        do {
          try Baseline.save(report, to: resolve(saveBaseline))
          stderr += "baseline saved to \(saveBaseline)\n"
        } catch {
          return Outcome(
            status: 2, stdout: "",
            stderr:
              "beb: error: cannot write the baseline '\(saveBaseline)': \(error.localizedDescription)\n"
          )
        }
      }
      return Outcome(
        status: report.allChecked ? 0 : 1, stdout: relative(stdout, to: base, directory),
        stderr: relative(stderr, to: base, directory)
      )
    }
  }

  /// The progress line of the numeric check on a terminal: the result being run on worlds.
  static let numericProgress: @Sendable (Int, Int, String) -> Void = { done, total, id in
    progressLine(done < total ? "[\(done + 1)/\(total)] worlds for \(id)" : nil)
  }

  /// The ids to report: those asked for with --only, else, when the files import a library,
  /// the user's own results (the library's are checked as far as those rest on them).
  static func reported(_ only: [String], of development: Development) -> [String] {
    guard only.isEmpty, !development.imported.isEmpty else { return only }
    return development.ownEntries.map(\.id)
  }

  /// A development that did not load: its diagnostics, paths as the user gave them (exit 2).
  static func loadFailed(_ failure: LoadFailure, base: String, _ directory: String?) -> Outcome {
    let text = failure.diagnostics.map { relative($0.rendered, to: base, directory) }
    return Outcome(status: 2, stdout: "", stderr: text.joined(separator: "\n") + "\n")
  }

  /// A path as the user gave it when the command runs in the current folder (`directory`
  /// nil), else under `base` (tests pass a folder): diagnostics then show it as given.
  static func resolved(_ path: String, base: String, _ directory: String?) -> String {
    path.hasPrefix("/") || directory == nil ? path : base + "/" + path
  }

  /// The folders a command loads when none is named: `theorems/` and `proofs/` of `base`,
  /// those that exist (empty when neither does).
  static func defaultFolders(_ base: String) -> [String] {
    ["theorems", "proofs"].filter { FileManager.default.fileExists(atPath: base + "/" + $0) }
  }

  /// The usage error of a command run where there is nothing to load: `purpose` says what
  /// the files would be for ("to check", "to cover").
  static func nothingHere(_ purpose: String, help: String) -> Outcome {
    usageError(
      "no theorems/ or proofs/ folder here: name the files or folders \(purpose)", help: help)
  }

  /// The `.beb` files at `paths` (relative ones under `base`), or the outcome (exit 2) that
  /// reports the first path that cannot be read.
  static func discover(_ paths: [String], base: String, _ directory: String?) -> (
    [SourceFile], Outcome?
  ) {
    var sources: [SourceFile] = []
    for path in paths.map({ $0.hasPrefix("/") ? $0 : base + "/" + $0 }) {
      switch Loader.discover(path) {
      case .success(let found): sources += found
      case .failure(let diagnostic):
        return (
          [],
          Outcome(
            status: 2, stdout: "", stderr: relative(diagnostic.rendered, to: base, directory) + "\n"
          )
        )
      }
    }
    return (sources, nil)
  }

  /// The numeric cache of the development in folder `base`: `.beb-cache/` there, kept by this
  /// build of beb; nil when the running executable cannot be identified.
  static func numericCache(_ base: String) -> NumericCache? {
    NumericCache.engine(version: version).map {
      NumericCache(folder: base + "/.beb-cache", engine: $0)
    }
  }

  /// What stderr says when verdicts were read from the cache (nothing when none was).
  static func cacheNote(_ report: CheckReport) -> String {
    let count = report.numericCached.count
    guard count > 0 else { return "" }
    return
      "numeric: \(count) verdict\(count == 1 ? "" : "s") read from .beb-cache/ (unchanged since "
      + "an earlier check); --no-cache runs them again\n"
  }

  /// Replaces the progress line on standard error (a terminal) by `text`, or clears it (nil).
  static func progressLine(_ text: String?) {
    FileHandle.standardError.write(Data(("\r\u{1B}[K" + (text ?? "")).utf8))
  }

  /// Paths in output are shown as the user gave them, not with the folder tests pass in.
  static func relative(_ text: String, to base: String, _ directory: String?) -> String {
    guard directory != nil else { return text }
    return text.replacingOccurrences(of: base + "/", with: "")
  }
}

/// The entry point of the `beb` executable.
public func main() -> Never {
  let outcome = BEB.run(Array(CommandLine.arguments.dropFirst()))
  FileHandle.standardOutput.write(Data(outcome.stdout.utf8))
  FileHandle.standardError.write(Data(outcome.stderr.utf8))
  exit(outcome.status)
}
