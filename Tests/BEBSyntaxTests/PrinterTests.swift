import Foundation
import Testing

@testable import BEBSyntax

/// Printing then parsing gives back the same tree (spans aside), for hand-written expressions
/// and for every file of the bundled development.
@Suite struct PrinterTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static var developmentFiles: [String] {
    var files: [String] = []
    for folder in ["theorems", "proofs"] {
      let url = root.appendingPathComponent(folder)
      // Subfolders too (theorems/axioms/).
      let names =
        FileManager.default.enumerator(atPath: url.path)?.compactMap { $0 as? String } ?? []
      files += names.filter { $0.hasSuffix(".beb") }.map { "\(folder)/\($0)" }
    }
    return files.sorted()
  }

  /// A tree made by a program, with a quantifier before ∧: the printer brackets it, and
  /// `bracketed` puts a `paren` node where the printer writes the parentheses.
  @Test func bracketedHasThePrintersParentheses() throws {
    let none = Span(0, 0)
    func name(_ text: String) -> Expr { Expr(.name(text), none) }
    let quantified = Expr(
      .quantified(
        .forall, [BinderGroup(names: [Name("x", none)], domain: .sort(Name("Real", none)))],
        name("p")),
      none)
    let tree = Expr(.binary(.and, quantified, name("q")), none)
    #expect(Printer.print(tree) == "(∀ x : Real, p) ∧ q")
    let bracketed = Printer.bracketed(tree)
    #expect(Printer.print(bracketed) == Printer.print(tree))
    guard case .binary(.and, let left, _) = bracketed.kind, case .paren = left.kind else {
      Issue.record("no paren node: \(bracketed)")
      return
    }
    let parsed = try Parser.parseExpression(SourceFile(path: "e", text: "(∀ x : Real, p) ∧ q"))
    #expect(Printer.print(parsed) == Printer.print(bracketed))
  }

  @Test func theDevelopmentHasFiles() {
    #expect(Self.developmentFiles.count >= 3)
  }

  @Test(arguments: developmentFiles)
  func roundTripOfDevelopmentFile(_ relativePath: String) throws {
    let path = Self.root.appendingPathComponent(relativePath).path
    let data = try #require(FileManager.default.contents(atPath: path))
    let original = try Parser.parse(SourceFile(path: path, bytes: [UInt8](data)))
    let printed = Printer.print(original)
    let reparsed = try Parser.parse(SourceFile(path: "printed.beb", text: printed))
    #expect(reparsed == original)
    // Printing is a fixed point after one round.
    #expect(Printer.print(reparsed) == printed)
  }

  @Test(arguments: [
    "a + b · c", "(a + b) · c", "a - (b - c)", "a ^ b ^ c", "(a ^ b) ^ c", "-a ^ 2", "- -a",
    "a ⇒ b ⇒ c", "(a ⇒ b) ⇒ c", "¬ (a ∧ b)", "0 < x ≤ 1", "x ∈ (0, 1]", "B(s) ∈ {0, 1}",
    "a ∧ (∀ x : Real, x > 0) ∧ b", "∀ ε > 0, ∃ s : Text, B[P](s) < γ + ε",
    "(Σ_{i=1..k} a) · b", "Σ_{i=1..k} a · b", "E[s ~ P(·|s0)] (B(s) + 1)",
    "Var[s ~ P(·|s0), |s| = n] log(P(s | s0) / Q(s | s0)) < n · σ^2",
    "Pr[s ~ P, |s| = n] (log(P(s)) < 0) ≥ 1 - δ", "||a| - |b||", "s0^{<i} ⊕ s0^{|s0|}",
    "KL(P(·|s ⊕ t) ∥ Q(·|s)) > β", "⌈x⌉ + ⌊y⌋ = ⟨⟩", "def-2.2(P₋(·|s0), P₊(·|s0), β)",
    "x^{a + b}", "x^-1", "2 · -3",
  ])
  func roundTripOfExpression(_ source: String) throws {
    let parsed = try Parser.parseExpression(SourceFile(path: "t", text: source))
    let printed = Printer.print(parsed)
    let reparsed = try Parser.parseExpression(SourceFile(path: "printed", text: printed))
    #expect(reparsed == parsed, "\(source) printed as \(printed)")
  }

  /// Trees built by a program get exactly the parentheses the parser needs.
  @Test func generatedTreesPrintWithNeededParentheses() throws {
    let s = Span(0, 0)
    func name(_ n: String) -> Expr { Expr(.name(n), s) }
    let sum = Expr(
      .big(.sum, .interval(Name("i", s), from: name("a"), to: name("b")), name("f")), s)
    let product = Expr(.binary(.multiply, sum, name("c")), s)
    #expect(Printer.print(product) == "(Σ_{i = a..b} f) · c")
    let quantified = Expr(
      .quantified(
        .forall, [BinderGroup(names: [Name("x", s)], domain: .sort(Name("Real", s)))], name("p")), s
    )
    let conjunction = Expr(.binary(.and, quantified, name("q")), s)
    #expect(Printer.print(conjunction) == "(∀ x : Real, p) ∧ q")
    let difference = Expr(
      .binary(.subtract, name("a"), Expr(.binary(.subtract, name("b"), name("c")), s)), s)
    #expect(Printer.print(difference) == "a - (b - c)")
    for tree in [product, conjunction, difference] {
      let reparsed = try Parser.parseExpression(SourceFile(path: "t", text: Printer.print(tree)))
      #expect(Printer.print(reparsed) == Printer.print(tree))
    }
  }
}
