import BEBKernel
import Testing

@testable import BEBSymbolic

@Suite struct SimplexTests {
  func q(_ n: Int, _ d: Int = 1) -> Rational { Rational(BigInt(n), BigInt(d)) }

  @Test func findsAFeasiblePoint() throws {
    // x + y = 3, x - y = 1, x, y ≥ 0  →  (2, 1).
    let x = try #require(Simplex.solve([[q(1), q(1)], [q(1), q(-1)]], [q(3), q(1)]))
    #expect(x == [q(2), q(1)])
  }

  @Test func reportsInfeasibility() {
    // x + y = -1 has no nonnegative solution.
    #expect(Simplex.solve([[q(1), q(1)]], [q(-1)]) == nil)
    // x = 1 and x = 2.
    #expect(Simplex.solve([[q(1)], [q(1)]], [q(1), q(2)]) == nil)
  }

  @Test func maximisesTheObjective() throws {
    // x + y + s = 4 (x + y ≤ 4), maximise x + 2y → y = 4.
    let x = try #require(
      Simplex.solve([[q(1), q(1), q(1)]], [q(4)], maximizing: [q(1), q(2), q(0)]))
    #expect(x == [q(0), q(4), q(0)])
  }

  @Test func unboundedObjectiveStillGivesAFeasiblePoint() throws {
    // x - y = 1, maximise y: unbounded, any feasible point is acceptable.
    let x = try #require(Simplex.solve([[q(1), q(-1)]], [q(1)], maximizing: [q(0), q(1)]))
    #expect(x[0] - x[1] == q(1))
    #expect(!x[0].isNegative && !x[1].isNegative)
  }

  @Test func randomSystemsAgreeWithTheirWitness() {
    // Systems built around a known nonnegative point are feasible, and the answer satisfies them.
    var state: UInt64 = 42
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(2 * bound + 1)) - bound
    }
    for _ in 0..<50 {
      let columns = 4
      let rows = 3
      let point = (0..<columns).map { _ in q(abs(next(5)), 1 + abs(next(3))) }
      let a = (0..<rows).map { _ in (0..<columns).map { _ in q(next(4)) } }
      let b = a.map { row in zip(row, point).reduce(Rational.zero) { $0 + $1.0 * $1.1 } }
      guard let x = Simplex.solve(a, b) else {
        Issue.record("feasible system reported infeasible")
        continue
      }
      for (row, rhs) in zip(a, b) {
        #expect(zip(row, x).reduce(Rational.zero) { $0 + $1.0 * $1.1 } == rhs)
      }
      #expect(x.allSatisfy { !$0.isNegative })
    }
  }
}
