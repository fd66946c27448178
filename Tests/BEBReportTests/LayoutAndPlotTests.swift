import BEBCheck
import BEBKernel
import BEBSyntax
import Foundation
import Testing

@testable import BEBReport

@Suite struct LayoutAndPlotTests {
  /// Every result sits right of everything it cites, and the barycentre ordering removes the
  /// crossings of a graph that can be drawn without any.
  @Test func layeredLayout() {
    let cites = ["c": ["b2"], "d": ["b1"], "b1": ["a1"], "b2": ["a2"]]
    let layout = GraphLayout(ids: ["a2", "a1", "b1", "b2", "c", "d"], cites: cites)
    let byID = Dictionary(uniqueKeysWithValues: layout.nodes.map { ($0.id, $0) })
    for (from, targets) in cites {
      for target in targets {
        #expect((byID[from]?.layer ?? 0) > (byID[target]?.layer ?? 0))
        #expect((byID[from]?.x ?? 0) > (byID[target]?.x ?? 0))
      }
    }
    #expect(layout.crossings == 0)
    #expect(layout.edges.count == 4)
    // Deterministic, and cycles do not hang or crash.
    #expect(GraphLayout(ids: ["x", "y"], cites: ["x": ["y"], "y": ["x"]]).nodes.count == 2)
    #expect(GraphLayout(ids: [], cites: [:]).nodes.isEmpty)
  }

  /// The sample world satisfies Lemma H.3: B_P(s) stays under the sigmoid; and after Theorem
  /// 3.1's length it is below γ + ε.
  @Test func sampleWorldAgreesWithTheLemmas() {
    let world = Plots.SampleWorld()
    let points = world.behaviorAfterPrompts()
    #expect(points.count == 11)
    #expect(abs(points[0].value - 0.792) < 1e-12)  // (1 − α) · 4/5 with α = 1/100
    for point in points {
      #expect(point.value <= world.sigmoid(Double(point.length)) + 1e-12)
    }
    let length = world.theorem31Length
    #expect(abs(length - 5.184) < 0.001)
    for point in points where Double(point.length) >= length {
      #expect(point.value < 0.1)
    }
  }

  @Test func klBoundMatchesTheLemma() {
    // log(1 + (e^30 − 1) e^{−β n}) ≈ 30 − β n for short prompts.
    #expect(abs(Plots.klBound(length: 1, logInverseAlpha: 30, beta: 3) - 27) < 1e-6)
    #expect(
      abs(Plots.klBound(length: 20, logInverseAlpha: 30, beta: 3) - log1p(exp(-60) * (exp(30) - 1)))
        < 1e-9)
  }

  @Test func deterministicNumbers() {
    #expect(Decimal.string(1.005, digits: 1) == "1.0")
    #expect(Decimal.string(-0.004, digits: 2) == "0.00")
    #expect(Decimal.string(2.5, digits: 0) == "3")
    #expect(
      Decimal.string(-12.345, digits: 2) == "-12.35"
        || Decimal.string(-12.345, digits: 2) == "-12.34")
    #expect(Decimal.coordinate(12.5) == "12.5")
    #expect(Decimal.coordinate(-0.001) == "0")
    #expect(Decimal.string(.nan, digits: 2) == "0")
    #expect(Chart.step(10) == 1)
    #expect(Chart.step(35) == 5)
    #expect(Chart.ticks(0...1, 0.2).count == 6)
  }

  @Test func mathMLOfKernelFormulas() {
    let a = Term.variable(Variable("α", .real))
    let formula = Formula.relation(
      .le, .apply(.div, [a, .number(Rational(2))]), .apply(.sqrt, [a]))
    #expect(
      MathML.math(formula)
        == "<math><mrow><mfrac><mrow><mi>α</mi></mrow><mrow><mn>2</mn></mrow></mfrac><mo>≤</mo><msqrt><mi>α</mi></msqrt></mrow></math>"
    )
    #expect(LaTeXMath.math(formula) == "\\frac{{\\alpha}}{2} \\leq \\sqrt{{\\alpha}}")
  }
}

/// Claims reach the reports as syntax trees, never printed and parsed back: every step of the
/// development has its claim's tree (but `let`, `fix` and calc chains, which claim no formula),
/// the text the checker prints is that tree's print and reads back as the same tree, and it
/// typesets — obtained names (`∃ k : Nat, …`) and laws applied directly
/// (`mix(α, P₋, P₊)(s)`) included.
@Suite struct StepSyntaxTests {
  @Test func everyClaimIsATree() throws {
    let development = try Loader.load(paths: [
      ReportSupport.root + "/theorems", ReportSupport.root + "/proofs",
    ]).get()
    let report = Checker.check(development, options: CheckOptions())
    var count = 0
    var parsedCount = 0
    var shapes: Set<String> = []
    for step in report.results.flatMap(\.steps) {
      guard let syntax = step.syntax else {
        #expect(
          step.claim == "chain" || step.claim.hasPrefix("let ") || step.claim.hasPrefix("fix "),
          "\(step.id): \(step.claim)")
        continue
      }
      count += 1
      #expect(Printer.print(syntax) == step.claim, "\(step.id)")
      // Typeset as the printed text reads: the tree has every parenthesis its print has (a
      // quantifier before ∧ or ⇒ is bracketed), so bracketing it again changes nothing; and
      // where the claim parses, its tree typesets as the parsed claim does.
      #expect(Printer.bracketed(syntax) == syntax, "\(step.id): \(step.claim)")
      // Every claim the checker prints is text of the language (laws applied directly,
      // `mix(α, P₋, P₊)(s)`, included), but a failed obtain's `∃ k, …` (the names' sorts come
      // from a cited result that did not give them).
      let parses = (try? Parser.parseExpression(SourceFile(path: "claim", text: step.claim))) != nil
      #expect(
        parses || (step.symbolic != .verified && step.claim.hasPrefix("∃ ")), "\(step.claim)")
      if let parsed = try? Parser.parseExpression(SourceFile(path: "claim", text: step.claim)) {
        parsedCount += 1
        #expect(MathML.math(syntax) == MathML.math(parsed), "\(step.id): \(step.claim)")
        #expect(LaTeXMath.math(syntax) == LaTeXMath.math(parsed), "\(step.id): \(step.claim)")
      }
      if step.claim.hasPrefix("∃ k : Nat, ") { shapes.insert("obtain") }
      if step.claim.contains(")(") { shapes.insert("applied law") }
    }
    #expect(count > 1000 && parsedCount > 1000)
    #expect(shapes == ["obtain", "applied law"])
  }
}
