import Testing

@testable import BEBSyntax

/// Marks naming the paper's steps in a proof (`step 2:`, `step 1-3 of ID:`, `step 6 omitted
/// "why"`): where they stand, what they name, and what is refused.
@Suite struct PaperMarkTests {
  func proof(_ body: String) throws(LocatedSyntaxError) -> ProofDecl {
    let tree = try Parser.parse(SourceFile(path: "t.beb", text: "proof thm-1\n" + body))
    guard case .proof(let proof) = tree.items.first else {
      Issue.record("no proof parsed")
      return ProofDecl(id: Name("x", Span(0, 0)), steps: [], span: Span(0, 0))
    }
    return proof
  }

  @Test func marksStandBeforeStepsAndCalcLinks() throws {
    let parsed = try proof(
      """
        step 6 omitted "not needed"
        step 1, 3-4 of lemma-C.4:
        have a : x = x by ring
        step 2:
        have b : calc x
            = x by ring
          step 5:
            _ = x by ring
          step 7:
        show x = x by ring
      """)
    let marks = parsed.marks
    #expect(marks.map(\.numbers) == [[6], [1, 3, 4], [2], [5], [7]])
    #expect(marks.map(\.before) == [0, 0, 1, 1, 2])
    #expect(marks.map(\.link) == [nil, nil, nil, 2, nil])
    #expect(marks[0].omitted == "not needed")
    #expect(marks[1].result?.text == "lemma-C.4")
    #expect(marks.dropFirst().allSatisfy { $0.omitted == nil })
    // Printed and parsed again: the same marks in the same places.
    let printed = Printer.print(Item.proof(parsed))
    let again = try proof(String(printed.drop { $0 != "\n" }.dropFirst()))
    #expect(again == parsed, "\(printed)")
  }

  @Test func aMarkBeforeTheFirstLinkOfAChainWithoutStart() throws {
    let parsed = try proof(
      """
        have b : calc x
          step 1:
            _ = x by ring
      """)
    #expect(parsed.marks.map(\.link) == [1])
    #expect(Printer.print(Item.proof(parsed)).contains("step 1:\n    _ = x"))
  }

  @Test(arguments: [
    ("  step 0:\n  show x = x by ring", "the number of a step"),
    ("  step 3-2:\n  show x = x by ring", "the range's last step"),
    ("  step two:\n  show x = x by ring", "the number of a step"),
    ("  step 1\n  show x = x by ring", "':'"),
    ("  step 1 omitted\n  show x = x by ring", "a string saying why"),
    ("  step 1 of thm:\n  show x = x by ring", "a result id"),
    ("  show x = x by ring\n  step 2:", "a proof step after the mark"),
  ])
  func badMarksAreRefused(_ body: String, _ expected: String) {
    do {
      _ = try proof(body)
      Issue.record("accepted: \(body)")
    } catch {
      #expect(error.error.message.contains(expected), "\(error.error.message)")
    }
  }
}
