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

// Every application of a definition in a term or formula, inside events of terms too, with
// its arguments (in the order of the formula, outermost first): what a definition applies
// (the loader's cycle check, `predicateNames`), whether it applies itself (`Evaluator`,
// Recursion.swift).

extension Term {
  public var applications: [(id: String, args: [Term])] {
    switch self {
    case .number, .variable: return []
    case .apply(_, let args): return args.flatMap(\.applications)
    case .bind(_, _, let range, let body): return range.flatMap(\.applications) + body.applications
    case .probability(_, let law, let length, let event):
      return law.applications + (length?.applications ?? []) + event.applications
    }
  }
}

extension Formula {
  public var applications: [(id: String, args: [Term])] {
    switch self {
    case .truth: return []
    case .relation(_, let a, let b): return a.applications + b.applications
    case .not(let f), .forall(_, let f), .exists(_, let f): return f.applications
    case .and(let fs), .or(let fs): return fs.flatMap(\.applications)
    case .implies(let a, let b), .iff(let a, let b): return a.applications + b.applications
    case .predicate(let name, let args): return [(name, args)] + args.flatMap(\.applications)
    }
  }
}
