import BEBKernel
import BEBNumeric
import BEBSyntax

/// What the elaborator knows about the development as a whole: the parameter sorts of every
/// definition and the kind of every result, so that citations can be checked.
public struct GlobalContext: Sendable {
  public var definitions: [String: [Sort]] = [:]
  public var results: [String: ResultKind] = [:]

  public init() {}
}

/// Turns syntax into kernel terms and formulas: resolves names, checks sorts, desugars
/// intervals, chains and bounded quantifiers. The syntax tree itself is never changed.
public struct Elaborator {
  /// A name in scope: a variable, or a `let` abbreviation standing for a term.
  enum Entry {
    case variable(Variable)
    case abbreviation(Term, Sort)

    var sort: Sort {
      switch self {
      case .variable(let v): return v.sort
      case .abbreviation(_, let sort): return sort
      }
    }
  }

  public typealias Failure = LocatedElaborationError

  let global: GlobalContext
  private(set) var scope: [String: Entry] = [:]
  /// The variables bound by the binders being elaborated, innermost last: a `let`
  /// abbreviation used under a binder of one of its variables would be captured.
  private var binders: [Variable] = []

  /// The functions written `f(x, ...)`.
  static let functions: [String: Operator] = [
    "log": .log, "exp": .exp, "sqrt": .sqrt, "abs": .abs, "min": .min, "max": .max,
    "ceil": .ceil, "floor": .floor, "mix": .mixture, "bon": .bestOfN,
  ]

  public init(global: GlobalContext) {
    self.global = global
  }

  // MARK: Declarations

  /// Declares the names of `parameters` with their sorts, in order.
  mutating func declare(_ parameters: [Parameter]) throws(Failure) -> [Variable] {
    var variables: [Variable] = []
    for parameter in parameters {
      let sort = try sortNamed(parameter.sort)
      for name in parameter.names {
        let variable = Variable(name.text, sort)
        try bind(name, .variable(variable))
        variables.append(variable)
      }
    }
    return variables
  }

  /// Makes `name` stand for `variable`, shadowing its outer meaning, which it returns so
  /// that `restore` can put it back.
  mutating func shadow(_ name: String, as variable: Variable) -> Entry? {
    let saved = scope[name]
    scope[name] = .variable(variable)
    return saved
  }

  mutating func restore(_ name: String, _ saved: Entry?) { scope[name] = saved }

  /// Brings a variable obtained in a proof into scope under `name`.
  public mutating func introduce(_ variable: Variable, at name: Name) throws(Failure) {
    try bind(name, .variable(variable))
  }

  /// Replays the `given` and `let` clauses of a result, to elaborate its proof in its scope.
  public mutating func enter(_ result: ResultDecl) throws(Failure) {
    for clause in result.clauses {
      switch clause {
      case .given(let parameters): _ = try declare(parameters)
      case .let(let name, let value): try abbreviate(name, value)
      case .assume, .show: break
      }
    }
  }

  /// Declares `let name := value`.
  public mutating func abbreviate(_ name: Name, _ value: Expr) throws(Failure) {
    let (term, sort) = try term(value)
    try bind(name, .abbreviation(term, sort))
  }

  private mutating func bind(_ name: Name, _ entry: Entry) throws(Failure) {
    if Self.functions[name.text] != nil || ["E", "Var", "Pr", "KL"].contains(name.text) {
      throw Failure(.builtinName(name.text), name.span)
    }
    guard scope[name.text] == nil else { throw Failure(.duplicateName(name.text), name.span) }
    scope[name.text] = entry
  }

  func sortNamed(_ name: Name) throws(Failure) -> Sort {
    guard let sort = Sort(named: name.text) else {
      let names = Sort.allCases.map(\.rawValue)
      throw Failure(
        .unknownSort(
          name.text, suggestion: ElaborationError.suggestion(for: name.text, among: names)),
        name.span)
    }
    return sort
  }

  /// Runs `body` with `variable` in scope, shadowing any outer entry of the same name.
  private mutating func with<T>(
    _ variable: Variable, at span: Span, _ body: (inout Elaborator) throws(Failure) -> T
  ) throws(Failure) -> T {
    let saved = scope[variable.name]
    binders.append(variable)
    defer { binders.removeLast() }
    scope[variable.name] = .variable(variable)
    defer { scope[variable.name] = saved }
    return try body(&self)
  }

  // MARK: Formulas

  /// Elaborates an expression that must be a formula.
  public mutating func formula(_ expr: Expr) throws(Failure) -> Formula {
    switch expr.kind {
    case .paren(let inner):
      return try formula(inner)
    case .unary(.not, let operand):
      return .not(try formula(operand))
    case .binary(let op, let lhs, let rhs) where [.and, .or, .implies, .iff].contains(op):
      let a = try formula(lhs)
      let b = try formula(rhs)
      // `a ∧ b ∧ c` is one conjunction of three parts (likewise ∨), as it reads.
      func parts(_ f: Formula, _ and: Bool) -> [Formula] {
        switch (f, and) {
        case (.and(let fs), true), (.or(let fs), false): return fs
        default: return [f]
        }
      }
      switch op {
      case .and: return .and(parts(a, true) + parts(b, true))
      case .or: return .or(parts(a, false) + parts(b, false))
      case .implies: return .implies(a, b)
      default: return .iff(a, b)
      }
    case .chain(let operands, let operators):
      var terms: [(Term, Sort, Span)] = []
      for operand in operands {
        let (t, s) = try term(operand)
        terms.append((t, s, operand.span))
      }
      var parts: [Formula] = []
      for (index, op) in operators.enumerated() {
        parts.append(try relation(op, terms[index], terms[index + 1]))
      }
      return parts.count == 1 ? parts[0] : .and(parts)
    case .memberInterval(let element, let interval):
      let x = try numeric(element, "a membership")
      let low = try numeric(interval.lower, "an interval bound")
      let high = try numeric(interval.upper, "an interval bound")
      return .and([
        .relation(interval.lowerClosed ? .le : .lt, low, x),
        .relation(interval.upperClosed ? .le : .lt, x, high),
      ])
    case .memberSet(let element, let members):
      let x = try numeric(element, "a membership")
      var options: [Formula] = []
      for member in members {
        options.append(.relation(.eq, x, try numeric(member, "a set element")))
      }
      return .or(options)
    case .quantified(let quantifier, let groups, let body):
      return try quantified(quantifier, groups[...], body)
    case .call(let head, let args, let given):
      if case .resultID(let id) = head.kind {
        guard given == nil else {
          throw Failure(.unsupported("'|' in a definition's arguments"), expr.span)
        }
        return try predicate(id, head.span, args)
      }
      fallthrough
    default:
      if case .resultID(let id) = expr.kind { return try predicate(id, expr.span, []) }
      let (_, sort) = try term(expr)
      throw Failure(.formulaExpected(found: sort), expr.span)
    }
  }

  private mutating func quantified(
    _ quantifier: Quantifier, _ groups: ArraySlice<BinderGroup>, _ body: Expr
  ) throws(Failure) -> Formula {
    guard let group = groups.first else { return try formula(body) }
    let sort: Sort
    var bound: (RelationOperator, Expr)?
    switch group.domain {
    case .sort(let name): sort = try sortNamed(name)
    case .bound(let relation, let limit):
      sort = .real
      bound = (relation, limit)
    }
    return try nest(quantifier, group.names[...], sort, bound, groups.dropFirst(), body)
  }

  private mutating func nest(
    _ quantifier: Quantifier, _ names: ArraySlice<Name>, _ sort: Sort,
    _ bound: (RelationOperator, Expr)?, _ rest: ArraySlice<BinderGroup>, _ body: Expr
  ) throws(Failure) -> Formula {
    guard let name = names.first else { return try quantified(quantifier, rest, body) }
    let variable = Variable(name.text, sort)
    // The bound is read outside the binder: in `∀ x > c`, c cannot mean the new x.
    let limitTerm = try bound.map { (b: (RelationOperator, Expr)) throws(Failure) in
      try numeric(b.1, "a quantifier bound")
    }
    let inner = try with(variable, at: name.span) {
      (e: inout Elaborator) throws(Failure) -> Formula in
      var core = try e.nest(quantifier, names.dropFirst(), sort, bound, rest, body)
      if let (relation, _) = bound, let limitTerm {
        let condition = Formula.relation(
          Relation(relation), .variable(variable), limitTerm)
        core = quantifier == .forall ? .implies(condition, core) : .and([condition, core])
      }
      return core
    }
    return quantifier == .forall ? .forall(variable, inner) : .exists(variable, inner)
  }

  private mutating func predicate(_ id: String, _ span: Span, _ args: [Expr]) throws(Failure)
    -> Formula
  {
    guard let sorts = global.definitions[id] else {
      if let kind = global.results[id] {
        throw Failure(.notADefinition(id, kind: kind.rawValue), span)
      }
      let known = Array(global.definitions.keys) + Array(global.results.keys)
      throw Failure(
        .unknownResult(id, suggestion: ElaborationError.suggestion(for: id, among: known.sorted())),
        span)
    }
    guard sorts.count == args.count else {
      throw Failure(.arity(id, expected: sorts.count, found: args.count), span)
    }
    var terms: [Term] = []
    for (index, (arg, wanted)) in zip(args, sorts).enumerated() {
      let (t, s) = try term(arg)
      guard s.isSubsort(of: wanted) else {
        throw Failure(
          .sortMismatch(
            expected: wanted.rawValue, found: s, context: "argument \(index + 1) of '\(id)'"),
          arg.span)
      }
      terms.append(t)
    }
    return .predicate(id, terms)
  }

  private func relation(
    _ op: RelationOperator, _ lhs: (Term, Sort, Span), _ rhs: (Term, Sort, Span)
  ) throws(Failure) -> Formula {
    let relation = Relation(op)
    if relation == .eq || relation == .ne {
      if lhs.1 == .bool || rhs.1 == .bool {
        throw Failure(
          .unsupported("'\(op.rawValue)' cannot compare values of sort Bool; use '⇔'"), rhs.2)
      }
      guard lhs.1.join(rhs.1) != nil else {
        throw Failure(
          .sortMismatch(
            expected: "the sort of the left side (\(lhs.1))", found: rhs.1,
            context: "'\(op.rawValue)'"),
          rhs.2)
      }
    } else {
      for side in [lhs, rhs] where !side.1.isNumeric {
        throw Failure(
          .sortMismatch(expected: "a number", found: side.1, context: "'\(op.rawValue)'"), side.2)
      }
    }
    return .relation(relation, lhs.0, rhs.0)
  }

  // MARK: Terms

  /// Elaborates an expression that must be a numeric term.
  mutating func numeric(_ expr: Expr, _ context: String) throws(Failure) -> Term {
    let (t, s) = try term(expr)
    guard s.isNumeric else {
      throw Failure(.sortMismatch(expected: "a number", found: s, context: context), expr.span)
    }
    return t
  }

  /// Elaborates an expression that must be a term, with its sort.
  public mutating func term(_ expr: Expr) throws(Failure) -> (Term, Sort) {
    switch expr.kind {
    case .number(let digits):
      guard let value = Rational(decimal: digits) else {
        throw Failure(.badNumber(digits), expr.span)
      }
      let natural = !digits.contains(".") && !value.isNegative
      return (.number(value), natural ? .nat : .real)
    case .name(let name):
      switch scope[name] {
      case .variable(let v): return (.variable(v), v.sort)
      case .abbreviation(let t, let s):
        if let captured = binders.last(where: { t.freeVariables.contains($0) }) {
          throw Failure(
            .unsupported(
              "'\(name)' stands for a term mentioning '\(captured.name)', which a binder here rebinds: rename the bound variable"
            ),
            expr.span)
        }
        return (t, s)
      case nil:
        if Self.functions[name] != nil {
          throw Failure(.termExpected(what: "the function '\(name)' without arguments"), expr.span)
        }
        let candidates = Array(scope.keys) + Array(Self.functions.keys)
        throw Failure(
          .unknownName(
            name, suggestion: ElaborationError.suggestion(for: name, among: candidates.sorted())),
          expr.span)
      }
    case .resultID(let id):
      throw Failure(.termExpected(what: "the result id '\(id)'"), expr.span)
    case .placeholder:
      throw Failure(.placeholderMisplaced, expr.span)
    case .previous:
      throw Failure(.previousMisplaced, expr.span)
    case .emptyText:
      return (.apply(.emptyText, []), .text)
    case .paren(let inner):
      return try term(inner)
    case .unary(.negate, let operand):
      return try apply(.neg, [operand], expr)
    case .binary(.power, let base, let exponent):
      let (b, baseSort) = try term(base)
      if baseSort.isSubsort(of: .text) {
        return try apply(.sentenceAt, [b], [(base.span, baseSort)], [exponent], expr)
      }
      return try apply(.pow, [b], [(base.span, baseSort)], [exponent], expr)
    case .binary(let op, let lhs, let rhs):
      let table: [BinaryOperator: Operator] = [
        .add: .add, .subtract: .sub, .multiply: .mul, .divide: .div, .concat: .concat,
      ]
      guard let kernelOp = table[op] else {
        throw Failure(.termExpected(what: "a formula ('\(op.rawValue)')"), expr.span)
      }
      return try apply(kernelOp, [lhs, rhs], expr)
    case .unary(.not, _), .chain, .memberInterval, .memberSet, .quantified:
      throw Failure(.termExpected(what: "a formula"), expr.span)
    case .bars(let inner):
      let (t, s) = try term(inner)
      if s.isSubsort(of: .text) { return (.apply(.length, [t]), .nat) }
      if s.isNumeric { return (.apply(.abs, [t]), .real) }
      throw Failure(
        .sortMismatch(
          expected: "a text (length) or a number (absolute value)", found: s, context: "'|…|'"),
        inner.span)
    case .ceiling(let inner):
      return try apply(.ceil, [inner], expr)
    case .floor(let inner):
      return try apply(.floor, [inner], expr)
    case .call(let head, let args, let given):
      return try call(head, args, given, expr)
    case .index(let head, let args):
      guard args.count == 1 else { throw Failure(.behaviorLaws(found: args.count), expr.span) }
      return try apply(.behaviorMean, [head] + args, expr)
    case .prefix(let text, let bound):
      return try apply(.prefixBefore, [text, bound], expr)
    case .kl(let lhs, let rhs):
      return try apply(.kl, [lhs, rhs], expr)
    case .big(let op, let range, let body):
      return try big(op, range, body, expr)
    case .sampling(let op, let name, let law, let length, let body):
      return try sampling(op, name, law, length, body)
    }
  }

  /// Applies `op` to elaborated arguments and the expressions `rest`, checking sorts.
  private mutating func apply(
    _ op: Operator, _ done: [Term], _ doneSorts: [(Span, Sort)], _ rest: [Expr], _ whole: Expr
  ) throws(Failure) -> (Term, Sort) {
    var terms = done
    var sorts = doneSorts
    for arg in rest {
      let (t, s) = try term(arg)
      terms.append(t)
      sorts.append((arg.span, s))
    }
    do {
      let sort = try Signature.sort(of: op, arguments: sorts.map(\.1))
      return (.apply(op, terms), sort)
    } catch {
      switch error {
      case .arity(_, let expected, let found):
        throw Failure(.arity(Self.spelling(op), expected: expected, found: found), whole.span)
      case .argument(_, let index, let expected, let found):
        throw Failure(
          .sortMismatch(expected: expected, found: found, context: "'\(Self.spelling(op))'"),
          sorts[index].0)
      }
    }
  }

  private mutating func apply(_ op: Operator, _ args: [Expr], _ whole: Expr) throws(Failure)
    -> (Term, Sort)
  {
    try apply(op, [], [], args, whole)
  }

  /// How an operator is written, for messages.
  static func spelling(_ op: Operator) -> String {
    if let name = functions.first(where: { $0.value == op })?.key { return name }
    let symbols: [Operator: String] = [
      .add: "+", .sub: "-", .neg: "-", .mul: "·", .div: "/", .pow: "^", .concat: "⊕",
      .length: "|…|", .sentenceAt: "s^i", .prefixBefore: "s^{<i}", .probOf: "P(s)",
      .probGiven: "P(s | s0)", .conditional: "P(·|s0)", .kl: "KL", .behavior: "B(s)",
      .behaviorMean: "B[P]", .behaviorAfter: "B[P](s0)", .emptyText: "⟨⟩",
    ]
    return symbols[op] ?? op.rawValue
  }

  private mutating func call(_ head: Expr, _ args: [Expr], _ given: Expr?, _ whole: Expr)
    throws(Failure) -> (Term, Sort)
  {
    switch head.kind {
    case .name(let name):
      if let op = Self.functions[name], scope[name] == nil {
        if let given {
          throw Failure(.unsupported("'|' in the arguments of '\(name)'"), given.span)
        }
        return try apply(op, args, whole)
      }
      return try applied(head, args, given, whole, name: name)
    case .index(let behavior, let laws):
      if let given { throw Failure(.unsupported("'|' after B[P]"), given.span) }
      guard laws.count == 1 else { throw Failure(.behaviorLaws(found: laws.count), head.span) }
      guard args.count == 1 else {
        throw Failure(.arity("B[P](s0)", expected: 1, found: args.count), whole.span)
      }
      return try apply(.behaviorAfter, [behavior, laws[0], args[0]], whole)
    case .call:
      // A law that is itself an application (`mix(α, P₀, P₁)(s)`), as the checker prints it.
      return try applied(head, args, given, whole, name: Printer.print(head))
    default:
      let (_, sort) = try term(head)
      throw Failure(.notAFunction(Printer.print(head), sort), head.span)
    }
  }

  /// `head(args)` or `head(args | given)` for a head that is a law (its probabilities, or with
  /// `·` its conditional model) or a behavior (a sentence's score).
  private mutating func applied(
    _ head: Expr, _ args: [Expr], _ given: Expr?, _ whole: Expr, name: String
  ) throws(Failure) -> (Term, Sort) {
    let (function, sort) = try term(head)
    switch sort {
    case .dist:
      if args.count == 1, args[0].kind == .placeholder, let given {
        return try apply(.conditional, [function], [(head.span, sort)], [given], whole)
      }
      if let given {
        return try apply(.probGiven, [function], [(head.span, sort)], args + [given], whole)
      }
      return try apply(.probOf, [function], [(head.span, sort)], args, whole)
    case .behavior:
      if let given { throw Failure(.unsupported("'|' in a behavior's argument"), given.span) }
      return try apply(.behavior, [function], [(head.span, sort)], args, whole)
    default:
      throw Failure(.notAFunction(name, sort), head.span)
    }
  }

  private mutating func big(_ op: BigOperator, _ range: BigRange, _ body: Expr, _ whole: Expr)
    throws(Failure) -> (Term, Sort)
  {
    switch range {
    case .interval(let index, let from, let to):
      // Bounds may be any numbers (`k - 1` is Real): the index runs over the naturals between.
      let low = try numeric(from, "a range bound")
      let high = try numeric(to, "a range bound")
      let variable = Variable(index.text, .nat)
      let (inner, sort) = try with(variable, at: index.span) {
        (e: inout Elaborator) throws(Failure) in
        try e.term(body)
      }
      guard sort.isNumeric else {
        throw Failure(
          .sortMismatch(expected: "a number", found: sort, context: "the body of '\(op.rawValue)'"),
          body.span)
      }
      let binder: Binder = op == .sum ? .sum : .product
      return (
        .bind(binder, variable, range: [low, high], body: inner),
        Signature.sort(of: binder, body: sort)
      )
    case .sort(let name, let sortName):
      let sort = try sortNamed(sortName)
      guard sort == .sentence, op == .sum else {
        throw Failure(
          .unsupported("'\(op.rawValue)' over '\(sortName.text)': only Σ over Sentence"),
          sortName.span)
      }
      let variable = Variable(name.text, .sentence)
      let inner = try with(variable, at: name.span) { (e: inout Elaborator) throws(Failure) in
        try e.numeric(body, "the body of 'Σ'")
      }
      return (.bind(.sumOverSentences, variable, range: [], body: inner), .real)
    }
  }

  private mutating func natural(_ expr: Expr) throws(Failure) -> Term {
    let (t, s) = try term(expr)
    guard s.isSubsort(of: .nat) else {
      throw Failure(.sortMismatch(expected: "Nat", found: s, context: "a range bound"), expr.span)
    }
    return t
  }

  private mutating func sampling(
    _ op: SamplingOperator, _ name: Name, _ law: Expr, _ length: Expr?, _ body: Expr
  ) throws(Failure) -> (Term, Sort) {
    let (lawTerm, lawSort) = try term(law)
    guard lawSort == .dist else {
      throw Failure(
        .sortMismatch(expected: "Dist", found: lawSort, context: "the law of '\(op.rawValue)'"),
        law.span)
    }
    let lengthTerm = try length.map { (e: Expr) throws(Failure) in try natural(e) }
    let variable = Variable(name.text, length == nil ? .sentence : .text)
    switch op {
    case .probability:
      let event = try with(variable, at: name.span) { (e: inout Elaborator) throws(Failure) in
        try e.formula(body)
      }
      return (.probability(variable, law: lawTerm, length: lengthTerm, event: event), .prob)
    case .expectation, .variance:
      guard op == .expectation || lengthTerm != nil else {
        throw Failure(.unsupported("'Var' over one sentence: write Var[x ~ D, |x| = 1]"), name.span)
      }
      let inner = try with(variable, at: name.span) { (e: inout Elaborator) throws(Failure) in
        try e.numeric(body, "the body of '\(op.rawValue)'")
      }
      let range = [lawTerm] + (lengthTerm.map { [$0] } ?? [])
      return (
        .bind(op == .expectation ? .expectation : .variance, variable, range: range, body: inner),
        .real
      )
    }
  }
}

extension Relation {
  init(_ op: RelationOperator) {
    switch op {
    case .eq: self = .eq
    case .ne: self = .ne
    case .lt: self = .lt
    case .le: self = .le
    case .gt: self = .gt
    case .ge: self = .ge
    }
  }
}

extension Sort {
  /// The sort named `name` in source text (`Real`, `ℝ`, `Nat`, `ℕ`, ...), if any.
  public init?(named name: String) {
    switch name {
    case "Real", "ℝ": self = .real
    case "Nat", "ℕ": self = .nat
    case "Int", "ℤ": self = .int
    case "Prob": self = .prob
    case "Text": self = .text
    case "Sentence": self = .sentence
    case "Dist": self = .dist
    case "Behavior": self = .behavior
    case "Bool", "Prop": self = .bool
    default: return nil
    }
  }
}
