import BEBSyntax

/// Parses the claims the checker prints back into syntax trees, for typesetting. The printed
/// claims are close to the language but not always inside it: an `obtain` prints `∃ x, φ`
/// without a sort, and a law that is itself an application is applied directly
/// (`mix(α, P₋, P₊)(s)`, `P(·|s0)(y | v)`), which the parser does not accept. Such heads are
/// parsed on their own and put back in the tree. Best effort: nil means "show the text".
enum ClaimParser {
  static func parse(_ text: String) -> Expr? {
    let none = Span(0, 0)
    // `∃ x y, φ`: names then a comma, with no sort.
    if text.hasPrefix("∃ "), let comma = text.firstIndex(of: ",") {
      let names = text[text.index(text.startIndex, offsetBy: 2)..<comma].split(separator: " ")
      let isName = { (name: Substring) in
        name.unicodeScalars.allSatisfy {
          $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "'" || $0 == "_"
        }
      }
      if !names.isEmpty, names.allSatisfy(isName),
        let body = parse(String(text[text.index(after: comma)...]).trimmingLeadingSpaces)
      {
        let group = BinderGroup(
          names: names.map { Name(String($0), none) }, domain: .sort(Name("", none)))
        return Expr(.quantified(.exists, [group], body), none)
      }
    }
    if let expr = try? Parser.parseExpression(SourceFile(path: "claim", text: text)) {
      return expr
    }
    return parseWithApplicationHeads(text, depth: 0)
  }

  /// Replaces each `HEAD(args)` that is applied again (followed by `(`) with a placeholder
  /// name, parses, and substitutes the separately parsed heads back.
  private static func parseWithApplicationHeads(_ text: String, depth: Int) -> Expr? {
    guard depth < 8 else { return nil }
    let scalars = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var heads: [String: Expr] = [:]
    var index = 0
    while index < scalars.count {
      // A head starts at an identifier character not preceded by one.
      let isNameScalar = { (s: Unicode.Scalar) in
        s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "₋" || s == "₊" || s == "'"
          || s == "_" || (0x2080...0x2089).contains(s.value)
      }
      if isNameScalar(scalars[index]), index == 0 || !isNameScalar(scalars[index - 1]) {
        var end = index
        while end < scalars.count, isNameScalar(scalars[end]) { end += 1 }
        if end < scalars.count, scalars[end] == "(", let close = matching(scalars, from: end),
          close + 1 < scalars.count, scalars[close + 1] == "("
        {
          let headText = String(String.UnicodeScalarView(scalars[index...close]))
          guard let head = parse(headText) ?? parseWithApplicationHeads(headText, depth: depth + 1)
          else { return nil }
          let placeholder = "Ωhead\(heads.count)"
          heads[placeholder] = head
          out.append(contentsOf: placeholder.unicodeScalars)
          index = close + 1
          continue
        }
      }
      out.append(scalars[index])
      index += 1
    }
    guard !heads.isEmpty,
      let tree = try? Parser.parseExpression(SourceFile(path: "claim", text: String(out)))
    else { return nil }
    return substitute(tree, heads)
  }

  /// The index of the `)` closing the `(` at `open`.
  private static func matching(_ scalars: [Unicode.Scalar], from open: Int) -> Int? {
    var level = 0
    for index in open..<scalars.count {
      if scalars[index] == "(" { level += 1 }
      if scalars[index] == ")" {
        level -= 1
        if level == 0 { return index }
      }
    }
    return nil
  }

  /// `expr` with the placeholder names replaced by their trees.
  private static func substitute(_ expr: Expr, _ heads: [String: Expr]) -> Expr {
    let s = { (e: Expr) in substitute(e, heads) }
    let kind: Expr.Kind
    switch expr.kind {
    case .name(let name): return heads[name] ?? expr
    case .number, .resultID, .placeholder, .previous, .emptyText: return expr
    case .paren(let e): kind = .paren(s(e))
    case .unary(let op, let e): kind = .unary(op, s(e))
    case .binary(let op, let a, let b): kind = .binary(op, s(a), s(b))
    case .chain(let operands, let operators): kind = .chain(operands.map(s), operators)
    case .memberInterval(let e, let i):
      kind = .memberInterval(
        s(e),
        Interval(
          lower: s(i.lower), lowerClosed: i.lowerClosed, upper: s(i.upper),
          upperClosed: i.upperClosed))
    case .memberSet(let e, let members): kind = .memberSet(s(e), members.map(s))
    case .bars(let e): kind = .bars(s(e))
    case .ceiling(let e): kind = .ceiling(s(e))
    case .floor(let e): kind = .floor(s(e))
    case .call(let head, let args, let given):
      kind = .call(s(head), args.map(s), given: given.map(s))
    case .index(let head, let args): kind = .index(s(head), args.map(s))
    case .prefix(let a, let b): kind = .prefix(s(a), s(b))
    case .kl(let a, let b): kind = .kl(s(a), s(b))
    case .quantified(let q, let groups, let body):
      let mapped = groups.map { group -> BinderGroup in
        guard case .bound(let relation, let bound) = group.domain else { return group }
        return BinderGroup(names: group.names, domain: .bound(relation, s(bound)))
      }
      kind = .quantified(q, mapped, s(body))
    case .big(let op, let range, let body):
      if case .interval(let index, let from, let to) = range {
        kind = .big(op, .interval(index, from: s(from), to: s(to)), s(body))
      } else {
        kind = .big(op, range, s(body))
      }
    case .sampling(let op, let variable, let law, let length, let body):
      kind = .sampling(op, variable, law: s(law), length: length.map(s), body: s(body))
    }
    return Expr(kind, expr.span)
  }
}

extension String {
  fileprivate var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
