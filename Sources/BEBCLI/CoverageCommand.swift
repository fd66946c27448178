import BEBCheck
import BEBSyntax
import Foundation

extension BEB {
  static let coverageUsage = """
    Usage: beb coverage [PATH...] [--json] [--numeric] [--worlds N] [--seed S] [--no-cache]
                        [--paper FILE]

    Lists every numbered step of the paper's proofs (THEORY.md: Lemmas C.1–C.4, Theorems
    3.1–3.4 and B.1) with how the development stands on it:

      verified  encoded, every formal step that encodes it is verified by the kernel (and,
                with --numeric, refuted on no world unless through an earlier failed step),
                and the proofs holding them check; a step that holds given a failed step or
                an unverified cited result is shown with them: c2 (given lemma-C.3);
      finding   encoded, and each of its formal steps that fails is named by a finding (the
                paper's error, recorded with the checker's evidence);
      failing   encoded, and a formal step of it fails that no finding names, or a proof
                holding its steps does not check (the reason says why);
      omitted   not encoded, for the reason written next to the proof;
      missing   neither encoded nor explained.

    A proof says which steps of the paper it encodes with marks: 'step 2:' before the steps
    (or calc links) that encode step 2 of the paper's proof of the result, up to the next
    mark; 'step 1-5 of lemma-C.4:' for another result's proof (a proof in parts);
    'step 6 omitted "why"' for a step not encoded. Steps marked 'added' are not the paper's.
    Checked: the development (default: theorems/ and proofs/ here) — a development that
    imports "beb/paper" is covered by the library's proofs.

    Options:
      --json         Write the coverage as JSON (schema beb-coverage/1).
      --numeric      Also run the steps on worlds (see beb check --help); a step refuted on a
                     world does not count as verified.
      --worlds N, --seed S, --no-cache
                     As for beb check.
      --paper FILE   The paper's proofs to cover (default: docs/THEORY.md of beb's library).
      -h, --help     Show this help.

    Exit codes: 0 every step verified, a finding or omitted; 1 a step failing or missing;
    2 bad input (a mark naming no step of the paper, ...) or bad usage.
    """

  static func coverage(_ arguments: [String], in directory: String?) -> Outcome {
    var options = CheckOptions()
    var json = false
    var cache = true
    var paperPath: String?
    var paths: [String]
    let help = "beb coverage --help"
    let parser = CommandOptions(
      arity: [
        "--json": 0, "--numeric": 0, "--worlds": 1, "--seed": 1, "--no-cache": 0, "--paper": 1,
      ],
      forms: ["--paper": "a file"])
    do throws(UsageError) {
      let parsed = try parser.parse(arguments)
      if parsed.wantsHelp { return Outcome(status: 0, stdout: coverageUsage + "\n", stderr: "") }
      for (name, values) in parsed.options {
        switch name {
        case "--json": json = true
        case "--numeric": options.numeric = true
        case "--no-cache": cache = false
        case "--paper": paperPath = values[0]
        case "--worlds": options.worlds = try CommandOptions.worlds(values[0])
        default: options.seed = try CommandOptions.seed(values[0])
        }
      }
      paths = parsed.positional
    } catch {
      return usageError(error.message, help: help)
    }
    let base = directory ?? FileManager.default.currentDirectoryPath
    func resolve(_ path: String) -> String { resolved(path, base: base, directory) }
    if paths.isEmpty { paths = defaultFolders(base) }
    guard !paths.isEmpty else { return nothingHere("to cover", help: help) }
    let paperFile: String
    if let paperPath {
      paperFile = resolve(paperPath)
    } else if let root = Library.root() {
      paperFile = root + "/" + PaperProofs.defaultPath
    } else {
      return usageError(
        Library.notFound() + ", or name the paper's proofs with --paper", help: help)
    }
    guard let paper = readPaper(paperFile) else {
      return usageError("cannot read the paper's proofs '\(paperPath ?? paperFile)'", help: help)
    }
    guard !paper.isEmpty else {
      return usageError(
        "'\(paperPath ?? paperFile)' has no numbered proof steps (lines 'N. ...' after a "
          + "line 'Proof' under a heading 'Lemma ID' or 'Theorem ID')", help: help)
    }
    let development: Development
    switch Loader.load(paths: paths.map(resolve)) {
    case .failure(let failure): return loadFailed(failure, base: base, directory)
    case .success(let loaded): development = loaded
    }
    if options.numeric, isatty(STDERR_FILENO) == 1 { options.progress = numericProgress }
    if cache { options.cache = numericCache(base) }
    let report = Checker.check(development, options: options)
    switch Coverage.of(paper, in: development, report: report) {
    case .failure(let failure): return loadFailed(failure, base: base, directory)
    case .success(let coverage):
      var stdout = json ? coverage.json().serialized() : coverage.table()
      if !json && !options.numeric {
        stdout += "kernel verdicts only; --numeric also runs every step on worlds\n"
      }
      return Outcome(
        status: coverage.complete ? 0 : 1, stdout: relative(stdout, to: base, directory),
        stderr: relative(cacheNote(report), to: base, directory))
    }
  }

  /// The coverage of the paper's proofs (docs/THEORY.md of beb's library) by `development`,
  /// checked as `report`; nil when the library's copy of THEORY.md is not found.
  static func paperCoverage(_ development: Development, _ report: CheckReport) -> Result<
    Coverage, LoadFailure
  >? {
    guard let root = Library.root(), let paper = readPaper(root + "/" + PaperProofs.defaultPath)
    else { return nil }
    return Coverage.of(paper, in: development, report: report)
  }

  /// The numbered proofs of the paper in the Markdown file at `path`; nil when it cannot be
  /// read as UTF-8.
  static func readPaper(_ path: String) -> [PaperProof]? {
    guard let data = FileManager.default.contents(atPath: path),
      let markdown = String(data: data, encoding: .utf8)
    else { return nil }
    return PaperProofs.parse(markdown)
  }
}
