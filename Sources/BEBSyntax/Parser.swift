/// A recursive-descent parser with precedence climbing for expressions.
///
/// Precedence, loosest first: `∀ ∃` (bodies extend right) · `⇔` · `⇒` (right) · `∨` · `∧` ·
/// `¬` · relations `= ≠ < ≤ > ≥ ∈` (chains allowed) · `⊕` · `+ -` · `· /` and the bodies of
/// `Σ Π E Var` · unary `-` · `^` (right) · application `f(..)`, `B[..]`.
///
/// Nesting is bounded (`SyntaxError.maxNesting`), so no input can exhaust the stack.
public struct Parser {
  private var tokens: [Token]
  private var index = 0
  private var depth = 0
  /// The paper marks of the proof being parsed, and the number of its steps parsed so far.
  private var marks: [PaperMark] = []
  private var stepIndex = 0

  private init(tokens: [Token]) {
    self.tokens = tokens
  }

  /// Parses a whole file.
  public static func parse(_ file: SourceFile) throws(LocatedSyntaxError) -> SourceTree {
    var parser = Parser(tokens: try Lexer.tokenize(file))
    return try parser.parseFile()
  }

  /// Parses a single expression that must fill the whole file (used for formulas given on
  /// the command line).
  public static func parseExpression(_ file: SourceFile) throws(LocatedSyntaxError) -> Expr {
    var parser = Parser(tokens: try Lexer.tokenize(file))
    let expr = try parser.expression()
    guard parser.current.kind == .endOfFile else { throw parser.unexpected("end of formula") }
    return expr
  }

  // MARK: Tokens

  private var current: Token { tokens[index] }

  /// The kind of the token `ahead` places after the current one (end of file past the end).
  private func peekKind(_ ahead: Int) -> Token.Kind {
    tokens[min(index + ahead, tokens.count - 1)].kind
  }

  private mutating func advance() -> Token {
    let token = tokens[index]
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  private func isSymbol(_ symbol: Symbol) -> Bool { current.kind == .symbol(symbol) }
  private func isKeyword(_ keyword: Keyword) -> Bool { current.kind == .keyword(keyword) }

  private mutating func accept(_ symbol: Symbol) -> Bool {
    guard isSymbol(symbol) else { return false }
    _ = advance()
    return true
  }

  private mutating func accept(_ keyword: Keyword) -> Bool {
    guard isKeyword(keyword) else { return false }
    _ = advance()
    return true
  }

  private func unexpected(_ what: String) -> LocatedSyntaxError {
    LocatedSyntaxError(.expected(what, found: current.described), current.span)
  }

  @discardableResult
  private mutating func expect(_ symbol: Symbol) throws(LocatedSyntaxError) -> Token {
    guard isSymbol(symbol) else { throw unexpected("'\(symbol.rawValue)'") }
    return advance()
  }

  private mutating func expect(_ keyword: Keyword) throws(LocatedSyntaxError) {
    guard accept(keyword) else { throw unexpected("'\(keyword.rawValue)'") }
  }

  /// A closing `|`. A `∥` (or `||`) counts as two bars: `||a| - |b||` closes twice.
  private mutating func expectBar() throws(LocatedSyntaxError) -> Span {
    if isSymbol(.parallel) {
      // ASCII `||` splits into its two bytes; `∥` is one character, so both bars keep its span.
      let span = current.span
      let ascii = span.end - span.start == 2
      tokens[index] = Token(.symbol(.bar), ascii ? Span(span.start + 1, span.end) : span)
      return ascii ? Span(span.start, span.start + 1) : span
    }
    return try expect(.bar).span
  }

  private mutating func identifier(_ what: String = "a name") throws(LocatedSyntaxError) -> Name {
    guard case .identifier(let text) = current.kind else { throw unexpected(what) }
    return Name(text, advance().span)
  }

  private mutating func resultID() throws(LocatedSyntaxError) -> Name {
    guard case .resultID(let text) = current.kind else {
      throw unexpected("a result id such as 'thm-3.1' or 'def-2.2'")
    }
    return Name(text, advance().span)
  }

  private mutating func optionalString() -> String? {
    guard case .string(let text) = current.kind else { return nil }
    _ = advance()
    return text
  }

  private mutating func nested<T>(_ body: (inout Parser) throws(LocatedSyntaxError) -> T)
    throws(LocatedSyntaxError) -> T
  {
    depth += 1
    defer { depth -= 1 }
    if depth > SyntaxError.maxNesting {
      throw LocatedSyntaxError(.nestingTooDeep(limit: SyntaxError.maxNesting), current.span)
    }
    return try body(&self)
  }

  private func node(_ kind: Expr.Kind, _ span: Span) throws(LocatedSyntaxError) -> Expr {
    let expr = Expr(kind, span)
    if expr.height > SyntaxError.maxNesting {
      throw LocatedSyntaxError(.nestingTooDeep(limit: SyntaxError.maxNesting), span)
    }
    return expr
  }

  // MARK: Items

  private mutating func parseFile() throws(LocatedSyntaxError) -> SourceTree {
    var imports: [Name] = []
    while case .keyword(.import) = current.kind {
      _ = advance()
      guard case .string(let library) = current.kind else {
        throw unexpected("a library name in quotes, such as \"beb/axioms\"")
      }
      imports.append(Name(library, advance().span))
    }
    var items: [Item] = []
    while current.kind != .endOfFile {
      items.append(try item())
      guard current.kind == .endOfFile || startsItem else {
        throw unexpected("the end of the item or the start of the next one")
      }
    }
    return SourceTree(imports: imports, items: items)
  }

  /// Whether the current token begins a new top-level item.
  private var startsItem: Bool {
    guard case .keyword(let keyword) = current.kind else { return false }
    return [.definition, .proof, .finding, .import].contains(keyword)
      || ResultKind(rawValue: keyword.rawValue) != nil
  }

  private mutating func item() throws(LocatedSyntaxError) -> Item {
    let start = current.span
    guard case .keyword(let keyword) = current.kind else {
      throw unexpected("'definition', 'lemma', 'theorem', 'proof' or 'finding'")
    }
    switch keyword {
    case .import:
      throw LocatedSyntaxError(
        .expected(
          "an item ('definition', 'lemma', 'theorem', 'proof' or 'finding'): imports come first "
            + "in a file", found: current.described), start)
    case .definition: return .definition(try definition())
    case .proof: return .proof(try proof())
    case .finding: return .finding(try finding())
    default:
      guard let kind = ResultKind(rawValue: keyword.rawValue) else {
        throw LocatedSyntaxError(
          .expected(
            "'definition', 'lemma', 'theorem', 'proof' or 'finding'", found: current.described),
          start)
      }
      return .result(try result(kind))
    }
  }

  private mutating func definition() throws(LocatedSyntaxError) -> Definition {
    let start = advance().span
    let id = try resultID()
    let title = optionalString()
    var parameters: [Parameter] = []
    if accept(.lparen) {
      if !isSymbol(.rparen) { parameters = try parameterList() }
      try expect(.rparen)
    }
    try expect(.define)
    let body = try expression()
    return Definition(
      id: id, title: title, parameters: parameters, body: body, span: start.to(body.span))
  }

  /// `x y : Sort, z : Sort`.
  private mutating func parameterList() throws(LocatedSyntaxError) -> [Parameter] {
    var parameters: [Parameter] = []
    repeat {
      var names = [try identifier("a parameter name")]
      while case .identifier = current.kind { names.append(try identifier()) }
      try expect(.colon)
      parameters.append(Parameter(names: names, sort: try identifier("a sort such as 'Real'")))
    } while accept(.comma)
    return parameters
  }

  private mutating func result(_ kind: ResultKind) throws(LocatedSyntaxError) -> ResultDecl {
    let start = advance().span
    let id = try resultID()
    let title = optionalString()
    var variantOf: Name?
    if accept(.variant) {
      try expect(.of)
      variantOf = try resultID()
    }
    var clauses: [Clause] = []
    var end = id.span
    var shown = false
    loop: while case .keyword(let keyword) = current.kind {
      let clauseStart = current.span
      switch keyword {
      case .given:
        _ = advance()
        clauses.append(.given(try parameterList()))
      case .let:
        _ = advance()
        let name = try identifier()
        try expect(.define)
        clauses.append(.let(name, try expression()))
      case .assume:
        _ = advance()
        let name = try identifier("a hypothesis name")
        try expect(.colon)
        clauses.append(.assume(name, try expression()))
      case .show:
        if shown { throw LocatedSyntaxError(.duplicateClause("show"), current.span) }
        shown = true
        _ = advance()
        var name: Name?
        if case .identifier = current.kind, peekKind(1) == .symbol(.colon) {
          name = try identifier()
          _ = advance()
        }
        clauses.append(.show(name, try expression()))
      default:
        break loop
      }
      end = clauseStart.to(tokens[max(0, index - 1)].span)
    }
    guard shown else {
      if current.kind == .endOfFile || startsItem {
        throw LocatedSyntaxError(.missingClause("show", in: "\(kind.rawValue) \(id)"), id.span)
      }
      throw unexpected("'given', 'let', 'assume' or 'show'")
    }
    return ResultDecl(
      kind: kind, id: id, title: title, variantOf: variantOf, clauses: clauses,
      span: start.to(end))
  }

  private mutating func finding() throws(LocatedSyntaxError) -> FindingDecl {
    let start = advance().span
    let id = try resultID()
    try expect(.of)
    let result = try resultID()
    var step: Name?
    if accept(.step) {
      if case .number(let digits) = current.kind {
        step = Name(digits, advance().span)
      } else {
        // A step name, optionally with a calc link number: `low` or `low.2`.
        var name = try identifier("a step name or number")
        if isSymbol(.times), case .number(let digits) = peekKind(1) {
          _ = advance()
          let link = advance().span
          name = Name("\(name.text).\(digits)", name.span.to(link))
        }
        step = name
      }
    }
    try expect(.expect)
    let expectation: Expectation
    if accept(.refuted) {
      expectation = .refuted
    } else if accept(.unjustified) {
      expectation = .unjustified
    } else {
      throw unexpected("'refuted' or 'unjustified'")
    }
    guard let explanation = optionalString() else { throw unexpected("an explanation string") }
    return FindingDecl(
      id: id, result: result, step: step, expectation: expectation, explanation: explanation,
      span: start.to(tokens[index - 1].span))
  }

  // MARK: Proofs

  private mutating func proof() throws(LocatedSyntaxError) -> ProofDecl {
    let start = advance().span
    let id = try resultID()
    var steps: [Step] = []
    (marks, stepIndex) = ([], 0)
    while true {
      try paperMarks(link: nil)
      let stepStart = current.span
      let added = accept(.added)
      guard let kind = try stepKind() else {
        if added { throw unexpected("a proof step after 'added'") }
        break
      }
      steps.append(Step(added: added, kind: kind, span: stepStart.to(tokens[index - 1].span)))
      stepIndex = steps.count
    }
    guard !steps.isEmpty else { throw unexpected("a proof step ('have', 'calc', 'show', ...)") }
    if let last = marks.last, last.omitted == nil, last.before == steps.count {
      throw LocatedSyntaxError(
        .expected("a proof step after the mark", found: current.described), last.span)
    }
    var proof = ProofDecl(id: id, steps: steps, span: start.to(tokens[index - 1].span))
    proof.marks = marks
    return proof
  }

  /// `step 1, 2 [of ID]:` or `step 6 [of ID] omitted "why"`, as many as are written here
  /// (before a step, or before link `link` of a calc chain).
  private mutating func paperMarks(link: Int?) throws(LocatedSyntaxError) {
    while isKeyword(.step) {
      let start = advance().span
      var numbers: [Int] = []
      repeat {
        guard case .number(let digits) = current.kind, let first = Int(digits), first > 0,
          first < 1000
        else { throw unexpected("the number of a step of the paper's proof, such as 2") }
        _ = advance()
        var last = first
        if accept(.minus) {
          guard case .number(let digits) = current.kind, let end = Int(digits), end > first,
            end < 1000
          else { throw unexpected("the number of the range's last step, above \(first)") }
          _ = advance()
          last = end
        }
        numbers += (first...last).filter { !numbers.contains($0) }
      } while accept(.comma)
      let result = accept(.of) ? try resultID() : nil
      var omitted: String?
      if case .identifier("omitted") = current.kind {
        _ = advance()
        guard let why = optionalString(), why.contains(where: { !$0.isWhitespace }) else {
          throw unexpected("a string saying why the step is not encoded")
        }
        omitted = why
      } else {
        try expect(.colon)
      }
      marks.append(
        PaperMark(
          numbers: numbers, result: result, omitted: omitted, before: stepIndex, link: link,
          span: start.to(tokens[index - 1].span)))
    }
  }

  private mutating func stepKind() throws(LocatedSyntaxError) -> Step.Kind? {
    guard case .keyword(let keyword) = current.kind else { return nil }
    switch keyword {
    case .let:
      _ = advance()
      let name = try identifier()
      try expect(.define)
      return .let(name, try expression())
    case .have:
      _ = advance()
      let name = try identifier("a fact name")
      try expect(.colon)
      if accept(.calc) { return try calc(name) }
      let claim = try expression()
      return .have(name, claim, try justification())
    case .calc:
      _ = advance()
      return try calc(nil)
    case .obtain:
      _ = advance()
      var names = [try identifier("a variable name")]
      while case .identifier = current.kind { names.append(try identifier()) }
      try expect(.such)
      try expect(.that)
      var facts: [(Name, Expr)] = []
      repeat {
        let name = try identifier("a fact name")
        try expect(.colon)
        facts.append((name, try expression()))
      } while accept(.comma)
      return .obtain(names, facts, try justification())
    case .show:
      _ = advance()
      let claim = try expression()
      return .show(claim, try justification())
    case .fix:
      _ = advance()
      var names = [try identifier("a variable name")]
      while case .identifier = current.kind { names.append(try identifier()) }
      try expect(.colon)
      return .fix(names, try identifier("a sort"))
    case .suppose:
      _ = advance()
      let name = try identifier("an assumption name")
      try expect(.colon)
      return .suppose(name, try expression())
    case .conclude:
      _ = advance()
      try expect(.with)
      var witnesses = [try expression()]
      while accept(.comma) { witnesses.append(try expression()) }
      return .conclude(witnesses)
    default:
      return nil
    }
  }

  /// `e0 rel e1 by j` then lines `_ rel e by j`; or `e0` then lines.
  private mutating func calc(_ name: Name?) throws(LocatedSyntaxError) -> Step.Kind {
    let first = try expression()
    var start = first
    var links: [CalcLink] = []
    if case .chain(let operands, let operators) = first.kind, operators.count == 1 {
      start = operands[0]
      links.append(
        CalcLink(relation: operators[0], rhs: operands[1], justification: try justification()))
    }
    while true {
      try paperMarks(link: links.count + 1)
      guard isSymbol(.underscore) else { break }
      _ = advance()
      guard let relation = relationOperator() else { throw unexpected("a relation after '_'") }
      let rhs = try concatenation()
      links.append(CalcLink(relation: relation, rhs: rhs, justification: try justification()))
    }
    guard !links.isEmpty else { throw unexpected("a calc step such as '_ ≤ e by rule'") }
    // Marks after the last link stand before the next step.
    marks = marks.map { mark in
      guard mark.before == stepIndex, mark.link == links.count + 1 else { return mark }
      return PaperMark(
        numbers: mark.numbers, result: mark.result, omitted: mark.omitted, before: stepIndex + 1,
        link: nil, span: mark.span)
    }
    return .calc(name, start, links)
  }

  private mutating func justification() throws(LocatedSyntaxError) -> Justification {
    let start = current.span
    try expect(.by)
    let rule: Name
    switch current.kind {
    case .identifier(let text), .resultID(let text):
      rule = Name(text, advance().span)
    default:
      throw unexpected("a rule, hypothesis or result name after 'by'")
    }
    var facts: [Expr] = []
    if accept(.lbracket) {
      if !isSymbol(.rbracket) {
        repeat { facts.append(try expression()) } while accept(.comma)
      }
      try expect(.rbracket)
    }
    var bindings: [(Name, Expr)] = []
    if accept(.with) {
      repeat {
        let name = try identifier("a parameter name")
        try expect(.define)
        bindings.append((name, try relationLevel()))
      } while accept(.comma)
    }
    return Justification(
      rule: rule, facts: facts, bindings: bindings, span: start.to(tokens[index - 1].span))
  }

  // MARK: Expressions

  /// A full expression (formula or term).
  public mutating func expression() throws(LocatedSyntaxError) -> Expr {
    try nested { (p: inout Parser) throws(LocatedSyntaxError) -> Expr in try p.iff() }
  }

  private mutating func iff() throws(LocatedSyntaxError) -> Expr {
    let lhs = try implication()
    guard accept(.iff) else { return lhs }
    let rhs = try iff()
    return try node(.binary(.iff, lhs, rhs), lhs.span.to(rhs.span))
  }

  private mutating func implication() throws(LocatedSyntaxError) -> Expr {
    let lhs = try disjunction()
    guard accept(.implies) else { return lhs }
    let rhs = try nested { (p: inout Parser) throws(LocatedSyntaxError) -> Expr in
      try p.implication()
    }
    return try node(.binary(.implies, lhs, rhs), lhs.span.to(rhs.span))
  }

  private mutating func disjunction() throws(LocatedSyntaxError) -> Expr {
    var lhs = try conjunction()
    while accept(.or) {
      let rhs = try conjunction()
      lhs = try node(.binary(.or, lhs, rhs), lhs.span.to(rhs.span))
    }
    return lhs
  }

  private mutating func conjunction() throws(LocatedSyntaxError) -> Expr {
    var lhs = try negation()
    while accept(.and) {
      let rhs = try negation()
      lhs = try node(.binary(.and, lhs, rhs), lhs.span.to(rhs.span))
    }
    return lhs
  }

  private mutating func negation() throws(LocatedSyntaxError) -> Expr {
    if isSymbol(.forall) || isSymbol(.exists) { return try quantified() }
    guard isSymbol(.not) else { return try relationLevel() }
    let start = advance().span
    let operand = try nested { (p: inout Parser) throws(LocatedSyntaxError) -> Expr in
      try p.negation()
    }
    return try node(.unary(.not, operand), start.to(operand.span))
  }

  private mutating func quantified() throws(LocatedSyntaxError) -> Expr {
    let start = current.span
    let quantifier: Quantifier = advance().kind == .symbol(.forall) ? .forall : .exists
    var names = [try identifier("a variable name")]
    while case .identifier = current.kind { names.append(try identifier()) }
    let group: BinderGroup
    if accept(.colon) {
      group = BinderGroup(names: names, domain: .sort(try identifier("a sort")))
    } else if let relation = relationOperator() {
      group = BinderGroup(names: names, domain: .bound(relation, try additive()))
    } else {
      throw unexpected("':' and a sort, or a bound such as '> 0'")
    }
    try expect(.comma)
    let body = try expression()
    return try node(.quantified(quantifier, [group], body), start.to(body.span))
  }

  private mutating func relationOperator() -> RelationOperator? {
    guard case .symbol(let symbol) = current.kind,
      let relation = RelationOperator(rawValue: symbol.rawValue)
    else { return nil }
    _ = advance()
    return relation
  }

  /// Relations, chains of them, and membership.
  private mutating func relationLevel() throws(LocatedSyntaxError) -> Expr {
    let first = try concatenation()
    if accept(.member) { return try membership(first) }
    var operands = [first]
    var operators: [RelationOperator] = []
    while let relation = relationOperator() {
      operators.append(relation)
      operands.append(try concatenation())
    }
    guard !operators.isEmpty else { return first }
    return try node(.chain(operands, operators), first.span.to(operands.last!.span))
  }

  private mutating func membership(_ element: Expr) throws(LocatedSyntaxError) -> Expr {
    if accept(.lbrace) {
      var members: [Expr] = []
      repeat { members.append(try additive()) } while accept(.comma)
      let end = try expect(.rbrace).span
      return try node(.memberSet(element, members), element.span.to(end))
    }
    let lowerClosed: Bool
    if accept(.lbracket) {
      lowerClosed = true
    } else if accept(.lparen) {
      lowerClosed = false
    } else {
      throw unexpected("an interval such as '(0, 1]' or a set such as '{0, 1}' after '∈'")
    }
    let lower = try additive()
    try expect(.comma)
    let upper = try additive()
    let upperClosed: Bool
    if isSymbol(.rbracket) {
      upperClosed = true
    } else if isSymbol(.rparen) {
      upperClosed = false
    } else {
      throw unexpected("']' or ')' closing the interval")
    }
    let end = advance().span
    let interval = Interval(
      lower: lower, lowerClosed: lowerClosed, upper: upper, upperClosed: upperClosed)
    return try node(.memberInterval(element, interval), element.span.to(end))
  }

  private mutating func concatenation() throws(LocatedSyntaxError) -> Expr {
    var lhs = try additive()
    while accept(.concat) {
      let rhs = try additive()
      lhs = try node(.binary(.concat, lhs, rhs), lhs.span.to(rhs.span))
    }
    return lhs
  }

  private mutating func additive() throws(LocatedSyntaxError) -> Expr {
    var lhs = try multiplicative()
    while isSymbol(.plus) || isSymbol(.minus) {
      let op: BinaryOperator = advance().kind == .symbol(.plus) ? .add : .subtract
      let rhs = try multiplicative()
      lhs = try node(.binary(op, lhs, rhs), lhs.span.to(rhs.span))
    }
    return lhs
  }

  private mutating func multiplicative() throws(LocatedSyntaxError) -> Expr {
    var lhs = try unary()
    while isSymbol(.times) || isSymbol(.slash) {
      let op: BinaryOperator = advance().kind == .symbol(.times) ? .multiply : .divide
      let rhs = try unary()
      lhs = try node(.binary(op, lhs, rhs), lhs.span.to(rhs.span))
    }
    return lhs
  }

  private mutating func unary() throws(LocatedSyntaxError) -> Expr {
    guard isSymbol(.minus) else { return try power() }
    let start = advance().span
    let operand = try nested { (p: inout Parser) throws(LocatedSyntaxError) -> Expr in
      try p.unary()
    }
    return try node(.unary(.negate, operand), start.to(operand.span))
  }

  private mutating func power() throws(LocatedSyntaxError) -> Expr {
    let base = try postfix()
    guard accept(.caret) else { return base }
    if accept(.lbrace) {
      if accept(.lt) {
        let bound = try expression()
        let end = try expect(.rbrace).span
        return try node(.prefix(base, bound), base.span.to(end))
      }
      let exponent = try expression()
      let end = try expect(.rbrace).span
      return try node(.binary(.power, base, exponent), base.span.to(end))
    }
    let exponent = try nested { (p: inout Parser) throws(LocatedSyntaxError) -> Expr in
      try p.unary()
    }
    return try node(.binary(.power, base, exponent), base.span.to(exponent.span))
  }

  /// Application `f(args)`, `P(s | s0)`, and indexing `B[P]`, on names; an application may be
  /// applied again when it is a law (`mix(α, P₀, P₁)(s)`, `P(·|s0)(y | v)`), as the checker
  /// prints such terms.
  private mutating func postfix() throws(LocatedSyntaxError) -> Expr {
    var expr = try primary()
    while true {
      switch expr.kind {
      case .name, .resultID, .index:
        break
      case .call where isSymbol(.lparen):
        break
      default:
        return expr
      }
      if isSymbol(.lparen) {
        expr = try callArguments(expr)
      } else if isSymbol(.lbracket), case .name = expr.kind {
        _ = advance()
        var args: [Expr] = []
        repeat { args.append(try expression()) } while accept(.comma)
        let end = try expect(.rbracket).span
        expr = try node(.index(expr, args), expr.span.to(end))
      } else {
        return expr
      }
    }
  }

  private mutating func callArguments(_ head: Expr) throws(LocatedSyntaxError) -> Expr {
    try expect(.lparen)
    var args: [Expr] = []
    var given: Expr?
    if !isSymbol(.rparen) {
      repeat { args.append(try callArgument()) } while accept(.comma)
      if accept(.bar) { given = try expression() }
    }
    let end = try expect(.rparen).span
    return try node(.call(head, args, given: given), head.span.to(end))
  }

  /// An argument, where `·` alone is the placeholder of `P(·|s0)`.
  private mutating func callArgument() throws(LocatedSyntaxError) -> Expr {
    if isSymbol(.times) {
      let next = peekKind(1)
      if next == .symbol(.bar) || next == .symbol(.comma) || next == .symbol(.rparen) {
        return try node(.placeholder, advance().span)
      }
    }
    return try expression()
  }

  private mutating func primary() throws(LocatedSyntaxError) -> Expr {
    let token = current
    switch token.kind {
    case .number(let digits):
      _ = advance()
      return try node(.number(digits), token.span)
    case .identifier(let name):
      if ["E", "Var", "Pr"].contains(name), peekKind(1) == .symbol(.lbracket) {
        return try sampling()
      }
      if name == "KL" || name == "D_KL", peekKind(1) == .symbol(.lparen) {
        return try kl()
      }
      _ = advance()
      return try node(.name(name), token.span)
    case .resultID(let id):
      _ = advance()
      return try node(.resultID(id), token.span)
    case .symbol(.empty):
      _ = advance()
      return try node(.emptyText, token.span)
    case .symbol(.underscore):
      _ = advance()
      return try node(.previous, token.span)
    case .symbol(.lparen):
      _ = advance()
      let inner = try expression()
      let end = try expect(.rparen).span
      return try node(.paren(inner), token.span.to(end))
    case .symbol(.bar), .symbol(.parallel):
      let start = try expectBar()
      let inner = try nested { (p: inout Parser) throws(LocatedSyntaxError) -> Expr in
        try p.concatenation()
      }
      let end = try expectBar()
      return try node(.bars(inner), start.to(end))
    case .symbol(.lceil), .symbol(.lfloor):
      _ = advance()
      let inner = try expression()
      let isCeiling = token.kind == .symbol(.lceil)
      let end = try expect(isCeiling ? .rceil : .rfloor).span
      return try node(isCeiling ? .ceiling(inner) : .floor(inner), token.span.to(end))
    case .symbol(.sum), .symbol(.product):
      return try bigOperator()
    default:
      throw unexpected("an expression")
    }
  }

  /// `Σ_{i=a..b} body` or `Σ_{s : Sentence} body`; the body is a product-level expression.
  private mutating func bigOperator() throws(LocatedSyntaxError) -> Expr {
    let start = current.span
    let op: BigOperator = advance().kind == .symbol(.sum) ? .sum : .product
    try expect(.underscore)
    try expect(.lbrace)
    let variable = try identifier("an index variable")
    let range: BigRange
    if accept(.colon) {
      range = .sort(variable, try identifier("a sort"))
    } else {
      try expect(.eq)
      let from = try additive()
      try expect(.range)
      let to = try additive()
      range = .interval(variable, from: from, to: to)
    }
    try expect(.rbrace)
    let body = try nested { (p: inout Parser) throws(LocatedSyntaxError) -> Expr in
      try p.multiplicative()
    }
    return try node(.big(op, range, body), start.to(body.span))
  }

  /// `E[x ~ D] body`, `E[x ~ D, |x| = n] body`, likewise `Var` and `Pr`.
  private mutating func sampling() throws(LocatedSyntaxError) -> Expr {
    let start = current.span
    guard case .identifier(let word) = advance().kind,
      let op = SamplingOperator(rawValue: word)
    else { throw unexpected("'E', 'Var' or 'Pr'") }
    try expect(.lbracket)
    let variable = try identifier("the sampled variable")
    try expect(.tilde)
    let law = try concatenation()
    var length: Expr?
    if accept(.comma) {
      let barStart = try expectBar()
      let sampled = try identifier("the sampled variable")
      guard sampled == variable else {
        throw LocatedSyntaxError(
          .expected("'|\(variable.text)|'", found: "'|\(sampled.text)|'"),
          barStart.to(sampled.span))
      }
      _ = try expectBar()
      try expect(.eq)
      length = try additive()
    }
    try expect(.rbracket)
    let body = try nested { (p: inout Parser) throws(LocatedSyntaxError) -> Expr in
      try p.multiplicative()
    }
    return try node(
      .sampling(op, variable, law: law, length: length, body: body), start.to(body.span))
  }

  private mutating func kl() throws(LocatedSyntaxError) -> Expr {
    let start = advance().span
    try expect(.lparen)
    let lhs = try concatenation()
    if !accept(.parallel) {
      guard isSymbol(.bar) else { throw unexpected("'∥' (or '||') between the two laws") }
      _ = advance()
      try expect(.bar)
    }
    let rhs = try concatenation()
    let end = try expect(.rparen).span
    return try node(.kl(lhs, rhs), start.to(end))
  }
}
