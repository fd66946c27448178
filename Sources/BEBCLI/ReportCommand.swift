import BEBCheck
import BEBReport
import Foundation

extension BEB {
  static let reportUsage = """
    Usage: beb report [PATH...] [options]

    Checks the development once (default: theorems/ and proofs/ of the current folder) and
    writes the proof reports: every result's statement, hypotheses, steps with both verdicts
    and the hypotheses each uses, what it rests on and what rests on it, counterexamples, the
    necessity of each hypothesis, and the findings against the paper with their repaired
    statements. Each file is written atomically (a temporary file in the same folder, then
    renamed).

    Options:
      --format F     md, html, tex, json or all (default all); repeatable or comma-separated.
                       md    beb-report.md     Markdown for a code host
                       html  beb-report.html   one self-contained page: MathML, the dependency
                                               graph and plots as inline SVG, no network
                       tex   beb-report.tex    a LaTeX appendix to \\input, written as proof
                                               text (each step a sentence with its rule; needs
                                               amsmath, amssymb, longtable, graphicx), and
                                               beb-report-standalone.tex
                       json  beb-report.json   the JSON of 'beb check --json' (beb-check/1)
      --out DIR      Folder to write to (default reports/); created if missing.
      --only ID      Report only this id (repeatable).
      --numeric      Also check every statement on sampled finite worlds (as beb check).
      --necessity    For every result, drop each hypothesis in turn and run the statement on
                     worlds (as beb whatif ID --necessity): needed (a world refutes it; the
                     world is shown), not used (no step of the verified proof rests on it),
                     not needed on worlds (the statement held where it fails: worlds drawn
                     with it negated) or unknown. Without it the tables come from the
                     symbolic check alone: not used, or unknown with the steps that use the
                     hypothesis. Slow: one numeric check per hypothesis; a progress line shows
                     on a terminal.
      --worlds N     The budget for --numeric and --necessity, as beb check (default 1000).
      --seed S       Seed for --numeric and --necessity (default 1); the same seed gives the
                     same worlds.
      --timing       Print the checking time in the reports (they then differ between runs;
                     without it, the same input and options give byte-identical reports).
      --no-cache     Run every numeric check again (see beb check --help: .beb-cache/).
      -h, --help     Show this help.

    Exit codes: 0 reports written and everything checks; 1 reports written but some result
    does not check; 2 bad input, bad usage, or a report could not be written.
    """

  /// `beb report`: one run of the checker, then every requested file written atomically.
  static func report(_ arguments: [String], in directory: String?) -> Outcome {
    var options = CheckOptions()
    var formats: [ReportFormat] = []
    var out = "reports"
    var timing = false
    var necessity = false
    var cache = true
    var paths: [String] = []
    let help = "beb report --help"
    let parser = CommandOptions(arity: [
      "--format": 1, "--out": 1, "--only": 1, "--numeric": 0, "--necessity": 0, "--worlds": 1,
      "--seed": 1, "--timing": 0, "--no-cache": 0,
    ])
    do throws(UsageError) {
      let parsed = try parser.parse(arguments)
      if parsed.wantsHelp { return Outcome(status: 0, stdout: reportUsage + "\n", stderr: "") }
      for (name, values) in parsed.options {
        let text = values.first ?? ""
        switch name {
        case "--numeric": options.numeric = true
        case "--timing": timing = true
        case "--no-cache": cache = false
        case "--necessity": necessity = true
        case "--out": out = text
        case "--only": options.only.append(text)
        case "--worlds": options.worlds = try CommandOptions.worlds(text)
        case "--seed": options.seed = try CommandOptions.seed(text)
        default:
          for name in text.split(separator: ",").map(String.init) {
            if name == "all" {
              formats += ReportFormat.all
            } else if let format = ReportFormat(rawValue: name) {
              formats.append(format)
            } else {
              let hint =
                ElaborationError.suggestion(for: name, among: ["md", "html", "tex", "json", "all"])
                .map { "; did you mean '\($0)'?" } ?? ""
              throw UsageError(
                message: "unknown format '\(name)' (md, html, tex, json or all)\(hint)")
            }
          }
        }
      }
      paths = parsed.positional
    } catch {
      return usageError(error.message, help: help)
    }
    if formats.isEmpty { formats = ReportFormat.all }
    let base = directory ?? FileManager.default.currentDirectoryPath
    func resolve(_ path: String) -> String { resolved(path, base: base, directory) }
    if paths.isEmpty { paths = defaultFolders(base) }
    guard !paths.isEmpty else { return nothingHere("to report on", help: help) }
    let started = Date()
    switch Loader.load(paths: paths.map(resolve)) {
    case .failure(let failure):
      let prefix = directory == nil ? "" : base + "/"
      let text = failure.diagnostics.map {
        prefix.isEmpty ? $0.rendered : $0.rendered.replacingOccurrences(of: prefix, with: "")
      }.joined(separator: "\n")
      let count = failure.diagnostics.count
      return Outcome(
        status: 2, stdout: "",
        stderr: text + "\n\(count) error\(count == 1 ? "" : "s"); no report written\n")
    case .success(let development):
      if let unknown = options.only.first(where: { development.entry($0) == nil }) {
        let hint =
          ElaborationError.suggestion(for: unknown, among: development.entries.map(\.id)).map {
            "; did you mean '\($0)'?"
          } ?? ""
        return usageError("'--only \(unknown)': no such id in the development\(hint)", help: help)
      }
      options.only = reported(options.only, of: development)
      if options.numeric, isatty(STDERR_FILENO) == 1 {
        options.progress = numericProgress
      }
      if cache { options.cache = numericCache(base) }
      let report = Checker.check(development, options: options)
      var tables: [String: [HypothesisNecessity]]?
      if necessity {
        let found = necessityTables(
          report, of: development, paths: paths.map(resolve), options: options)
        switch found {
        case .success(let found): tables = found
        case .failure(let failure):
          return Outcome(
            status: 2, stdout: "",
            stderr: relative(failure.message, to: base, directory) + "\nno report written\n")
        }
      }
      var coverage: Coverage?
      var notes = cacheNote(report)
      if options.only.isEmpty, ReportModel.describesPaper(report) {
        switch paperCoverage(development, report) {
        case .none:
          notes +=
            "coverage: the paper's proofs (\(PaperProofs.defaultPath) of beb's library) "
            + "were not found; the report has no coverage section\n"
        case .failure(let failure)?:
          let text = failure.diagnostics.map { relative($0.rendered, to: base, directory) }
          return Outcome(
            status: 2, stdout: "", stderr: text.joined(separator: "\n") + "\nno report written\n")
        case .success(let found)?: coverage = found
        }
      }
      // With worlds, the length bounds too (as beb tight measures them).
      let lengthBounds =
        options.numeric
        ? LengthBounds.measure(report, development, worlds: options.worlds, seed: options.seed)
        : []
      let model = ReportModel(
        report: report, development: development,
        pathPrefix: directory == nil ? "" : base + "/",
        elapsed: timing ? Date().timeIntervalSince(started) : nil, necessity: tables,
        coverage: coverage, lengthBounds: lengthBounds)
      let folder = resolve(out)
      var written: [String] = []
      do {
        try AtomicWrite.makeFolder(folder)
        for (name, contents) in ReportRenderer.render(model, formats: formats) {
          try AtomicWrite.write(contents, to: folder + "/" + name)
          written.append((out.hasSuffix("/") ? out : out + "/") + name)
        }
      } catch {
        return Outcome(
          status: 2, stdout: written.map { "wrote \($0)\n" }.joined(),
          stderr: "beb: error: \(error.description)\n")
      }
      let summary =
        "\(report.results.count) results: "
        + Status.allCases.filter { report.count($0) > 0 }.map {
          "\(report.count($0)) \($0.rawValue)"
        }
        .joined(separator: ", ")
      return Outcome(
        status: report.allChecked ? 0 : 1,
        stdout: written.map { "wrote \($0)\n" }.joined() + summary + "\n",
        stderr: notes)
    }
  }
}
