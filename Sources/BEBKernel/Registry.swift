// THE TRUSTED KERNEL: citation and the closure of trust.
//
// A development's results are declared once, each id bound to its statement; axiom schemas
// are declared as assumed. A proof cites a result by id (`ProofState.cite`), and the kernel
// instantiates the declared statement, so a citation says exactly what the cited result
// states. A finished proof (`Checked`, made only by `qed`) is recorded only for the statement
// declared under its id. Whether a result is verified is decided here (`standing`): recorded,
// and every result its proof cites verified or assumed, with no cycle.

/// What a derivation rests on.
public enum Dependency: Hashable, Comparable, Sendable {
  case hypothesis(String)
  case result(String)
  case definition(String)
  case admitted(String)
  /// An open assumption of `assume`, by number, until `discharge` removes it.
  case assumption(Int)
}

/// How a result stands once the proofs of a development are recorded.
public enum Standing: Equatable, Sendable {
  /// An axiom schema: part of the trusted base.
  case assumed
  /// Proved, and everything its proof cites is verified or assumed.
  case verified
  /// No proof recorded (none given, or the kernel did not reach `qed`).
  case unproved
  /// Proved, citing these results (sorted), which are not verified.
  case restsOn([String])
  /// Proved, but its citations lead back to it: the cycle, from the result to itself.
  case circular([String])
}

/// The results of a development, each id bound once to its statement, and how each is
/// established: assumed (an axiom schema) or proved by a `Checked` of exactly that statement.
public struct Registry: Sendable {
  public private(set) var statements: [String: ResultStatement] = [:]
  private var assumed: Set<String> = []
  private var proofs: [String: Checked] = [:]

  public init() {}

  /// Binds `statement.id` to `statement` (an axiom schema when `assumed`); refused for an id
  /// already bound.
  public mutating func declare(_ statement: ResultStatement, assumed: Bool = false)
    throws(KernelError)
  {
    guard statements[statement.id] == nil else { throw .notFresh(statement.id) }
    statements[statement.id] = statement
    if assumed { self.assumed.insert(statement.id) }
  }

  /// Records a finished proof; refused unless its id is declared, not an axiom schema, and
  /// bound to the statement proved (parameters, hypotheses and conclusion alike).
  public mutating func record(_ checked: Checked) throws(KernelError) {
    guard let declared = statements[checked.id], !assumed.contains(checked.id) else {
      throw .noSuchResult(checked.id)
    }
    let (a, b) = (declared, checked.statement)
    guard a.parameters == b.parameters, a.hypotheses.map(\.name) == b.hypotheses.map(\.name),
      a.hypotheses.map({ $0.formula.canonical }) == b.hypotheses.map({ $0.formula.canonical }),
      a.conclusion.canonical == b.conclusion.canonical
    else { throw .shape("the statement declared for \(checked.id)", b.conclusion) }
    proofs[checked.id] = checked
  }

  /// Verified iff a proof is recorded and every result it cites is verified or assumed, with
  /// no cycle.
  public func standing(_ id: String) -> Standing {
    var known: [String: Standing] = [:]
    func visit(_ id: String, _ path: [String]) -> Standing {
      if assumed.contains(id) { return .assumed }
      guard let proof = proofs[id] else { return .unproved }
      if let start = path.firstIndex(of: id) { return .circular(Array(path[start...]) + [id]) }
      if let standing = known[id] { return standing }
      var weak: [String] = []
      for case .result(let cited) in proof.uses.sorted() {
        let standing = visit(cited, path + [id])
        if case .circular(let cycle) = standing, cycle.contains(id) { return standing }
        if standing != .assumed && standing != .verified { weak.append(cited) }
      }
      known[id] = weak.isEmpty ? .verified : .restsOn(weak)
      return known[id]!
    }
    return visit(id, [])
  }
}
