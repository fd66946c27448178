import BEBCheck
import Foundation

extension BEB {
  static let benchUsage = """
    Usage: beb bench [PATH...] [--worlds N] [--seed S] [--repeat K]

    Measures checking the development (default: theorems/ and proofs/ of the current folder)
    and prints the wall time of each phase, the median over K runs:
      load      read, parse and elaborate every file;
      symbolic  check every proof step with the kernel (beb check --symbolic-only);
      numeric   the check with worlds (beb check) minus the symbolic check: the two
                are run one after the other and the numeric part is their difference;
      total     load + the check with worlds;
    then results, steps and steps per second (symbolic), worlds drawn in all and worlds per
    second (numeric), the share of them that satisfied the hypotheses (accepted), the peak
    memory of the process (VmHWM, Linux), and the twelve slowest numeric checks (wall time,
    satisfying worlds / worlds drawn; two checks run side by side, sharing the cores, so
    these add up to more than the phase).

    Options:
      --worlds N     The numeric budget (default 1000, as beb check: N worlds per result,
                     each step passed on N of them).
      --seed S       Seed for the worlds (default 1).
      --repeat K     Run every phase K times and print the median (default 1).
      -h, --help     Show this help.

    Build with 'swift build -c release' first: a debug build is many times slower, and beb
    bench warns when it is one. Exit codes: 0 measured (whatever the verdicts); 2 bad input
    (the development does not load) or bad usage.
    """

  /// `beb bench`: times load, symbolic and numeric checking of a development.
  static func bench(_ arguments: [String], in directory: String?) -> Outcome {
    var options = CheckOptions()
    var repeats = 1
    var paths: [String] = []
    do throws(UsageError) {
      let parsed = try CommandOptions(arity: ["--worlds": 1, "--seed": 1, "--repeat": 1])
        .parse(arguments)
      if parsed.wantsHelp { return Outcome(status: 0, stdout: benchUsage + "\n", stderr: "") }
      for (name, values) in parsed.options {
        switch name {
        case "--worlds": options.worlds = try CommandOptions.worlds(values[0])
        case "--seed": options.seed = try CommandOptions.seed(values[0])
        default: repeats = try CommandOptions.whole(values[0], "--repeat", max: 1000)
        }
      }
      paths = parsed.positional
    } catch {
      return usageError(error.message, help: "beb bench --help")
    }
    let base = directory ?? FileManager.default.currentDirectoryPath
    if paths.isEmpty { paths = defaultFolders(base) }
    guard !paths.isEmpty else { return nothingHere("to measure", help: "beb bench --help") }
    let resolved = paths.map { Self.resolved($0, base: base, directory) }
    var warning = ""
    #if DEBUG
      warning =
        "beb: warning: this is a debug build; its times are not representative"
        + " (build with 'swift build -c release')\n"
    #endif
    var runs: [BenchRun] = []
    for _ in 0..<repeats {
      switch Benchmark.run(paths: resolved, options: options) {
      case .failure(let failure):
        var text = failure.diagnostics.map(\.rendered).joined(separator: "\n")
        if directory != nil { text = text.replacingOccurrences(of: base + "/", with: "") }
        return Outcome(status: 2, stdout: "", stderr: warning + text + "\n")
      case .success(let run):
        runs.append(run)
      }
    }
    let stdout = Benchmark.render(
      runs: runs, options: options, peakKiB: Benchmark.peakMemoryKiB())
    return Outcome(status: 0, stdout: stdout, stderr: warning)
  }
}
