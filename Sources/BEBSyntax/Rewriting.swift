/// Edits of syntax trees, for assumption edits (`beb whatif`): a result's clauses replaced,
/// every expression of a declaration passed through a function. Spans are kept: an edited
/// node still points where its original was written, so a diagnostic about it points into
/// the user's file.

extension Expr {
  /// The tree with `transform` applied to every node, children first (the transform sees a
  /// node whose children are already transformed).
  public func rewritten(_ transform: (Expr) -> Expr) -> Expr {
    func r(_ e: Expr) -> Expr { e.rewritten(transform) }
    let kind: Kind
    switch self.kind {
    case .number, .name, .resultID, .placeholder, .previous, .emptyText: kind = self.kind
    case .paren(let e): kind = .paren(r(e))
    case .unary(let op, let e): kind = .unary(op, r(e))
    case .binary(let op, let a, let b): kind = .binary(op, r(a), r(b))
    case .chain(let operands, let relations): kind = .chain(operands.map(r), relations)
    case .memberInterval(let e, let i):
      kind = .memberInterval(
        r(e),
        Interval(
          lower: r(i.lower), lowerClosed: i.lowerClosed, upper: r(i.upper),
          upperClosed: i.upperClosed))
    case .memberSet(let e, let elements): kind = .memberSet(r(e), elements.map(r))
    case .bars(let e): kind = .bars(r(e))
    case .ceiling(let e): kind = .ceiling(r(e))
    case .floor(let e): kind = .floor(r(e))
    case .call(let head, let args, let given):
      kind = .call(r(head), args.map(r), given: given.map(r))
    case .index(let head, let args): kind = .index(r(head), args.map(r))
    case .prefix(let a, let b): kind = .prefix(r(a), r(b))
    case .kl(let a, let b): kind = .kl(r(a), r(b))
    case .quantified(let q, let groups, let body):
      let mapped = groups.map { group -> BinderGroup in
        guard case .bound(let relation, let e) = group.domain else { return group }
        return BinderGroup(names: group.names, domain: .bound(relation, r(e)))
      }
      kind = .quantified(q, mapped, r(body))
    case .big(let op, let range, let body):
      switch range {
      case .interval(let name, let from, let to):
        kind = .big(op, .interval(name, from: r(from), to: r(to)), r(body))
      case .sort: kind = .big(op, range, r(body))
      }
    case .sampling(let op, let name, let law, let length, let body):
      kind = .sampling(op, name, law: r(law), length: length.map(r), body: r(body))
    }
    return transform(Expr(kind, span))
  }

  /// Every node of the tree, this one first.
  public var nodes: [Expr] { [self] + kind.children.flatMap(\.nodes) }

  /// The ids this tree mentions: the heads `id` of applications `id(…)`, and ids written bare
  /// (a definition without parameters is applied so, and a fact may name a result).
  public var appliedIDs: Set<String> {
    Set(
      nodes.compactMap { node in
        if case .resultID(let id) = node.kind { return id }
        return nil
      })
  }

  /// The tree with the id `old` made `new` wherever it is written: every application
  /// `old(…)`, and `old` written bare (ids are unique, so each names the same declaration).
  public func renamingApplications(of old: String, to new: String) -> Expr {
    rewritten { node in
      guard case .resultID(old) = node.kind else { return node }
      return Expr(.resultID(new), node.span)
    }
  }
}

extension Justification {
  func mapped(_ f: (Expr) -> Expr) -> Justification {
    Justification(
      rule: rule, facts: facts.map(f), bindings: bindings.map { ($0.0, f($0.1)) }, span: span)
  }
}

extension Step.Kind {
  func mapped(_ f: (Expr) -> Expr) -> Step.Kind {
    switch self {
    case .let(let name, let e): return .let(name, f(e))
    case .have(let name, let e, let j): return .have(name, f(e), j.mapped(f))
    case .obtain(let names, let facts, let j):
      return .obtain(names, facts.map { ($0.0, f($0.1)) }, j.mapped(f))
    case .calc(let name, let first, let links):
      return .calc(
        name, f(first),
        links.map {
          CalcLink(relation: $0.relation, rhs: f($0.rhs), justification: $0.justification.mapped(f))
        })
    case .show(let e, let j): return .show(f(e), j.mapped(f))
    case .conclude(let witnesses): return .conclude(witnesses.map(f))
    case .fix: return self
    case .suppose(let name, let e): return .suppose(name, f(e))
    }
  }

}

extension Clause {
  func mapped(_ f: (Expr) -> Expr) -> Clause {
    switch self {
    case .given: return self
    case .let(let name, let e): return .let(name, f(e))
    case .assume(let name, let e): return .assume(name, f(e))
    case .show(let name, let e): return .show(name, f(e))
    }
  }
}

extension ResultDecl {
  /// The same declaration with other clauses (its span unchanged).
  public func replacingClauses(_ clauses: [Clause]) -> ResultDecl {
    ResultDecl(
      kind: kind, id: id, title: title, variantOf: variantOf, clauses: clauses, span: span)
  }
}

extension Item {
  /// The item with `f` applied to each expression written in it (each top expression once;
  /// `f` rewrites inside it as it likes).
  public func mappingExpressions(_ f: (Expr) -> Expr) -> Item {
    switch self {
    case .definition(let d):
      return .definition(
        Definition(
          id: d.id, title: d.title, parameters: d.parameters, body: f(d.body), span: d.span))
    case .result(let r): return .result(r.replacingClauses(r.clauses.map { $0.mapped(f) }))
    case .proof(let p):
      var proof = ProofDecl(
        id: p.id,
        steps: p.steps.map { Step(added: $0.added, kind: $0.kind.mapped(f), span: $0.span) },
        span: p.span)
      proof.marks = p.marks
      return .proof(proof)
    case .finding: return self
    }
  }

  /// The expressions written in the item (each top expression once).
  public var expressions: [Expr] {
    var found: [Expr] = []
    _ = mappingExpressions { e in
      found.append(e)
      return e
    }
    return found
  }
}
