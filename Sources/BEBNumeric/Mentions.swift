import BEBKernel

// Whether a variable occurs free in a term or formula: `freeVariables.contains(v)`, without
// building the sets (the quantifier rules ask it at every node of a body they walk).

extension Term {
  func mentions(_ v: Variable) -> Bool {
    switch self {
    case .number: return false
    case .variable(let w): return w == v
    case .apply(_, let args): return args.contains { $0.mentions(v) }
    case .bind(_, let w, let range, let body):
      return range.contains { $0.mentions(v) } || (w != v && body.mentions(v))
    case .probability(let w, let law, let length, let event):
      return law.mentions(v) || (length?.mentions(v) ?? false) || (w != v && event.mentions(v))
    }
  }
}

extension Formula {
  func mentions(_ v: Variable) -> Bool {
    switch self {
    case .truth: return false
    case .relation(_, let a, let b): return a.mentions(v) || b.mentions(v)
    case .not(let f): return f.mentions(v)
    case .and(let fs), .or(let fs): return fs.contains { $0.mentions(v) }
    case .implies(let a, let b), .iff(let a, let b): return a.mentions(v) || b.mentions(v)
    case .forall(let w, let f), .exists(let w, let f): return w != v && f.mentions(v)
    case .predicate(_, let args): return args.contains { $0.mentions(v) }
    }
  }
}

// Whether a term or formula applies the definition `id` (inside events of terms too): a
// definition whose body applies itself is recursive (see `Evaluator.recursive`).

extension Term {
  func applies(_ id: String) -> Bool {
    switch self {
    case .number, .variable: return false
    case .apply(_, let args): return args.contains { $0.applies(id) }
    case .bind(_, _, let range, let body):
      return range.contains { $0.applies(id) } || body.applies(id)
    case .probability(_, let law, let length, let event):
      return law.applies(id) || (length?.applies(id) ?? false) || event.applies(id)
    }
  }
}

extension Formula {
  func applies(_ id: String) -> Bool {
    switch self {
    case .truth: return false
    case .relation(_, let a, let b): return a.applies(id) || b.applies(id)
    case .not(let f), .forall(_, let f), .exists(_, let f): return f.applies(id)
    case .and(let fs), .or(let fs): return fs.contains { $0.applies(id) }
    case .implies(let a, let b), .iff(let a, let b): return a.applies(id) || b.applies(id)
    case .predicate(let name, let args): return name == id || args.contains { $0.applies(id) }
    }
  }
}
