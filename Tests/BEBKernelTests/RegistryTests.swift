import Testing

@testable import BEBKernel

/// The kernel owns citation: a result is cited by id with its declared statement, a proof is
/// recorded only for the statement declared under its id, and `standing` decides which
/// results are verified (issue 16, item 1).
@Suite struct RegistryTests {
  let x = Variable("x", .real)
  var vx: Term { .variable(x) }

  /// `lemma ID: given x : Real, assume h : x R 0, show x R' 0`.
  func statement(_ id: String, assume r: Relation, show s: Relation) -> ResultStatement {
    ResultStatement(
      id: id, parameters: [x], hypotheses: [(name: "h", formula: .relation(r, vx, .number(.zero)))],
      conclusion: .relation(s, vx, .number(.zero)))
  }

  /// A finished proof of `statement` (whose conclusion is its hypothesis), resting also on
  /// the results `cites` (each cited at x, its hypothesis discharged by h).
  func prove(_ statement: ResultStatement, in registry: Registry, citing cites: [String] = [])
    throws -> Checked
  {
    let proof = try ProofState(statement, definitions: [], registry: registry)
    let h = try proof.hypothesis("h")
    var facts = [h]
    for id in cites { facts.append(try proof.cite(id, [x: vx], premises: [h])) }
    // h ∧ cited… ⊢ h: the conclusion, resting on every citation.
    return try proof.qed(try proof.conjunct(try proof.conjunction(facts), 0))
  }

  @Test func aProofOfAnotherStatementIsNotRecorded() throws {
    var registry = Registry()
    try registry.declare(statement("lemma", assume: .gt, show: .gt))
    // The same id, stated differently elsewhere (x ≥ 0 ⊢ x ≥ 0): proved there, refused here.
    let other = statement("lemma", assume: .ge, show: .ge)
    var elsewhere = Registry()
    try elsewhere.declare(other)
    let forged = try prove(other, in: elsewhere)
    #expect(throws: KernelError.self) { try registry.record(forged) }
    #expect(registry.standing("lemma") == .unproved)
    // Its own proof is recorded, and verified.
    try registry.record(try prove(statement("lemma", assume: .gt, show: .gt), in: registry))
    #expect(registry.standing("lemma") == .verified)
    // An undeclared id, or a second declaration of one, is refused.
    var fresh = Registry()
    #expect(throws: KernelError.noSuchResult("lemma")) { try fresh.record(forged) }
    #expect(throws: KernelError.notFresh("lemma")) {
      try registry.declare(statement("lemma", assume: .ge, show: .ge))
    }
  }

  @Test func aCitationSaysWhatTheDeclaredStatementSays() throws {
    var registry = Registry()
    try registry.declare(statement("lemma", assume: .gt, show: .gt))
    let proof = try ProofState(
      statement("user", assume: .gt, show: .gt), definitions: [], registry: registry)
    let h = try proof.hypothesis("h")
    let cited = try proof.cite("lemma", [x: vx], premises: [h])
    #expect(cited.formula == Formula.relation(.gt, vx, .number(.zero)).canonical)
    #expect(cited.uses == [.hypothesis("h"), .result("lemma")])
    #expect(throws: KernelError.noSuchResult("nowhere")) {
      try proof.cite("nowhere", [x: vx], premises: [h])
    }
  }

  @Test func verifiedOnlyWhenEverythingCitedIsVerifiedOrAssumed() throws {
    var registry = Registry()
    try registry.declare(statement("axiom", assume: .gt, show: .gt), assumed: true)
    try registry.declare(statement("base", assume: .gt, show: .gt))
    try registry.declare(statement("top", assume: .gt, show: .gt))
    try registry.declare(statement("loose", assume: .gt, show: .gt))
    try registry.declare(statement("a", assume: .gt, show: .gt))
    try registry.declare(statement("b", assume: .gt, show: .gt))
    // An axiom schema is assumed, and no proof of it is recorded.
    #expect(registry.standing("axiom") == .assumed)
    #expect(throws: KernelError.noSuchResult("axiom")) {
      try registry.record(try prove(statement("axiom", assume: .gt, show: .gt), in: registry))
    }
    // `top` cites `base` and the axiom: verified only once `base` is.
    try registry.record(
      try prove(statement("top", assume: .gt, show: .gt), in: registry, citing: ["base", "axiom"]))
    #expect(registry.standing("top") == .restsOn(["base"]))
    try registry.record(try prove(statement("base", assume: .gt, show: .gt), in: registry))
    #expect(registry.standing("top") == .verified)
    // `loose` cites a result with no proof; `a` and `b` cite each other.
    try registry.record(
      try prove(statement("loose", assume: .gt, show: .gt), in: registry, citing: ["b"]))
    try registry.record(
      try prove(statement("a", assume: .gt, show: .gt), in: registry, citing: ["b"]))
    #expect(registry.standing("loose") == .restsOn(["b"]))
    try registry.record(
      try prove(statement("b", assume: .gt, show: .gt), in: registry, citing: ["a"]))
    #expect(registry.standing("a") == .circular(["a", "b", "a"]))
    #expect(registry.standing("b") == .circular(["b", "a", "b"]))
    #expect(registry.standing("loose") == .restsOn(["b"]))
  }
}
