import BEBCheck
import BEBNumeric
import BEBSyntax

/// The report as one self-contained HTML page: no scripts, no external resources, math as
/// MathML, the dependency graph and the plots as inline SVG, every user string escaped.
public enum HTMLReport {
  public static func render(_ model: ReportModel) -> String {
    var out = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>beb proof report</title>
      <style>
      \(style)
      </style>
      </head>
      <body>
      <h1>beb proof report</h1>

      """
    out += "<p class=\"lead\">" + Escape.html(model.lead) + "</p>\n"
    out += summary(model)
    out += contents(model)
    out += graph(model)
    if model.showsPlots { out += plots(model) }
    if model.showsFindings { out += findings(model) }
    if let coverage = model.coverage { out += self.coverage(coverage) }
    if !model.lengthBounds.isEmpty { out += lengthBounds(model) }
    out += "<section id=\"beb-results\">\n<h2>Results</h2>\n"
    for result in model.report.results { out += section(result, model) }
    out += "</section>\n"
    out += axioms(model)
    out += "</body>\n</html>\n"
    return out
  }

  /// The axiom schemas the results rest on that the report does not show as results.
  private static func axioms(_ model: ReportModel) -> String {
    let entries = model.axiomsNotReported
    guard !entries.isEmpty else { return "" }
    var out = "<section id=\"beb-axioms\">\n<h2>Axiom schemas these results rest on</h2>\n"
    out += "<p>Assumed, not proved (the trusted base).</p>\n<dl>\n"
    for entry in entries {
      out +=
        "<dt id=\"\(Escape.html(Escape.anchor(entry.id)))\"><code>\(Escape.html(entry.id))</code>"
        + (entry.title.map { " — " + TitleMarkup.html($0) } ?? "") + "</dt>\n<dd>"
      let hypotheses = entry.hypotheses.map { MathML.math($0.source) }
      if !hypotheses.isEmpty { out += "if " + hypotheses.joined(separator: ", ") + ", then " }
      out += MathML.math(entry.statement) + "</dd>\n"
    }
    return out + "</dl>\n</section>\n"
  }

  private static let style: String = {
    var css = """
      body { font-family: sans-serif; margin: 2em auto; max-width: 78em; padding: 0 1em; color: #212121; line-height: 1.45; }
      h1, h2, h3 { line-height: 1.2; }
      h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; }
      table { border-collapse: collapse; margin: 0.6em 0; }
      th, td { border: 1px solid #ddd; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
      th { background: #f5f5f5; }
      code { font-family: monospace; font-size: 0.92em; }
      .scroll { overflow-x: auto; border: 1px solid #eee; }
      .result { border-top: 1px solid #e0e0e0; padding-top: 0.4em; margin-top: 1.2em; }
      .meta { color: #616161; margin: 0.2em 0; }
      .reason { margin: 0.3em 0; }
      .badge { display: inline-block; padding: 0 0.45em; border-radius: 0.3em; border: 1px solid; font-size: 0.85em; font-weight: normal; white-space: nowrap; }
      td, th, code { overflow-wrap: anywhere; }
      table.cards { width: 100%; }
      table.steps { table-layout: fixed; }
      .formula { overflow-x: auto; max-width: 100%; }
      math:not([display="block"]) { display: inline-block; max-width: 100%; overflow-x: auto; overflow-y: hidden; vertical-align: middle; }
      svg.graph, svg.plot { max-width: 100%; height: auto; }
      .why { margin-top: 0.2em; font-size: 0.92em; }
      @media (max-width: 40em) {
        body { padding: 0 0.5em; margin: 1em auto; }
        table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: auto; }
        table.cards th, table.cards colgroup, table.cards tr:has(> th) { display: none; }
        table.cards tr { border: 1px solid #ddd; margin: 0.5em 0; padding: 0.2em 0; }
        table.cards td { border: none; }
        .scroll { border: none; }
      }
      .finding { border-left: 4px solid #b26a00; padding-left: 0.8em; margin: 1em 0; }
      dt { font-weight: bold; margin-top: 0.3em; }
      svg text { font-family: sans-serif; font-size: 12px; fill: #212121; }
      svg.graph a:hover rect { stroke-width: 2.5; }
      nav ul { columns: 16em; list-style: none; padding-left: 0; }
      math[display="block"] { margin: 0.3em 0; overflow-x: auto; max-width: 100%; }

      """
    for status in StatusStyle.order {
      css +=
        ".s-\(status.rawValue) { background: \(StatusStyle.fill(status)); border-color: \(StatusStyle.stroke(status)); }\n"
    }
    return css
  }()

  private static func badge(_ status: Status) -> String {
    "<span class=\"badge s-\(status.rawValue)\">\(status.rawValue)</span>"
  }

  private static func badge(_ text: String) -> String {
    let known =
      Status(rawValue: text).map { "s-" + $0.rawValue }
      ?? (text == "passed" ? "s-verified" : "s-unchecked")
    return "<span class=\"badge \(known)\">\(Escape.html(text))</span>"
  }

  private static func link(_ id: String, _ model: ReportModel) -> String {
    let code = "<code>" + Escape.html(id) + "</code>"
    guard model.statuses[id] != nil else { return code }
    return "<a href=\"#\(Escape.html(Escape.anchor(id)))\">" + code + "</a>"
  }

  private static func links(_ ids: [String], _ model: ReportModel) -> String {
    ids.isEmpty ? "none" : ids.map { link($0, model) }.joined(separator: ", ")
  }

  /// A step's claim, typeset from its syntax tree; a step that claims no formula (`let`,
  /// `fix`, a calc chain) as code.
  private static func claim(_ step: StepReport) -> String {
    step.syntax.map { MathML.math($0) } ?? "<code>" + Escape.html(step.claim) + "</code>"
  }

  // MARK: Sections

  private static func summary(_ model: ReportModel) -> String {
    let report = model.report
    var out =
      "<section id=\"beb-summary\">\n<h2>Summary</h2>\n<table class=\"cards\">\n<tr><th>status</th><th>results</th><th>meaning</th></tr>\n"
    for (status, count) in model.counts {
      out +=
        "<tr><td>\(badge(status))</td><td>\(count)</td><td>\(Escape.html(StatusStyle.meaning(status)))</td></tr>\n"
    }
    out += "</table>\n<ul>\n"
    out += "<li>" + Escape.html(model.sizeLine) + "</li>\n"
    out +=
      "<li>" + Escape.html(model.kernelLine) + " Rules: "
      + Escape.html(KernelInfo.rules.joined(separator: ", ")) + ".</li>\n"
    out += "<li>Numeric checking: seed \(report.options.seed), \(report.options.worlds) worlds"
    out +=
      report.options.numeric
      ? " per statement.</li>\n"
      : " (statements not checked on worlds in this run; steps are numerically skipped).</li>\n"
    out += "<li>" + Escape.html(model.verdictsLine) + "</li>\n"
    out += "<li>" + Escape.html(model.necessityLine) + "</li>\n"
    out +=
      "<li>Overall: "
      + (report.allChecked
        ? "everything checks (recorded findings included)."
        : "some results do not check or are not checked yet.") + "</li>\n"
    if let elapsed = model.elapsed {
      out += "<li>Time: \(Decimal.string(elapsed, digits: 2)) s.</li>\n"
    }
    out += "</ul>\n"
    if !report.unconfirmedFindings.isEmpty {
      out += "<p><strong>Findings not confirmed:</strong></p>\n<ul>\n"
      for finding in report.unconfirmedFindings { out += "<li>\(Escape.html(finding))</li>\n" }
      out += "</ul>\n"
    }
    return out + "</section>\n"
  }

  private static func contents(_ model: ReportModel) -> String {
    var out = "<nav id=\"beb-contents\">\n<h2>Contents</h2>\n<ul>\n"
    for result in model.report.results {
      out += "<li>\(link(result.entry.id, model)) \(badge(result.status))</li>\n"
    }
    return out + "</ul>\n</nav>\n"
  }

  private static func graph(_ model: ReportModel) -> String {
    let layout = model.layout()
    return """
      <section id="beb-graph">
      <h2>Dependency graph</h2>
      <p>Each box is a result or axiom, coloured by status; an edge joins a result (right) to a \
      result its proof cites (left). Columns are citation depths: the first column cites \
      nothing. Click a box to go to its result.</p>
      <div class="scroll">
      \(GraphSVG.svg(layout, status: model.statuses))
      </div>
      </section>

      """
  }

  private static func plots(_ model: ReportModel) -> String {
    let world = Plots.SampleWorld()
    return """
      <section id="beb-plots">
      <h2>Plots</h2>
      <p>(a) A sample world computed exactly by beb: two sentences, <code>neg</code> (B = 0) and \
      <code>pos</code> (B = 1); P₋ always says <code>neg</code>, P₊ says it with probability 1/5; \
      P = α P₋ + (1 − α) P₊ with α = 1/100, so KL(P₋(·|s) ∥ P₊(·|s)) = log 5 &gt; β = 1.6 after \
      every prefix. The points are B_P(s) after the prompt s = neg ⊕ … ⊕ neg; Lemma H.3 bounds \
      them by a reverse sigmoid, and after Theorem 3.1’s length \
      (\(Decimal.string(world.theorem31Length, digits: 2)) sentences for ε = 0.1) they are below \
      γ + ε.</p>
      \(Plots.behaviorChart(world).svg())
      <p>(b) Lemma H.1 bounds KL(P₋(·|s) ∥ P(·|s)) after the Theorem 3.1 prompt by \
      log(1 + ((1 − α)/α) e^{−β|s|}), about log(1/α) − β|s| for short prompts. The points are the \
      paper’s measurements (THEORY.md §8, agreeableness); the curves use log(1/α) = 30 and \
      illustrative β.</p>
      \(Plots.klChart().svg())
      </section>

      """
  }

  private static func findings(_ model: ReportModel) -> String {
    let groups = model.findingsByResult
    var out = "<section id=\"beb-findings\">\n<h2>Findings against the paper</h2>\n"
    guard !groups.isEmpty else { return out + "<p>No findings are recorded.</p>\n</section>\n" }
    out +=
      "<p>Each error of the paper that beb found, with the evidence and the repaired statement.</p>\n"
    for (result, findings) in groups {
      out +=
        "<div class=\"finding\">\n<h3>\(link(result.entry.id, model)) \(badge(result.status))</h3>\n"
      // Block math: long statements scroll instead of widening the page.
      out += "<p>Statement:</p>\n\(MathML.math(result.entry.statement, block: true))\n"
      for finding in findings {
        out +=
          "<p><strong>\(Escape.html(finding.id.text))</strong> (\(Escape.html(ReportModel.place(finding))), expected \(finding.expectation.rawValue)): \(Escape.html(finding.explanation))</p>\n"
        let evidence = ReportModel.evidence(finding, in: result)
        if !evidence.isEmpty {
          out += "<ul>\n"
          for step in evidence {
            out +=
              "<li><code>\(Escape.html(step.id))</code> \(badge(step.symbolic.rawValue)) by <code>\(Escape.html(step.rule))</code>: \(claim(step))"
            if let reason = step.reason { out += "<br>beb: \(Escape.html(reason))" }
            out += "</li>\n"
          }
          out += "</ul>\n"
        }
      }
      if let verdict = result.numeric, let counterexample = verdict.counterexample {
        out += "<p>Counterexample world:</p>\n" + counterexampleTable(counterexample)
      }
      for (variant, status) in model.variants(of: result.entry.id) {
        out +=
          "<p>Repaired: \(link(variant.id, model)) \(status.map(badge) ?? "(not in this run)"):</p>\n"
          + MathML.math(variant.statement, block: true) + "\n"
      }
      out += "</div>\n"
    }
    return out + "</section>\n"
  }

  /// The measured length bounds: the table, then per result the shortest prompt found on each
  /// world against the bound L there.
  private static func lengthBounds(_ model: ReportModel) -> String {
    var out = "<section id=\"beb-tightness\">\n<h2>How tight the length bounds are</h2>\n"
    out +=
      "<p>" + Escape.html(model.tightnessLead)
      + "</p>\n<div class=\"scroll\"><table class=\"cards\">\n<tr>"
    out += ReportModel.tightnessHeader.map { "<th>\(Escape.html($0))</th>" }.joined() + "</tr>\n"
    for row in model.tightnessRows() {
      out += "<tr><td>\(link(row[0], model))</td>"
      out += row.dropFirst().map { "<td>\(Escape.html($0))</td>" }.joined() + "</tr>\n"
    }
    out += "</table></div>\n"
    for (id, tightness) in model.lengthBounds where !tightness.samples.isEmpty {
      let chart = Plots.tightnessChart(id, tightness)
      out += "<p>\(Escape.html(chart.caption))</p>\n" + chart.chart.svg()
    }
    return out + "</section>\n"
  }

  /// Every numbered step of the paper's proofs, with its standing (as `beb coverage`).
  private static func coverage(_ coverage: Coverage) -> String {
    var out = "<section id=\"beb-coverage\">\n<h2>Coverage of the paper’s proofs</h2>\n"
    out += "<p>" + Escape.html(coverage.summary) + " (<code>beb coverage</code>). A step is "
    out += "<em>finding</em> when a formal step encoding it fails as a recorded finding says, "
    out += "<em>omitted</em> when it is not encoded, for the reason given.</p>\n"
    for proof in coverage.proofs {
      out +=
        "<h3><code>\(Escape.html(proof.id))</code> — \(Escape.html(proof.heading))</h3>\n"
        + "<table class=\"coverage cards\">\n<tr><th>step</th><th>status</th><th>encoded by</th>"
        + "<th>the paper’s step</th></tr>\n"
      for row in coverage.rows where row.proof == proof.id {
        let cells = ReportModel.coverageCells(row)
        out +=
          "<tr><td>\(cells.step)</td><td>\(Escape.html(cells.status))</td>"
          + "<td>\(Escape.html(cells.by))</td><td>\(Escape.html(row.text))</td></tr>\n"
      }
      out += "</table>\n"
    }
    return out + "</section>\n"
  }

  private static func counterexampleTable(_ world: WorldDescription) -> String {
    var out = "<table class=\"counterexample\">\n<tr><th>in the world</th><th>value</th></tr>\n"
    for row in world.rows {
      let (what, value) = (row.what, row.value)
      out +=
        "<tr><td><code>\(Escape.html(what))</code></td><td><code>\(Escape.html(value))</code></td></tr>\n"
    }
    return out + "</table>\n"
  }

  private static func section(_ result: ResultReport, _ model: ReportModel) -> String {
    let entry = result.entry
    var out = "<article class=\"result\" id=\"\(Escape.html(Escape.anchor(entry.id)))\">\n"
    out += "<h3>\(badge(result.status)) <code>\(Escape.html(entry.id))</code>"
    if let title = entry.title { out += " — " + TitleMarkup.html(title) }
    out +=
      "</h3>\n<p class=\"meta\">\(entry.kind.rawValue) · <code>\(Escape.html(model.path(entry.path))):\(entry.line)</code>"
    if let base = entry.variantOf { out += " · variant of \(link(base, model))" }
    out += "</p>\n<p class=\"reason\">\(Escape.html(result.reason))</p>\n<dl>\n"
    if !entry.parameters.isEmpty {
      let parameters = entry.parameters.map {
        "<code>\(Escape.html($0.name)) : \($0.sort.rawValue)</code>"
      }
      out += "<dt>Parameters</dt><dd>\(parameters.joined(separator: ", "))</dd>\n"
    }
    let lets = ReportModel.lets(entry)
    if !lets.isEmpty {
      out += "<dt>Let</dt><dd><ul>\n"
      for (name, value) in lets {
        out += "<li><code>\(Escape.html(name))</code> := \(MathML.math(value))</li>\n"
      }
      out += "</ul></dd>\n"
    }
    if !entry.hypotheses.isEmpty {
      out += "<dt>Hypotheses</dt><dd><ul>\n"
      for hypothesis in entry.hypotheses {
        out +=
          "<li><code>\(Escape.html(hypothesis.name))</code>: \(MathML.math(hypothesis.source))</li>\n"
      }
      out += "</ul></dd>\n"
    }
    out +=
      "<dt>\(entry.kind == .definition ? "Definition" : "Statement")</dt><dd>\(MathML.math(entry.statement, block: true))</dd>\n"
    if entry.kind != .definition {
      out += "<dt>Rests on</dt><dd>\(links(model.restsOn(entry.id), model))</dd>\n"
      if entry.kind != .axiom {
        out += "<dt>Axiom schemas, transitively</dt><dd>\(links(result.axioms, model))</dd>\n"
      }
      out += "<dt>Rested on by</dt><dd>\(links(model.supports(entry.id), model))</dd>\n"
    }
    if let numeric = ReportModel.numericText(result.numeric) {
      out += "<dt>On worlds</dt><dd>\(Escape.html(numeric))</dd>\n"
      if let counterexample = result.numeric?.counterexample {
        out += "<dd>\(counterexampleTable(counterexample))</dd>\n"
      }
    }
    out += "</dl>\n"
    if !result.steps.isEmpty {
      // Three columns that fit the page at any width (a long formula scrolls in its cell); on
      // a narrow screen each step is a card (see the style's @media rule).
      out +=
        "<div class=\"scroll\"><table class=\"steps cards\">\n<colgroup><col style=\"width: 9em\">"
        + "<col><col style=\"width: 34%\"></colgroup>\n"
        + "<tr><th>step</th><th>claim</th><th>justification and verdicts</th></tr>\n"
      for step in result.steps {
        out +=
          "<tr><td><code>\(Escape.html(step.id))</code>\(step.added ? " <small>(added)</small>" : "")</td>"
        out += "<td><div class=\"formula\">\(claim(step))</div></td>"
        out += "<td>by <code>\(Escape.html(step.rule))</code> \(badge(step.symbolic.rawValue))"
        out += "<div class=\"why\">on worlds: \(Escape.html(ReportModel.numericText(step)))"
        if !step.uses.isEmpty {
          out +=
            "; uses " + step.uses.map { "<code>\(Escape.html($0))</code>" }.joined(separator: ", ")
        }
        out += "</div>"
        if let reason = step.reason { out += "<div class=\"why\">\(Escape.html(reason))</div>" }
        out += "</td></tr>\n"
      }
      out += "</table></div>\n"
    }
    if let rows = model.necessity(result), !rows.isEmpty {
      out +=
        "<p>Necessity of the hypotheses:</p>\n<div class=\"scroll\"><table class=\"necessity cards\">\n<tr><th>hypothesis</th><th>verdict</th><th>detail</th><th>counterexample world</th></tr>\n"
      for row in rows {
        out += "<tr><td><code>\(Escape.html(row.hypothesis))</code></td>"
        out +=
          "<td><strong>\(row.verdict.rawValue)</strong></td><td>\(Escape.html(row.detail))</td>"
        out += "<td>\(row.counterexample.map(counterexampleTable) ?? "–")</td></tr>\n"
      }
      out += "</table></div>\n"
    }
    return out + "</article>\n"
  }
}
