import BEBCheck
import BEBReport
import BEBSyntax
import Foundation
import Testing

/// The fixture development, the golden files, and scratch folders for the report tests.
enum ReportSupport {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path
  static let fixture = root + "/Tests/BEBReportTests/Fixture"
  static let golden = root + "/Tests/BEBReportTests/Golden"
  /// `BEB_RECORD=1 swift test --filter BEBReportTests` rewrites the golden files.
  static let recording = ProcessInfo.processInfo.environment["BEB_RECORD"] == "1"

  /// The options of every fixture run: statements checked on 200 worlds from seed 1 (a world
  /// refutes `lemma-false`, as its finding expects), and each hypothesis dropped in turn on the
  /// same worlds (the necessity tables).
  static let arguments = ["--numeric", "--worlds", "200", "--necessity"]

  /// The fixture's files and the development they load into.
  static let loaded: (sources: [SourceFile], development: Development) = {
    guard case .success(let sources) = Loader.discover(fixture),
      case .success(let development) = Loader.load(sources: sources)
    else { fatalError("the report fixture does not load") }
    return (sources, development)
  }()

  /// The fixture checked once with `arguments`, paths relative to the package root.
  static let model: ReportModel = {
    let (sources, development) = loaded
    var options = CheckOptions()
    options.numeric = true
    options.worlds = 200
    let report = Checker.check(development, options: options)
    guard
      let necessity = try? WhatIf.necessityTables(
        of: report, in: development, sources: sources, options: options)
    else { fatalError("the fixture's necessity tables failed") }
    guard case .success(let coverage) = Coverage.of(paper, in: development, report: report) else {
      fatalError("the fixture's paper marks do not fit its paper")
    }
    return ReportModel(
      report: report, development: development, pathPrefix: root + "/", necessity: necessity,
      coverage: coverage,
      lengthBounds: LengthBounds.measure(report, development, worlds: 200, seed: 1))
  }()

  /// The fixture's "paper": numbered proofs of two of its lemmas, which its proofs mark.
  static let paper = PaperProofs.parse(
    """
    ### Lemma sum [1]
    Proof.
    1. `a + b > 0 + b/2` — a is positive.
    2. `b/2 > 0` | with a pipe & <tag> and $\\ _ { } ~ ^ #.
    3. A remark.
    ### Lemma wrong [2]
    Proof.
    1. a > 0 from b > 0.
    2. Add.
    """)

  static func files(_ formats: [ReportFormat] = ReportFormat.all) -> [String: String] {
    Dictionary(
      ReportRenderer.render(model, formats: formats).map { ($0.0, $0.1) },
      uniquingKeysWith: { a, _ in a })
  }

  /// A fresh scratch folder, removed after `body`.
  static func withFolder<T>(_ body: (String) throws -> T) rethrows -> T {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("beb-report-test-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try body(folder)
  }

  static func contents(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  static func listing(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
  }

  /// The path of an executable on PATH, if any.
  static func which(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }
}
