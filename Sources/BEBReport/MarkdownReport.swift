import BEBCheck
import BEBNumeric
import BEBSyntax

/// The report as Markdown for a code host: tables, formulas as code spans in the language's
/// Unicode spelling, an HTML anchor per result (`#thm-3.1`). Every user string is escaped.
public enum MarkdownReport {
  public static func render(_ model: ReportModel) -> String {
    var out = "# beb proof report\n\n"
    out +=
      Escape.markdown(model.lead) + " The HTML report (`beb-report.html`) also draws the "
      + "dependency graph\(model.showsPlots ? " and the plots" : "").\n\n"
    out += summary(model)
    out += contents(model)
    if model.showsPlots { out += plots() }
    if model.showsFindings { out += findings(model) }
    if let coverage = model.coverage { out += self.coverage(coverage) }
    if !model.lengthBounds.isEmpty {
      out += "## How tight the length bounds are\n\n" + Escape.markdown(model.tightnessLead)
      out += " The HTML report plots them.\n\n"
      out += table(
        ReportModel.tightnessHeader,
        model.tightnessRows().map { [code($0[0], inTable: true)] + $0.dropFirst() })
    }
    out += "## Results\n\n"
    for result in model.report.results { out += section(result, model) }
    out += axioms(model)
    return out
  }

  /// The axiom schemas the results rest on that the report does not show as results.
  private static func axioms(_ model: ReportModel) -> String {
    let entries = model.axiomsNotReported
    guard !entries.isEmpty else { return "" }
    var out = "## Axiom schemas these results rest on\n\n"
    out +=
      "Assumed, not proved (the trusted base); from \(entries.count == 1 ? "its file" : "their files").\n\n"
    for entry in entries {
      out +=
        "- \(code(entry.id))" + (entry.title.map { " — " + TitleMarkup.markdown($0) } ?? "")
        + " (\(code(model.path(entry.path) + ":" + String(entry.line))))"
      let hypotheses = entry.hypotheses.map {
        "\(code($0.name)): \(code(Printer.print($0.source)))"
      }
      if !hypotheses.isEmpty { out += ": if " + hypotheses.joined(separator: ", ") + "," }
      out += " then \(code(Printer.print(entry.statement)))\n"
    }
    return out + "\n"
  }

  private static func table(_ header: [String], _ rows: [[String]]) -> String {
    var out = "| " + header.joined(separator: " | ") + " |\n"
    out += "|" + String(repeating: " --- |", count: header.count) + "\n"
    for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
    return out + "\n"
  }

  private static func code(_ text: String, inTable: Bool = false) -> String {
    Escape.markdownCode(text, inTable: inTable)
  }

  private static func link(_ id: String, _ model: ReportModel, inTable: Bool = false) -> String {
    guard model.statuses[id] != nil else { return code(id, inTable: inTable) }
    return "[" + code(id, inTable: inTable) + "](#" + Escape.anchor(id) + ")"
  }

  private static func links(_ ids: [String], _ model: ReportModel) -> String {
    ids.isEmpty ? "none" : ids.map { link($0, model) }.joined(separator: ", ")
  }

  private static func summary(_ model: ReportModel) -> String {
    let report = model.report
    var out = "## Summary\n\n"
    out += table(
      ["status", "results", "meaning"],
      model.counts.map { ["**\($0.0.rawValue)**", String($0.1), StatusStyle.meaning($0.0)] })
    out += "- " + Escape.markdown(model.sizeLine) + "\n"
    out += "- " + Escape.markdown(model.kernelLine) + "\n"
    out += "- Numeric checking: seed \(report.options.seed), \(report.options.worlds) worlds"
    out +=
      report.options.numeric
      ? " per statement.\n"
      : " (statements not checked on worlds in this run; steps are numerically skipped).\n"
    out += "- " + Escape.markdown(model.verdictsLine) + "\n"
    out += "- " + Escape.markdown(model.necessityLine) + "\n"
    out +=
      "- Overall: "
      + (report.allChecked
        ? "everything checks (recorded findings included).\n"
        : "some results do not check or are not checked yet.\n")
    if let elapsed = model.elapsed { out += "- Time: \(Decimal.string(elapsed, digits: 2)) s.\n" }
    for finding in report.unconfirmedFindings {
      out += "- Finding not confirmed: \(Escape.markdown(finding))\n"
    }
    return out + "\n"
  }

  private static func contents(_ model: ReportModel) -> String {
    var out = "## Contents\n\n"
    out += table(
      ["id", "kind", "status", "rests on"],
      model.report.results.map { result in
        [
          link(result.entry.id, model, inTable: true), result.entry.kind.rawValue,
          result.status.rawValue,
          model.restsOn(result.entry.id).map { link($0, model, inTable: true) }.joined(
            separator: ", "),
        ]
      })
    return out
  }

  private static func plots() -> String {
    var out = "## Plot data\n\n"
    out +=
      "(a) A sample world computed exactly by beb: sentences `neg` (B = 0) and `pos` (B = 1); P₋ "
      + "always says `neg`, P₊ says it with probability 1/5; P = α P₋ + (1 − α) P₊, α = 1/100, "
      + "β = 1.6. B_P(s) after the prompt s = neg ⊕ … ⊕ neg, and the Lemma H.3 bound; Theorem "
      + "3.1’s length for ε = 0.1 is "
      + Decimal.string(Plots.SampleWorld().theorem31Length, digits: 2)
      + " sentences.\n\n"
    let behavior = Plots.behaviorTable()
    out += table(behavior.header.map { Escape.markdown($0) }, behavior.rows)
    out +=
      "(b) Lemma H.1’s bound on KL(P₋(·|s) ∥ P(·|s)) with log(1/α) = 30, next to the paper’s measured KL along a misaligning prompt (THEORY.md §8, agreeableness).\n\n"
    let kl = Plots.klTable()
    out += table(kl.header.map { Escape.markdown($0) }, kl.rows)
    return out
  }

  private static func findings(_ model: ReportModel) -> String {
    var out = "## Findings against the paper\n\n"
    let groups = model.findingsByResult
    guard !groups.isEmpty else { return out + "No findings are recorded.\n\n" }
    for (result, findings) in groups {
      out += "### Findings against \(code(result.entry.id)) (\(result.status.rawValue))\n\n"
      out += "Statement: \(code(Printer.print(result.entry.statement)))\n\n"
      for finding in findings {
        out +=
          "- **\(Escape.markdown(finding.id.text))** (\(Escape.markdown(ReportModel.place(finding))), expected \(finding.expectation.rawValue)): \(Escape.markdown(finding.explanation))\n"
        for step in ReportModel.evidence(finding, in: result) {
          out += "  - \(code(step.id)) \(step.symbolic) by \(code(step.rule)): \(code(step.claim))"
          if let reason = step.reason { out += " — beb: \(Escape.markdown(reason))" }
          out += "\n"
        }
      }
      out += "\n"
      if let counterexample = result.numeric?.counterexample {
        out += "Counterexample world:\n\n" + counterexampleTable(counterexample)
      }
      for (variant, status) in model.variants(of: result.entry.id) {
        out +=
          "Repaired: \(link(variant.id, model)) (\(status?.rawValue ?? "not in this run")): \(code(Printer.print(variant.statement)))\n\n"
      }
    }
    return out
  }

  /// Every numbered step of the paper's proofs, with its standing (as `beb coverage`).
  private static func coverage(_ coverage: Coverage) -> String {
    var out = "## Coverage of the paper’s proofs\n\n"
    out += Escape.markdown(coverage.summary) + " (\(code("beb coverage")); statuses: "
    out += "verified, finding — a step of it fails as a recorded finding says, failing, "
    out += "omitted — not encoded, for the reason given, missing).\n\n"
    for proof in coverage.proofs {
      out += "### \(code(proof.id)) — \(Escape.markdown(proof.heading))\n\n"
      out += table(
        ["step", "status", "encoded by", "the paper’s step"],
        coverage.rows.filter { $0.proof == proof.id }.map { row in
          let cells = ReportModel.coverageCells(row)
          return [
            cells.step, cells.status, Escape.markdown(cells.by), Escape.markdown(row.text),
          ]
        })
    }
    return out
  }

  private static func counterexampleTable(_ world: WorldDescription) -> String {
    table(
      ["in the world", "value"],
      world.rows.map { [code($0.what, inTable: true), code($0.value, inTable: true)] })
  }

  private static func section(_ result: ResultReport, _ model: ReportModel) -> String {
    let entry = result.entry
    var out =
      "### \(code(entry.id))" + (entry.title.map { " — " + TitleMarkup.markdown($0) } ?? "")
      + "\n\n"
    out += "<a id=\"\(Escape.html(Escape.anchor(entry.id)))\"></a>\n"
    out +=
      "**\(result.status.rawValue)** · \(entry.kind.rawValue) · \(code(model.path(entry.path) + ":" + String(entry.line)))"
    if let base = entry.variantOf { out += " · variant of \(link(base, model))" }
    out += "\n\n\(Escape.markdown(result.reason))\n\n"
    if !entry.parameters.isEmpty {
      out +=
        "- Parameters: "
        + entry.parameters.map { code("\($0.name) : \($0.sort.rawValue)") }.joined(separator: ", ")
        + "\n"
    }
    for (name, value) in ReportModel.lets(entry) {
      out += "- Let \(code(name + " := " + Printer.print(value)))\n"
    }
    for hypothesis in entry.hypotheses {
      out += "- Hypothesis \(code(hypothesis.name)): \(code(Printer.print(hypothesis.source)))\n"
    }
    out +=
      "- \(entry.kind == .definition ? "Definition" : "Statement"): \(code(Printer.print(entry.statement)))\n"
    if entry.kind != .definition {
      out += "- Rests on: \(links(model.restsOn(entry.id), model))\n"
      if entry.kind != .axiom {
        out += "- Axiom schemas, transitively: \(links(result.axioms, model))\n"
      }
      out += "- Rested on by: \(links(model.supports(entry.id), model))\n"
    }
    if let numeric = ReportModel.numericText(result.numeric) {
      out += "- On worlds: \(Escape.markdown(numeric))\n"
    }
    out += "\n"
    if let counterexample = result.numeric?.counterexample {
      out += counterexampleTable(counterexample)
    }
    if !result.steps.isEmpty {
      out += table(
        ["step", "claim", "rule", "symbolic", "numeric", "uses", "reason"],
        result.steps.map { step in
          [
            code(step.id, inTable: true) + (step.added ? " (added)" : ""),
            code(step.claim, inTable: true), code(step.rule, inTable: true),
            Escape.markdown(step.symbolic.rawValue),
            Escape.markdown(ReportModel.numericText(step)),
            step.uses.isEmpty
              ? "–" : step.uses.map { code($0, inTable: true) }.joined(separator: ", "),
            Escape.markdown(step.reason ?? ""),
          ]
        })
    }
    if let rows = model.necessity(result), !rows.isEmpty {
      out += "Necessity of the hypotheses:\n\n"
      out += table(
        ["hypothesis", "verdict", "detail"],
        rows.map { row in
          [
            code(row.hypothesis, inTable: true), "**\(row.verdict.rawValue)**",
            Escape.markdown(row.detail),
          ]
        })
      for row in rows {
        guard let world = row.counterexample else { continue }
        out += "Without \(code(row.hypothesis)), a world where the statement is false:\n\n"
        out += counterexampleTable(world)
      }
    }
    return out
  }
}
