import BEBCheck
import BEBSyntax
import Testing

/// `linarith` (and `nlinarith`) prove equations as two inequalities, through the axiom schema
/// ax-le-antisymm: accepted when both halves follow, refused with the half that does not, and
/// refused with what to import when the schema is not loaded.
@Suite struct LinarithEquationTests {
  static let schema = """
    axiom ax-le-antisymm "antisymmetry"
      given a b : Real
      assume le : a ≤ b
      assume ge : b ≤ a
      show a = b

    """

  static func check(_ text: String, withSchema: Bool = true) throws -> ResultReport {
    let sources = [SourceFile(path: "eq.beb", text: (withSchema ? Self.schema : "") + text)]
    let development = try Loader.load(sources: sources, library: nil).get()
    var options = CheckOptions()
    options.only = ["lemma-eq"]
    return try #require(Checker.check(development, options: options).results.first)
  }

  static let lemma = """
    lemma lemma-eq
      given x y z : Real
      assume h1 : x + z ≤ y + z
      assume h2 : y ≤ x
      show x = y
    proof lemma-eq
      show x = y by linarith [h1, h2]
    """

  @Test func anEquationFromTwoInequalities() throws {
    let result = try Self.check(Self.lemma)
    #expect(result.status == .verified, "\(result.reason)")
    #expect(result.axioms == ["ax-le-antisymm"])
    #expect(result.steps.first?.uses.sorted() == ["h1", "h2"])
  }

  @Test func anEquationFromEquations() throws {
    let result = try Self.check(
      """
      lemma lemma-eq
        given x y : Real
        assume h : 2 · x = y + x
        show x = y
      proof lemma-eq
        show x = y by linarith [h]
      """)
    #expect(result.status == .verified, "\(result.reason)")
  }

  /// One half does not follow: refused, naming it.
  @Test func oneHalfMissing() throws {
    let result = try Self.check(Self.lemma.replacingOccurrences(of: "[h1, h2]", with: "[h1]"))
    #expect(result.status == .unjustified)
    let reason = try #require(result.steps.first?.reason)
    #expect(reason.contains("linarith proves an equation as two inequalities"), "\(reason)")
    #expect(reason.hasSuffix("that proves y ≤ x"), "\(reason)")
  }

  /// A false equation is never proved, whatever the facts say about one direction.
  @Test func aFalseEquationIsRefused() throws {
    let result = try Self.check(
      """
      lemma lemma-eq
        given x y : Real
        assume h : x ≤ y
        show x = y
      proof lemma-eq
        show x = y by linarith [h]
      """)
    #expect(result.status == .unjustified)
  }

  /// A development's own schema of that id, stating something else, proves no equation.
  @Test func aSchemaOfThatIdStatingSomethingElse() throws {
    let sources = [
      SourceFile(
        path: "eq.beb",
        text: Self.schema.replacingOccurrences(of: "show a = b", with: "show a ≤ b") + Self.lemma)
    ]
    let development = try Loader.load(sources: sources, library: nil).get()
    var options = CheckOptions()
    options.only = ["lemma-eq"]
    let result = try #require(Checker.check(development, options: options).results.first)
    #expect(result.status == .unjustified)
    #expect(result.steps.first?.reason?.contains("does not state a ≤ b, b ≤ a ⊢ a = b") == true)
  }

  @Test func withoutTheSchemaTheMessageSaysWhatToImport() throws {
    let result = try Self.check(Self.lemma, withSchema: false)
    #expect(result.status == .unjustified)
    let reason = try #require(result.steps.first?.reason)
    #expect(
      reason.contains("ax-le-antisymm, which is not loaded (import \"beb/axioms\")"), "\(reason)")
  }
}
