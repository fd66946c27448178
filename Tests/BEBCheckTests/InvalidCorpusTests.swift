import BEBCheck
import BEBSyntax
import Foundation
import Testing

@testable import BEBCLI

/// The invalid-input corpus: `Tests/Corpus/invalid/*.beb`, each file with one line in
/// `expectations.tsv` (`FILE<TAB>LINE:COL<TAB>MESSAGE-SUBSTRING`) saying where `beb check`
/// must report the first error and what the message must contain.
enum InvalidCorpus {
  /// …/Tests/BEBCheckTests/InvalidCorpusTests.swift → …/Tests/Corpus/invalid
  static let folder: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Corpus")
    .appendingPathComponent("invalid")
    .path

  static let expectationsPath = folder + "/expectations.tsv"

  /// No single file may take longer than this: a hang guard, generous on purpose.
  static let timeLimit: Duration = .seconds(5)

  /// The corpus files, sorted by name.
  static let fileNames: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".beb") }.sorted()
  }()

  struct Expectation: Sendable {
    let file: String
    let line: Int
    let column: Int
    let message: String
  }

  /// The lines of `expectations.tsv` (comments and blank lines skipped), or the problems found
  /// in it.
  static func readExpectations() -> (expectations: [Expectation], problems: [String]) {
    guard let data = FileManager.default.contents(atPath: expectationsPath) else {
      return ([], ["cannot read \(expectationsPath)"])
    }
    var expectations: [Expectation] = []
    var problems: [String] = []
    let text = String(decoding: data, as: UTF8.self)
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
      if line.isEmpty || line.hasPrefix("#") { continue }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      let position = fields.count == 3 ? fields[1].split(separator: ":").map { Int($0) } : []
      guard fields.count == 3, position.count == 2, let row = position[0], let column = position[1],
        row >= 1, column >= 1, !fields[0].isEmpty, !fields[2].isEmpty
      else {
        problems.append(
          "expectations.tsv line \(index + 1) is not FILE<TAB>LINE:COL<TAB>MESSAGE: \(line)")
        continue
      }
      expectations.append(
        Expectation(file: fields[0], line: row, column: column, message: fields[2]))
    }
    return (expectations, problems)
  }

  static let expectations: [String: Expectation] = {
    var table: [String: Expectation] = [:]
    for expectation in readExpectations().expectations where table[expectation.file] == nil {
      table[expectation.file] = expectation
    }
    return table
  }()

  /// Runs `beb check PATH` in-process on a thread of its own, so that a hang is reported as a
  /// failure instead of stopping the whole test run. Returns nil if it did not finish in time
  /// (the thread is then left running).
  static func check(_ path: String) -> (outcome: Outcome?, elapsed: Duration) {
    let box = OutcomeBox()
    let done = DispatchSemaphore(value: 0)
    let clock = ContinuousClock()
    let start = clock.now
    let thread = Thread {
      box.set(BEB.run(["check", "--symbolic-only", path]))
      done.signal()
    }
    thread.stackSize = 16 << 20
    thread.start()
    let finished = done.wait(timeout: .now() + .seconds(Int(timeLimit.components.seconds) + 1))
    let elapsed = clock.now - start
    return (finished == .success ? box.get() : nil, elapsed)
  }

  /// The text of 1-based line `line` of a file's bytes, without its line end; nil past the end.
  static func sourceLine(_ bytes: [UInt8], _ line: Int) -> [UInt8]? {
    let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    guard line >= 1, line <= lines.count else { return nil }
    var text = Array(lines[line - 1])
    if text.last == UInt8(ascii: "\r") { text.removeLast() }
    return text
  }

  /// Whether `line` is a caret line: spaces or tabs, `^`, then `~`s.
  static func isCaretLine(_ line: String) -> Bool {
    guard let caret = line.firstIndex(of: "^") else { return false }
    return line[..<caret].allSatisfy { $0 == " " || $0 == "\t" }
      && line[line.index(after: caret)...].allSatisfy { $0 == "~" }
  }
}

/// Holds the outcome written by the checking thread.
final class OutcomeBox: @unchecked Sendable {
  private let lock = NSLock()
  private var outcome: Outcome?

  func set(_ value: Outcome) {
    lock.lock()
    defer { lock.unlock() }
    outcome = value
  }

  func get() -> Outcome? {
    lock.lock()
    defer { lock.unlock() }
    return outcome
  }
}

@Suite("Invalid corpus", .serialized)
struct InvalidCorpusTests {
  @Test("the corpus has at least 40 files, each with exactly one expectation")
  func corpusMatchesExpectations() {
    let files = InvalidCorpus.fileNames
    #expect(files.count >= 40, "only \(files.count) .beb files in \(InvalidCorpus.folder)")
    let (expectations, problems) = InvalidCorpus.readExpectations()
    for problem in problems { Issue.record(Comment(rawValue: problem)) }
    expectOneToOne(files: files, expectationFiles: expectations.map(\.file))
  }

  @Test(
    "beb check rejects the file with the expected diagnostic", arguments: InvalidCorpus.fileNames)
  func rejects(_ file: String) throws {
    let expectation = try #require(
      InvalidCorpus.expectations[file], "\(file) has no line in expectations.tsv")
    let path = InvalidCorpus.folder + "/" + file
    let bytes = try #require(FileManager.default.contents(atPath: path).map { [UInt8]($0) })

    let (result, elapsed) = InvalidCorpus.check(path)
    guard let outcome = result else {
      Issue.record("beb check \(file) did not finish within \(InvalidCorpus.timeLimit) (hang)")
      return
    }
    #expect(elapsed < InvalidCorpus.timeLimit, "beb check \(file) took \(elapsed)")
    #expect(
      outcome.status == 2, "exit status \(outcome.status), stderr: \(outcome.stderr.prefix(500))")
    #expect(outcome.stdout.isEmpty, "stdout: \(outcome.stdout.prefix(500))")

    // Split on "\n" bytes: a String split would keep "\r\n" together as one Character.
    let lines = Array(outcome.stderr.utf8)
      .split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      .map { String(decoding: $0, as: UTF8.self) }
    let first = lines[0]
    let header = "\(path):\(expectation.line):\(expectation.column): error: "
    #expect(
      first.hasPrefix(header),
      "first line of stderr: \(first.prefix(300)); expected it to start with \(header)")
    #expect(
      first.contains(expectation.message),
      "first line of stderr: \(first.prefix(300)); expected it to contain \(expectation.message)")

    // The source line and the caret, when the file has text on that line.
    let source = InvalidCorpus.sourceLine(bytes, expectation.line) ?? []
    if source.isEmpty {
      #expect(
        lines.count < 2 || !InvalidCorpus.isCaretLine(lines[1]),
        "no caret line expected for an empty line, found: \(lines.count > 1 ? lines[1] : "")")
    } else {
      try #require(lines.count >= 3, "no source and caret lines after the header")
      let text = String(validating: source, as: UTF8.self)
      let plain =
        text.map { $0.unicodeScalars.allSatisfy { $0 == "\t" || $0.value >= 0x20 } } ?? false
      if let text, plain {
        #expect(lines[1] == text, "source line shown: \(lines[1].prefix(300))")
      } else {
        #expect(!lines[1].isEmpty, "no source line shown")
      }
      let caret = lines[2]
      #expect(InvalidCorpus.isCaretLine(caret), "not a caret line: \(caret.prefix(300))")
      if let index = caret.firstIndex(of: "^") {
        let pad = caret[..<index].unicodeScalars.count
        #expect(
          pad == expectation.column - 1,
          "caret at column \(pad + 1), expected column \(expectation.column)")
      }
    }
    let summary = lines.last(where: { !$0.isEmpty }) ?? ""
    #expect(
      summary.range(of: #"^[0-9]+ errors?$"#, options: .regularExpression) != nil,
      "stderr does not end with an error count: \(summary.prefix(300))")
  }
}
