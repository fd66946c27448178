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
      !Formula.and(base).applications.contains(where: { $0.id == id })
    else { return false }
    // A variable no source can name stands for k, so that a binder of another k inside C
    // (which the substitution leaves alone) cannot pass for the recursion's.
    let fresh = Variable("#k", .real)
    let inner = Formula.and(Array(step.dropFirst())).substituting([k: .variable(fresh)])
    let previous = Term.apply(.sub, [.variable(fresh), .number(.one)])
    return inner.applications.allSatisfy { $0.id != id || $0.args.first == previous }
  }
}
