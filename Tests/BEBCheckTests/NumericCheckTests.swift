import BEBCheck
import Foundation
import Testing

@testable import BEBCLI

/// `beb check --numeric`: statements checked on worlds.
@Suite struct NumericCheckTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  /// The development checked with statements on `worlds` sampled worlds.
  static func numericReport(_ development: Development, worlds: Int) -> CheckReport {
    var options = CheckOptions()
    options.numeric = true
    options.worlds = worlds
    return Checker.check(development, options: options)
  }

  /// No axiom schema is false on the sampled worlds (a wrong schema would be refuted here).
  /// The axioms are split in two halves, checked in parallel (the slowest test of the suite).
  @Test(arguments: [0, 1]) func axiomsAreNotRefuted(half: Int) throws {
    let paths = try #require(Library.files("beb/axioms", root: Self.root))
    guard case .success(let development) = Loader.load(paths: paths) else {
      Issue.record("the axioms do not load")
      return
    }
    let axioms = development.entries.filter { $0.kind == .axiom }.map(\.id)
    var options = CheckOptions()
    options.numeric = true
    options.worlds = 12
    options.only = axioms.enumerated().filter { $0.offset % 2 == half }.map(\.element)
    let report = Checker.check(development, options: options)
    #expect(report.results.count == options.only.count)
    for result in report.results {
      #expect(result.numeric?.status != .refuted, "\(result.entry.id): \(result.reason)")
      #expect(result.status == .assumed)
    }
    #expect(report.results.filter { $0.numeric?.status == .passed }.count >= 10)
  }

  @Test func aWrongAxiomIsRefutedAsAConflict() throws {
    let text = """
      axiom ax-wrong "a false chain rule"
        given P : Dist, s0 s : Text
        show P(s0 ⊕ s) = P(s0) + P(s | s0)
      """
    guard
      case .success(let development) = Loader.load(sources: [.init(path: "wrong.beb", text: text)])
    else {
      Issue.record("does not load")
      return
    }
    let report = Self.numericReport(development, worlds: 50)
    let result = try #require(report.results.first)
    #expect(result.status == .refuted)
    #expect(result.reason.contains("CONFLICT"))
    #expect(result.numeric?.counterexample?.text.contains("horizon") == true)
    #expect(!report.allChecked)
  }

  @Test func numericOutputIsDeterministic() {
    let paths = ["theorems/appendix-I-K.beb", "theorems/definitions.beb"]
    let args =
      ["check"] + paths + [
        "--numeric", "--worlds", "20", "--seed", "3", "--json", "--only", "app-K", "--no-cache",
      ]
    let first = BEB.run(args, in: Self.root)
    let second = BEB.run(args, in: Self.root)
    #expect(first.stdout == second.stdout)
    #expect(first.stdout.contains("\"status\": \"refuted\""))
  }
}

/// Worlds are drawn in batches on every core; the verdicts must not depend on it (issue 15).
@Suite struct ParallelDeterminismTests {
  @Test func parallelAndSerialRunsGiveTheSameBytes() throws {
    let root = NumericCheckTests.root
    let paths = [root + "/theorems", root + "/proofs"]
    guard case .success(let development) = Loader.load(paths: paths) else {
      Issue.record("the development does not load")
      return
    }
    var options = CheckOptions()
    options.numeric = true
    options.worlds = 12
    options.only = ["thm-3.1-repaired", "lemma-C.2"]
    var serial = options
    serial.parallel = false
    let a = Checker.check(development, options: options).json().serialized()
    let b = Checker.check(development, options: serial).json().serialized()
    #expect(a == b)
    #expect(a.contains("\"satisfied\""))
  }
}
