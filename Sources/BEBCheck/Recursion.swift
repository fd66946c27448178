import BEBKernel

// Definitions that apply themselves. The kernel unfolds and folds a definition by its
// equation d(args) ⇔ body[params := args] (`ProofState.unfold`, `fold`); that is sound only when
// the equations have a solution, which the loader makes sure of: a definition may not apply
// itself through others (`Development.cycles`), and may apply itself only as a recursion on
// its first parameter k, a Real (k - 1 is a real, so an Int k could not be passed down), of the
// shape
//
//   d(k, x̄) := (k = 0 ∧ A) ∨ (k ≥ 1 ∧ C)
//
// where A does not apply d and every application of d in C reads d(k - 1, …). Such an
// equation has exactly one solution, built for k = 0, 1, 2, … in turn: d(0, ·) is A, d(k, ·)
// for k ≥ 1 is C with d(k - 1, ·) already known, and d(k, ·) is false for every other k < 1
// (neither disjunct holds); a real k ≥ 1 steps down by one to such a k. The other arguments
// of the inner applications are free: the recursion is on k alone.

extension Development {
  /// Whether `body`, the body of the definition `id` with `parameters`, applies `id` only as
  /// the recursion on its first parameter described above.
  static func isRecursion(on parameters: [Variable], _ id: String, _ body: Formula) -> Bool {
    guard let k = parameters.first, k.sort == .real,
      case .or(let parts) = body, parts.count == 2,
      case .and(let base) = parts[0], base.first == .relation(.eq, .variable(k), .number(.zero)),
      case .and(let step) = parts[1], step.first == .relation(.ge, .variable(k), .number(.one)),
      !Formula.and(base).predicateNames.contains(id)
    else { return false }
    // A variable no source can name stands for k, so that a binder of another k inside C
    // (which the substitution leaves alone) cannot pass for the recursion's.
    let fresh = Variable("#k", .real)
    let inner = Formula.and(Array(step.dropFirst())).substituting([k: .variable(fresh)])
    let previous = Term.apply(.sub, [.variable(fresh), .number(.one)])
    return inner.applications(of: id).allSatisfy { $0.first == previous }
  }
}

extension Formula {
  /// The arguments of every application of the definition `id` (inside events of terms too).
  func applications(of id: String) -> [[Term]] {
    switch self {
    case .truth: return []
    case .relation(_, let a, let b): return a.applications(of: id) + b.applications(of: id)
    case .not(let f), .forall(_, let f), .exists(_, let f): return f.applications(of: id)
    case .and(let fs), .or(let fs): return fs.flatMap { $0.applications(of: id) }
    case .implies(let a, let b), .iff(let a, let b):
      return a.applications(of: id) + b.applications(of: id)
    case .predicate(let name, let args):
      return (name == id ? [args] : []) + args.flatMap { $0.applications(of: id) }
    }
  }
}

extension Term {
  /// The arguments of every application of the definition `id` inside this term's events.
  func applications(of id: String) -> [[Term]] {
    switch self {
    case .number, .variable: return []
    case .apply(_, let args): return args.flatMap { $0.applications(of: id) }
    case .bind(_, _, let range, let body):
      return range.flatMap { $0.applications(of: id) } + body.applications(of: id)
    case .probability(_, let law, let length, let event):
      return law.applications(of: id) + (length?.applications(of: id) ?? [])
        + event.applications(of: id)
    }
  }
}
