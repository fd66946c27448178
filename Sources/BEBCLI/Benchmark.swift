import BEBCheck
import Foundation

/// What `beb bench` measures, once per repetition: the wall time of each phase of checking a
/// development, and the counts the rates are computed from.
///
/// Phases:
/// - **load**: read, parse and elaborate every file (`Loader.load`);
/// - **symbolic**: `Checker.check` without worlds (every proof step through the kernel);
/// - **numeric**: `Checker.check` with worlds, minus the symbolic time of the same repetition.
///   The checker has no switch for worlds alone, so this part is a difference of two runs;
/// - **total**: load plus the run with worlds (what `beb check` costs without its cache).
struct BenchRun: Sendable {
  var load: Duration
  var symbolic: Duration
  var withWorlds: Duration
  /// Files loaded, results reported (definitions included) and proof steps checked.
  var files: Int
  var results: Int
  var steps: Int
  /// Worlds drawn in all (attempts, each checked against the result's hypotheses); a proof's
  /// steps run on its statement's worlds, so they draw none of their own.
  var worldsDrawn: Int
  /// Step evaluations on worlds that satisfied the hypotheses and decided the step.
  var stepChecks: Int = 0

  /// A typical single-hypothesis what-if: `thm-3.1 --drop neg`, when the development has it.
  var whatif: Duration? = nil
  /// Each result's numeric check, wall time (several run at once, one per core).
  var resultTimes: [String: Duration] = [:]
  /// Worlds that satisfied the hypotheses, in all and by result (with the attempts drawn).
  var accepted = 0
  var acceptance: [String: (satisfied: Int, drawn: Int)] = [:]

  var numeric: Duration { withWorlds - symbolic }
  var total: Duration { load + withWorlds }
}

/// Runs and reports the benchmark. Measurement and rendering are separate so that tests can
/// check the layout without depending on times.
enum Benchmark {
  /// One repetition over the files at `paths`, or the diagnostics that stopped loading.
  static func run(paths: [String], options: CheckOptions) -> Result<BenchRun, LoadFailure> {
    let clock = ContinuousClock()
    var start = clock.now
    let loaded = Loader.load(paths: paths)
    let load = clock.now - start
    let development: Development
    switch loaded {
    case .failure(let failure): return .failure(failure)
    case .success(let value): development = value
    }
    var symbolicOptions = options
    symbolicOptions.numeric = false
    start = clock.now
    let symbolicReport = Checker.check(development, options: symbolicOptions)
    let symbolic = clock.now - start
    var numericOptions = options
    numericOptions.numeric = true
    start = clock.now
    let numericReport = Checker.check(development, options: numericOptions)
    let withWorlds = clock.now - start
    let drawn = numericReport.results.reduce(0) { $0 + ($1.numeric?.drawn ?? 0) }
    let stepChecks = numericReport.results.reduce(0) { sum, result in
      sum + result.steps.reduce(0) { $0 + $1.worlds }
    }
    // A typical single-hypothesis edit, as `beb whatif thm-3.1 --drop neg` runs it.
    var whatif: Duration?
    if development.entry("thm-3.1")?.hypotheses.contains(where: { $0.name == "neg" }) == true {
      let sources = paths.flatMap { (try? Loader.discover($0).get()) ?? [] }
      start = clock.now
      _ = try? WhatIf(original: development, sources: sources, id: "thm-3.1", options: options)
        .run([.drop("neg")])
      whatif = clock.now - start
    }
    return .success(
      BenchRun(
        load: load, symbolic: symbolic, withWorlds: withWorlds,
        files: development.files.count, results: symbolicReport.results.count,
        steps: symbolicReport.results.reduce(0) { $0 + $1.steps.count }, worldsDrawn: drawn,
        stepChecks: stepChecks, whatif: whatif, resultTimes: numericReport.numericTimes,
        accepted: numericReport.results.reduce(0) { $0 + ($1.numeric?.satisfied ?? 0) },
        acceptance: Dictionary(
          uniqueKeysWithValues: numericReport.results.compactMap { result in
            result.numeric.map { (result.entry.id, ($0.satisfied, $0.drawn)) }
          })))
  }

  /// The median of durations (the mean of the two middle ones for an even count).
  static func median(_ values: [Duration]) -> Duration {
    precondition(!values.isEmpty)
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// The peak resident set size of this process in KiB (`VmHWM` in /proc/self/status), or
  /// nil where the system does not say (not Linux).
  static func peakMemoryKiB() -> Int? {
    guard let data = FileManager.default.contents(atPath: "/proc/self/status") else {
      return nil
    }
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n")
    where line.hasPrefix("VmHWM:") {
      // `VmHWM:     123456 kB`
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      return fields.count >= 2 ? Int(fields[1]) : nil
    }
    return nil
  }

  /// The report: a header, then one line per phase (the median over the repetitions), then
  /// the rates. The layout is fixed; only the numbers change from run to run.
  static func render(
    runs: [BenchRun], options: CheckOptions, peakKiB: Int?
  ) -> String {
    let first = runs[0]
    let load = median(runs.map(\.load))
    let symbolic = median(runs.map(\.symbolic))
    let numeric = median(runs.map(\.numeric))
    let total = median(runs.map(\.total))
    let what = runs.count == 1 ? "1 run" : "median of \(runs.count) runs"
    var out = "beb bench: \(first.files) files, \(first.results) results, \(first.steps) steps; "
    out +=
      "budget \(options.worlds) worlds (per statement and per step), seed \(options.seed); \(what)\n"
    out += "\n"
    func line(_ name: String, _ value: String, _ note: String = "") -> String {
      let padded = name.padding(toLength: 14, withPad: " ", startingAt: 0)
      let number = String(repeating: " ", count: max(0, 14 - value.count)) + value
      return padded + number + (note.isEmpty ? "" : "  " + note) + "\n"
    }
    out += "phase (wall time)\n"
    out += line("load", seconds(load), "read, parse, elaborate")
    out += line("symbolic", seconds(symbolic), "every proof step through the kernel")
    out += line("numeric", seconds(numeric), "check with worlds minus symbolic")
    out += line("total", seconds(total), "load + check with worlds")
    let whatifs = runs.compactMap(\.whatif)
    out += line(
      "whatif", whatifs.isEmpty ? "n/a" : seconds(median(whatifs)),
      whatifs.isEmpty
        ? "no thm-3.1 with a hypothesis neg here" : "beb whatif thm-3.1 --drop neg (loaded)")
    out += "\n"
    out += "rates\n"
    out += line("results", "\(first.results)")
    out += line("steps", "\(first.steps)")
    out += line("steps/s", rate(first.steps, symbolic), "symbolic")
    out += line("worlds drawn", "\(first.worldsDrawn)", "attempts, hypotheses checked on each")
    out += line("worlds/s", rate(first.worldsDrawn, numeric), "numeric")
    out += line(
      "accepted", first.worldsDrawn == 0 ? "n/a" : percent(first.accepted, first.worldsDrawn),
      "of the worlds drawn, satisfied the hypotheses")
    out += line("step checks", "\(first.stepChecks)", "proof steps decided on worlds")
    out += line("step checks/s", rate(first.stepChecks, numeric), "numeric")
    out += line(
      "peak memory", peakKiB.map { fixed(Double($0) / 1024, 1) + " MiB" } ?? "n/a",
      "VmHWM of this process")
    // The slowest results of the first run: where the numeric time goes.
    let slowest = first.resultTimes.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(12)
    if !slowest.isEmpty {
      out += "\n"
      out += "slowest numeric checks (wall time; worlds that satisfied the hypotheses / drawn)\n"
      let width = slowest.map(\.key.count).max() ?? 0
      for (id, time) in slowest {
        let value = seconds(time)
        let (met, drawn) = first.acceptance[id] ?? (0, 0)
        out +=
          id.padding(toLength: width + 2, withPad: " ", startingAt: 0)
          + String(repeating: " ", count: max(0, 12 - value.count)) + value
          + "  accepted \(met)/\(drawn)" + (drawn == 0 ? "" : " (" + percent(met, drawn) + ")")
          + "\n"
      }
    }
    return out
  }

  static func seconds(_ d: Duration) -> String { fixed(d.seconds, 3) + " s" }

  /// `part / whole` as a percentage with one decimal.
  static func percent(_ part: Int, _ whole: Int) -> String {
    fixed(100 * Double(part) / Double(whole), 1) + "%"
  }

  /// `count / d` per second, or `n/a` when the phase took no measurable time.
  static func rate(_ count: Int, _ d: Duration) -> String {
    d.seconds > 0 ? fixed(Double(count) / d.seconds, 1) : "n/a"
  }

  /// `x` with `digits` decimals (locale-independent).
  static func fixed(_ x: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", x)
  }
}

extension Duration {
  /// The duration in seconds, as a floating-point number (for display only).
  var seconds: Double {
    let (whole, attoseconds) = components
    return Double(whole) + Double(attoseconds) / 1e18
  }
}
