import BEBKernel

extension Display {
  /// The formula with the kernel's names for bound variables (`#0`, `#1`, …, which canonical
  /// forms use) replaced by names a person reads: `s`, `t`, … for texts, `y`, `z`, … for
  /// sentences, `j`, `k`, … for naturals, `x`, … for reals; none a name the formula uses
  /// otherwise. The same `#k` of one sort names the same variable wherever it is bound (the
  /// binders it marks are siblings, never nested), so one name per `#k` and sort is enough,
  /// and different `#k` get different names: no binder captures another's variable.
  static func readable(_ formula: Formula) -> Formula {
    var renaming = Renaming()
    renaming.collect(formula)
    renaming.assign()
    return renaming.isEmpty ? formula : renaming.apply(formula)
  }

  /// As `readable`, and no bound variable is given a name in `avoiding` either (the names in
  /// scope where the formula is shown, so that a bound variable never reads as one of them).
  static func readable(_ formula: Formula, avoiding names: Set<String>) -> Formula {
    var renaming = Renaming()
    renaming.taken = names
    renaming.collect(formula)
    renaming.assign()
    return renaming.isEmpty ? formula : renaming.apply(formula)
  }

  static func readable(_ term: Term) -> Term {
    var renaming = Renaming()
    renaming.collect(term)
    renaming.assign()
    return renaming.isEmpty ? term : renaming.apply(term)
  }

  private struct Renaming {
    var taken: Set<String> = []
    var bound: [Variable] = []
    var names: [Variable: Variable] = [:]

    var isEmpty: Bool { bound.isEmpty }

    /// Candidate names by sort, then the same with primes.
    static func candidates(_ sort: Sort) -> [String] {
      let base: [String]
      switch sort {
      case .text: base = ["s", "t", "u", "v", "w"]
      case .sentence: base = ["y", "z", "x"]
      case .nat, .int: base = ["j", "k", "i", "n", "m"]
      case .prob: base = ["p", "q"]
      case .real: base = ["x", "r", "c"]
      case .dist: base = ["D", "Q"]
      case .behavior: base = ["b"]
      case .bool: base = ["φ"]
      }
      return base + base.map { $0 + "′" } + base.map { $0 + "″" }
    }

    mutating func see(_ v: Variable) {
      if v.name.hasPrefix("#") {
        if !bound.contains(v) { bound.append(v) }
      } else {
        taken.insert(v.name)
      }
    }

    mutating func collect(_ f: Formula) {
      switch f {
      case .truth: break
      case .relation(_, let a, let b):
        collect(a)
        collect(b)
      case .not(let g): collect(g)
      case .and(let gs), .or(let gs): for g in gs { collect(g) }
      case .implies(let a, let b), .iff(let a, let b):
        collect(a)
        collect(b)
      case .forall(let v, let g), .exists(let v, let g):
        see(v)
        collect(g)
      case .predicate(_, let args): for a in args { collect(a) }
      }
    }

    mutating func collect(_ t: Term) {
      switch t {
      case .number: break
      case .variable(let v): see(v)
      case .apply(_, let args): for a in args { collect(a) }
      case .bind(_, let v, let range, let body):
        see(v)
        for r in range { collect(r) }
        collect(body)
      case .probability(let v, let law, let length, let event):
        see(v)
        collect(law)
        if let length { collect(length) }
        collect(event)
      }
    }

    /// A name for every bound variable seen, once the whole tree is seen: in the order of
    /// their kernel names (`#0` first), each the first candidate of its sort not yet used.
    mutating func assign() {
      var used = taken
      var fresh: [Variable: Variable] = [:]
      let order = bound.sorted {
        ($0.name.count, $0.name, $0.sort.rawValue) < ($1.name.count, $1.name, $1.sort.rawValue)
      }
      for v in order {
        let name =
          Self.candidates(v.sort).first { !used.contains($0) }
          ?? "ξ" + v.name.dropFirst()
        used.insert(name)
        fresh[v] = Variable(name, v.sort)
      }
      names = fresh
    }

    func rename(_ v: Variable) -> Variable { names[v] ?? v }

    func apply(_ f: Formula) -> Formula {
      switch f {
      case .truth: return f
      case .relation(let r, let a, let b): return .relation(r, apply(a), apply(b))
      case .not(let g): return .not(apply(g))
      case .and(let gs): return .and(gs.map { apply($0) })
      case .or(let gs): return .or(gs.map { apply($0) })
      case .implies(let a, let b): return .implies(apply(a), apply(b))
      case .iff(let a, let b): return .iff(apply(a), apply(b))
      case .forall(let v, let g): return .forall(rename(v), apply(g))
      case .exists(let v, let g): return .exists(rename(v), apply(g))
      case .predicate(let id, let args): return .predicate(id, args.map { apply($0) })
      }
    }

    func apply(_ t: Term) -> Term {
      switch t {
      case .number: return t
      case .variable(let v): return .variable(rename(v))
      case .apply(let op, let args): return .apply(op, args.map { apply($0) })
      case .bind(let binder, let v, let range, let body):
        return .bind(binder, rename(v), range: range.map { apply($0) }, body: apply(body))
      case .probability(let v, let law, let length, let event):
        return .probability(
          rename(v), law: apply(law), length: length.map { apply($0) }, event: apply(event))
      }
    }
  }
}
