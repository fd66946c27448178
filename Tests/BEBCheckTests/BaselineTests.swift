import Foundation
import Testing

@testable import BEBCLI

/// `beb check --save-baseline` / `--baseline`: edits made in the files, reported step by step.
@Suite struct BaselineTests {
  static let original = """
    theorem thm-chain "a chain"
      given a b c : Real
      assume h1 : a ≤ b
      assume h2 : b ≤ c
      show a ≤ c

    proof thm-chain
      have chain : calc a ≤ b by h1
          _ ≤ c by h2
      show a ≤ c by chain

    """

  @Test func weakeningAHypothesisShowsAsAChangedStep() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "beb-baseline-\(UUID().uuidString)")
    let theorems = folder.appendingPathComponent("theorems")
    try FileManager.default.createDirectory(at: theorems, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = theorems.appendingPathComponent("chain.beb")
    try Self.original.write(to: file, atomically: true, encoding: .utf8)
    let saved = BEB.run(
      ["check", "--symbolic-only", "--save-baseline", "base.json"], in: folder.path)
    #expect(saved.status == 0)
    #expect(saved.stderr.contains("baseline saved to base.json"))
    let unchanged = BEB.run(
      ["check", "--symbolic-only", "--baseline", "base.json"], in: folder.path)
    #expect(unchanged.stdout.contains("no change since the baseline base.json"))
    // Weaken h1: a ≤ b + 1 no longer gives the first link.
    try Self.original.replacingOccurrences(of: "assume h1 : a ≤ b", with: "assume h1 : a ≤ b + 1")
      .write(to: file, atomically: true, encoding: .utf8)
    let changed = BEB.run(["check", "--symbolic-only", "--baseline", "base.json"], in: folder.path)
    #expect(changed.status == 1)
    #expect(changed.stdout.contains("~ thm-chain: verified → unjustified"))
    #expect(changed.stdout.contains("step chain.1: verified → unjustified"))
    // With --json the changes go to stderr and stdout stays one JSON document.
    let json = BEB.run(
      ["check", "--symbolic-only", "--json", "--baseline", "base.json"], in: folder.path)
    #expect(json.stdout.hasPrefix("{"))
    #expect(json.stderr.contains("~ thm-chain"))
    // Not a baseline: exit 2.
    try "{}".write(to: folder.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
    #expect(BEB.run(["check", "--baseline", "bad.json"], in: folder.path).status == 2)
    #expect(BEB.run(["check", "--baseline", "missing.json"], in: folder.path).status == 2)
  }
}
