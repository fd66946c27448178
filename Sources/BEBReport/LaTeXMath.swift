import BEBCheck
import BEBKernel
import BEBSyntax

/// Typesets formulas as LaTeX math (for `$…$`), with amsmath and amssymb only: fractions,
/// powers, `B_{P}`, `\sum`, `\mathbb{E}_{x \sim D}`, `\mathrm{KL}(P \parallel Q)`. Names are
/// spelled letter by letter (Greek letters as commands, `P₋` as `P_{-}`, `s0` as `s_{0}`), so
/// no input character reaches TeX unescaped.
public enum LaTeXMath {
  /// A kernel formula as LaTeX math (without the `$` delimiters).
  public static func math(_ formula: Formula) -> String { math(Display.syntax(formula)) }

  /// A syntax tree as LaTeX math (without the `$` delimiters).
  public static func math(_ expr: Expr) -> String { sub(expr, 0) }

  /// A name of the language: base letters, then digits, `₋`/`₊` and `_word` as a subscript,
  /// primes last. Multi-letter ASCII bases are set in `\mathit`.
  public static func identifier(_ name: String) -> String {
    var base = ""
    var letters = ""
    var subscriptText = ""
    var primes = ""
    var scalars = Array(name.unicodeScalars)[...]
    func flushLetters() {
      guard !letters.isEmpty else { return }
      base += letters.count > 1 ? "\\mathit{" + letters + "}" : letters
      letters = ""
    }
    while let scalar = scalars.popFirst() {
      if scalar.isASCII && scalar.properties.isAlphabetic {
        letters.unicodeScalars.append(scalar)
      } else if ("0"..."9").contains(scalar) {
        subscriptText.unicodeScalars.append(scalar)
      } else if scalar == "'" || scalar == "′" {
        primes += "'"
      } else if scalar == "₋" || scalar == "₊" {
        subscriptText += scalar == "₋" ? "-" : "+"
      } else if (0x2080...0x2089).contains(scalar.value) {
        subscriptText += String(scalar.value - 0x2080)
      } else if scalar == "_" {
        let rest = String(String.UnicodeScalarView(scalars))
        subscriptText += rest.isEmpty ? "\\_" : identifier(rest)
        scalars = []
      } else {
        flushLetters()
        if let command = LaTeXSymbols.math[scalar] {
          base += "{" + command + "}"
        } else {
          base += "\\text{" + Escape.latex(String(scalar)) + "}"
        }
      }
    }
    flushLetters()
    if base.isEmpty { base = "{}" }
    return base + (subscriptText.isEmpty ? "" : "_{" + subscriptText + "}") + primes
  }

  private static func text(_ value: String) -> String { "\\text{" + Escape.latex(value) + "}" }

  private static func sub(_ expr: Expr, _ minimum: Int) -> String {
    Precedence.level(expr.kind) < minimum ? "(" + bare(expr) + ")" : bare(expr)
  }

  private static func list(_ items: [Expr]) -> String {
    items.map { sub($0, 0) }.joined(separator: ", ")
  }

  private static let binary: [BinaryOperator: String] = [
    .add: " + ", .subtract: " - ", .multiply: " \\cdot ", .concat: " \\oplus ",
    .and: " \\wedge ", .or: " \\vee ", .implies: " \\Rightarrow ", .iff: " \\Leftrightarrow ",
  ]

  private static let relations: [RelationOperator: String] = [
    .eq: " = ", .ne: " \\neq ", .lt: " < ", .le: " \\leq ", .gt: " > ", .ge: " \\geq ",
  ]

  private static let functions: [String: String] = [
    "log": "\\log", "exp": "\\exp", "min": "\\min", "max": "\\max",
  ]

  /// `∀ x : S, y ≤ b` without the comma that ends it.
  private static func prefix(_ quantifier: Quantifier, _ groups: [BinderGroup]) -> String {
    var out = quantifier == .forall ? "\\forall " : "\\exists "
    for (index, group) in groups.enumerated() {
      if index > 0 { out += ", " }
      out += group.names.map { identifier($0.text) }.joined(separator: "\\, ")
      switch group.domain {
      case .sort(let sort) where sort.text.isEmpty: break
      case .sort(let sort): out += " : " + text(sort.text)
      case .bound(let relation, let bound):
        out += (relations[relation] ?? " ? ") + sub(bound, Precedence.add)
      }
    }
    return out
  }

  /// The formula on several lines, for a display too wide for one (nil when it has no place
  /// to break): a quantifier's prefix on a line of its own, then its body; a top-level
  /// connective (∧ ∨ ⇒ ⇔) or relation chain broken before each operator, the operand after it
  /// on the next line, indented; the last part broken again the same way. As an amsmath
  /// `aligned` block.
  public static func broken(_ expr: Expr) -> String? {
    var lines: [String] = []
    func add(_ indent: Int, _ text: String) {
      lines.append("&" + String(repeating: "\\quad ", count: indent) + text)
    }
    /// Adds `lead` + `e`, broken if it can be; true when it broke.
    @discardableResult func split(_ e: Expr, _ indent: Int, _ lead: String) -> Bool {
      switch e.kind {
      case .paren(let inner) where lead.isEmpty && indent == 0:
        return split(inner, indent, lead)
      case .quantified(let quantifier, let groups, let body):
        add(indent, lead + prefix(quantifier, groups) + ",")
        split(body, indent + 1, "")
        return true
      case .binary(let op, let a, let b) where [.and, .or, .implies, .iff].contains(op):
        let level = Precedence.level(op)
        let right = op == .implies || op == .iff
        var operands = [b]
        var first = a
        // a ∧ b ∧ c is ((a ∧ b) ∧ c): one line per conjunct.
        while !right, case .binary(op, let x, let y) = first.kind {
          operands.insert(y, at: 0)
          first = x
        }
        add(indent, lead + sub(first, right ? level + 1 : level))
        for (index, operand) in operands.enumerated() {
          let text = (binary[op] ?? " ? ").trimmingCharacters(in: .whitespaces) + " "
          let needed = right ? level : level + 1
          if index == operands.count - 1, Precedence.level(operand.kind) >= needed {
            split(operand, indent + 1, text)
          } else {
            add(indent + 1, text + sub(operand, right ? level : level + 1))
          }
        }
        return true
      case .chain(let operands, let operators) where operands.count > 1:
        add(indent, lead + sub(operands[0], Precedence.concat))
        for index in 1..<operands.count {
          let relation = (relations[operators[index - 1]] ?? " ? ")
          add(
            indent + 1,
            relation.trimmingCharacters(in: .whitespaces) + " "
              + sub(operands[index], Precedence.concat))
        }
        return true
      default:
        add(indent, lead + sub(e, 0))
        return false
      }
    }
    guard split(expr, 0, ""), lines.count > 1 else { return nil }
    return "\\begin{aligned}" + lines.joined(separator: "\\\\ ") + "\\end{aligned}"
  }

  private static func bare(_ expr: Expr) -> String {
    switch expr.kind {
    case .number(let digits): return Escape.latex(digits)
    case .name(let name): return identifier(name)
    case .resultID(let id): return text(id)
    case .placeholder: return "\\cdot"
    case .previous: return "\\_"
    case .emptyText: return "\\langle\\rangle"
    case .paren(let inner): return "(" + sub(inner, 0) + ")"
    case .unary(.not, let operand): return "\\neg " + sub(operand, Precedence.not)
    case .unary(.negate, let operand): return "-" + sub(operand, Precedence.negate)
    case .binary(.divide, let a, let b):
      return "\\frac{" + sub(Precedence.unwrapped(a), 0) + "}{" + sub(Precedence.unwrapped(b), 0)
        + "}"
    case .binary(.power, let base, let exponent):
      return "{" + sub(base, Precedence.atom) + "}^{" + sub(Precedence.unwrapped(exponent), 0) + "}"
    case .binary(let op, let a, let b):
      let level = Precedence.level(op)
      let right = op == .implies || op == .iff
      return sub(a, right ? level + 1 : level) + (binary[op] ?? " ? ")
        + sub(b, right ? level : level + 1)
    case .chain(let operands, let operators):
      var out = ""
      for (index, operand) in operands.enumerated() {
        if index > 0 { out += relations[operators[index - 1]] ?? " ? " }
        out += sub(operand, Precedence.concat)
      }
      return out
    case .memberInterval(let element, let interval):
      return sub(element, Precedence.concat) + " \\in " + (interval.lowerClosed ? "[" : "(")
        + sub(interval.lower, Precedence.add) + ", " + sub(interval.upper, Precedence.add)
        + (interval.upperClosed ? "]" : ")")
    case .memberSet(let element, let members):
      return sub(element, Precedence.concat) + " \\in \\{" + list(members) + "\\}"
    case .bars(let inner): return "\\lvert " + sub(inner, 0) + "\\rvert "
    case .ceiling(let inner): return "\\lceil " + sub(inner, 0) + "\\rceil "
    case .floor(let inner): return "\\lfloor " + sub(inner, 0) + "\\rfloor "
    case .call(let head, let args, nil) where head.kind == .name("sqrt") && args.count == 1:
      return "\\sqrt{" + sub(args[0], 0) + "}"
    case .call(let head, let args, let given):
      var headText: String
      if case .name(let name) = head.kind, let function = functions[name] {
        headText = function
      } else if case .name(let name) = head.kind, name.unicodeScalars.count > 1,
        name.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic })
      {
        headText = "\\operatorname{" + name + "}"
      } else {
        headText = sub(head, Precedence.atom)
      }
      var inside = list(args)
      if let given { inside += " \\mid " + sub(given, 0) }
      return headText + "(" + inside + ")"
    case .index(let head, let args):
      return "{" + sub(head, Precedence.atom) + "}_{" + list(args) + "}"
    case .prefix(let textExpr, let bound):
      return "{" + sub(textExpr, Precedence.atom) + "}^{<" + sub(bound, 0) + "}"
    case .kl(let a, let b):
      return "\\mathrm{KL}(" + sub(a, Precedence.concat) + " \\parallel "
        + sub(b, Precedence.concat) + ")"
    case .quantified(let quantifier, let groups, let body):
      return prefix(quantifier, groups) + ",\\ " + sub(body, 0)
    case .big(let op, let range, let body):
      var out = op == .sum ? "\\sum" : "\\prod"
      switch range {
      case .interval(let index, let from, let to):
        out += "_{" + identifier(index.text) + " = " + sub(from, 0) + "}^{" + sub(to, 0) + "}"
      case .sort(let variable, let sort):
        out += "_{" + identifier(variable.text) + " : " + text(sort.text) + "}"
      }
      return out + " " + sub(body, Precedence.mul)
    case .sampling(let op, let variable, let law, let length, let body):
      var out: String
      switch op {
      case .expectation: out = "\\mathbb{E}"
      case .variance: out = "\\mathrm{Var}"
      case .probability: out = "\\Pr"
      }
      let name = identifier(variable.text)
      out += "_{" + name + " \\sim " + sub(law, Precedence.concat)
      if let length { out += ",\\, \\lvert " + name + "\\rvert = " + sub(length, Precedence.add) }
      return out + "} " + sub(body, Precedence.mul)
    }
  }
}
