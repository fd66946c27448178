import BEBKernel
import BEBNumeric
import BEBSyntax

/// Evaluates the length bounds a result states (`|s| ≤ B` in its conclusion, `m > B` in a
/// hypothesis) for given values of its parameters or of subterms such as `log(1/α)`.
public enum BoundCalculator {
  /// One bound of a result: where it stands and its value.
  public struct Bound: Sendable {
    public let place: String
    public let expression: String
    public let value: BEBNumeric.Interval?
    /// Variables the bound still depends on after the substitutions (nil value then).
    public let unset: [String]
  }

  public enum Failure: Error, Sendable {
    case noSuchResult(String, suggestion: String?)
    case badAssignment(String, String)
    case noBound(String)
  }

  /// The bounds of `id` with each `NAME=VALUE` (or `EXPR=VALUE`, e.g. `log(1/α)=30`) applied.
  public static func bounds(of id: String, in development: Development, assignments: [String])
    throws(Failure) -> [Bound]
  {
    guard let entry = development.entry(id), let declaration = entry.declaration else {
      throw .noSuchResult(
        id, suggestion: ElaborationError.suggestion(for: id, among: development.entries.map(\.id)))
    }
    var elaborator = Elaborator(global: development.global)
    do {
      try elaborator.enter(declaration)
    } catch {
      throw .badAssignment(id, error.error.message)
    }
    var replacements: [(Term, Term)] = []
    for assignment in assignments {
      guard let equals = assignment.lastIndex(of: "=") else {
        throw .badAssignment(assignment, "expected NAME=VALUE, e.g. 'β=20' or 'log(1/α)=30'")
      }
      let lhs = String(assignment[..<equals])
      let rhs = String(assignment[assignment.index(after: equals)...])
      guard let value = Rational(decimal: rhs.trimmingSpaces) else {
        throw .badAssignment(assignment, "'\(rhs)' is not a number (write 0.1, 20 or 3/4)")
      }
      do {
        let expr = try Parser.parseExpression(SourceFile(path: "--set", text: lhs))
        replacements.append((try elaborator.term(expr).0, .number(value)))
      } catch let error as LocatedSyntaxError {
        throw .badAssignment(
          assignment, "column \(column(lhs, error.span)): " + error.error.message)
      } catch let error as LocatedElaborationError {
        throw .badAssignment(
          assignment, "column \(column(lhs, error.span)): " + error.error.message)
      } catch {
        throw .badAssignment(assignment, "\(error)")
      }
    }
    var found: [(String, Term)] = []
    collect(entry.formula, place: "conclusion", into: &found)
    for hypothesis in entry.hypotheses {
      collect(hypothesis.formula, place: hypothesis.name, into: &found)
    }
    guard !found.isEmpty else { throw .noBound(id) }
    let world = World(sentences: 1, horizon: 0, values: [:])
    let evaluator = Evaluator(world: world, definitions: [:])
    return found.map { place, term in
      var substituted = term
      for (from, to) in replacements { substituted = replace(substituted, from, to) }
      let unset = substituted.freeVariables.map(\.name).sorted()
      let value =
        unset.isEmpty
        ? evaluator.value(substituted).flatMap { v -> BEBNumeric.Interval? in
          if case .number(let i) = v { return i } else { return nil }
        } : nil
      return Bound(place: place, expression: Display.text(term), value: value, unset: unset)
    }
  }

  /// Every bound on a length or a natural-number variable: the other side `B` of `|x| ≤ B`,
  /// `m > B`, `|x| = B`, ... when `B` is not a constant.
  static func collect(_ f: Formula, place: String, into found: inout [(String, Term)]) {
    switch f {
    case .relation(let r, let a, let b):
      let isLength: (Term) -> Bool = {
        if case .apply(.length, _) = $0 { return true }
        if case .variable(let v) = $0, v.sort == .nat { return true }
        return false
      }
      if isLength(a), r != .ne, !isLength(b), !b.freeVariables.isEmpty {
        found.append((place, b))
      } else if isLength(b), r != .ne, !isLength(a), !a.freeVariables.isEmpty {
        found.append((place, a))
      }
    case .and(let fs), .or(let fs): for g in fs { collect(g, place: place, into: &found) }
    case .not(let g), .forall(_, let g), .exists(_, let g): collect(g, place: place, into: &found)
    case .implies(let a, let b), .iff(let a, let b):
      collect(a, place: place, into: &found)
      collect(b, place: place, into: &found)
    case .truth, .predicate: break
    }
  }

  /// The 1-based column of a span in a one-line text.
  static func column(_ text: String, _ span: Span) -> Int {
    SourceFile(path: "", text: text).location(of: span.start).column
  }

  /// `t` with every occurrence of `from` replaced by `to` (structurally).
  static func replace(_ t: Term, _ from: Term, _ to: Term) -> Term {
    if t == from { return to }
    switch t {
    case .number, .variable: return t
    case .apply(let op, let args): return .apply(op, args.map { replace($0, from, to) })
    case .bind(let binder, let v, let range, let body):
      return .bind(
        binder, v, range: range.map { replace($0, from, to) }, body: replace(body, from, to))
    case .probability: return t
    }
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
