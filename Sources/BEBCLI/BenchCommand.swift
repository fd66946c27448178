import BEBCheck
import Foundation

extension BEB {
  static let benchUsage = """
    Usage: beb bench [PATH...] [--worlds N] [--seed S] [--repeat K]

    Measures checking the development (default: theorems/ and proofs/ of the current folder)
    and prints the wall time of each phase, the median over K runs:
      load      read, parse and elaborate every file;
      symbolic  check every proof step with the kernel (beb check);
      numeric   the check with worlds (beb check --numeric) minus the symbolic check: the two
                are run one after the other and the numeric part is their difference;
      total     load + the check with worlds;
    then results, steps and steps per second (symbolic), worlds drawn in all and worlds per
    second (numeric), the share of them that satisfied the hypotheses (accepted), the peak
    memory of the process (VmHWM, Linux), and the twelve slowest numeric checks (wall time,
    satisfying worlds / worlds drawn).

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
    var index = 0
    let flags = ["--worlds", "--seed", "--repeat", "--help"]
    while index < arguments.count {
      var argument = arguments[index]
      var inline: String?
      if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
        inline = String(argument[argument.index(after: equals)...])
        argument = String(argument[..<equals])
      }
      switch argument {
      case "-h", "--help":
        return Outcome(status: 0, stdout: benchUsage + "\n", stderr: "")
      case "--worlds", "--seed", "--repeat":
        if inline == nil {
          index += 1
          inline = index < arguments.count ? arguments[index] : nil
        }
        guard let text = inline, !text.isEmpty else {
          return usageError("option '\(argument)' needs a value", help: "beb bench --help")
        }
        switch argument {
        case "--worlds":
          guard let n = Int(text), n > 0, n <= 10_000_000 else {
            return usageError(
              "'--worlds' needs a whole number from 1 to 10000000, not '\(text)'",
              help: "beb bench --help")
          }
          options.worlds = n
        case "--seed":
          guard let s = UInt64(text) else {
            return usageError(
              "'--seed' needs a whole number from 0 to \(UInt64.max), not '\(text)'",
              help: "beb bench --help")
          }
          options.seed = s
        default:
          guard let k = Int(text), k > 0, k <= 1000 else {
            return usageError(
              "'--repeat' needs a whole number from 1 to 1000, not '\(text)'",
              help: "beb bench --help")
          }
          repeats = k
        }
      default:
        if argument.hasPrefix("-") && argument != "-" {
          let hint =
            ElaborationError.suggestion(for: argument, among: flags).map {
              "; did you mean '\($0)'?"
            } ?? ""
          return usageError("unknown option '\(argument)'\(hint)", help: "beb bench --help")
        }
        paths.append(argument)
      }
      index += 1
    }
    let base = directory ?? FileManager.default.currentDirectoryPath
    if paths.isEmpty {
      paths = ["theorems", "proofs"].filter {
        FileManager.default.fileExists(atPath: base + "/" + $0)
      }
      guard !paths.isEmpty else {
        return usageError(
          "no theorems/ or proofs/ folder here: name the files or folders to measure",
          help: "beb bench --help")
      }
    }
    let resolved = paths.map { $0.hasPrefix("/") || directory == nil ? $0 : base + "/" + $0 }
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
