import BEBCheck
import BEBKernel
import BEBSyntax
import Testing

@testable import BEBReport

/// No user string can inject markup into any format.
@Suite struct EscapingTests {
  static let hostile = "<script>alert(1)</script> & \"q\" 'a' # $ % _ { } ~ ^ \\ | ` * [x](y)"

  @Test func html() {
    let escaped = Escape.html(Self.hostile)
    #expect(!escaped.contains("<"))
    #expect(!escaped.contains(">"))
    #expect(!escaped.contains("\""))
    #expect(!escaped.contains("'"))
    #expect(
      escaped.hasPrefix("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;"))
    #expect(Escape.html("a\u{0}b\u{1B}c") == "abc")
  }

  @Test func markdown() {
    let escaped = Escape.markdown(Self.hostile + "\nnext line")
    #expect(!escaped.contains("<"))
    #expect(!escaped.contains("\n"))
    #expect(escaped.contains("\\[x\\](y)"))
    #expect(escaped.contains("\\|"))
    #expect(escaped.contains("\\`"))
    #expect(Escape.markdownCode("a ` b") == "``a ` b``")
    #expect(Escape.markdownCode("`x") == "`` `x ``")
    #expect(Escape.markdownCode("|s|", inTable: true) == "`\\|s\\|`")
    #expect(Escape.markdownCode("x\ny") == "`x y`")
  }

  @Test func latex() {
    let escaped = Escape.latex(Self.hostile)
    // Every special is escaped: no bare # $ % & _ { } ~ ^ or backslash command from the input.
    var rest = escaped
    for safe in [
      "\\#", "\\$", "\\%", "\\&", "\\_", "\\{", "\\}", "\\textasciitilde{}",
      "\\textasciicircum{}", "\\textbackslash{}", "\\ensuremath{<}", "\\ensuremath{>}",
      "\\ensuremath{|}", "{\\ttfamily\\char34}",
    ] {
      rest = rest.replacingOccurrences(of: safe, with: "")
    }
    for special in ["#", "$", "%", "&", "_", "{", "}", "~", "^", "\\", "<", ">", "\""] {
      #expect(!rest.contains(special), "unescaped \(special) in \(escaped)")
    }
    #expect(
      Escape.latex("α ≤ β′ — ok")
        == "\\ensuremath{\\alpha} \\ensuremath{\\leq} \\ensuremath{\\beta}\\ensuremath{'} --- ok")
    #expect(Escape.latex("\u{1F600}") == "[U+1F600]")
    #expect(Escape.latex("--necessity, a---b") == "-{}-necessity, a-{}-{}-b")
    #expect(Escape.latex("``a'' !`?`") == "`{}`a'{}' !{}`?{}`")
  }

  @Test func anchors() {
    #expect(Escape.anchor("thm-3.1") == "thm-3.1")
    #expect(Escape.anchor("<a b>\"") == "_a_b__")
    #expect(Escape.anchor("") == "_")
  }

  /// Names that the language would reject still cannot inject anything when typeset.
  @Test func mathFromOddNames() {
    let name = Expr(.name(Self.hostile), Span(0, 0))
    let formula = Expr(.chain([name, Expr(.number("1"), Span(0, 0))], [.lt]), Span(0, 0))
    let mathml = MathML.math(formula)
    #expect(!mathml.contains("<script"))
    #expect(mathml.contains("&lt;script&gt;"))
    let tex = LaTeXMath.math(formula)
    #expect(!tex.contains("<script"))
    #expect(!tex.contains("\\\\"))
    #expect(LaTeXMath.identifier("P₋") == "P_{-}")
    #expect(LaTeXMath.identifier("s0") == "s_{0}")
    #expect(LaTeXMath.identifier("ε'") == "{\\varepsilon}'")
    #expect(LaTeXMath.identifier("β_pos") == "{\\beta}_{\\mathit{pos}}")
  }

  @Test func graphAndPlotText() {
    let layout = GraphLayout(ids: [Self.hostile, "b"], cites: ["b": [Self.hostile]])
    let svg = GraphSVG.svg(layout, status: [:])
    #expect(!svg.contains("<script"))
    var chart = Plots.klChart()
    chart.title = Self.hostile
    #expect(!chart.svg().contains("<script"))
  }

  /// Finding texts are user strings the language allows: end to end through the fixture.
  @Test func fixtureStringsAreEscaped() throws {
    let files = ReportSupport.files()
    // JSON is not markup: its strings are quoted by the JSON writer.
    for (name, text) in files where !name.hasSuffix(".json") {
      #expect(!text.contains("<script"), "\(name) contains a raw <script>")
    }
    let tex = try #require(files["beb-report.tex"])
    #expect(tex.contains("\\textless{}") == false)
    #expect(tex.contains("100\\% \\$\\textbackslash{}"))
  }
}
