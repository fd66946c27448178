import BEBKernel
import BEBSyntax

/// Prints kernel terms and formulas in the language's own syntax, by turning them back into
/// syntax trees and using the syntax layer's printer (so precedence is handled in one place).
public enum Display {
  public static func text(_ formula: Formula) -> String {
    Printer.print(expr(readable(formula)))
  }
  public static func text(_ term: Term) -> String { Printer.print(expr(readable(term))) }

  /// The formula with its bound variables named apart from `names` (those in scope).
  static func text(_ formula: Formula, avoiding names: Set<String>) -> String {
    Printer.print(expr(readable(formula, avoiding: names)))
  }

  private static let none = Span(0, 0)

  private static func node(_ kind: Expr.Kind) -> Expr { Expr(kind, none) }
  /// Bound variables of canonical formulas (`#0`, `#1`, …) that `readable` could not name
  /// print as `ξ0`, `ξ1`, …
  private static func name(_ text: String) -> Name { Name(spelled(text), none) }
  private static func spelled(_ text: String) -> String {
    text.hasPrefix("#") ? "ξ" + text.dropFirst() : text
  }

  static func expr(_ formula: Formula) -> Expr {
    switch formula {
    case .truth(let value): return node(.name(value ? "true" : "false"))
    case .relation(let r, let a, let b):
      let op = RelationOperator(rawValue: r.rawValue) ?? .eq
      return node(.chain([expr(a), expr(b)], [op]))
    case .not(let f): return node(.unary(.not, expr(f)))
    case .and(let fs): return fold(fs, .and, empty: true)
    case .or(let fs): return fold(fs, .or, empty: false)
    case .implies(let a, let b): return node(.binary(.implies, expr(a), expr(b)))
    case .iff(let a, let b): return node(.binary(.iff, expr(a), expr(b)))
    case .forall(let v, let f), .exists(let v, let f):
      let quantifier: Quantifier
      if case .forall = formula { quantifier = .forall } else { quantifier = .exists }
      let group = BinderGroup(names: [name(v.name)], domain: .sort(name(v.sort.rawValue)))
      return node(.quantified(quantifier, [group], expr(f)))
    case .predicate(let id, let args):
      return node(.call(node(.resultID(id)), args.map(expr), given: nil))
    }
  }

  private static func fold(_ parts: [Formula], _ op: BinaryOperator, empty: Bool) -> Expr {
    guard var result = parts.first.map(expr) else { return expr(.truth(empty)) }
    for part in parts.dropFirst() { result = node(.binary(op, result, expr(part))) }
    return result
  }

  static func expr(_ term: Term) -> Expr {
    switch term {
    case .number(let q):
      let digits = node(.number(q.numerator.magnitude.description))
      var value = digits
      if q.denominator != .one {
        value = node(.binary(.divide, digits, node(.number(q.denominator.description))))
      }
      return q.isNegative ? node(.unary(.negate, value)) : value
    case .variable(let v): return node(.name(spelled(v.name)))
    case .apply(let op, let args):
      let a = args.map(expr)
      switch op {
      case .add: return node(.binary(.add, a[0], a[1]))
      case .sub: return node(.binary(.subtract, a[0], a[1]))
      case .neg: return node(.unary(.negate, a[0]))
      case .mul: return node(.binary(.multiply, a[0], a[1]))
      case .div: return node(.binary(.divide, a[0], a[1]))
      case .pow, .sentenceAt: return node(.binary(.power, a[0], a[1]))
      case .concat: return node(.binary(.concat, a[0], a[1]))
      case .length, .abs: return node(.bars(a[0]))
      case .prefixBefore: return node(.prefix(a[0], a[1]))
      case .emptyText: return node(.emptyText)
      case .probOf: return node(.call(a[0], [a[1]], given: nil))
      case .probGiven: return node(.call(a[0], [a[1]], given: a[2]))
      case .conditional: return node(.call(a[0], [node(.placeholder)], given: a[1]))
      case .kl: return node(.kl(a[0], a[1]))
      case .behavior: return node(.call(a[0], [a[1]], given: nil))
      case .behaviorMean: return node(.index(a[0], [a[1]]))
      case .behaviorAfter: return node(.call(node(.index(a[0], [a[1]])), [a[2]], given: nil))
      case .ceil: return node(.ceiling(a[0]))
      case .floor: return node(.floor(a[0]))
      case .log, .exp, .sqrt, .min, .max, .mixture, .bestOfN:
        let names: [Operator: String] = [
          .log: "log", .exp: "exp", .sqrt: "sqrt", .min: "min", .max: "max", .mixture: "mix",
          .bestOfN: "bon",
        ]
        return node(.call(node(.name(names[op]!)), a, given: nil))
      }
    case .bind(let binder, let v, let range, let body):
      switch binder {
      case .sum, .product:
        return node(
          .big(
            binder == .sum ? .sum : .product,
            .interval(name(v.name), from: expr(range[0]), to: expr(range[1])), paren(body)))
      case .sumOverSentences:
        return node(.big(.sum, .sort(name(v.name), name("Sentence")), paren(body)))
      case .expectation, .variance:
        return node(
          .sampling(
            binder == .expectation ? .expectation : .variance, name(v.name), law: expr(range[0]),
            length: range.count > 1 ? expr(range[1]) : nil, body: paren(body)))
      }
    case .probability(let v, let law, let length, let event):
      return node(
        .sampling(
          .probability, name(v.name), law: expr(law), length: length.map(expr),
          body: node(.paren(expr(event)))))
    }
  }

  /// Bodies of binders are parenthesised unless they are a single factor.
  private static func paren(_ term: Term) -> Expr {
    switch term {
    case .apply(.add, _), .apply(.sub, _): return node(.paren(expr(term)))
    default: return expr(term)
    }
  }
}
