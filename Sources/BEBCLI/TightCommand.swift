import BEBCheck
import BEBKernel
import BEBNumeric
import BEBSyntax
import Foundation

extension BEB {
  static let tightUsage = """
    Usage: beb tight ID [PATH...] [--worlds N] [--seed S] [--max-length K] [--json]

    How tight is a result's length bound? For a result whose conclusion is
    ∃ s : Text, |s| ≤ L ∧ φ(s) (a misaligning prompt of at most L sentences), draws worlds that
    satisfy its hypotheses and finds on each the shortest prompt meeting φ (by length, up to
    K sentences; decided exactly where φ depends on the prompt through finitely many states),
    then compares it with L on that world:

      shortest / L   min, median and max over the worlds (1: the bound is met exactly; near
                     0: it is loose there), and the world where the bound is tightest, shrunk
                     (fewer sentences, shorter horizon, simpler numbers) to a world with at
                     least that ratio, printed for a person to check.

    Also counted: worlds where no prompt up to K sentences meets φ (L above K), where the
    comparison is not known (a shorter length undecided, or L's enclosure too wide to tell),
    where L ≤ 0, and where no prompt of at most L sentences meets φ: each of those refutes
    the statement, once a fresh evaluation finds the hypotheses true and the conclusion false
    there, and the first is printed.

    Options:
      --worlds N       Worlds satisfying the hypotheses to measure (default 200), from at most
                       10N attempts.
      --seed S         Seed (default 1); the same seed gives the same worlds.
      --max-length K   The longest prompt searched (default 24).
      --json           Write the figures as JSON (schema beb-tight/1).
      -h, --help       Show this help.

    Exit codes: 0 measured; 1 a world's shortest prompt exceeds the bound; 2 bad input, an
    unknown id, or a conclusion that is not a length bound.
    """

  static func tight(_ arguments: [String], in directory: String?) -> Outcome {
    let help = "beb tight --help"
    var worlds = 200
    var seed: UInt64 = 1
    var maxLength = 24
    var json = false
    var id: String?
    var paths: [String] = []
    do throws(UsageError) {
      let parsed = try CommandOptions(
        arity: ["--worlds": 1, "--seed": 1, "--max-length": 1, "--json": 0],
        forms: ["--max-length": "a number of sentences"]
      ).parse(arguments)
      if parsed.wantsHelp { return Outcome(status: 0, stdout: tightUsage + "\n", stderr: "") }
      for (name, values) in parsed.options {
        switch name {
        case "--worlds": worlds = try CommandOptions.worlds(values[0])
        case "--seed": seed = try CommandOptions.seed(values[0])
        case "--json": json = true
        default:
          guard let k = Int(values[0]), (0...64).contains(k) else {
            throw UsageError(message: "--max-length '\(values[0])': expected 0 to 64 sentences")
          }
          maxLength = k
        }
      }
      id = parsed.positional.first
      paths = Array(parsed.positional.dropFirst())
    } catch {
      return usageError(error.message, help: help)
    }
    guard let id else { return usageError("missing result id", help: help) }
    guard worlds > 0 else { return usageError("--worlds must be at least 1", help: help) }
    let base = directory ?? FileManager.default.currentDirectoryPath
    if paths.isEmpty { paths = defaultFolders(base) }
    guard !paths.isEmpty else { return nothingHere("to measure", help: help) }
    let development: Development
    switch Loader.load(paths: paths.map { resolved($0, base: base, directory) }) {
    case .failure(let failure): return loadFailed(failure, base: base, directory)
    case .success(let loaded): development = loaded
    }
    guard let entry = development.entry(id), entry.kind != .definition else {
      let hint =
        ElaborationError.suggestion(for: id, among: development.entries.map(\.id)).map {
          "; did you mean '\($0)'?"
        } ?? ""
      return usageError("no result '\(id)' in the development\(hint)", help: help)
    }
    let statement = entry.kernelStatement
    guard
      let report = Tightness.measure(
        parameters: statement.parameters, hypotheses: statement.hypotheses,
        conclusion: statement.conclusion, definitions: development.kernelDefinitions,
        count: worlds, seed: seed, salt: StatementCheck.salt(id), maxLength: maxLength)
    else {
      return usageError(
        "'\(id)' does not conclude with a length bound ∃ s : Text, |s| ≤ L ∧ …", help: help)
    }
    // The tightest world, shrunk to one with at least its ratio, described for a person.
    var tightest: Tightest?
    if let top = report.byRatio.last {
      let small = Shrinker.shrink(top.world, parameters: statement.parameters) { candidate in
        Tightness.keepsRatio(
          candidate, report, ratio: top.ratio, hypotheses: statement.hypotheses,
          definitions: development.kernelDefinitions)
      }
      // Re-measured on the shrunk world, from scratch: what the person checks by hand.
      if let again = Tightness.measureOne(
        small, report, statement.hypotheses, development.kernelDefinitions)
      {
        tightest = Tightest(sample: top, world: small, shortest: again.shortest, bound: again.bound)
      }
    }
    let stdout =
      json
      ? tightJSON(id, report, tightest, statement.parameters, seed: seed).serialized()
      : tightText(id, report, tightest, statement.parameters, seed: seed)
    return Outcome(status: report.exceeding > 0 ? 1 : 0, stdout: stdout, stderr: "")
  }

  static func decimal(_ q: Rational) -> String { q.decimalString(fractionDigits: 4) }

  /// The world where the bound is tightest, and the same shrunk, measured again.
  struct Tightest {
    let sample: TightnessSample
    let world: World
    let shortest: Int
    let bound: Rational
  }

  static func tightText(
    _ id: String, _ report: TightnessReport, _ tightest: Tightest?,
    _ parameters: [Variable], seed: UInt64
  ) -> String {
    var out = "\(id): the shortest prompt meeting the conclusion, against its bound L\n"
    out += "  worlds: \(report.satisfied) satisfied the hypotheses (of \(report.drawn) drawn, "
    out += "seed \(seed)); measured on \(report.samples.count)"
    var others: [String] = []
    if report.noPrompt > 0 {
      others.append("no prompt up to \(report.maxLength) sentences on \(report.noPrompt)")
    }
    if report.undecided > 0 { others.append("shortest length unknown on \(report.undecided)") }
    if report.nonPositiveBound > 0 { others.append("L ≤ 0 on \(report.nonPositiveBound)") }
    if report.exceeding > 0 {
      others.append(
        "no prompt of at most L sentences on \(report.exceeding) (each refutes the statement)")
    }
    out += others.isEmpty ? "\n" : "; " + others.joined(separator: "; ") + "\n"
    if let refuting = report.refuting {
      out += "  refuted on world \(refuting.index) (re-validated: the hypotheses hold, the "
      out += "conclusion fails): " + StatementCheck.describe(refuting.world, parameters).text + "\n"
    }
    let sorted = report.byRatio
    guard let first = sorted.first, let last = sorted.last, let median = report.median else {
      return out + "  no world measured\n"
    }
    out += "  shortest / L: min \(decimal(first.ratio)), median \(decimal(median)), "
    out += "max \(decimal(last.ratio))\n"
    let needing = report.needingPrompt
    out += "  the empty prompt suffices on \(sorted.count - needing.count) of them"
    if let low = needing.first, let high = needing.last,
      let middle = TightnessReport.median(needing)
    {
      out += "; on the \(needing.count) that need a prompt: min \(decimal(low.ratio)), "
      out += "median \(decimal(middle)), max \(decimal(high.ratio))"
    }
    out += "\n"
    let lengths = sorted.map(\.shortest)
    out += "  shortest prompt: \(lengths.min()!) to \(lengths.max()!) sentences; L: "
    out += "\(decimal(report.samples.map(\.bound).min()!)) to "
    out += "\(decimal(report.samples.map(\.bound).max()!))\n"
    if let tightest {
      out += "  tightest: world \(tightest.sample.index) (shortest \(tightest.sample.shortest), "
      out += "L = \(decimal(tightest.sample.bound))), shrunk to a world with shortest "
      out += "\(tightest.shortest) and L = \(decimal(tightest.bound)) (ratio "
      out += "\(decimal(Rational(BigInt(tightest.shortest)) / tightest.bound))): "
      out += StatementCheck.describe(tightest.world, parameters).text + "\n"
    }
    return out
  }

  static func tightJSON(
    _ id: String, _ report: TightnessReport, _ tightest: Tightest?,
    _ parameters: [Variable], seed: UInt64
  ) -> JSON {
    let sorted = report.byRatio
    func number(_ q: Rational?) -> JSON { q.map { .string(decimal($0)) } ?? .null }
    return .object([
      ("schema", .string("beb-tight/1")),
      ("id", .string(id)),
      ("seed", .string(String(seed))),
      ("drawn", .int(report.drawn)),
      ("satisfied", .int(report.satisfied)),
      ("max_length", .int(report.maxLength)),
      ("no_prompt", .int(report.noPrompt)),
      ("empty_prompt", .int(report.samples.count - report.needingPrompt.count)),
      ("undecided", .int(report.undecided)),
      ("nonpositive_bound", .int(report.nonPositiveBound)),
      ("exceeding", .int(report.exceeding)),
      (
        "refuting_world",
        report.refuting.map {
          .object([
            ("index", .int($0.index)),
            ("world", .string(StatementCheck.describe($0.world, parameters).text)),
          ])
        } ?? .null
      ),
      (
        "ratio",
        .object([
          ("min", number(sorted.first?.ratio)), ("median", number(report.median)),
          ("max", number(sorted.last?.ratio)),
        ])
      ),
      (
        "worlds",
        .array(
          report.samples.map {
            .object([
              ("index", .int($0.index)), ("shortest", .int($0.shortest)),
              ("bound", .string(decimal($0.bound))), ("ratio", .string(decimal($0.ratio))),
            ])
          })
      ),
      (
        "tightest",
        tightest.map {
          .object([
            ("index", .int($0.sample.index)), ("shortest", .int($0.sample.shortest)),
            ("bound", .string(decimal($0.sample.bound))),
            ("shrunk_shortest", .int($0.shortest)), ("shrunk_bound", .string(decimal($0.bound))),
            ("shrunk_world", .string(StatementCheck.describe($0.world, parameters).text)),
          ])
        } ?? .null
      ),
    ])
  }
}
