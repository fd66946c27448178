import BEBKernel
import Testing

@testable import BEBSymbolic

/// `SignForms` keeps `ProofState.signForm` of each formula: asked again, it gives what
/// computing it gives, nil (not a sign constraint) included.
@Suite struct SignFormsTests {
  @Test func aKeptFormIsTheComputedOne() {
    let x = Term.variable(Variable("x", .real))
    let y = Term.variable(Variable("y", .real))
    let formulas: [Formula] = [
      .relation(.lt, x, y),
      .relation(.ge, .apply(.add, [x, .number(.one)]), .apply(.mul, [y, y])),
      .not(.relation(.le, x, .number(.zero))),
      .relation(.eq, x, y),
      .relation(.ne, x, y),
      .truth(true),
    ]
    let forms = SignForms()
    for _ in 0..<2 {
      for formula in formulas {
        let kept = forms.of(formula)
        let computed = ProofState.signForm(formula)
        #expect(kept?.0 == computed?.0 && kept?.1 == computed?.1)
        #expect((kept == nil) == (computed == nil))
      }
    }
    #expect(forms.of(.truth(true)) == nil)
    #expect(forms.of(.relation(.lt, x, y)) != nil)
  }
}
