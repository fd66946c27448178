import BEBKernel
import BEBSyntax
import Foundation
import Testing

@testable import BEBCheck

/// `beb whatif --def OLD=NEW`: every application of OLD becomes NEW, except in the bridge
/// results NEW ⇒ OLD, which steps unfolding OLD cite (checked by the kernel like any citation).
@Suite struct DefinitionEditTests {
  static let definitions = """
    definition def-above2 "above two" (x : Real) := x > 2
    definition def-above1 "above one, whatever is added" (x : Real) := ∀ n : Nat, x + n > 1

    lemma lemma-uses "a result that unfolds def-above1"
      given y : Real
      assume h : def-above1(y)
      show y > 0

    """
  static let usesProof = """
    proof lemma-uses
      have a : ∀ n : Nat, y + n > 1 by def [h]
      have b : y + 0 > 1 by a [0]
      show y > 0 by linarith [b]

    """

  /// A bridge def-above2 ⇒ def-above1 with a proof (`sound`) or with a proof that does not check.
  static func bridge(sound: Bool) -> String {
    """
    lemma lemma-bridge "above two is above one"
      given x : Real
      assume h : def-above2(x)
      show def-above1(x)

    proof lemma-bridge
      have a : x > 2 by def [h]
      fix n : Nat
      have b : x + n > 1 by linarith [a\(sound ? "" : ", wrong")]
      have c : ∀ n : Nat, x + n > 1 by intro [b]
      show def-above1(x) by def [c]

    """
  }

  static func answer(_ files: [String]) throws -> WhatIf.Answer {
    let sources = files.enumerated().map { SourceFile(path: "f\($0.offset).beb", text: $0.element) }
    let development = try Loader.load(sources: sources).get()
    var options = CheckOptions()
    options.worlds = 5
    return try WhatIf(original: development, sources: sources, id: "lemma-uses", options: options)
      .run([.definition("def-above1", "def-above2")])
  }

  @Test func aVerifiedBridgeKeepsTheResult() throws {
    let answer = try Self.answer([Self.definitions + Self.usesProof, Self.bridge(sound: true)])
    #expect(answer.bridges == ["lemma-bridge"])
    let uses = try #require(answer.comparisons.first { $0.id == "lemma-uses" })
    #expect(uses.before.status == .verified)
    #expect(uses.after.status == .verified)
    let changed = answer.changed
    #expect(!changed)
    // The edit did happen: the hypothesis is now def-above2(y).
    guard case .predicate(let name, _) = uses.after.entry.hypotheses[0].formula else {
      Issue.record("the hypothesis is not a definition applied")
      return
    }
    #expect(name == "def-above2")
  }

  /// The edit renames applications in the syntax tree: spacing does not matter, and a comment
  /// or a title that mentions `def-above1(` is not an application (it was rewritten when the
  /// edit matched bytes).
  @Test func applicationsAreRenamedInTheTree() throws {
    let spaced = Self.definitions.replacingOccurrences(
      of: "assume h : def-above1(y)", with: "assume h : def-above1 (y)")
    let commented = "-- def-above1(y) in a comment stays as written\n" + spaced + Self.usesProof
    let answer = try Self.answer([commented, Self.bridge(sound: true)])
    let uses = try #require(answer.comparisons.first { $0.id == "lemma-uses" })
    guard case .predicate(let name, _) = uses.after.entry.hypotheses[0].formula else {
      Issue.record("the hypothesis is not a definition applied")
      return
    }
    #expect(name == "def-above2")
    #expect(uses.after.status == .verified)
    // The edit is on the syntax tree: the file is left as written (its comment and the
    // spaced application), the tree applies def-above2 where the file applies def-above1.
    let sources = [SourceFile(path: "f0.beb", text: commented)]
    let whatIf = WhatIf(
      original: try Loader.load(sources: sources).get(), sources: sources, id: "lemma-uses",
      options: CheckOptions())
    let edited = try whatIf.edited([.definition("def-above1", "def-above2")])
    #expect(edited.entry("lemma-uses")?.file.bytes == sources[0].bytes)
    let tree = WhatIf.renamingApplications(
      in: try Parser.parse(sources[0]), "def-above1", "def-above2", except: [])
    let applied = Set(tree.items.flatMap(\.expressions).flatMap(\.appliedIDs))
    #expect(applied.contains("def-above2") && !applied.contains("def-above1"))
  }

  /// A definition written without a title (`definition def-above1(x : Real) := …`) is
  /// declared, not applied: the edit leaves its header alone (renaming it made two
  /// definitions of def-above2, and the edited development did not load).
  @Test func anUntitledDefinitionIsNotRenamed() throws {
    let untitled = Self.definitions.replacingOccurrences(
      of: "definition def-above1 \"above one, whatever is added\" (x : Real)",
      with: "definition def-above1(x : Real)")
    #expect(untitled != Self.definitions)
    let answer = try Self.answer([untitled + Self.usesProof, Self.bridge(sound: true)])
    let uses = try #require(answer.comparisons.first { $0.id == "lemma-uses" })
    #expect(uses.after.status == .verified)
  }

  /// A variant built on the definition it replaces (`NEW(x) := OLD(x) ∧ …`) keeps its body as
  /// written: renamed, it would apply itself, and the edited development did not load
  /// ("circular definition").
  @Test func aVariantBuiltOnTheOldDefinitionKeepsItsBody() throws {
    let variant = """
      definition def-strict "above one, and above two" (x : Real) := def-above1(x) ∧ x > 2

      """
    let sources = [SourceFile(path: "f0.beb", text: Self.definitions + variant + Self.usesProof)]
    let whatIf = WhatIf(
      original: try Loader.load(sources: sources).get(), sources: sources, id: "lemma-uses",
      options: CheckOptions())
    let edited = try whatIf.edited([.definition("def-above1", "def-strict")])
    let strict = try #require(edited.entry("def-strict"))
    #expect(strict.formula.predicateNames == ["def-above1"])
    let uses = try #require(edited.entry("lemma-uses"))
    guard case .predicate(let name, _) = uses.hypotheses[0].formula else {
      Issue.record("the hypothesis is not a definition applied")
      return
    }
    #expect(name == "def-strict")
  }

  /// A definition without parameters is applied bare (`h : def-t1`): the edit renames it too,
  /// and a result that applies it so is among those re-checked.
  @Test func aBareApplicationIsRenamed() throws {
    let text = """
      definition def-t1 "every natural is nonnegative" := ∀ n : Nat, n ≥ 0
      definition def-t2 "one is positive" := 1 > 0

      lemma lemma-uses "a result that applies def-t1 bare"
        given y : Real
        assume h : def-t1
        show y = y

      proof lemma-uses
        show y = y by ring

      """
    let sources = [SourceFile(path: "f0.beb", text: text)]
    let whatIf = WhatIf(
      original: try Loader.load(sources: sources).get(), sources: sources, id: "lemma-uses",
      options: CheckOptions())
    let edited = try whatIf.edited([.definition("def-t1", "def-t2")])
    let uses = try #require(edited.entry("lemma-uses"))
    guard case .predicate(let name, _) = uses.hypotheses[0].formula else {
      Issue.record("the hypothesis is not a definition applied")
      return
    }
    #expect(name == "def-t2")
    #expect(whatIf.mentioning(["def-t1"]) == ["lemma-uses"])
  }

  @Test func withoutABridgeTheUnfoldingFails() throws {
    let answer = try Self.answer([Self.definitions + Self.usesProof])
    #expect(answer.bridges.isEmpty)
    let uses = try #require(answer.comparisons.first { $0.id == "lemma-uses" })
    #expect(uses.after.status == .unjustified)
    #expect(uses.nowFailing.map(\.id) == ["a"])
    let changed = answer.changed
    #expect(changed)
  }

  @Test func aBridgeThatDoesNotCheckDoesNotHelp() throws {
    // The bridge's proof fails (`wrong` is no fact): a step citing it may be justified by the
    // kernel, but the result rests on an unverified result and is not verified.
    let answer = try Self.answer([Self.definitions + Self.usesProof, Self.bridge(sound: false)])
    let uses = try #require(answer.comparisons.first { $0.id == "lemma-uses" })
    #expect(uses.after.status == .unjustified)
    #expect(uses.after.reason.contains("lemma-bridge"))
    let changed = answer.changed
    #expect(changed)
  }

  /// The must-show of issue 6 on the bundled development: replacing def-2.2 (averaged, v5/v6)
  /// by def-2.2-v4 (every prefix) leaves every result as it was, through the verified bridges
  /// lemma-2.2-v4 and lemma-2.2-v4-cond.
  @Test func def22V4LeavesEveryResultAsItWas() throws {
    let sources = try WhatIfTests.sources()
    let development = try Loader.load(sources: sources).get()
    let answer = try WhatIf(
      original: development, sources: sources, id: "thm-3.1", options: CheckOptions()
    )
    .run([.definition("def-2.2", "def-2.2-v4")])
    #expect(answer.bridges == ["lemma-2.2-v4", "lemma-2.2-v4-cond"])
    #expect(answer.comparisons.count > 20)
    for comparison in answer.comparisons {
      #expect(
        !comparison.changed,
        "\(comparison.id): \(comparison.before.status) → \(comparison.after.status)")
    }
  }
}
