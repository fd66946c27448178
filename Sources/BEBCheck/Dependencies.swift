import BEBSyntax

/// Which results a proof cites (by the rules of its justifications), and the closures of
/// that relation: what a result rests on, and what rests on it.
extension Development {
  /// The results the proof of `id` cites directly, sorted.
  public func cited(by id: String) -> [String] {
    guard let proof = entry(id)?.proof else { return [] }
    var rules: [String] = []
    for step in proof.steps {
      switch step.kind {
      case .have(_, _, let why), .obtain(_, _, let why), .show(_, let why):
        rules.append(why.rule.text)
      case .calc(_, _, let links): rules += links.map(\.justification.rule.text)
      case .let, .conclude, .fix, .suppose: break
      }
    }
    return Set(rules).filter { $0 != id && entry($0) != nil }.sorted()
  }

  /// `ids` and every result they rest on, transitively: through the results each proof's
  /// justifications name and, for a checked proof, those `derived` gives (what its derivation
  /// cites as the kernel recorded it: an equation by linarith cites ax-le-antisymm unnamed).
  public func restingOn(_ ids: [String], derived: [String: [String]] = [:]) -> Set<String> {
    var seen = Set(ids)
    var pending = ids
    while let id = pending.popLast() {
      for cited in cited(by: id) + (derived[id] ?? []) where seen.insert(cited).inserted {
        pending.append(cited)
      }
    }
    return seen
  }

  /// Every result that rests on `id`, transitively (not `id` itself), sorted.
  public func dependents(of id: String) -> [String] {
    var citing: [String: [String]] = [:]
    for entry in entries where entry.proof != nil {
      for cited in cited(by: entry.id) { citing[cited, default: []].append(entry.id) }
    }
    var seen: Set<String> = []
    var pending = [id]
    while let next = pending.popLast() {
      for user in citing[next] ?? [] where user != id && seen.insert(user).inserted {
        pending.append(user)
      }
    }
    return seen.sorted(by: Loader.naturalOrder)
  }
}
