import BEBCheck
import Foundation
import Testing

@testable import BEBCLI

@Suite struct CommandLineTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  static let requiredIDs = [
    "def-2.1", "def-2.2", "def-2.3", "def-2.4", "def-2.5", "def-2.6", "def-2.2-v4", "lemma-C.1",
    "lemma-C.2", "lemma-C.3", "lemma-C.4", "lemma-C.3-prefixwise", "thm-3.1", "thm-3.2", "thm-3.3",
    "thm-3.4", "thm-B.1", "lemma-H.1", "lemma-H.2", "lemma-H.3", "app-I", "app-K",
  ]

  /// A scratch folder with the given files, removed afterwards.
  func withFiles<T>(_ files: [String: String], _ body: (String) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("beb-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, text) in files {
      let url = folder.appendingPathComponent(name)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return try body(folder.path)
  }

  @Test func jsonListsEveryRequiredIDAndIsHonest() throws {
    let outcome = BEB.run(["check", "--symbolic-only", "--json"], in: Self.root)
    #expect(outcome.stderr == "")
    #expect(outcome.status == 0 || outcome.status == 1)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    #expect(json["schema"] as? String == "beb-check/1")
    let results = try #require(json["results"] as? [[String: Any]])
    let ids = Set(results.compactMap { $0["id"] as? String })
    for id in Self.requiredIDs { #expect(ids.contains(id), "missing \(id)") }
    let statuses = [
      "verified", "refuted", "unjustified", "vacuous", "expected-finding", "unchecked", "assumed",
    ]
    for result in results {
      #expect(statuses.contains(result["status"] as? String ?? ""))
      #expect(result["kind"] is String)
      #expect(result["steps"] is [Any])
      let hypotheses = try #require(result["hypotheses"] as? [[String: Any]])
      for hypothesis in hypotheses {
        #expect(hypothesis["name"] is String)
        #expect(hypothesis["formula"] is String)
      }
    }
    let summary = try #require(json["summary"] as? [String: Any])
    #expect(summary["results"] as? Int == results.count)
    #expect(
      summary["verified"] as? Int == results.filter { $0["status"] as? String == "verified" }.count)
    #expect(summary["ok"] as? Bool == (outcome.status == 0))
    // Definitions are counted on their own, not as unchecked results.
    let definitions = results.filter { $0["kind"] as? String == "definition" }.count
    #expect(definitions > 0)
    #expect(summary["definitions"] as? Int == definitions)
    #expect(
      summary["unchecked"] as? Int
        == results.filter {
          $0["status"] as? String == "unchecked" && $0["kind"] as? String != "definition"
        }.count)
  }

  @Test func theoremsHaveNamedHypotheses() throws {
    let outcome = BEB.run(
      ["check", "--symbolic-only", "--json", "--only", "thm-3.1"], in: Self.root)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    let results = try #require(json["results"] as? [[String: Any]])
    #expect(results.count == 1)
    let hypotheses = try #require(results.first?["hypotheses"] as? [[String: Any]])
    #expect(hypotheses.count >= 3)
  }

  @Test func jsonIsByteIdenticalAcrossRuns() {
    let first = BEB.run(["check", "--symbolic-only", "--json", "--seed", "7"], in: Self.root)
    let second = BEB.run(["check", "--symbolic-only", "--json", "--seed", "7"], in: Self.root)
    #expect(first.stdout == second.stdout)
    #expect(first.stdout.contains("\"seed\": \"7\""))
  }

  @Test func tableListsResultsAndSaysWhyTheyDoNotCheck() {
    let outcome = BEB.run(["check", "--symbolic-only"], in: Self.root)
    #expect(outcome.stdout.contains("thm-3.1"))
    if outcome.status == 1 {
      #expect(
        outcome.stdout.contains(": unjustified: ") || outcome.stdout.contains(": unchecked: "))
    }
  }

  @Test func malformedFileExitsTwoWithItsPlace() throws {
    try withFiles(["broken.beb": "theorem thm-1\n  given α : Real\n  show α <= \n"]) { folder in
      let outcome = BEB.run(["check", "--symbolic-only", "broken.beb"], in: folder)
      #expect(outcome.status == 2)
      #expect(outcome.stdout == "")
      let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(lines.first == "broken.beb:4:1: error: expected an expression, found end of file")
    }
  }

  @Test func unknownNameGetsASuggestionAndACaret() throws {
    let text = "theorem thm-1\n  given γ : Real\n  assume g : gama ∈ [-1, 0)\n  show γ < 0\n"
    try withFiles(["broken.beb": text]) { folder in
      let outcome = BEB.run(["check", "--symbolic-only", "broken.beb"], in: folder)
      #expect(outcome.status == 2)
      #expect(
        outcome.stderr == """
          broken.beb:3:14: error: unknown name 'gama'; did you mean 'γ'?
            assume g : gama ∈ [-1, 0)
                       ^~~~
          1 error

          """)
    }
  }

  @Test func errorsInSeveralFilesAreAllReportedInOrder() throws {
    let files = [
      "a.beb": "theorem thm-1\n  show x = 1\n",
      "b.beb": "theorem thm-2\n  show 1 = 1 @\n",
    ]
    try withFiles(files) { folder in
      let outcome = BEB.run(["check", "--symbolic-only", "."], in: folder)
      #expect(outcome.status == 2)
      let headers = outcome.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
      #expect(headers.count == 2)
      #expect(headers.first?.contains("a.beb:2:8: error: unknown name 'x'") == true)
      #expect(headers.last?.contains("b.beb:2:14: error: unexpected character '@'") == true)
    }
  }

  @Test func usageErrors() {
    #expect(BEB.run([]).status == 2)
    let typo = BEB.run(["chek"])
    #expect(typo.status == 2)
    #expect(typo.stderr.contains("did you mean 'check'?"))
    let option = BEB.run(["check", "--jsn"], in: Self.root)
    #expect(option.status == 2)
    #expect(option.stderr.contains("did you mean '--json'?"))
    #expect(BEB.run(["check", "--worlds", "zero"], in: Self.root).status == 2)
    #expect(BEB.run(["check", "--worlds"], in: Self.root).status == 2)
    let only = BEB.run(["check", "--only", "thm-3.9"], in: Self.root)
    #expect(only.status == 2)
    #expect(only.stderr.contains("did you mean"))
    // A missing file has no position to point at: none is invented.
    let missing = BEB.run(["check", "no-such-file.beb"], in: Self.root)
    #expect(missing.status == 2)
    #expect(missing.stderr.hasPrefix("no-such-file.beb: error: no such file or directory\n"))
    // Commands within two edits get a suggestion (a transposition is two).
    #expect(BEB.run(["chekc"]).stderr.contains("unknown command 'chekc'; did you mean 'check'?"))
    #expect(BEB.run(["whatiff"]).stderr.contains("did you mean 'whatif'?"))
    #expect(!BEB.run(["xyz"]).stderr.contains("did you mean"))
    // One option reader for every command: the same forms, the same messages.
    for command in ["check", "report", "whatif", "bench"] {
      let wrong = BEB.run([command, "--worlds=0.5"], in: Self.root)
      #expect(wrong.status == 2)
      // beb check takes 0 (no worlds: --symbolic-only); the others need at least one world.
      let least = command == "check" ? 0 : 1
      #expect(
        wrong.stderr.contains(
          "'--worlds' needs a whole number from \(least) to 10000000, not '0.5'"))
      #expect(BEB.run([command, "--wolrds", "3"], in: Self.root).stderr.contains("'--worlds'?"))
    }
    let replace = BEB.run(["whatif", "thm-3.1", "--replace", "neg"], in: Self.root)
    #expect(replace.stderr.contains("option '--replace' needs a hypothesis name and a formula"))
    #expect(BEB.run(["check", "--json=yes"], in: Self.root).stderr.contains("takes no value"))
    #expect(BEB.run(["whatif"], in: Self.root).stderr.contains("missing result id"))
    #expect(
      BEB.run(["whatif", "thm-3.1", "--drop", "neg", "--wolds", "3"], in: Self.root).status == 2)
    #expect(BEB.run(["bench", "--repeat", "zero"], in: Self.root).status == 2)
    #expect(BEB.run(["report", "--format", "pdf"], in: Self.root).status == 2)
  }

  @Test func helpAndVersion() {
    #expect(BEB.run(["help", "whatif"]).stdout.contains("--necessity"))
    #expect(BEB.run(["help", "bench"]).stdout.contains("--repeat"))
    #expect(BEB.run(["help", "bound"]).stdout.contains("--set"))
    #expect(BEB.run(["--help"]).stdout.contains("beb check"))
    #expect(BEB.run(["check", "--help"]).stdout.contains("--worlds"))
    #expect(BEB.run(["--version"]).stdout == "beb \(BEB.version)\n")
    #expect(BEB.run(["help", "report"]).stdout.contains("--format"))
    #expect(BEB.run(["help"]).stdout.contains("[--def OLD=NEW]") == false)
    #expect(BEB.run(["--help"]).stdout.contains("--def OLD=NEW\n"))
    #expect(BEB.run(["--help"]).stdout.contains("| --prob-range '[LO, HI]')..."))
    // Help for a command that does not exist is bad usage, with a suggestion.
    let unknown = BEB.run(["help", "chekc"])
    #expect(unknown.status == 2)
    #expect(unknown.stdout == "")
    #expect(unknown.stderr.contains("no help for 'chekc': no such command; did you mean 'check'?"))
  }

  /// Every command has its help, and no line of it, nor of `beb --help`, is wider than a
  /// terminal of 100 columns.
  @Test(arguments: BEB.commandUsages.keys.sorted())
  func everyCommandHasHelpThatFits(command: String) {
    #expect(BEB.run(["--help"]).stdout.contains("beb \(command)"))
    #expect(!BEB.run(["--help"]).stdout.split(separator: "\n").contains { $0.count > 100 })
    let help = BEB.run([command, "--help"])
    #expect(help.status == 0)
    #expect(help.stdout.hasPrefix("Usage: beb \(command)"))
    let wide = help.stdout.split(separator: "\n").filter { $0.count > 100 }
    #expect(wide.isEmpty, "\(wide)")
  }

  /// The built executable behaves like the in-process runs. `swift test` builds it next to the
  /// test bundle, whatever the build folder.
  @Test func executableEndToEnd() throws {
    let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates =
      [products, products.deletingLastPathComponent()].map {
        $0.appendingPathComponent("beb").path
      } + [Self.root + "/.build/debug/beb"]
    let binary = try #require(
      candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
      "no built beb executable in \(candidates)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["check", "--symbolic-only", "--json", "--only", "thm-3.1"]
    process.currentDirectoryURL = URL(fileURLWithPath: Self.root)
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0 || process.terminationStatus == 1)
    #expect(String(decoding: data, as: UTF8.self).contains("\"id\": \"thm-3.1\""))
  }
}
