import BEBKernel

/// A text of kernel data that tells any two different values apart, for the keys of the
/// numeric cache (a kept verdict is used only for exactly the data it was computed from).
///
/// Prefix notation: every node is written as a tag, then its fixed parts, then its children,
/// with every list preceded by its length and every name by its length in bytes, so no text
/// is the text of two different values (printed forms are not: `x : Nat` and `x : Real` both
/// print as `x`, and a name may contain any character).
public enum CanonicalText {
  public static func variable(_ v: Variable, into out: inout String) {
    name(v.name, into: &out)
    out += v.sort.rawValue + ";"
  }

  public static func name(_ text: String, into out: inout String) {
    out += "\(text.utf8.count)'" + text
  }

  public static func term(_ t: Term, into out: inout String) {
    switch t {
    case .number(let q): out += "#\(q);"
    case .variable(let v):
      out += "V"
      variable(v, into: &out)
    case .apply(let op, let args):
      out += "A\(op.rawValue),\(args.count):"
      for a in args { term(a, into: &out) }
    case .bind(let binder, let x, let range, let body):
      out += "B\(binder.rawValue),"
      variable(x, into: &out)
      out += "\(range.count):"
      for r in range { term(r, into: &out) }
      term(body, into: &out)
    case .probability(let x, let law, let length, let event):
      out += "P"
      variable(x, into: &out)
      term(law, into: &out)
      if let length {
        out += "L"
        term(length, into: &out)
      } else {
        out += "N"
      }
      formula(event, into: &out)
    }
  }

  public static func formula(_ f: Formula, into out: inout String) {
    switch f {
    case .truth(let b): out += b ? "T" : "F"
    case .relation(let r, let a, let b):
      out += "R\(r.rawValue);"
      term(a, into: &out)
      term(b, into: &out)
    case .not(let g):
      out += "!"
      formula(g, into: &out)
    case .and(let gs), .or(let gs):
      if case .and = f { out += "&\(gs.count):" } else { out += "|\(gs.count):" }
      for g in gs { formula(g, into: &out) }
    case .implies(let a, let b), .iff(let a, let b):
      if case .implies = f { out += ">" } else { out += "=" }
      formula(a, into: &out)
      formula(b, into: &out)
    case .forall(let v, let g), .exists(let v, let g):
      if case .forall = f { out += "∀" } else { out += "∃" }
      variable(v, into: &out)
      formula(g, into: &out)
    case .predicate(let id, let args):
      out += "D"
      name(id, into: &out)
      out += "\(args.count):"
      for a in args { term(a, into: &out) }
    }
  }

  public static func event(_ e: TraceEvent, into out: inout String) {
    switch e {
    case .step(let index, let claim, let assumptions):
      out += "s\(index);"
      formula(claim, into: &out)
      out += "\(assumptions.count):"
      for a in assumptions { name(a, into: &out) }
    case .obtain(let variables, let property):
      out += "o\(variables.count):"
      for v in variables { variable(v, into: &out) }
      formula(property, into: &out)
    case .fix(let v):
      out += "f"
      variable(v, into: &out)
    case .suppose(let label, let assumption):
      out += "u"
      name(label, into: &out)
      formula(assumption, into: &out)
    case .discharge(let label):
      out += "d"
      name(label, into: &out)
    }
  }

  /// The key text of a numeric check: everything `StatementCheck.check` reads (the statement,
  /// the definitions, the budget, the seed, the salt and the proof's trace).
  public static func check(
    parameters: [Variable], hypotheses: [(name: String, formula: Formula)], conclusion: Formula,
    definitions: [DefinitionStatement], count: Int, seed: UInt64, salt: UInt64,
    trace: [TraceEvent], waitForSteps: Bool = true, assumptions: Assumptions = .paper
  ) -> String {
    // A check that does not wait for its steps gives other step counts: its own key (the
    // default's text is unchanged, so verdicts kept before stay valid).
    var out = "count \(count); seed \(seed); salt \(salt)"
    out += waitForSteps ? "" : "; steps not waited for"
    // An edited assumption, likewise (the paper's leaves the text as it was).
    out += assumptions.edits
    out += "\nparameters \(parameters.count):"
    for p in parameters { variable(p, into: &out) }
    out += "\nhypotheses \(hypotheses.count):"
    for h in hypotheses {
      name(h.name, into: &out)
      formula(h.formula, into: &out)
    }
    out += "\nconclusion "
    formula(conclusion, into: &out)
    out += "\ndefinitions \(definitions.count):"
    for d in definitions {
      name(d.id, into: &out)
      out += "\(d.parameters.count):"
      for p in d.parameters { variable(p, into: &out) }
      formula(d.body, into: &out)
    }
    out += "\ntrace \(trace.count):"
    for e in trace { event(e, into: &out) }
    return out
  }
}
