import BEBCheck
import BEBSyntax
import Testing

/// `mono` hands the kernel the comparison of the differing parts in the direction the claim
/// needs: through a context that reverses the order (c − x, 1/x, −x), the opposite one.
@Suite struct MonoDirectionTests {
  static func check(_ text: String) throws -> ResultReport {
    let sources = [SourceFile(path: "mono.beb", text: text)]
    let development = try Loader.load(sources: sources, library: nil).get()
    var options = CheckOptions()
    options.only = ["lemma-m"]
    return try #require(Checker.check(development, options: options).results.first)
  }

  /// x = y, known as two inequalities: both directions follow, and the claim through the
  /// reversing c − · needs x ≥ y. (The order <, >, ≤, ≥ found x ≤ y first, which gives the
  /// opposite claim, and the step was refused.)
  @Test func bothDirectionsDerivableTheNeededOneIsUsed() throws {
    let result = try Self.check(
      """
      lemma lemma-m
        given x y : Real
        assume h1 : x ≤ y
        assume h2 : y ≤ x
        show 1 - x ≤ 1 - y
      proof lemma-m
        show 1 - x ≤ 1 - y by mono [h1, h2]
      """)
    #expect(result.status == .verified, "\(result.reason)")
  }

  /// Through a reversing context, the direction the facts give and the claim's must agree:
  /// refused when they do not, accepted when they do, strict where the claim is.
  @Test func reversingContexts() throws {
    func lemma(_ claim: String) -> String {
      """
      lemma lemma-m
        given x y : Real
        assume h : x < y
        assume xpos : x > 0
        assume ypos : y > 0
        show \(claim)
      proof lemma-m
        show \(claim) by mono [h, xpos, ypos]
      """
    }
    #expect(try Self.check(lemma("1 - y < 1 - x")).status == .verified)
    #expect(try Self.check(lemma("1 / y < 1 / x")).status == .verified)
    #expect(try Self.check(lemma("-y ≤ -x")).status == .verified)
    #expect(try Self.check(lemma("1 - x < 1 - y")).status == .unjustified)
    #expect(try Self.check(lemma("1 / x ≤ 1 / y")).status == .unjustified)
  }
}
