import BEBKernel
import BEBSymbolic
import Testing

/// `Prover.leaf` walks to the parts where two terms differ, as the kernel's `mono` does, and
/// says whether the path keeps their order (`mono` tries that direction first).
@Suite struct LeafTests {
  @Test func theWalkSaysWhetherTheOrderIsKept() {
    let (x, y) = (Term.variable(Variable("x", .real)), Term.variable(Variable("y", .real)))
    let c = Term.number(.one)
    #expect(Prover.leaf(.apply(.add, [c, x]), .apply(.add, [c, y])).keeps)
    #expect(!Prover.leaf(.apply(.sub, [c, x]), .apply(.sub, [c, y])).keeps)
    #expect(Prover.leaf(.apply(.sub, [x, c]), .apply(.sub, [y, c])).keeps)
    #expect(!Prover.leaf(.apply(.div, [c, x]), .apply(.div, [c, y])).keeps)
    #expect(!Prover.leaf(.apply(.neg, [x]), .apply(.neg, [y])).keeps)
    // Two reversals keep it.
    let twice = Prover.leaf(
      .apply(.neg, [.apply(.sub, [c, x])]), .apply(.neg, [.apply(.sub, [c, y])]))
    #expect(twice.keeps && twice.0 == x && twice.1 == y)
  }
}
