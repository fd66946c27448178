import BEBSyntax

/// Which results a proof cites (by the rules of its justifications), and the closures of
/// that relation: what a result rests on, and what rests on it.
extension Development {
  /// The results the proof of `id` cites directly, sorted: those its justifications name,
  /// and the axiom schema through which `linarith` and `nlinarith` prove an equation.
  public func cited(by id: String) -> [String] {
    guard let proof = entry(id)?.proof else { return [] }
    var rules: [String] = []
    func justified(_ why: Justification, equation: Bool) {
      rules.append(why.rule.text)
      if equation && ["linarith", "nlinarith"].contains(why.rule.text) {
        rules.append(ProofChecker.antisymmetry)
      }
    }
    func isEquation(_ e: Expr) -> Bool {
      switch e.kind {
      case .paren(let inner): return isEquation(inner)
      case .chain(_, let relations): return relations == [.eq]
      default: return false
      }
    }
    for step in proof.steps {
      switch step.kind {
      case .have(_, let claim, let why), .show(let claim, let why):
        justified(why, equation: isEquation(claim))
      case .obtain(_, _, let why): justified(why, equation: false)
      case .calc(_, _, let links):
        for link in links { justified(link.justification, equation: link.relation == .eq) }
      case .let, .conclude, .fix, .suppose: break
      }
    }
    return Set(rules).filter { $0 != id && entry($0) != nil }.sorted()
  }

  /// `ids` and every result they rest on, transitively.
  public func restingOn(_ ids: [String]) -> Set<String> {
    var seen = Set(ids)
    var pending = ids
    while let id = pending.popLast() {
      for cited in cited(by: id) where seen.insert(cited).inserted { pending.append(cited) }
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
