import BEBReport
import Testing

/// Titles are typeset: plain-text scripts become sub- and superscripts in every report format.
@Suite struct TitleMarkupTests {
  @Test func scriptsAreRecognized() {
    typealias S = TitleMarkup.Segment
    #expect(
      TitleMarkup.segments("B_P(s0) as a sum") == [.text("B"), .sub("P"), .text("(s0) as a sum")])
    #expect(TitleMarkup.segments("1 - e^{-x} ≤ x") == [.text("1 - e"), .sup("-x"), .text(" ≤ x")])
    #expect(
      TitleMarkup.segments("Σ_{i=1..k} 1/i^η ≥ k^(1-η)")
        == [.text("Σ"), .sub("i=1..k"), .text(" 1/i"), .sup("η"), .text(" ≥ k"), .sup("1-η")])
    #expect(TitleMarkup.segments("B_{P_{-}}") == [.text("B"), .sub("P_{-}")])
    // A group is typeset as a title of its own: nested scripts, escapes.
    #expect(TitleMarkup.html("B_{P_{-}}") == "B<sub>P<sub>-</sub></sub>")
    #expect(TitleMarkup.html("e^{a\\_b}") == "e<sup>a_b</sup>")
  }

  /// What is not a script stays text: a trailing mark, a space after it, an empty or unbalanced
  /// group, an escaped mark.
  @Test func whatIsNotAScriptStaysText() {
    for title in [
      "a_", "a^ b", "x_{} y", "e^{-x", "f^(1", "no scripts here", "n_pos and t_le", "f^) g_,",
    ] {
      #expect(TitleMarkup.segments(title) == [.text(title)], "\(title)")
    }
    #expect(TitleMarkup.segments("a\\_b and c\\^2") == [.text("a_b and c^2")])
    #expect(TitleMarkup.segments("x^\\_b") == [.text("x^_b")])
  }

  @Test func everyFormatSetsScriptsAndEscapesTheRest() {
    #expect(
      TitleMarkup.html("x_{<i>} & e^{a<b}") == "x<sub>&lt;i&gt;</sub> &amp; e<sup>a&lt;b</sup>")
    #expect(TitleMarkup.markdown("B_{P*} [1]") == "B<sub>P\\*</sub> \\[1\\]")
    #expect(
      TitleMarkup.latex("B_{P} 50% e^{x}")
        == "B\\textsubscript{P} 50\\% e\\textsuperscript{x}")
  }
}
