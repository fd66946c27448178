import Testing

@testable import BEBSyntax

@Suite struct ParserTests {
  func parse(_ text: String) throws(LocatedSyntaxError) -> Expr {
    try Parser.parseExpression(SourceFile(path: "t.beb", text: text))
  }

  /// The expression with full parentheses, to pin the tree's shape.
  func shape(_ e: Expr) -> String {
    switch e.kind {
    case .number(let d): return d
    case .name(let n), .resultID(let n): return n
    case .paren(let inner): return shape(inner)
    case .unary(let op, let x): return "(\(op.rawValue)\(shape(x)))"
    case .binary(let op, let a, let b): return "(\(shape(a)) \(op.rawValue) \(shape(b)))"
    case .chain(let xs, let ops):
      return "("
        + xs.map(shape).enumerated().map {
          $0.offset == 0 ? $0.element : "\(ops[$0.offset - 1].rawValue) \($0.element)"
        }.joined(separator: " ") + ")"
    case .quantified(let q, let g, let body):
      return "(\(q.rawValue)\(g[0].names.map(\.text).joined()), \(shape(body)))"
    case .big(let op, _, let body): return "(\(op.rawValue) \(shape(body)))"
    case .sampling(let op, _, _, _, let body): return "(\(op.rawValue) \(shape(body)))"
    case .call(let head, let args, let given):
      return shape(head) + "(" + args.map(shape).joined(separator: ",")
        + (given.map { "|" + shape($0) } ?? "") + ")"
    case .bars(let x): return "|\(shape(x))|"
    case .placeholder: return "·"
    default: return "?"
    }
  }

  @Test(arguments: [
    ("a + b · c", "(a + (b · c))"),
    ("a - b - c", "((a - b) - c)"),
    ("a ^ b ^ c", "(a ^ (b ^ c))"),
    ("-a ^ 2", "(-(a ^ 2))"),
    ("-a · b", "((-a) · b)"),
    ("a ⇒ b ⇒ c", "(a ⇒ (b ⇒ c))"),
    ("a ∧ b ∨ c", "((a ∧ b) ∨ c)"),
    ("¬ a < b ∧ c", "((¬(a < b)) ∧ c)"),
    ("0 < x ≤ 1", "(0 < x ≤ 1)"),
    ("a ∧ ∀ x : Real, x > 0 ∧ b", "(a ∧ (∀x, ((x > 0) ∧ b)))"),
    ("Σ_{i=1..k} a · b + c", "((Σ (a · b)) + c)"),
    ("E[s ~ P] f(s) / 2 - 1", "((E (f(s) / 2)) - 1)"),
    ("P(s | s0) ≤ P(·|s0)(s)", "(P(s|s0) ≤ P(·|s0)(s))"),
    ("|a| - |b|", "(|a| - |b|)"),
    ("||a| - |b||", "|(|a| - |b|)|"),
    ("P(s | s0) < 1", "(P(s|s0) < 1)"),
    ("KL(P ∥ Q) > β", "(? > β)"),
  ])
  func precedence(source: String, expected: String) throws {
    #expect(shape(try parse(source)) == expected)
  }

  @Test func itemsParse() throws {
    let text = """
      definition def-9 "t" (P Q : Dist, β : Real) := ∀ n : Nat, β > 0
      theorem thm-9 "x" variant of thm-8
        given α : Real
        let c := (1 - α) / α
        assume h : α ∈ (0, 1]
        show done : c ≥ 0
      theorem thm-8
        show 1 = 1
      proof thm-9
        let x := 2
        have h2 : c ≥ 0 by positivity [h]
        added calc c = (1 - α) / α by def
          _ ≥ 0 by positivity [h] with x := 1
        obtain s t such that a : s = t, b : t = s by lemma-C.3 with ε := 1
        show c ≥ 0 by h2
        conclude with s, t
      finding finding-1 of thm-9 step 2 expect refuted "why"
      """
    let tree = try Parser.parse(SourceFile(path: "t.beb", text: text))
    #expect(tree.items.count == 5)
    guard case .proof(let proof) = tree.items[3] else {
      Issue.record("expected a proof")
      return
    }
    #expect(proof.steps.count == 6)
    #expect(proof.steps[2].added)
    guard case .calc(_, _, let links) = proof.steps[2].kind else {
      Issue.record("expected calc")
      return
    }
    #expect(links.count == 2)
    #expect(links[1].justification.bindings.count == 1)
  }

  /// An application may be applied again (a law that is an application, as the checker prints
  /// it); it round-trips through the printer.
  @Test func anApplicationAppliedAgain() throws {
    for text in ["mix(α, P0, P1)(s)", "P(·|s0)(y | v)", "B[mix(α, P₋, P₊)(·|t)](s)"] {
      let expr = try parse(text)
      #expect(Printer.print(expr) == text)
    }
    guard case .call(let head, _, _) = try parse("mix(α, P₀, P₁)(s)").kind,
      case .call = head.kind
    else {
      Issue.record("not a call of a call")
      return
    }
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    for text in [
      String(repeating: "(", count: 10_000) + "x" + String(repeating: ")", count: 10_000),
      String(repeating: "¬", count: 10_000) + "x",
      Array(repeating: "1", count: 10_000).joined(separator: " + "),
      String(repeating: "- ", count: 10_000) + "x",
    ] {
      do {
        _ = try parse(text)
        Issue.record("accepted nesting of depth 10000")
      } catch {
        #expect(error.error == .nestingTooDeep(limit: SyntaxError.maxNesting))
      }
    }
  }

  @Test func missingShowIsReportedAtTheID() {
    let file = SourceFile(path: "t.beb", text: "theorem thm-1\n  given α : Real\n")
    do {
      _ = try Parser.parse(file)
      Issue.record("accepted a theorem without 'show'")
    } catch {
      #expect(error.error == .missingClause("show", in: "theorem thm-1"))
      #expect(file.location(of: error.span.start) == (1, 9))
    }
  }
}
