import Testing

@testable import BEBCheck

/// Ids sort with their numbers compared as numbers; the byte path for ASCII ids gives the same
/// order as the definition on characters.
@Suite struct NaturalOrderTests {
  @Test func numbersCompareAsNumbers() {
    #expect(Loader.naturalOrder("def-2.9", "def-2.10"))
    #expect(!Loader.naturalOrder("def-2.10", "def-2.9"))
    #expect(Loader.naturalOrder("lemma-C.4", "lemma-C.4-cont"))
    #expect(Loader.naturalOrder("thm-3.1", "thm-3.1-repaired"))
    // Equal numbers: the written forms decide ("01" before "1").
    #expect(Loader.naturalOrder("a01", "a1"))
    #expect(!Loader.naturalOrder("a1", "a01"))
    #expect(!Loader.naturalOrder("x", "x"))
    // Not ASCII: the definition on characters.
    #expect(Loader.naturalOrder("P₀-9", "P₀-10"))
  }

  @Test func theBytePathAgreesWithTheDefinition() {
    let alphabet = Array("0019-.aAbZ_")
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33)
    }
    func word() -> String {
      String((0..<(next() % 7)).map { _ in alphabet[next() % alphabet.count] })
    }
    var disagreements: [String] = []
    for _ in 0..<20_000 {
      let (a, b) = (word(), word())
      if Loader.naturalOrder(a, b) != Loader.naturalOrderByCharacters(a, b) {
        disagreements.append("\(a) vs \(b)")
      }
    }
    #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
  }
}
