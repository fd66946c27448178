import Foundation
import Testing

@testable import BEBCLI

/// `beb bound`: the worked values of THEORY.md §8 are its test vectors.
@Suite struct BoundTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  func value(_ arguments: [String]) -> String? {
    let outcome = BEB.run(["bound"] + arguments, in: Self.root)
    guard outcome.status == 0 else { return nil }
    return outcome.stdout.split(separator: "\n").first { $0.hasPrefix("  = ") }
      .map { String($0.dropFirst(4)) }
  }

  @Test(arguments: [
    ("30", "20", "1.6844"), ("30", "10", "3.3689"), ("18", "5", "4.3378"),
  ])
  func theorem31(logInverseAlpha: String, beta: String, expected: String) {
    #expect(
      value([
        "thm-3.1", "--set", "log(1/α)=\(logInverseAlpha)", "--set", "β=\(beta)", "--set", "ε=0.1",
      ])
        == expected)
  }

  @Test func theoremB1LengthIsTheMaximum() {
    // |s| > max{3.3689, 5} = 5 for β = 20, σ² = 50, δ = 0.1, log(1/α) = 30, ε = 0.1.
    #expect(
      value([
        "thm-B.1", "--set", "log(1/α)=30", "--set", "β=20", "--set", "ε=0.1", "--set", "σ^2=50",
        "--set", "δ=0.1",
      ]) == "5.0000")
  }

  @Test func theorem34CostsLogNOverBetaMore() throws {
    // The extra cost log(16)/20 = 0.1386 over Theorem 3.1's 1.6844.
    let base = ["--set", "log(1/α)=30", "--set", "β=20", "--set", "ε=0.1"]
    let with16 = try #require(value(["thm-3.4"] + base + ["--set", "n=16"]).flatMap { Double($0) })
    #expect(abs(with16 - 1.6844 - 0.1386) < 0.0002)
  }

  @Test func missingValuesAndBadInputAreSaid() {
    let missing = BEB.run(["bound", "thm-3.1", "--set", "β=20"], in: Self.root)
    #expect(missing.status == 0)
    #expect(missing.stdout.contains("depends on α, ε"))
    let malformed = BEB.run(["bound", "thm-3.1", "--set", "log(1/α=30"], in: Self.root)
    #expect(malformed.status == 2)
    #expect(malformed.stderr.contains("column 8: expected ')'"))
    #expect(BEB.run(["bound", "thm-3.9"], in: Self.root).stderr.contains("did you mean"))
    #expect(BEB.run(["bound", "thm-3.1", "--set", "β=twenty"], in: Self.root).status == 2)
  }
}
