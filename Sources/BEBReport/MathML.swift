import BEBCheck
import BEBKernel
import BEBSyntax

/// Typesets formulas as presentation MathML (the `<math>` element of HTML5, no namespace
/// attribute needed): fractions, powers, subscripted behavior expectations `B_P`, big sums,
/// expectations `E_{x∼D}`, `KL(P ∥ Q)`, quantifiers and relations. Every name and number goes
/// through `Escape.html`.
public enum MathML {
  /// A kernel formula, as `<math>` (inline, or `display="block"`).
  public static func math(_ formula: Formula, block: Bool = false) -> String {
    math(Display.syntax(formula), block: block)
  }

  /// A syntax tree (a statement or hypothesis as written), as `<math>`.
  public static func math(_ expr: Expr, block: Bool = false) -> String {
    "<math" + (block ? " display=\"block\"" : "") + ">" + row(expr) + "</math>"
  }

  /// The MathML of `expr` without the `<math>` element.
  static func row(_ expr: Expr) -> String {
    var out = ""
    write(expr, minimum: 0, into: &out)
    return out
  }

  private static func mi(_ name: String) -> String {
    // Multi-letter names (`log`, `eps`, hypothesis names) are upright, single letters italic.
    let letters = name.unicodeScalars.filter { $0.properties.isAlphabetic }.count
    if letters > 1 && !name.contains("_") {
      return "<mi mathvariant=\"normal\">" + Escape.html(name) + "</mi>"
    }
    return "<mi>" + Escape.html(name) + "</mi>"
  }

  private static func mo(_ op: String) -> String { "<mo>" + Escape.html(op) + "</mo>" }
  private static func mrow(_ content: String) -> String { "<mrow>" + content + "</mrow>" }
  private static func fenced(_ open: String, _ content: String, _ close: String) -> String {
    mrow(
      "<mo stretchy=\"false\">" + open + "</mo>" + content + "<mo stretchy=\"false\">" + close
        + "</mo>")
  }

  private static func write(_ expr: Expr, minimum: Int, into out: inout String) {
    if Precedence.level(expr.kind) < minimum {
      out += fenced("(", bare(expr), ")")
    } else {
      out += bare(expr)
    }
  }

  private static func sub(_ expr: Expr, _ minimum: Int) -> String {
    var out = ""
    write(expr, minimum: minimum, into: &out)
    return out
  }

  private static func list(_ items: [Expr]) -> String {
    items.map { sub($0, 0) }.joined(separator: mo(","))
  }

  private static func bare(_ expr: Expr) -> String {
    switch expr.kind {
    case .number(let digits): return "<mn>" + Escape.html(digits) + "</mn>"
    case .name(let name): return mi(name)
    case .resultID(let id): return "<mi mathvariant=\"normal\">" + Escape.html(id) + "</mi>"
    case .placeholder: return mo("·")
    case .previous: return mi("_")
    case .emptyText: return mo("⟨⟩")
    case .paren(let inner): return fenced("(", sub(inner, 0), ")")
    case .unary(.not, let operand): return mrow(mo("¬") + sub(operand, Precedence.not))
    case .unary(.negate, let operand): return mrow(mo("−") + sub(operand, Precedence.negate))
    case .binary(.divide, let a, let b):
      return "<mfrac>" + mrow(sub(Precedence.unwrapped(a), 0))
        + mrow(sub(Precedence.unwrapped(b), 0))
        + "</mfrac>"
    case .binary(.power, let base, let exponent):
      return "<msup>" + mrow(sub(base, Precedence.atom))
        + mrow(sub(Precedence.unwrapped(exponent), 0))
        + "</msup>"
    case .binary(let op, let a, let b):
      let level = Precedence.level(op)
      let right = op == .implies || op == .iff
      let symbol = op == .subtract ? "−" : op.rawValue
      return mrow(
        sub(a, right ? level + 1 : level) + mo(symbol) + sub(b, right ? level : level + 1))
    case .chain(let operands, let operators):
      var out = ""
      for (index, operand) in operands.enumerated() {
        if index > 0 { out += mo(operators[index - 1].rawValue) }
        out += sub(operand, Precedence.concat)
      }
      return mrow(out)
    case .memberInterval(let element, let interval):
      return mrow(
        sub(element, Precedence.concat) + mo("∈")
          + fenced(
            interval.lowerClosed ? "[" : "(",
            sub(interval.lower, Precedence.add) + mo(",") + sub(interval.upper, Precedence.add),
            interval.upperClosed ? "]" : ")"))
    case .memberSet(let element, let members):
      return mrow(sub(element, Precedence.concat) + mo("∈") + fenced("{", list(members), "}"))
    case .bars(let inner): return fenced("|", sub(inner, 0), "|")
    case .ceiling(let inner): return fenced("⌈", sub(inner, 0), "⌉")
    case .floor(let inner): return fenced("⌊", sub(inner, 0), "⌋")
    case .call(let head, let args, nil) where head.kind == .name("sqrt") && args.count == 1:
      return "<msqrt>" + sub(args[0], 0) + "</msqrt>"
    case .call(let head, let args, let given):
      var inside = list(args)
      if let given { inside += mo("|") + sub(given, 0) }
      return mrow(sub(head, Precedence.atom) + fenced("(", inside, ")"))
    case .index(let head, let args):
      return "<msub>" + mrow(sub(head, Precedence.atom)) + mrow(list(args)) + "</msub>"
    case .prefix(let text, let bound):
      return "<msup>" + mrow(sub(text, Precedence.atom)) + mrow(mo("<") + sub(bound, 0)) + "</msup>"
    case .kl(let a, let b):
      return mrow(
        "<mi mathvariant=\"normal\">KL</mi>"
          + fenced("(", sub(a, Precedence.concat) + mo("∥") + sub(b, Precedence.concat), ")"))
    case .quantified(let quantifier, let groups, let body):
      var out = mo(quantifier.rawValue)
      for (index, group) in groups.enumerated() {
        if index > 0 { out += mo(",") }
        out += group.names.map { mi($0.text) }.joined(separator: mo(","))
        switch group.domain {
        case .sort(let sort) where sort.text.isEmpty: break
        case .sort(let sort):
          out += mo(":") + "<mi mathvariant=\"normal\">" + Escape.html(sort.text) + "</mi>"
        case .bound(let relation, let bound):
          out += mo(relation.rawValue) + sub(bound, Precedence.add)
        }
      }
      return mrow(out + mo(",") + sub(body, 0))
    case .big(let op, let range, let body):
      let symbol = op == .sum ? "∑" : "∏"
      let operatorRow: String
      switch range {
      case .interval(let index, let from, let to):
        operatorRow =
          "<munderover>" + mo(symbol) + mrow(mi(index.text) + mo("=") + sub(from, 0))
          + mrow(sub(to, 0))
          + "</munderover>"
      case .sort(let variable, let sort):
        operatorRow =
          "<munder>" + mo(symbol)
          + mrow(
            mi(variable.text) + mo(":") + "<mi mathvariant=\"normal\">"
              + Escape.html(sort.text) + "</mi>") + "</munder>"
      }
      return mrow(operatorRow + sub(body, Precedence.mul))
    case .sampling(let op, let variable, let law, let length, let body):
      let head: String
      switch op {
      case .expectation: head = "<mi mathvariant=\"double-struck\">E</mi>"
      case .variance: head = "<mi mathvariant=\"normal\">Var</mi>"
      case .probability: head = "<mi mathvariant=\"normal\">Pr</mi>"
      }
      var below = mi(variable.text) + mo("∼") + sub(law, Precedence.concat)
      if let length {
        below +=
          mo(",") + fenced("|", mi(variable.text), "|") + mo("=") + sub(length, Precedence.add)
      }
      return mrow("<msub>" + head + mrow(below) + "</msub>" + sub(body, Precedence.mul))
    }
  }
}
