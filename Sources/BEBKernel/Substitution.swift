// Free variables, capture-avoiding substitution, sorts of terms, and a canonical renaming of
// bound variables (so that formulas equal up to the names of bound variables compare equal).

extension Term {
  /// The variables occurring free in the term.
  public var freeVariables: Set<Variable> {
    switch self {
    case .number: return []
    case .variable(let v): return [v]
    case .apply(_, let args): return args.reduce(into: []) { $0.formUnion($1.freeVariables) }
    case .bind(_, let v, let range, let body):
      var free = body.freeVariables
      free.remove(v)
      return range.reduce(into: free) { $0.formUnion($1.freeVariables) }
    case .probability(let v, let law, let length, let event):
      var free = event.freeVariables
      free.remove(v)
      free.formUnion(law.freeVariables)
      if let length { free.formUnion(length.freeVariables) }
      return free
    }
  }

  /// The term with every free occurrence of a variable in `map` replaced, renaming bound
  /// variables where they would capture a variable of a replacement.
  public func substituting(_ map: [Variable: Term]) -> Term {
    guard !map.isEmpty else { return self }
    switch self {
    case .number: return self
    case .variable(let v): return map[v] ?? self
    case .apply(let op, let args): return .apply(op, args.map { $0.substituting(map) })
    case .bind(let binder, let v, let range, let body):
      let (fresh, inner) = Substitution.enter(v, map, avoiding: body.freeVariables)
      return .bind(
        binder, fresh, range: range.map { $0.substituting(map) }, body: body.substituting(inner))
    case .probability(let v, let law, let length, let event):
      let (fresh, inner) = Substitution.enter(v, map, avoiding: event.freeVariables)
      return .probability(
        fresh, law: law.substituting(map), length: length?.substituting(map),
        event: event.substituting(inner))
    }
  }

  /// The sort of a well-formed term (as built by the elaborator or by kernel rules).
  public var sort: Sort {
    switch self {
    case .number(let q): return q.isInteger && !q.isNegative ? .nat : .real
    case .variable(let v): return v.sort
    case .apply(let op, let args):
      return (try? Signature.sort(of: op, arguments: args.map(\.sort))) ?? .real
    case .bind(let binder, _, _, let body): return Signature.sort(of: binder, body: body.sort)
    case .probability: return .prob
    }
  }

  /// Whether every operator, binder and law in the term gets arguments of fitting sorts (as
  /// the elaborator builds terms). `sort` is meaningful only for such a term: it falls back to
  /// Real for an ill-sorted one, so the kernel checks this before trusting a term's sort.
  public var isWellSorted: Bool {
    switch self {
    case .number, .variable: return true
    case .apply(let op, let args):
      return args.allSatisfy(\.isWellSorted)
        && (try? Signature.sort(of: op, arguments: args.map(\.sort))) != nil
    case .bind(let binder, _, let range, let body):
      // Σ and Π: numeric bounds; Σ over sentences: none; E and Var: a law, a natural length.
      let wanted: [Sort] =
        [.sum: [.real, .real], .product: [.real, .real]][binder] ?? [.dist, .nat]
      return body.isWellSorted && body.sort.isNumeric && range.count <= wanted.count
        && zip(range, wanted).allSatisfy { $0.isWellSorted && $0.sort.isSubsort(of: $1) }
    case .probability(let v, let law, let length, let event):
      // The outcome is a sentence, or a text of the given natural length; the event's terms too.
      return law.isWellSorted && law.sort == .dist && v.sort == (length == nil ? .sentence : .text)
        && (length ?? .number(.zero)).sort.isSubsort(of: .nat)
        && ([length ?? .number(.zero)] + event.terms).allSatisfy(\.isWellSorted)
    }
  }
}

extension Formula {
  /// The variables occurring free in the formula.
  public var freeVariables: Set<Variable> {
    switch self {
    case .truth: return []
    case .relation(_, let a, let b): return a.freeVariables.union(b.freeVariables)
    case .not(let f): return f.freeVariables
    case .and(let fs), .or(let fs): return fs.reduce(into: []) { $0.formUnion($1.freeVariables) }
    case .implies(let a, let b), .iff(let a, let b): return a.freeVariables.union(b.freeVariables)
    case .forall(let v, let f), .exists(let v, let f):
      var free = f.freeVariables
      free.remove(v)
      return free
    case .predicate(_, let args): return args.reduce(into: []) { $0.formUnion($1.freeVariables) }
    }
  }

  /// Capture-avoiding substitution of free variables.
  public func substituting(_ map: [Variable: Term]) -> Formula {
    guard !map.isEmpty else { return self }
    switch self {
    case .truth: return self
    case .relation(let r, let a, let b):
      return .relation(r, a.substituting(map), b.substituting(map))
    case .not(let f): return .not(f.substituting(map))
    case .and(let fs): return .and(fs.map { $0.substituting(map) })
    case .or(let fs): return .or(fs.map { $0.substituting(map) })
    case .implies(let a, let b): return .implies(a.substituting(map), b.substituting(map))
    case .iff(let a, let b): return .iff(a.substituting(map), b.substituting(map))
    case .forall(let v, let f):
      let (fresh, inner) = Substitution.enter(v, map, avoiding: f.freeVariables)
      return .forall(fresh, f.substituting(inner))
    case .exists(let v, let f):
      let (fresh, inner) = Substitution.enter(v, map, avoiding: f.freeVariables)
      return .exists(fresh, f.substituting(inner))
    case .predicate(let id, let args): return .predicate(id, args.map { $0.substituting(map) })
    }
  }

  /// The formula with bound variables renamed by binding depth (`#0`, `#1`, ...), a spelling
  /// no source name can have. Two formulas that differ only in the names of bound variables
  /// have the same canonical form.
  public var canonical: Formula { Substitution.canonical(self, depth: 0, names: [:]) }
}

enum Substitution {
  /// Enters a binder of `v` while substituting `map`: the binder's own variable is no longer
  /// replaced, and it is renamed if a replacement mentions a variable of the same name.
  static func enter(_ v: Variable, _ map: [Variable: Term], avoiding bodyFree: Set<Variable>)
    -> (Variable, [Variable: Term])
  {
    var inner = map
    inner[v] = nil
    let replacementFree = inner.filter { bodyFree.contains($0.key) }.values
      .reduce(into: Set<Variable>()) { $0.formUnion($1.freeVariables) }
    guard replacementFree.contains(where: { $0.name == v.name }) else { return (v, inner) }
    let taken = Set(replacementFree.map(\.name)).union(bodyFree.map(\.name))
    var index = 1
    while taken.contains("\(v.name)_\(index)") { index += 1 }
    let fresh = Variable("\(v.name)_\(index)", v.sort)
    inner[v] = .variable(fresh)
    return (fresh, inner)
  }

  /// A bound variable entered at `depth`: its canonical name `#depth`, and the renaming below.
  static func bound(_ v: Variable, _ depth: Int, _ names: [Variable: Term])
    -> (Variable, [Variable: Term])
  {
    let fresh = Variable("#\(depth)", v.sort)
    var inner = names
    inner[v] = .variable(fresh)
    return (fresh, inner)
  }

  static func canonical(_ f: Formula, depth: Int, names: [Variable: Term]) -> Formula {
    func term(_ t: Term) -> Term { canonical(t, depth: depth, names: names) }
    func formula(_ g: Formula) -> Formula { canonical(g, depth: depth, names: names) }
    switch f {
    case .truth: return f
    case .relation(let r, let a, let b): return .relation(r, term(a), term(b))
    case .not(let g): return .not(formula(g))
    case .and(let gs): return .and(gs.map(formula))
    case .or(let gs): return .or(gs.map(formula))
    case .implies(let a, let b): return .implies(formula(a), formula(b))
    case .iff(let a, let b): return .iff(formula(a), formula(b))
    case .forall(let v, let g):
      let (fresh, inner) = bound(v, depth, names)
      return .forall(fresh, canonical(g, depth: depth + 1, names: inner))
    case .exists(let v, let g):
      let (fresh, inner) = bound(v, depth, names)
      return .exists(fresh, canonical(g, depth: depth + 1, names: inner))
    case .predicate(let id, let args): return .predicate(id, args.map(term))
    }
  }

  static func canonical(_ t: Term, depth: Int, names: [Variable: Term]) -> Term {
    func term(_ u: Term) -> Term { canonical(u, depth: depth, names: names) }
    switch t {
    case .number: return t
    case .variable(let v): return names[v] ?? t
    case .apply(let op, let args): return .apply(op, args.map(term))
    case .bind(let binder, let v, let range, let body):
      let (fresh, inner) = bound(v, depth, names)
      return .bind(
        binder, fresh, range: range.map(term), body: canonical(body, depth: depth + 1, names: inner)
      )
    case .probability(let v, let law, let length, let event):
      let (fresh, inner) = bound(v, depth, names)
      return .probability(
        fresh, law: term(law), length: length.map(term),
        event: canonical(event, depth: depth + 1, names: inner))
    }
  }
}
