import BEBSyntax

/// The precedence of syntax nodes, loosest first, mirroring the parser's table (see
/// `Printer`), so that typeset formulas (MathML, LaTeX) add exactly the parentheses a tree
/// made by a program needs. Parentheses that were written are `paren` nodes and are kept.
enum Precedence {
  static let iff = 1, implies = 2, or = 3, and = 4, not = 5
  static let relation = 6, concat = 7, add = 8, mul = 9, negate = 10, power = 11, atom = 12

  /// How tightly a node binds.
  static func level(_ kind: Expr.Kind) -> Int {
    switch kind {
    case .quantified, .unary(.not, _): return not
    case .unary(.negate, _): return negate
    case .binary(let op, _, _): return level(op)
    case .chain, .memberInterval, .memberSet: return relation
    // Big operators and sampling operators swallow what follows them: treat them as sums.
    case .big, .sampling: return add
    default: return atom
    }
  }

  static func level(_ op: BinaryOperator) -> Int {
    switch op {
    case .iff: return iff
    case .implies: return implies
    case .or: return or
    case .and: return and
    case .concat: return concat
    case .add, .subtract: return add
    case .multiply, .divide: return mul
    case .power: return power
    }
  }

  /// The node without a written outer pair of parentheses (for places that delimit their
  /// content already: fraction parts, exponents, arguments).
  static func unwrapped(_ expr: Expr) -> Expr {
    if case .paren(let inner) = expr.kind { return unwrapped(inner) }
    return expr
  }
}
