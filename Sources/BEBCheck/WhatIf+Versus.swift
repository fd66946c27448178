import BEBSyntax

/// Two assumption edits side by side (`beb whatif ID EDIT... --vs EDIT...`): which hypotheses
/// of ID, which results and which steps differ between the two edited versions, so that a
/// theorist can choose between two candidate weakenings of a hypothesis.
extension WhatIf {
  public struct Versus {
    public let id: String
    public let first: Answer
    public let second: Answer
    /// The hypotheses of ID under each edit (name and formula as written), in order.
    public let hypotheses: (first: [(String, String)], second: [(String, String)])

    /// One result under both edits.
    public struct Row {
      public let id: String
      public let first: ResultReport
      public let second: ResultReport
      /// Steps that fail (not verified, or refuted on a world) under one edit and not the other.
      public var failingOnlyInFirst: [String] {
        Row.failing(first).subtracting(Row.failing(second))
      }
      public var failingOnlyInSecond: [String] {
        Row.failing(second).subtracting(Row.failing(first))
      }
      public var differs: Bool {
        first.status != second.status || first.numeric?.status != second.numeric?.status
          || !failingOnlyInFirst.isEmpty || !failingOnlyInSecond.isEmpty
      }

      static func failing(_ result: ResultReport) -> [String] {
        result.steps.filter { $0.symbolic != .verified || $0.numeric == .refuted }.map(\.id)
      }
    }

    /// The results either edit checks, in the development's order.
    public var rows: [Row] {
      let ids = Set(first.comparisons.map(\.id)).intersection(second.comparisons.map(\.id))
      return first.comparisons.filter { ids.contains($0.id) }.compactMap { a in
        second.comparisons.first { $0.id == a.id }.map {
          Row(id: a.id, first: a.after, second: $0.after)
        }
      }
    }

    /// Whether some result or step differs between the two versions (the hypotheses differ by
    /// design).
    public var differs: Bool { rows.contains(where: \.differs) }
  }

  /// Checks ID with `first` and with `second`, each against the unedited development.
  public func versus(_ first: [Edit], _ second: [Edit]) throws -> Versus {
    func hypotheses(_ edits: [Edit]) throws -> [(String, String)] {
      let entry = try edited(edits).entry(id)
      return entry?.hypotheses.map { ($0.name, Printer.print($0.source)) } ?? []
    }
    return Versus(
      id: id, first: try run(first), second: try run(second),
      hypotheses: (try hypotheses(first), try hypotheses(second)))
  }
}

extension Array where Element == String {
  fileprivate func subtracting(_ other: [String]) -> [String] { filter { !other.contains($0) } }
}

extension WhatIf.Versus {
  /// The comparison, for people: A is the first edit, B the second.
  public func text() -> String {
    let a = first.edits.map(\.description).joined(separator: ", ")
    let b = second.edits.map(\.description).joined(separator: ", ")
    var out = "what if \(id): (A) \(a)  vs  (B) \(b)\n"
    let (ha, hb) = hypotheses
    let onlyA = ha.filter { h in !hb.contains { $0 == h } }
    let onlyB = hb.filter { h in !ha.contains { $0 == h } }
    if onlyA.isEmpty && onlyB.isEmpty {
      out += "\nhypotheses of \(id): the same under A and B\n"
    } else {
      out += "\nhypotheses of \(id):\n"
      for (name, formula) in onlyA { out += "  only in A: \(name) : \(formula)\n" }
      for (name, formula) in onlyB { out += "  only in B: \(name) : \(formula)\n" }
    }
    for row in rows {
      func numeric(_ r: ResultReport) -> String {
        r.numeric.map { " (worlds: \($0.status))" } ?? ""
      }
      let mark = row.differs ? "" : " (the same)"
      out +=
        "\n\(row.id): A \(row.first.status.rawValue)\(numeric(row.first)), "
        + "B \(row.second.status.rawValue)\(numeric(row.second))\(mark)\n"
      if !row.failingOnlyInFirst.isEmpty {
        out += "  steps that fail only under A: \(row.failingOnlyInFirst.joined(separator: ", "))\n"
      }
      if !row.failingOnlyInSecond.isEmpty {
        out +=
          "  steps that fail only under B: \(row.failingOnlyInSecond.joined(separator: ", "))\n"
      }
    }
    let differing = rows.filter(\.differs).count
    out += "\n\(differing) of \(rows.count) results differ between A and B\n"
    return out
  }

  /// The comparison as JSON (schema beb-whatif-vs/1).
  public func json() -> JSON {
    func hypotheses(_ list: [(String, String)]) -> JSON {
      .array(list.map { .object([("name", .string($0.0)), ("formula", .string($0.1))]) })
    }
    func side(_ r: ResultReport) -> JSON {
      .object([
        ("status", .string(r.status.rawValue)),
        ("numeric", r.numeric.map { .string($0.status.rawValue) } ?? .null),
        ("failing_steps", .array(Row.failing(r).map(JSON.string))),
      ])
    }
    return .object([
      ("schema", .string("beb-whatif-vs/1")), ("id", .string(id)),
      ("a", .array(first.edits.map { .string($0.description) })),
      ("b", .array(second.edits.map { .string($0.description) })),
      (
        "hypotheses",
        .object([
          ("a", hypotheses(self.hypotheses.first)), ("b", hypotheses(self.hypotheses.second)),
        ])
      ),
      (
        "results",
        .array(
          rows.map { row in
            .object([
              ("id", .string(row.id)), ("differs", .bool(row.differs)), ("a", side(row.first)),
              ("b", side(row.second)),
            ])
          })
      ),
    ])
  }
}
