import BEBKernel
import Synchronization

/// Searches for `linarith` certificates: a nonnegative combination of facts (and, when asked,
/// of their pairwise products) that equals the goal as a polynomial. Untrusted: the kernel
/// replays whatever this returns.
public enum LinarithSearch {
  /// A certificate proving `goal` (`p ≥ 0` or `p > 0`) from `facts`, or nil if the linear
  /// program has none. With `products`, pairwise products of facts may be used too.
  public static func certificate(
    goal: (Polynomial, SignKind), facts: [(Polynomial, SignKind)], products: Bool
  ) -> LinearCertificate? {
    let key = Query(
      goal: goal.0, goalKind: Query.code(goal.1), facts: facts.map(\.0),
      kinds: facts.map { Query.code($0.1) }, products: products)
    if let known = answers.withLock({ $0[key] }) { return known }
    let found = search(goal: goal, facts: facts, products: products)
    answers.withLock {
      // Bounded: a long process (the fuzzer, a test run) starts afresh past the limit.
      if $0.count >= answerLimit { $0.removeAll(keepingCapacity: true) }
      $0[key] = found
    }
    return found
  }

  /// A question asked of the search; the same question gets the same answer, so answers are
  /// kept for the life of the process (`beb whatif` checks a proof before and after an edit,
  /// and most of its steps ask again). The kernel replays a kept answer as it replays a new
  /// one.
  struct Query: Hashable {
    var goal: Polynomial
    var goalKind: Int
    var facts: [Polynomial]
    var kinds: [Int]
    var products: Bool

    static func code(_ kind: SignKind) -> Int {
      switch kind {
      case .nonnegative: 0
      case .positive: 1
      case .zero: 2
      }
    }
  }

  private static let answers = Mutex<[Query: LinearCertificate?]>([:])
  /// Far more than the whole development asks (a few thousand questions).
  private static let answerLimit = 20_000

  private static func search(
    goal: (Polynomial, SignKind), facts: [(Polynomial, SignKind)], products: Bool
  ) -> LinearCertificate? {
    // Columns: c0, then per fact one column (two for equations: c⁺ - c⁻), then products.
    struct Column {
      var polynomial: Polynomial
      var strict: Bool
      var sign: Rational
      var target: Target
    }
    enum Target {
      case constant
      case linear(Int)
      case product(Int, Int)
    }
    var columns = [Column(polynomial: .one, strict: true, sign: .one, target: .constant)]
    for (index, (p, kind)) in facts.enumerated() {
      columns.append(
        Column(polynomial: p, strict: kind == .positive, sign: .one, target: .linear(index)))
      if kind == .zero {
        columns.append(Column(polynomial: p, strict: false, sign: -.one, target: .linear(index)))
      }
    }
    if products {
      for i in facts.indices {
        for j in i..<facts.count {
          let (p, k) = facts[i]
          let (q, l) = facts[j]
          let product = p * q
          let strict = k == .positive && l == .positive
          columns.append(
            Column(polynomial: product, strict: strict, sign: .one, target: .product(i, j)))
          if k == .zero || l == .zero {
            columns.append(
              Column(polynomial: product, strict: false, sign: -.one, target: .product(i, j)))
          }
        }
      }
    }
    // One row per monomial: Σ sign·x·coef = coef in the goal.
    var monomials = Set(goal.0.summands.map(\.monomial))
    for column in columns { monomials.formUnion(column.polynomial.summands.map(\.monomial)) }
    let rows = monomials.sorted()
    func coefficient(_ p: Polynomial, _ m: Monomial) -> Rational {
      p.summands.first { $0.monomial == m }?.coefficient ?? .zero
    }
    let a = rows.map { m in columns.map { coefficient($0.polynomial, m) * $0.sign } }
    let b = rows.map { coefficient(goal.0, $0) }
    var objective: [Rational]?
    if goal.1 == .positive {
      // Maximise the strict part S (an unbounded S still yields a point with S > 0).
      objective = columns.map { $0.strict ? .one : .zero }
    }
    guard let x = Simplex.solve(a, b, maximizing: objective) else { return nil }
    var certificate = LinearCertificate(
      constant: .zero, linear: Array(repeating: .zero, count: facts.count))
    var productTable: [String: (Int, Int, Rational)] = [:]
    for (column, value) in zip(columns, x) where !value.isZero {
      let signed = value * column.sign
      switch column.target {
      case .constant: certificate.constant += signed
      case .linear(let i): certificate.linear[i] += signed
      case .product(let i, let j):
        let key = "\(i),\(j)"
        productTable[key] = (i, j, (productTable[key]?.2 ?? .zero) + signed)
      }
    }
    certificate.products = productTable.keys.sorted().map {
      let (i, j, c) = productTable[$0]!
      return LinearCertificate.Product(i, j, c)
    }
    return certificate
  }
}
