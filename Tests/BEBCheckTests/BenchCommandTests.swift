import BEBCheck
import Foundation
import Testing

@testable import BEBCLI

/// `beb bench` on a tiny development: every phase and rate is printed, in a fixed layout, and
/// bad usage exits 2. Times are not asserted (a benchmark is not a timed test).
@Suite struct BenchCommandTests {
  static let tiny = """
    theorem thm-tiny "a tiny chain"
      given a b c : Real
      assume h1 : a ≤ b
      assume h2 : b ≤ c
      show a ≤ c

    proof thm-tiny
      have chain : calc a ≤ b by h1
          _ ≤ c by h2
      show a ≤ c by chain

    """

  /// A scratch folder holding `theorems/tiny.beb`, removed afterwards.
  func withTinyDevelopment<T>(_ body: (String) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("beb-bench-\(UUID().uuidString)")
    let theorems = folder.appendingPathComponent("theorems")
    try FileManager.default.createDirectory(at: theorems, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.tiny.write(
      to: theorems.appendingPathComponent("tiny.beb"), atomically: true, encoding: .utf8)
    return try body(folder.path)
  }

  @Test func printsEveryPhaseAndRate() throws {
    try withTinyDevelopment { folder in
      let outcome = BEB.run(["bench", "--worlds", "5", "--repeat", "3"], in: folder)
      #expect(outcome.status == 0)
      let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        .map(String.init)
      #expect(
        lines.first
          == "beb bench: 1 files, 1 results, 3 steps; budget 5 worlds (per statement and per step), seed 1; median of 3 runs"
      )
      // The labels, in order; the numbers vary from run to run.
      let labels = lines.map { $0.prefix { $0 != " " } }.filter { !$0.isEmpty }.dropFirst()
      #expect(
        Array(labels) == [
          "phase", "load", "symbolic", "numeric", "total", "whatif", "rates", "results", "steps",
          "steps/s",
          "worlds", "worlds/s", "accepted", "step", "step", "peak", "slowest", "thm-tiny",
        ])
      #expect(lines.contains { $0.hasPrefix("thm-tiny ") && $0.contains(" s  accepted ") })
      #expect(lines.contains { $0.hasPrefix("load ") && $0.contains(" s  read, parse") })
      #expect(lines.contains { $0.hasPrefix("numeric ") && $0.contains("minus symbolic") })
      #expect(lines.contains { $0.hasPrefix("steps ") && $0.hasSuffix(" 3") })
      // The statement is checked on worlds (at least the 5 asked for, attempts counted) and
      // the proof's steps run on the same worlds.
      #expect(lines.contains { $0.hasPrefix("worlds drawn") && $0.contains("attempts") })
      let checks = lines.first { $0.hasPrefix("step checks ") }?.split(separator: " ")
      #expect(checks.flatMap { Int($0[2]) }.map { $0 >= 5 } == true)
      #if os(Linux)
        #expect(lines.contains { $0.hasPrefix("peak memory") && $0.contains(" MiB") })
      #endif
      #if DEBUG
        #expect(outcome.stderr.contains("warning: this is a debug build"))
      #else
        #expect(outcome.stderr == "")
      #endif
    }
  }

  @Test func badUsageExitsTwo() throws {
    try withTinyDevelopment { folder in
      let typo = BEB.run(["bench", "--wrlds", "5"], in: folder)
      #expect(typo.status == 2)
      #expect(typo.stderr.contains("did you mean '--worlds'?"))
      #expect(BEB.run(["bench", "--repeat", "0"], in: folder).status == 2)
      #expect(BEB.run(["bench", "--worlds"], in: folder).status == 2)
      #expect(BEB.run(["bench", "--seed", "-1"], in: folder).status == 2)
      #expect(BEB.run(["bench", "no-such-file.beb"], in: folder).status == 2)
      let help = BEB.run(["bench", "--help"], in: folder)
      #expect(help.status == 0)
      #expect(help.stdout.contains("--repeat K"))
    }
  }

  @Test func medianOfDurations() {
    let d = { (ms: Int) in Duration.milliseconds(ms) }
    #expect(Benchmark.median([d(3), d(1), d(2)]) == d(2))
    #expect(Benchmark.median([d(4), d(1), d(2), d(3)]) == Duration.microseconds(2500))
  }
}
