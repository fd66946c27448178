import BEBKernel

/// Exact linear programming over ℚ by the two-phase simplex method with Bland's rule (which
/// cannot cycle). Untrusted: its answers are certificates that the kernel checks.
public enum Simplex {
  /// A point `x ≥ 0` with `A x = b` that maximises `objective · x`, or any feasible point if
  /// the objective is unbounded; nil if there is none. `A` has one row per constraint.
  ///
  /// Budget: at most `maxPivots` pivots in all; past it, the search gives up (nil), so a hard
  /// instance costs an "unjustified", never a hang.
  public static func solve(
    _ a: [[Rational]], _ b: [Rational], maximizing objective: [Rational]? = nil,
    maxPivots: Int = 5_000
  ) -> [Rational]? {
    let rows = a.count
    let columns = a.first?.count ?? 0
    guard rows > 0 else { return Array(repeating: .zero, count: columns) }
    // Tableau with one artificial variable per row; right-hand sides made nonnegative.
    var tableau: [[Rational]] = []
    for (i, row) in a.enumerated() {
      let flip = b[i].isNegative
      var line = row.map { flip ? -$0 : $0 }
      for k in 0..<rows { line.append(k == i ? .one : .zero) }
      line.append(flip ? -b[i] : b[i])
      tableau.append(line)
    }
    var basis = Array(columns..<(columns + rows))
    var pivots = 0
    // Phase 1: minimise the sum of the artificial variables.
    var phase1 = Array(repeating: Rational.zero, count: columns + rows)
    for k in columns..<(columns + rows) { phase1[k] = -.one }
    var ignored: Int?
    guard
      optimize(
        &tableau, &basis, phase1, allowed: columns + rows, &pivots, maxPivots, unbounded: &ignored)
    else {
      return nil
    }
    let infeasibility = basis.enumerated().reduce(Rational.zero) { sum, entry in
      entry.element >= columns ? sum + tableau[entry.offset].last! : sum
    }
    guard infeasibility.isZero else { return nil }
    // Drive remaining artificial variables out of the basis where possible.
    for i in 0..<rows where basis[i] >= columns {
      if let j = (0..<columns).first(where: { !tableau[i][$0].isZero }) {
        pivot(&tableau, &basis, row: i, column: j)
      }
    }
    var ray: Int?
    if let objective {
      var extended = objective
      extended += Array(repeating: .zero, count: rows)
      _ = optimize(
        &tableau, &basis, extended, allowed: columns, &pivots, maxPivots, unbounded: &ray)
    }
    var x = Array(repeating: Rational.zero, count: columns)
    for (i, j) in basis.enumerated() where j < columns { x[j] = tableau[i].last! }
    if let column = ray {
      // Unbounded: step one unit along the improving ray (column enters at 1, the basic
      // variables move by minus their tableau entries, all ≥ 0 on a ray).
      x[column] += .one
      for (i, j) in basis.enumerated() where j < columns { x[j] -= tableau[i][column] }
    }
    return x
  }

  /// Maximises `objective` over the current tableau using columns `< allowed`. Returns false
  /// when the pivot budget runs out; stops (true) at an optimum or on unboundedness.
  private static func optimize(
    _ tableau: inout [[Rational]], _ basis: inout [Int], _ objective: [Rational], allowed: Int,
    _ pivots: inout Int, _ maxPivots: Int, unbounded: inout Int?
  ) -> Bool {
    while true {
      // Reduced cost of column j: objective[j] - Σ_i objective[basis[i]] · tableau[i][j].
      var entering: Int?
      for j in 0..<allowed where !basis.contains(j) {
        var reduced = objective[j]
        for (i, k) in basis.enumerated() where !objective[k].isZero && !tableau[i][j].isZero {
          reduced -= objective[k] * tableau[i][j]
        }
        if reduced.isPositive {
          entering = j
          break
        }
      }
      guard let column = entering else { return true }
      var leaving: Int?
      var best: Rational?
      for i in tableau.indices where tableau[i][column].isPositive {
        let ratio = tableau[i].last! / tableau[i][column]
        if best == nil || ratio < best! || (ratio == best! && basis[i] < basis[leaving!]) {
          best = ratio
          leaving = i
        }
      }
      guard let row = leaving else {
        unbounded = column
        return true
      }
      pivots += 1
      if pivots > maxPivots { return false }
      pivot(&tableau, &basis, row: row, column: column)
    }
  }

  private static func pivot(
    _ tableau: inout [[Rational]], _ basis: inout [Int], row: Int, column: Int
  ) {
    let factor = tableau[row][column]
    tableau[row] = tableau[row].map { $0 / factor }
    for i in tableau.indices where i != row && !tableau[i][column].isZero {
      let scale = tableau[i][column]
      for j in tableau[i].indices where !tableau[row][j].isZero {
        tableau[i][j] -= scale * tableau[row][j]
      }
    }
    basis[row] = column
  }
}
