import BEBSyntax

/// `beb search PATTERN`: the definitions, axiom schemas and results whose statement has a
/// subexpression of the pattern's shape — the everyday "what is the lemma for this?".
///
/// A pattern is an expression of the language in which `_` stands for any subexpression
/// (`log(_ · _)`, `|_ - _| ≤ _`). Everything else must be written as in the statement:
/// operators, function names, names of variables (so `log(_ · _)` finds `log(a · b)` and
/// `log(x · y)`, `log(a · _)` only the first). Parentheses are ignored, and so are the names
/// a quantifier or a sum binds. Matching is on the text as written (a `let` name is not
/// unfolded): a search aid, nothing is trusted to it.
public enum Search {
  /// One entry that matches: where (the conclusion, or the hypotheses that match by name).
  public struct Match: Sendable {
    public let entry: Entry
    public let inConclusion: Bool
    public let hypotheses: [String]
  }

  /// The entries of `development` with a subexpression matching `pattern`: those matching in
  /// their conclusion (or definition body) first, then those matching in a hypothesis only,
  /// each group in the development's order.
  public static func matches(_ pattern: Expr, in development: Development) -> [Match] {
    let found = development.entries.compactMap { entry -> Match? in
      let conclusion = occurs(pattern, in: entry.statement)
      let hypotheses = entry.hypotheses.filter { occurs(pattern, in: $0.source) }.map(\.name)
      guard conclusion || !hypotheses.isEmpty else { return nil }
      return Match(entry: entry, inConclusion: conclusion, hypotheses: hypotheses)
    }
    return found.filter(\.inConclusion) + found.filter { !$0.inConclusion }
  }

  /// Whether `pattern` matches `expr` or one of its subexpressions.
  public static func occurs(_ pattern: Expr, in expr: Expr) -> Bool {
    matches(pattern, expr) || expr.kind.children.contains { occurs(pattern, in: $0) }
  }

  /// Whether `pattern` matches `expr` itself: `_` matches anything; otherwise the same kind
  /// of node (`shape`) with matching children.
  public static func matches(_ pattern: Expr, _ expr: Expr) -> Bool {
    if case .paren(let inner) = pattern.kind { return matches(inner, expr) }
    if case .paren(let inner) = expr.kind { return matches(pattern, inner) }
    if case .previous = pattern.kind { return true }
    guard shape(pattern.kind) == shape(expr.kind) else { return false }
    let (ps, es) = (pattern.kind.children, expr.kind.children)
    return ps.count == es.count && zip(ps, es).allSatisfy { matches($0, $1) }
  }

  /// A node without its children: its kind, operator and written leaves.
  static func shape(_ kind: Expr.Kind) -> String {
    switch kind {
    case .number(let n): return "number " + n
    case .name(let n): return "name " + n
    case .resultID(let id): return "id " + id
    case .placeholder: return "·"
    case .previous: return "_"
    case .emptyText: return "⟨⟩"
    case .paren: return "()"
    case .unary(let op, _): return "unary " + op.rawValue
    case .binary(let op, _, _): return "binary " + op.rawValue
    case .chain(_, let ops): return "chain " + ops.map(\.rawValue).joined(separator: " ")
    case .memberInterval(_, let i): return "∈ interval \(i.lowerClosed) \(i.upperClosed)"
    case .memberSet(_, let elements): return "∈ set \(elements.count)"
    case .bars: return "|·|"
    case .ceiling: return "⌈·⌉"
    case .floor: return "⌊·⌋"
    case .call(_, let args, let given): return "call \(args.count) \(given != nil)"
    case .index(_, let args): return "index \(args.count)"
    case .prefix: return "prefix"
    case .kl: return "KL"
    case .quantified(let q, let groups, _):
      let bounds = groups.map {
        if case .bound(let r, _) = $0.domain { return r.rawValue } else { return ":" }
      }
      return "quantified " + q.rawValue + " " + bounds.joined(separator: " ")
    case .big(let op, let range, _):
      if case .interval = range { return "big " + op.rawValue + " interval" }
      return "big " + op.rawValue
    case .sampling(let op, _, _, let length, _):
      return "sampling " + op.rawValue + " \(length != nil)"
    }
  }
}
