import BEBKernel
import BEBSyntax

extension CheckReport {
  /// The machine-readable report, schema `beb-check/1` (see README.md): stable key order, so
  /// the same input and options give the same bytes. Each result (axioms and definitions aside)
  /// carries its necessity table: the one in `necessity` (run on worlds) when given, else the
  /// one the symbolic check alone gives.
  public func json(necessity: [String: [HypothesisNecessity]] = [:]) -> JSON {
    .object([
      ("schema", .string("beb-check/1")),
      ("seed", .string(String(options.seed))),
      ("worlds", .int(options.worlds)),
      ("files", .array(files.map { .string($0) })),
      (
        "kernel",
        .object([
          ("code_lines", .int(KernelInfo.codeLines)),
          ("rules", .array(KernelInfo.rules.map { .string($0) })),
          ("axioms", .int(results.filter { $0.entry.kind == .axiom }.count)),
        ])
      ),
      ("results", .array(results.map { $0.json(necessity: necessity) })),
      ("unconfirmed_findings", .array(unconfirmedFindings.map { .string($0) })),
      ("summary", summaryJSON),
    ])
  }

  private var summaryJSON: JSON {
    var members: [(String, JSON)] = [("results", .int(results.count))]
    for status in Status.allCases { members.append((status.rawValue, .int(count(status)))) }
    members.append(("definitions", .int(definitions)))
    members.append(("steps", .int(results.reduce(0) { $0 + $1.steps.count })))
    members.append(("ok", .bool(allChecked)))
    return .object(members)
  }

  /// The human-readable table: one line per result, then the summary, then what does not
  /// check and why. With `steps`, every step with its verdict and the hypotheses it uses.
  public func table(steps showSteps: Bool = false) -> String {
    let numeric = options.numeric
    var header = ["id", "kind", "status", "verified steps", "hypotheses", "file"]
    if numeric { header.insert("numeric", at: 4) }
    var rows = results.map { result -> [String] in
      var row = [
        result.entry.id, result.entry.kind.rawValue, result.status.rawValue,
        result.entry.kind == .definition || result.entry.kind == .axiom
          ? "-"
          : "\(result.steps.filter { $0.symbolic == .verified }.count)/\(result.steps.count)",
        result.entry.hypotheses.isEmpty
          ? "-" : result.entry.hypotheses.map(\.name).joined(separator: ","),
        "\(result.entry.path):\(result.entry.line)",
      ]
      if numeric {
        let verdict = result.numeric.map { "\($0.status) \($0.worlds)/\($0.drawn)" } ?? "-"
        row.insert(verdict, at: 4)
      }
      return row
    }
    rows.insert(header, at: 0)
    var widths = Array(repeating: 0, count: header.count)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    var out = ""
    for row in rows {
      var line = ""
      for (index, cell) in row.enumerated() {
        line +=
          index == row.count - 1
          ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
      }
      out += line + "\n"
    }
    let counts = Status.allCases.filter { count($0) > 0 }.map { "\(count($0)) \($0.rawValue)" }
    let own = files.count - importedFiles
    out +=
      "\n\(results.count) result\(results.count == 1 ? "" : "s") in \(own) file\(own == 1 ? "" : "s")"
      + (importedFiles > 0 ? " (and \(importedFiles) imported)" : "") + ": "
      + counts.joined(separator: ", ")
      + (definitions > 0 ? "; \(definitions) definition\(definitions == 1 ? "" : "s")" : "") + "\n"
    // The axiom schemas the reported results rest on, of those loaded.
    let used = Set(results.flatMap(\.axioms))
    out +=
      "kernel: \(KernelInfo.codeLines) code lines, \(KernelInfo.rules.count) rules; "
      + "the results rest on \(used.count) of the \(axiomsLoaded) axiom schemas loaded\n"
    if !options.only.isEmpty {
      for result in results where result.entry.kind != .axiom && result.entry.kind != .definition {
        out +=
          "\(result.entry.id) rests on \(result.axioms.count) axiom schema"
          + (result.axioms.count == 1 ? "" : "s")
          + (result.axioms.isEmpty ? "" : " (" + result.axioms.joined(separator: ", ") + ")")
          + " and \(result.restsOn.count) result\(result.restsOn.count == 1 ? "" : "s")"
          + (result.restsOn.isEmpty ? "" : " (" + result.restsOn.joined(separator: ", ") + ")")
          + "\n"
      }
    }
    if showSteps {
      for result in results where !result.steps.isEmpty {
        out += "\n\(result.entry.id):\n"
        for step in result.steps {
          let uses = step.uses.isEmpty ? "-" : step.uses.joined(separator: ",")
          out +=
            "  \(step.id) [\(step.symbolic), by \(step.rule), uses \(uses)\(step.added ? ", added" : "")] \(step.claim)\n"
        }
      }
    }
    for result in results
    where ![.verified, .assumed].contains(result.status) && result.entry.kind != .definition {
      out += "\n\(result.entry.id): \(result.status.rawValue): \(result.reason)\n"
      for step in result.steps where step.symbolic != .verified {
        let heading = "\(step.id) [\(step.symbolic), by \(step.rule)]"
        if let span = step.span, let file = result.entry.proofFile {
          // Where the step is written, as a compiler says it, so that an editor can jump to it.
          let message = heading + ": " + (step.reason ?? "not justified")
          out += Diagnostic(in: file, at: span, message).rendered + "\n"
          out += "  claim: \(step.claim)\n"
          // The context, as a proof assistant shows a goal; a recorded finding's steps fail
          // as expected, and their context would only lengthen the report.
          if result.status != .expectedFinding, !step.scope.isEmpty {
            out += "  in scope:\n" + step.scope.map { "    \($0)\n" }.joined()
          }
        } else {
          out += "  \(heading) \(step.claim)\n"
          if let reason = step.reason { out += "    \(reason)\n" }
        }
        if let world = step.counterexample { out += "  false on the world: \(world)\n" }
      }
      for step in result.steps where step.symbolic == .verified && step.counterexample != nil {
        out += "  \(step.id) [\(step.symbolicLabel), numerically refuted] \(step.claim)\n"
        out += "    false on the world: \(step.counterexample!)\n"
      }
      if let verdict = result.numeric, verdict.status == .refuted, result.status != .refuted {
        out += "  numeric: refuted on the world \(verdict.counterexample?.text ?? "?")\n"
      }
    }
    for finding in unconfirmedFindings { out += "\nfinding not confirmed: \(finding)\n" }
    return out
  }
}

extension ResultReport {
  func json(necessity tables: [String: [HypothesisNecessity]]) -> JSON {
    let necessity: JSON = self.necessity(in: tables).map { .array($0.map { $0.json() }) } ?? .null
    let restsOnJSON: JSON = .object([
      ("axioms", .array(axioms.map(JSON.string))), ("results", .array(restsOn.map(JSON.string))),
    ])
    return .object([
      ("id", .string(entry.id)),
      ("kind", .string(entry.kind.rawValue)),
      ("title", entry.title.map(JSON.string) ?? .null),
      ("file", .string(entry.path)),
      ("line", .int(entry.line)),
      ("variant_of", entry.variantOf.map(JSON.string) ?? .null),
      ("status", .string(status.rawValue)),
      ("reason", .string(reason)),
      ("parameters", .array(entry.parameters.map { .string("\($0.name) : \($0.sort.rawValue)") })),
      (
        "hypotheses",
        .array(
          entry.hypotheses.map {
            .object([("name", .string($0.name)), ("formula", .string(Printer.print($0.source)))])
          })
      ),
      ("statement", .string(Printer.print(entry.statement))),
      (
        "numeric",
        numeric.map { verdict in
          .object([
            ("status", .string(verdict.status.rawValue)), ("worlds", .int(verdict.worlds)),
            ("drawn", .int(verdict.drawn)), ("satisfied", .int(verdict.satisfied)),
            ("counterexample", verdict.counterexample.map { JSON.string($0.text) } ?? .null),
            ("reason", verdict.reason.map(JSON.string) ?? .null),
          ])
        } ?? .null
      ),
      ("steps", .array(steps.map(\.json))),
      ("rests_on", restsOnJSON),
      ("necessity", necessity),
    ])
  }
}

extension StepReport {
  var json: JSON {
    .object([
      ("id", .string(id)),
      ("claim", .string(claim)),
      ("rule", .string(rule)),
      ("location", location.map(JSON.string) ?? .null),
      ("added", .bool(added)),
      ("uses", .array(uses.map { .string($0) })),
      ("symbolic", .string(symbolic.rawValue)),
      ("reason", reason.map(JSON.string) ?? .null),
      (
        "numeric",
        .object([
          ("status", .string(numeric.rawValue)), ("worlds", .int(worlds)),
          ("counterexample", counterexample.map { JSON.string($0.text) } ?? .null),
          ("reason", numericReason.map(JSON.string) ?? .null),
        ])
      ),
    ])
  }
}
