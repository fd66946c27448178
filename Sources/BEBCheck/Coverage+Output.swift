extension Coverage {
  /// `74 numbered steps in 9 proofs of the paper: 40 verified, 33 finding, 1 omitted`
  /// (statuses with no step left out).
  public var summary: String {
    let counts = self.counts
    let parts = CoverageStatus.allCases.compactMap { status in
      counts[status].map { "\($0) \(status.rawValue)" }
    }
    return "\(rows.count) numbered step\(rows.count == 1 ? "" : "s") in \(proofs.count) "
      + "proof\(proofs.count == 1 ? "" : "s") of the paper: " + parts.joined(separator: ", ")
  }

  /// What encodes a row, for people: `thm-3.1: c2, eq60` (steps of other results named by
  /// their result), the findings, or the reason it is omitted.
  public static func encoding(_ row: CoverageRow) -> String {
    if row.status == .omitted || row.status == .missing { return row.reason ?? "" }
    var byResult: [(String, [String])] = []
    // Added steps are shown only when they fail (the paper's step then fails through them).
    for step in row.steps where !step.added || !step.holds {
      // A step that holds on trust says so: `c (given c2, lemma-C.3)`.
      let shown =
        step.holds && !step.given.isEmpty
        ? "\(step.step) (given \(step.given.joined(separator: ", ")))" : step.step
      if let index = byResult.firstIndex(where: { $0.0 == step.result }) {
        if !byResult[index].1.contains(shown) { byResult[index].1.append(shown) }
      } else {
        byResult.append((step.result, [shown]))
      }
    }
    var text = byResult.map { "\($0.0): " + $0.1.joined(separator: ", ") }.joined(
      separator: "; ")
    if !row.findings.isEmpty { text += " — " + row.findings.joined(separator: ", ") }
    if row.status == .failing, let reason = row.reason { text += " — " + reason }
    return text
  }

  /// The table of `beb coverage`: per proof of the paper, each numbered step with its status,
  /// what encodes it, and the start of the paper's text; then the summary.
  public func table() -> String {
    var out = ""
    for proof in proofs {
      out += "\(proof.id)  \(proof.heading)\n"
      for row in rows where row.proof == proof.id {
        let number = String(row.number).leftPadded(to: 4)
        out += "  \(number)  \(row.status.rawValue.padded(to: 8))  \(Self.clipped(row.text, 64))\n"
        let encoding = Self.encoding(row)
        if !encoding.isEmpty {
          out += "        " + (row.status == .omitted ? "omitted: " : "") + encoding + "\n"
        }
      }
      out += "\n"
    }
    return out + summary + "\n"
  }

  /// `text` cut to `width` characters, with `…` when cut.
  static func clipped(_ text: String, _ width: Int) -> String {
    text.count <= width ? text : String(text.prefix(width - 1)) + "…"
  }

  /// The JSON of `beb coverage --json` (schema beb-coverage/1), also the `coverage` member of
  /// the JSON report.
  public func json() -> JSON {
    let counts = self.counts
    return .object([
      ("schema", .string("beb-coverage/1")),
      (
        "proofs",
        .array(
          proofs.map { proof in
            .object([
              ("id", .string(proof.id)),
              ("heading", .string(proof.heading)),
              (
                "steps",
                .array(rows.filter { $0.proof == proof.id }.map(Self.json)),
              ),
            ])
          })
      ),
      (
        "summary",
        .object(
          [("steps", .int(rows.count))]
            + CoverageStatus.allCases.map { ($0.rawValue, .int(counts[$0] ?? 0)) }
            + [("complete", .bool(complete))])
      ),
    ])
  }

  static func json(_ row: CoverageRow) -> JSON {
    .object([
      ("number", .int(row.number)),
      ("text", .string(row.text)),
      ("status", .string(row.status.rawValue)),
      (
        "encoded_by",
        .array(
          row.steps.map {
            .object([
              ("result", .string($0.result)), ("step", .string($0.step)),
              ("added", .bool($0.added)), ("holds", .bool($0.holds)),
              ("given", .array($0.given.map(JSON.string))),
            ])
          })
      ),
      ("findings", .array(row.findings.map(JSON.string))),
      ("reason", row.reason.map(JSON.string) ?? .null),
      ("marks", .array(row.marks.map(JSON.string))),
    ])
  }
}

extension String {
  fileprivate func padded(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
