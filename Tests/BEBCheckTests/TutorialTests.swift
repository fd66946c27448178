import Foundation
import Testing

@testable import BEBCLI

/// docs/TUTORIAL.md cannot rot: its `console` blocks are run in a scratch folder, in order,
/// and each command's standard output compared with the output shown; a block preceded by
/// `<!-- file: PATH -->` is written to PATH first.
@Suite struct TutorialTests {
  static let path = NumericCheckTests.root + "/docs/TUTORIAL.md"

  /// One thing the tutorial does: write a file, change folder, or run a command and show its
  /// output.
  enum Action: Equatable {
    case write(path: String, text: String)
    case cd(String)
    case run([String], expected: [String])
  }

  /// The actions of the tutorial's text, in order.
  static func actions(_ markdown: String) -> [Action] {
    var actions: [Action] = []
    let lines = markdown.components(separatedBy: "\n")
    var index = 0
    var file: String?
    while index < lines.count {
      let line = lines[index]
      index += 1
      if line.hasPrefix("<!-- file: "), line.hasSuffix(" -->") {
        file = String(line.dropFirst("<!-- file: ".count).dropLast(" -->".count))
        continue
      }
      guard line.hasPrefix("```") else { continue }
      let kind = String(line.dropFirst(3))
      var body: [String] = []
      while index < lines.count, lines[index] != "```" {
        body.append(lines[index])
        index += 1
      }
      index += 1
      if let path = file {
        actions.append(.write(path: path, text: body.joined(separator: "\n") + "\n"))
        file = nil
      } else if kind == "console" {
        var command: [String]?
        var expected: [String] = []
        func flush() {
          if let command { actions.append(.run(command, expected: expected)) }
        }
        for line in body {
          if line.hasPrefix("$ ") {
            flush()
            let words = words(String(line.dropFirst(2)))
            if words.first == "cd" {
              actions.append(.cd(words[1]))
              command = nil
            } else {
              command = Array(words.dropFirst())  // "beb" itself
            }
            expected = []
          } else {
            expected.append(line)
          }
        }
        flush()
      }
    }
    return actions
  }

  /// A command line split into words, with '...' quoting.
  static func words(_ line: String) -> [String] {
    var words: [String] = []
    var current = ""
    var quoted = false
    var started = false
    for c in line {
      if c == "'" {
        quoted.toggle()
        started = true
      } else if c == " " && !quoted {
        if started { words.append(current) }
        (current, started) = ("", false)
      } else {
        current.append(c)
        started = true
      }
    }
    if started { words.append(current) }
    return words
  }

  /// Whether `actual` shows `expected`: line for line, a line `...` standing for any lines
  /// (none included), a line ending in `...` for any line that starts with the rest.
  static func shows(_ actual: [String], _ expected: [String]) -> Bool {
    guard let first = expected.first else { return actual.isEmpty }
    let rest = Array(expected.dropFirst())
    if first == "..." {
      return (0...actual.count).contains { shows(Array(actual.dropFirst($0)), rest) }
    }
    guard let line = actual.first else { return false }
    let matches =
      first.hasSuffix("...") ? line.hasPrefix(String(first.dropLast(3))) : line == first
    return matches && shows(Array(actual.dropFirst()), rest)
  }

  @Test func theTutorialShowsWhatBebPrints() throws {
    let markdown = try String(contentsOfFile: Self.path, encoding: .utf8)
    let actions = Self.actions(markdown)
    #expect(actions.filter { if case .run = $0 { true } else { false } }.count >= 7)
    let scratch = NSTemporaryDirectory() + "beb-tutorial-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    var folder = scratch
    for action in actions {
      switch action {
      case .cd(let name): folder += "/" + name
      case .write(let path, let text):
        try text.write(toFile: folder + "/" + path, atomically: true, encoding: .utf8)
      case .run(let arguments, let expected):
        let outcome = BEB.run(arguments, in: folder)
        var actual = outcome.stdout.components(separatedBy: "\n")
        if actual.last == "" { actual.removeLast() }
        #expect(
          Self.shows(actual, expected),
          "beb \(arguments.joined(separator: " ")) printed:\n\(outcome.stdout)\(outcome.stderr)")
      }
    }
  }

  @Test func theMatcher() {
    #expect(Self.shows(["a", "b", "c"], ["a", "...", "c"]))
    #expect(Self.shows(["a", "c"], ["a", "...", "c"]))
    #expect(Self.shows(["abc"], ["ab..."]))
    #expect(!Self.shows(["a", "b"], ["a"]))
    #expect(!Self.shows(["a"], ["a", "b"]))
    #expect(!Self.shows(["xbc"], ["ab..."]))
    #expect(
      Self.words("search '|B[_](_) - B[_](_)| ≤ _' x") == [
        "search", "|B[_](_) - B[_](_)| ≤ _", "x",
      ])
  }
}
