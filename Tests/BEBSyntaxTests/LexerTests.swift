import Testing

@testable import BEBSyntax

@Suite struct LexerTests {
  func kinds(_ text: String) throws -> [Token.Kind] {
    try Lexer.tokenize(SourceFile(path: "t.beb", text: text)).map(\.kind).dropLast()
  }

  @Test func asciiAndUnicodeSpellingsGiveTheSameTokens() throws {
    let ascii = try kinds("forall x : Real, alpha <= x /\\ x != beta => P_-(s ++ t) >= 0 || <>")
    let unicode = try kinds("∀ x : Real, α ≤ x ∧ x ≠ β ⇒ P₋(s ⊕ t) ≥ 0 ∥ ⟨⟩")
    #expect(ascii == unicode)
  }

  @Test func namesAreCanonicalised() throws {
    #expect(try kinds("s_0 s₀ s0") == Array(repeating: .identifier("s0"), count: 3))
    #expect(try kinds("epsilon' ε′") == [.identifier("ε'"), .identifier("ε'")])
    #expect(try kinds("P_+ P₊") == [.identifier("P₊"), .identifier("P₊")])
    #expect(try kinds("alphabet") == [.identifier("alphabet")])
  }

  @Test func resultIDsAreSingleTokens() throws {
    #expect(
      try kinds("def-2.2-v4 lemma-C.3-prefixwise thm-3.4-repaired")
        == [
          .resultID("def-2.2-v4"), .resultID("lemma-C.3-prefixwise"), .resultID("thm-3.4-repaired"),
        ])
    // A name that is not a result prefix is a subtraction.
    #expect(try kinds("x-2") == [.identifier("x"), .symbol(.minus), .number("2")])
  }

  @Test func numbersAndRanges() throws {
    #expect(
      try kinds("0.25 1..k") == [.number("0.25"), .number("1"), .symbol(.range), .identifier("k")])
  }

  /// Whitespace is Unicode's White_Space: the ASCII ones (tab, line feed, vertical tab, form
  /// feed, carriage return, space, decided without a property lookup) and the others (next
  /// line, no-break space, em space, ideographic space); other control characters are not.
  @Test func whitespaceIsUnicodesWhiteSpace() throws {
    let separators = [
      "\t", "\n", "\u{0B}", "\u{0C}", "\r", " ", "\u{85}", "\u{A0}", "\u{2003}", "\u{3000}",
    ]
    let text = separators.enumerated().map { "a\($0.offset)" + $0.element }.joined() + "z"
    #expect(try kinds(text).count == separators.count + 1)
    #expect(throws: (any Error).self) { try kinds("a\u{1F}b") }
  }

  @Test func commentsAreSkippedAndBlocksNest() throws {
    #expect(try kinds("a -- b\n{- c {- d -} e -} f") == [.identifier("a"), .identifier("f")])
  }

  @Test func errorsCarryTheirPlace() {
    func failure(_ text: String) -> LocatedSyntaxError? {
      do {
        _ = try Lexer.tokenize(SourceFile(path: "t.beb", text: text))
        return nil
      } catch { return error }
    }
    #expect(failure("a @ b")?.error == .unexpectedCharacter("@"))
    #expect(failure("a @ b")?.span == Span(2, 3))
    #expect(failure("x {- y")?.error == .unterminatedComment)
    #expect(failure("x {- y")?.span.start == 2)
    #expect(failure("\"abc")?.error == .unterminatedString)
    #expect(failure("")?.error == .emptyFile)
    #expect(failure("-- only a comment\n")?.error == .emptyFile)
    #expect(failure("12abc")?.error == .malformedNumber("12abc"))
    #expect(failure(String(repeating: "9", count: 1001))?.error == .numberTooLong(digits: 1001))
  }

  @Test func invalidUTF8AndNulAreRejected() {
    #expect(throws: LocatedSyntaxError.self) {
      try Lexer.tokenize(SourceFile(path: "t", bytes: [0x61, 0xFF, 0x62]))
    }
    do {
      _ = try Lexer.tokenize(SourceFile(path: "t", bytes: [0x61, 0x62, 0xC3]))
      Issue.record("truncated UTF-8 accepted")
    } catch {
      #expect(error.error == .notUTF8)
      #expect(error.span.start == 2)
    }
    do {
      _ = try Lexer.tokenize(SourceFile(path: "t", bytes: [0x61, 0x00]))
      Issue.record("NUL accepted")
    } catch {
      #expect(error.error == .nulByte)
    }
  }

  @Test func columnsCountCharactersNotBytes() {
    let file = SourceFile(path: "t.beb", text: "αβ x\nyz")
    #expect(file.location(of: 5) == (1, 4))  // α and β take two bytes each
    #expect(file.location(of: 8) == (2, 2))
    #expect(file.lineText(2) == "yz")
  }
}
