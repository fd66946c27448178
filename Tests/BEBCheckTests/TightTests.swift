import BEBCheck
import BEBKernel
import BEBNumeric
import Foundation
import Testing

@testable import BEBCLI

/// `beb tight`: the shortest prompt on worlds against a result's stated length bound.
@Suite struct TightTests {
  static let root = DevelopmentTests.root

  @Test func theoremOneBoundIsMetAndReported() throws {
    let outcome = BEB.run(["tight", "thm-3.1-repaired", "--worlds", "20", "--json"], in: Self.root)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    #expect(json["schema"] as? String == "beb-tight/1")
    #expect(json["satisfied"] as? Int == 20)
    #expect(json["exceeding"] as? Int == 0)
    let worlds = try #require(json["worlds"] as? [[String: Any]])
    #expect(!worlds.isEmpty)
    for world in worlds {
      // The bound holds on every world: the shortest prompt is at most L.
      let ratio = try #require(Double(world["ratio"] as? String ?? ""))
      #expect(ratio >= 0 && ratio <= 1)
    }
    let tightest = try #require(json["tightest"] as? [String: Any])
    #expect((tightest["shrunk_world"] as? String)?.hasPrefix("sentences 0..") == true)
    // Same seed, same bytes.
    let again = BEB.run(["tight", "thm-3.1-repaired", "--worlds", "20", "--json"], in: Self.root)
    #expect(again.stdout == outcome.stdout)
  }

  static let lemmas = """
    lemma lemma-short "a prompt of at most half a sentence that has a sentence"
      given P : Dist
      show ∃ s : Text, |s| ≤ 1/2 ∧ |s| ≥ 1

    lemma lemma-none "a prompt of at most three sentences with a probability above 2"
      given P : Dist
      show ∃ s : Text, |s| ≤ 3 ∧ P(s) > 2

    lemma lemma-long "a prompt of at most three sentences that has two"
      given P : Dist
      show ∃ s : Text, |s| ≤ 3 ∧ |s| ≥ 2

    lemma lemma-plain "no length bound"
      given x : Real
      show x = x

    """

  @Test func aBoundThatNoPromptMeetsIsCounted() throws {
    let (short, none, long, plain) = try CommandLineTests().withFiles(["t.beb": Self.lemmas]) {
      folder in
      (
        BEB.run(["tight", "lemma-short", "t.beb", "--worlds", "5"], in: folder),
        BEB.run(["tight", "lemma-none", "t.beb", "--worlds", "5"], in: folder),
        BEB.run(["tight", "lemma-long", "t.beb", "--worlds", "5"], in: folder),
        BEB.run(["tight", "lemma-plain", "t.beb"], in: folder)
      )
    }
    #expect(short.status == 1)
    #expect(
      short.stdout.contains("no prompt of at most L sentences on 5 (each refutes the statement)"))
    #expect(short.stdout.contains("refuted on world 0 (re-validated: the hypotheses hold"))
    #expect(none.status == 1)
    #expect(none.stdout.contains("no prompt of at most L sentences on 5"), "\(none.stdout)")
    #expect(long.status == 0)
    #expect(long.stdout.contains("min 0.6667, median 0.6667, max 0.6667"), "\(long.stdout)")
    #expect(plain.status == 2)
    #expect(plain.stderr.contains("does not conclude with a length bound"))
  }

  @Test func theShapeOfALengthBound() {
    let s = Variable("s", .text)
    let length = Term.apply(.length, [.variable(s)])
    let claim = Formula.relation(.gt, .variable(Variable("x", .real)), .number(0))
    let bound = Term.number(3)
    let found = Tightness.lengthBound(
      of: .exists(s, .and([claim, .relation(.le, length, bound)])))
    #expect(found?.bound == bound)
    #expect(found?.claim == claim)
    // A bound that mentions the prompt itself is not a length bound.
    #expect(
      Tightness.lengthBound(of: .exists(s, .and([.relation(.le, length, length), claim]))) == nil)
    #expect(Tightness.lengthBound(of: .forall(s, .relation(.le, length, bound))) == nil)
  }

  @Test func anUnknownIDIsAUsageError() {
    let outcome = BEB.run(["tight", "thm-3.1-repairde"], in: Self.root)
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("did you mean 'thm-3.1-repaired'?"))
  }

  /// The reports' measurements run results side by side: the same figures as one by one.
  @Test func lengthBoundsInParallelAsInSeries() throws {
    let (parallel, serial) = try CommandLineTests().withFiles(["t.beb": Self.lemmas]) { folder in
      let development = try Loader.load(paths: [folder + "/t.beb"]).get()
      let report = Checker.check(development, options: CheckOptions())
      func figures(_ parallel: Bool) -> [String] {
        LengthBounds.measure(report, development, worlds: 8, seed: 3, parallel: parallel).map {
          "\($0.id) \($0.tightness.samples.map { "\($0.index):\($0.shortest)/\($0.ratio)" })"
            + " \($0.tightness.exceeding) \($0.tightness.noPrompt)"
        }
      }
      return (figures(true), figures(false))
    }
    #expect(parallel.count == 3)
    #expect(parallel == serial)
  }
}
