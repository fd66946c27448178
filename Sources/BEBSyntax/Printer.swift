/// Prints syntax trees in canonical (Unicode) spelling.
///
/// Parentheses that were written are kept (they are `paren` nodes); the printer adds only the
/// ones a tree made by a program needs, mirroring the parser's precedence table, so that
/// parsing the printed text gives back the same tree — but for an empty sort, which the
/// checker gives the names an `obtain` introduces (`∃ k, φ`), and which the parser does not
/// read.
public enum Printer {
  // Precedence levels, loosest first (the parser's table).
  private static let iffLevel = 1, impliesLevel = 2, orLevel = 3, andLevel = 4, notLevel = 5
  private static let relationLevel = 6, concatLevel = 7, addLevel = 8, mulLevel = 9
  private static let negateLevel = 10, powerLevel = 11, atomLevel = 12
  /// "Nothing follows": the expression ends its bracket, clause or line.
  private static let nothing = -1

  /// How tightly a node binds, and how far right its body reaches (for `∀`, `Σ`, `E`, whose
  /// bodies swallow any operator of at least that level written after them).
  private static func shape(_ kind: Expr.Kind) -> (level: Int, openRight: Int?) {
    switch kind {
    case .quantified: return (notLevel, 0)
    case .big, .sampling: return (atomLevel, mulLevel)
    case .unary(.not, _): return (notLevel, nil)
    case .unary(.negate, _): return (negateLevel, nil)
    case .binary(let op, _, _): return (level(of: op), nil)
    case .chain, .memberInterval, .memberSet: return (relationLevel, nil)
    default: return (atomLevel, nil)
    }
  }

  private static func level(of op: BinaryOperator) -> Int {
    switch op {
    case .iff: return iffLevel
    case .implies: return impliesLevel
    case .or: return orLevel
    case .and: return andLevel
    case .concat: return concatLevel
    case .add, .subtract: return addLevel
    case .multiply, .divide: return mulLevel
    case .power: return powerLevel
    }
  }

  /// The expression as text.
  public static func print(_ expr: Expr) -> String {
    var out = ""
    write(expr, minimum: 0, follow: nothing, into: &out)
    return out
  }

  /// Writes `expr` where the context needs at least precedence `minimum`, and an operator of
  /// level `follow` comes next (`nothing` if none).
  private static func write(_ expr: Expr, minimum: Int, follow: Int, into out: inout String) {
    let (level, openRight) = shape(expr.kind)
    let needsParens = level < minimum || (openRight.map { follow >= $0 } ?? false)
    if needsParens {
      out += "("
      writeBare(expr, follow: nothing, into: &out)
      out += ")"
    } else {
      writeBare(expr, follow: follow, into: &out)
    }
  }

  private static func writeBare(_ expr: Expr, follow: Int, into out: inout String) {
    switch expr.kind {
    case .number(let digits): out += digits
    case .name(let name), .resultID(let name): out += name
    case .placeholder: out += "·"
    case .previous: out += "_"
    case .emptyText: out += "⟨⟩"
    case .paren(let inner):
      out += "("
      write(inner, minimum: 0, follow: nothing, into: &out)
      out += ")"
    case .unary(.not, let operand):
      out += "¬"
      write(operand, minimum: notLevel, follow: follow, into: &out)
    case .unary(.negate, let operand):
      var inner = ""
      write(operand, minimum: negateLevel, follow: follow, into: &inner)
      out += inner.hasPrefix("-") ? "- " + inner : "-" + inner
    case .binary(.power, let base, let exponent):
      write(base, minimum: atomLevel, follow: powerLevel, into: &out)
      out += "^"
      if shape(exponent.kind).level < negateLevel {
        out += "{"
        write(exponent, minimum: 0, follow: nothing, into: &out)
        out += "}"
      } else {
        write(exponent, minimum: negateLevel, follow: follow, into: &out)
      }
    case .binary(let op, let lhs, let rhs):
      let level = level(of: op)
      let rightAssociative = op == .implies || op == .iff
      write(lhs, minimum: rightAssociative ? level + 1 : level, follow: level, into: &out)
      out += " \(op.rawValue) "
      write(rhs, minimum: rightAssociative ? level : level + 1, follow: follow, into: &out)
    case .chain(let operands, let operators):
      for (index, operand) in operands.enumerated() {
        if index > 0 { out += " \(operators[index - 1].rawValue) " }
        let last = index == operands.count - 1
        write(operand, minimum: concatLevel, follow: last ? follow : relationLevel, into: &out)
      }
    case .memberInterval(let element, let interval):
      write(element, minimum: concatLevel, follow: relationLevel, into: &out)
      out += " ∈ " + (interval.lowerClosed ? "[" : "(")
      write(interval.lower, minimum: addLevel, follow: nothing, into: &out)
      out += ", "
      write(interval.upper, minimum: addLevel, follow: nothing, into: &out)
      out += interval.upperClosed ? "]" : ")"
    case .memberSet(let element, let members):
      write(element, minimum: concatLevel, follow: relationLevel, into: &out)
      out += " ∈ {"
      writeList(members, minimum: addLevel, into: &out)
      out += "}"
    case .bars(let inner):
      out += "|"
      write(inner, minimum: concatLevel, follow: nothing, into: &out)
      out += "|"
    case .ceiling(let inner):
      out += "⌈"
      write(inner, minimum: 0, follow: nothing, into: &out)
      out += "⌉"
    case .floor(let inner):
      out += "⌊"
      write(inner, minimum: 0, follow: nothing, into: &out)
      out += "⌋"
    case .call(let head, let args, let given):
      write(head, minimum: atomLevel, follow: atomLevel, into: &out)
      out += "("
      writeList(args, minimum: 0, into: &out)
      if let given {
        out += args.count == 1 && args[0].kind == .placeholder ? "|" : " | "
        write(given, minimum: 0, follow: nothing, into: &out)
      }
      out += ")"
    case .index(let head, let args):
      write(head, minimum: atomLevel, follow: atomLevel, into: &out)
      out += "["
      writeList(args, minimum: 0, into: &out)
      out += "]"
    case .prefix(let text, let bound):
      write(text, minimum: atomLevel, follow: powerLevel, into: &out)
      out += "^{<"
      write(bound, minimum: 0, follow: nothing, into: &out)
      out += "}"
    case .kl(let lhs, let rhs):
      out += "KL("
      write(lhs, minimum: concatLevel, follow: nothing, into: &out)
      out += " ∥ "
      write(rhs, minimum: concatLevel, follow: nothing, into: &out)
      out += ")"
    case .quantified(let quantifier, let groups, let body):
      out += quantifier.rawValue + " "
      for group in groups {
        out += group.names.map(\.text).joined(separator: " ")
        switch group.domain {
        // An empty sort is one the reader infers (the names an `obtain` introduces): none.
        case .sort(let sort): out += sort.text.isEmpty ? "" : " : \(sort.text)"
        case .bound(let relation, let bound):
          out += " \(relation.rawValue) "
          write(bound, minimum: addLevel, follow: nothing, into: &out)
        }
      }
      out += ", "
      write(body, minimum: 0, follow: follow, into: &out)
    case .big(let op, let range, let body):
      out += op.rawValue + "_{"
      switch range {
      case .interval(let index, let from, let to):
        out += "\(index.text) = "
        write(from, minimum: addLevel, follow: nothing, into: &out)
        out += ".."
        write(to, minimum: addLevel, follow: nothing, into: &out)
      case .sort(let variable, let sort):
        out += "\(variable.text) : \(sort.text)"
      }
      out += "} "
      write(body, minimum: mulLevel, follow: follow, into: &out)
    case .sampling(let op, let variable, let law, let length, let body):
      out += "\(op.rawValue)[\(variable.text) ~ "
      write(law, minimum: concatLevel, follow: nothing, into: &out)
      if let length {
        out += ", |\(variable.text)| = "
        write(length, minimum: addLevel, follow: nothing, into: &out)
      }
      out += "] "
      write(body, minimum: mulLevel, follow: follow, into: &out)
    }
  }

  /// The tree with a `paren` node wherever `print` writes parentheses, so that a typesetter,
  /// which keeps written parentheses, shows the scopes the printed text shows — above all
  /// that a quantifier's body reaches to the right: `(∀ x, φ) ∧ ψ`. It mirrors `write`:
  /// `print(bracketed(e)) == print(e)`.
  public static func bracketed(_ expr: Expr) -> Expr {
    bracket(expr, minimum: 0, follow: nothing)
  }

  private static func bracket(_ expr: Expr, minimum: Int, follow: Int) -> Expr {
    let (level, openRight) = shape(expr.kind)
    if level < minimum || (openRight.map { follow >= $0 } ?? false) {
      return Expr(.paren(bracketBare(expr, follow: nothing)), expr.span)
    }
    return bracketBare(expr, follow: follow)
  }

  private static func bracketBare(_ expr: Expr, follow: Int) -> Expr {
    func b(_ e: Expr, _ minimum: Int, _ follow: Int) -> Expr {
      bracket(e, minimum: minimum, follow: follow)
    }
    let kind: Expr.Kind
    switch expr.kind {
    case .number, .name, .resultID, .placeholder, .previous, .emptyText: return expr
    case .paren(let inner): kind = .paren(b(inner, 0, nothing))
    case .unary(.not, let operand): kind = .unary(.not, b(operand, notLevel, follow))
    case .unary(.negate, let operand): kind = .unary(.negate, b(operand, negateLevel, follow))
    case .binary(.power, let base, let exponent):
      let raised =
        shape(exponent.kind).level < negateLevel
        ? b(exponent, 0, nothing) : b(exponent, negateLevel, follow)
      kind = .binary(.power, b(base, atomLevel, powerLevel), raised)
    case .binary(let op, let lhs, let rhs):
      let level = level(of: op)
      let right = op == .implies || op == .iff
      kind = .binary(
        op, b(lhs, right ? level + 1 : level, level), b(rhs, right ? level : level + 1, follow))
    case .chain(let operands, let operators):
      kind = .chain(
        operands.enumerated().map { index, operand in
          b(operand, concatLevel, index == operands.count - 1 ? follow : relationLevel)
        }, operators)
    case .memberInterval(let element, let interval):
      kind = .memberInterval(
        b(element, concatLevel, relationLevel),
        Interval(
          lower: b(interval.lower, addLevel, nothing), lowerClosed: interval.lowerClosed,
          upper: b(interval.upper, addLevel, nothing), upperClosed: interval.upperClosed))
    case .memberSet(let element, let members):
      kind = .memberSet(
        b(element, concatLevel, relationLevel), members.map { b($0, addLevel, nothing) })
    case .bars(let inner): kind = .bars(b(inner, concatLevel, nothing))
    case .ceiling(let inner): kind = .ceiling(b(inner, 0, nothing))
    case .floor(let inner): kind = .floor(b(inner, 0, nothing))
    case .call(let head, let args, let given):
      kind = .call(
        b(head, atomLevel, atomLevel), args.map { b($0, 0, nothing) },
        given: given.map { b($0, 0, nothing) })
    case .index(let head, let args):
      kind = .index(b(head, atomLevel, atomLevel), args.map { b($0, 0, nothing) })
    case .prefix(let text, let bound):
      kind = .prefix(b(text, atomLevel, powerLevel), b(bound, 0, nothing))
    case .kl(let lhs, let rhs):
      kind = .kl(b(lhs, concatLevel, nothing), b(rhs, concatLevel, nothing))
    case .quantified(let quantifier, let groups, let body):
      let bracketedGroups = groups.map { group -> BinderGroup in
        guard case .bound(let relation, let bound) = group.domain else { return group }
        return BinderGroup(
          names: group.names, domain: .bound(relation, b(bound, addLevel, nothing)))
      }
      kind = .quantified(quantifier, bracketedGroups, b(body, 0, follow))
    case .big(let op, let range, let body):
      var bracketedRange = range
      if case .interval(let index, let from, let to) = range {
        bracketedRange = .interval(
          index, from: b(from, addLevel, nothing), to: b(to, addLevel, nothing))
      }
      kind = .big(op, bracketedRange, b(body, mulLevel, follow))
    case .sampling(let op, let variable, let law, let length, let body):
      kind = .sampling(
        op, variable, law: b(law, concatLevel, nothing),
        length: length.map { b($0, addLevel, nothing) },
        body: b(body, mulLevel, follow))
    }
    return Expr(kind, expr.span)
  }

  private static func writeList(_ items: [Expr], minimum: Int, into out: inout String) {
    for (index, item) in items.enumerated() {
      if index > 0 { out += ", " }
      write(item, minimum: minimum, follow: nothing, into: &out)
    }
  }

  // MARK: Items

  /// A whole file, items separated by blank lines.
  public static func print(_ tree: SourceTree) -> String {
    let imports = tree.imports.map { "import \"\($0.text)\"\n" }.joined()
    return (imports.isEmpty ? "" : imports + "\n") + tree.items.map(print).joined(separator: "\n\n")
      + "\n"
  }

  public static func print(_ item: Item) -> String {
    switch item {
    case .definition(let d):
      var out = "definition \(d.id.text)" + title(d.title)
      if !d.parameters.isEmpty { out += " (" + parameters(d.parameters) + ")" }
      return out + " :=\n  " + print(d.body)
    case .result(let r):
      var out = "\(r.kind.rawValue) \(r.id.text)" + title(r.title)
      if let base = r.variantOf { out += " variant of \(base.text)" }
      for clause in r.clauses {
        out += "\n  "
        switch clause {
        case .given(let params): out += "given " + parameters(params)
        case .let(let name, let value): out += "let \(name.text) := " + print(value)
        case .assume(let name, let formula): out += "assume \(name.text) : " + print(formula)
        case .show(let name, let formula):
          out += "show " + (name.map { "\($0.text) : " } ?? "") + print(formula)
        }
      }
      return out
    case .proof(let p):
      var out = "proof \(p.id.text)"
      for (index, step) in p.steps.enumerated() {
        for mark in p.marks where mark.before == index && mark.link == nil {
          out += "\n  " + print(mark)
        }
        out += "\n  " + print(step, marks: p.marks.filter { $0.before == index && $0.link != nil })
      }
      for mark in p.marks where mark.before == p.steps.count { out += "\n  " + print(mark) }
      return out
    case .finding(let f):
      var out = "finding \(f.id.text) of \(f.result.text)"
      if let step = f.step { out += " step \(step.text)" }
      return out + " expect \(f.expectation.rawValue) " + quoted(f.explanation)
    }
  }

  /// `step 1, 2 of ID:` or `step 6 omitted "why"`.
  private static func print(_ mark: PaperMark) -> String {
    "step " + mark.numbers.map(String.init).joined(separator: ", ")
      + (mark.result.map { " of " + $0.text } ?? "")
      + (mark.omitted.map { " omitted " + quoted($0) } ?? ":")
  }

  /// A step, with the marks that stand before its calc links.
  private static func print(_ step: Step, marks: [PaperMark]) -> String {
    let prefix = step.added ? "added " : ""
    switch step.kind {
    case .let(let name, let value): return prefix + "let \(name.text) := " + print(value)
    case .have(let name, let claim, let why):
      return prefix + "have \(name.text) : " + print(claim) + " " + print(why)
    case .obtain(let names, let facts, let why):
      let stated = facts.map { "\($0.0.text) : " + print($0.1) }.joined(separator: ", ")
      return prefix + "obtain " + names.map(\.text).joined(separator: " ") + " such that "
        + stated + " " + print(why)
    case .calc(let name, let start, let links):
      var out = prefix + (name.map { "have \($0.text) : " } ?? "") + "calc " + print(start)
      for (index, link) in links.enumerated() {
        for mark in marks where mark.link == index + 1 { out += "\n    " + print(mark) }
        out += index == 0 && !marks.contains { $0.link == 1 } ? " " : "\n    _ "
        out += "\(link.relation.rawValue) " + print(link.rhs) + " " + print(link.justification)
      }
      return out
    case .show(let claim, let why): return prefix + "show " + print(claim) + " " + print(why)
    case .fix(let names, let sort):
      return prefix + "fix " + names.map(\.text).joined(separator: " ") + " : \(sort.text)"
    case .suppose(let name, let formula):
      return prefix + "suppose \(name.text) : " + print(formula)
    case .conclude(let witnesses):
      return prefix + "conclude with " + witnesses.map(print).joined(separator: ", ")
    }
  }

  private static func print(_ why: Justification) -> String {
    var out = "by \(why.rule.text)"
    if !why.facts.isEmpty { out += " [" + why.facts.map(print).joined(separator: ", ") + "]" }
    if !why.bindings.isEmpty {
      out +=
        " with "
        + why.bindings.map { "\($0.0.text) := " + print($0.1) }
        .joined(separator: ", ")
    }
    return out
  }

  private static func parameters(_ params: [Parameter]) -> String {
    params.map { $0.names.map(\.text).joined(separator: " ") + " : \($0.sort.text)" }
      .joined(separator: ", ")
  }

  private static func title(_ title: String?) -> String {
    title.map { " " + quoted($0) } ?? ""
  }

  private static func quoted(_ text: String) -> String {
    "\""
      + text.replacingOccurrences("\\", "\\\\").replacingOccurrences("\"", "\\\"")
      .replacingOccurrences("\n", "\\n") + "\""
  }
}

extension String {
  /// `replacingOccurrences(of:with:)` without Foundation.
  fileprivate func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
    var out = ""
    for character in self {
      if character == target { out += replacement } else { out.append(character) }
    }
    return out
  }
}
