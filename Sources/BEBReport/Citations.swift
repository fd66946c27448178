import BEBCheck
import BEBSyntax

/// Which results each proof cites, read from the development's proofs: every justification's
/// rule that names a result or axiom (`by lemma-C.3`, `by ax-mix`), and every result id among
/// its facts (`by linarith [lemma-C.1]`). Definitions are not counted (they are unfolded, not
/// cited). Both directions are kept, sorted in the development's natural order.
public struct Citations: Sendable {
  /// Results each result's proof cites.
  public let cites: [String: [String]]
  /// Results whose proofs cite each result.
  public let citedBy: [String: [String]]

  public init(_ development: Development) {
    var known: Set<String> = []
    for entry in development.entries where entry.kind != .definition { known.insert(entry.id) }
    var cites: [String: Set<String>] = [:]
    var citedBy: [String: Set<String>] = [:]
    for entry in development.entries {
      guard let proof = entry.proof else { continue }
      for justification in proof.steps.flatMap(Citations.justifications) {
        var names = [justification.rule.text]
        for fact in justification.facts { Citations.collectIDs(fact, into: &names) }
        for name in names where known.contains(name) && name != entry.id {
          cites[entry.id, default: []].insert(name)
          citedBy[name, default: []].insert(entry.id)
        }
      }
    }
    let order = { (set: Set<String>) in set.sorted(by: Loader.naturalOrder) }
    self.cites = cites.mapValues(order)
    self.citedBy = citedBy.mapValues(order)
  }

  private static func justifications(_ step: Step) -> [Justification] {
    switch step.kind {
    case .have(_, _, let j), .obtain(_, _, let j), .show(_, let j): return [j]
    case .calc(_, _, let links): return links.map(\.justification)
    case .let, .conclude, .fix, .suppose: return []
    }
  }

  /// Names and result ids anywhere in a fact (iteratively: no input can exhaust the stack).
  private static func collectIDs(_ expr: Expr, into names: inout [String]) {
    var stack = [expr]
    while let next = stack.popLast() {
      switch next.kind {
      case .resultID(let id), .name(let id): names.append(id)
      default: stack += next.kind.children
      }
    }
  }
}
