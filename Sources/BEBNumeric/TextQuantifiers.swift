import BEBKernel

/// Deciding quantifiers over texts of every length on a world.
///
/// A world's models are Markov chains of order `horizon − 1` past their prefix trees, so the
/// conditional law `M(·|b ⊕ x)` depends on `x` only through the *state* of `b ⊕ x`: its context
/// (`Model.context`) and whether `M(b ⊕ x) = 0` (then, with x/0 = 0, the conditional is the zero
/// law; on a world where conditionals after an impossible prefix continue, an assumption edit, it
/// is the model's continuation after the context, again a function of the state). When a formula
/// mentions a text variable `x` only through such conditionals of models (`M(·|x)`, `P(t | x)`,
/// `B[M](x)`, `M(x) > 0`) and through its last sentence `x^{|x|}`, its truth at `x` is a function
/// of the state of `x`, and there are finitely many states: the quantifier is decided exactly by
/// one representative text per reachable state (found by breadth-first search). Its length `|x|`
/// may occur too: it is then bounded by the lengths of the state's texts (`lengths(from:)`), an
/// enclosure, so a verdict still covers the whole state. Any other mention of `x` (a mixture
/// conditioned on it, ...) makes the formula *not* state-determined, and the quantifier falls back
/// to enumeration up to `World.textLimit`, which decides it only by a counterexample or a witness.
extension Evaluator {
  /// A law term the variable is conditioned into, evaluated to a model and a fixed prefix.
  struct Anchor: Hashable {
    let model: Model
    let base: [Int]
  }

  /// The most states searched before giving up (the quantifier is then undecided).
  static let stateBudget = 600

  /// Representative texts for `x` in `body` (one per reachable state), or nil when the body
  /// is not determined by the state of `x` (and its length); and whether the body mentions
  /// `|x|` other than by emptiness: then it is
  /// decided at each representative r with `|x|` replaced by `lengthBound(x)`, bound to the
  /// lengths of the texts in r's state — exactly 0 for the empty text (its own state), else
  /// [|r|, +∞): r is the shortest text of its state (breadth-first), and the state's texts
  /// are as long or longer. An enclosure of every length makes every verdict true of the
  /// whole state (Appendix I's β/(|s| + 1)^η under a KL determined by the state).
  func stateRepresentatives(_ x: Variable, in body: Formula, _ env: Bindings)
    -> (texts: [[Int]], length: Bool)?
  {
    guard let collected = collected(x, .formula(body)), let anchors = anchors(collected, env),
      let texts = reachableStates(anchors: anchors, positive: nil)
    else { return nil }
    return (texts, collected.usesLength)
  }

  /// The laws `x` is conditioned into in `subject` (`AnchorCollector`, from the nesting
  /// `depth`), or nil where `subject` mentions `x` otherwise: found once per check
  /// (`EvaluationCache.collected`), as the walk depends on the syntax, the depth and the
  /// table of definitions alone.
  func collected(_ x: Variable, _ subject: Collected.Subject, depth: Int = 0) -> Collected? {
    cache.collected(x, subject, depth: depth) {
      var collector = AnchorCollector(variable: x, definitions: definitions)
      let walked: Bool
      switch subject {
      case .formula(let f): walked = collector.formula(f, depth: depth)
      case .term(let t): walked = collector.term(t, depth: depth)
      }
      guard walked else { return nil }
      var seen: Set<Term> = []
      let laws = collector.laws.filter { seen.insert($0).inserted }
      return Collected(
        laws: laws, free: laws.map { Array($0.freeVariables) }, usesLength: collector.usesLength)
    }
  }

  /// The collected law terms evaluated under `env`, as anchors, in the order the walk met
  /// them; nil if a law mentions a variable neither `env` nor the world binds (one bound
  /// inside the formula: a law is evaluated in the outer environment), or is not a model
  /// conditioned on a prefix.
  func anchors(_ collected: Collected, _ env: Bindings) -> [Anchor]? {
    var result: [Anchor] = []
    for (law, free) in zip(collected.laws, collected.free) {
      guard free.allSatisfy({ env[$0] != nil || world.values[$0] != nil }),
        case .law(let value)? = self.value(law, env), let anchor = Self.flatten(value)
      else { return nil }
      result.append(anchor)
    }
    return result
  }

  /// The variable that stands for `|x|` in a body decided by states and lengths.
  static func lengthBound(_ x: Variable) -> Variable { Variable("|\(x.name)|#", .real) }

  /// The lengths of the texts in the state of the representative `r`.
  static func lengths(from r: [Int]) -> Interval {
    r.isEmpty ? Interval(.zero) : Interval(float: Double(r.count), .infinity)
  }

  /// `f` with every `|x|` replaced by `v` (not under a binder of x).
  static func replacingLength(of x: Variable, by v: Variable, in f: Formula) -> Formula {
    rewriting(f, free: x) { t in
      switch t {
      case .apply(.length, [.variable(x)]): return .variable(v)
      // The last sentence x^{|x|} is determined by the state: kept as it is.
      case .apply(.sentenceAt, [.variable(x), .apply(.length, [.variable(x)])]): return t
      default: return nil
      }
    }
  }

  /// `f` with each term that `rule` rewrites (a non-nil result, not entered again) replaced,
  /// outside binders of `x` (whose terms mention another x).
  static func rewriting(_ f: Formula, free x: Variable, _ rule: (Term) -> Term?) -> Formula {
    func term(_ t: Term) -> Term {
      if let rewritten = rule(t) { return rewritten }
      switch t {
      case .number, .variable: return t
      case .apply(let op, let args): return .apply(op, args.map(term))
      case .bind(let b, let y, let range, let body):
        return .bind(b, y, range: range.map(term), body: y == x ? body : term(body))
      case .probability(let y, let law, let length, let event):
        return .probability(
          y, law: term(law), length: length.map(term), event: y == x ? event : formula(event))
      }
    }
    func formula(_ f: Formula) -> Formula {
      switch f {
      case .truth: return f
      case .relation(let r, let a, let b): return .relation(r, term(a), term(b))
      case .not(let g): return .not(formula(g))
      case .and(let gs): return .and(gs.map(formula))
      case .or(let gs): return .or(gs.map(formula))
      case .implies(let a, let b): return .implies(formula(a), formula(b))
      case .iff(let a, let b): return .iff(formula(a), formula(b))
      case .forall(let y, let g): return .forall(y, y == x ? g : formula(g))
      case .exists(let y, let g): return .exists(y, y == x ? g : formula(g))
      case .predicate(let id, let args): return .predicate(id, args.map(term))
      }
    }
    return formula(f)
  }

  /// Breadth-first search over texts, one representative per state. With `positive`, only
  /// texts of positive probability under that anchor are kept (and extended).
  func reachableStates(anchors: [Anchor], positive: Anchor?) -> [[Int]]? {
    // A function of the anchors, the positive anchor and the sentence count alone: computed
    // once per world's cache (a sampler's repairs try many values of a real parameter on the
    // same models, and each asks for the same states again).
    cache.states(anchors, positive, sentences: world.sentences) {
      searchStates(anchors: anchors, positive: positive)
    }
  }

  func searchStates(anchors: [Anchor], positive: Anchor?) -> [[Int]]? {
    let all = positive.map { anchors + [$0] } ?? anchors
    // The state of x, in one flat array: x's last sentence (-1 for ⟨⟩), then for each anchor
    // the length of the context of base ⊕ x (`Model.context`: its last min(|base ⊕ x|, h - 1)
    // sentences), that context, and whether base ⊕ x is possible. The lengths make the
    // encoding one-to-one, so two texts have the same key exactly when every part is the
    // same. (An array of arrays cost an allocation per part, and a hash of each, on every
    // text tried: half of this search's time.)
    var text: [Int] = []
    func state(_ x: [Int]) -> [Int] {
      var key = [x.last ?? -1]
      for anchor in all {
        text.removeAll(keepingCapacity: true)
        text += anchor.base
        text += x
        let context = min(text.count, anchor.model.horizon - 1)
        key.append(context)
        key += text[(text.count - context)...]
        key.append(anchor.model.isPossible(text) ? 1 : 0)
      }
      return key
    }
    func alive(_ x: [Int]) -> Bool {
      guard let positive else { return true }
      return positive.model.isPossible(positive.base + x)
    }
    guard alive([]) else { return [] }
    var seen: Set<[Int]> = [state([])]
    var representatives: [[Int]] = [[]]
    var frontier: [[Int]] = [[]]
    while !frontier.isEmpty {
      var next: [[Int]] = []
      for x in frontier {
        for y in 0..<world.sentences {
          let longer = x + [y]
          guard alive(longer), seen.insert(state(longer)).inserted else { continue }
          representatives.append(longer)
          next.append(longer)
          if representatives.count > Self.stateBudget { return nil }
        }
      }
      frontier = next
    }
    return representatives
  }

  /// `∀ n : Nat, E[x ~ L, |x| = n] g(x) R c` (or the sides swapped), with `n` nowhere else,
  /// `L` a model conditioned on a prefix of positive probability and `g` determined by the
  /// state of `x`: each expectation is a convex combination of the values of `g` at texts of
  /// positive probability, so the claim holds for every n when `g(r) R c` holds at one
  /// representative `r` of every reachable state. Returns `.yes` when so, nil otherwise (the
  /// caller then looks for a counterexample among small n). Under the zero law every
  /// expectation is 0, and the claim is `0 R c` for every n.
  func everyLength(_ n: Variable, _ body: Formula, _ env: Bindings, depth: Int) -> Truth? {
    guard case .relation(let r, let a, let b) = body, [.lt, .le, .gt, .ge].contains(r) else {
      return nil
    }
    let (expectation, other, relation): (Term, Term, Relation)
    if case .bind(.expectation, _, _, _) = a, !b.mentions(n) {
      (expectation, other, relation) = (a, b, r)
    } else if case .bind(.expectation, _, _, _) = b, !a.mentions(n) {
      (expectation, other, relation) = (b, a, r.converse)
    } else {
      return nil
    }
    guard case .bind(.expectation, let x, let range, let g) = expectation, range.count == 2,
      range[1] == .variable(n), !range[0].mentions(n), !g.mentions(n),
      case .law(let law)? = value(range[0], env), let law = Self.flatten(law),
      law.model.isNormalized, let c = number(other, env)
    else { return nil }
    if !law.model.isPossible(law.base) {
      // The zero law (a model conditioned on a prefix it gives probability 0): with x/0 = 0
      // every text has probability 0 under it, so the expectation is 0 at every length.
      // (Where conditionals after an impossible prefix continue, an assumption edit, the law
      // is a continued model whose base is possible, and this is not reached.)
      return Self.compare(relation, .number(Interval(.zero)), .number(c))
    }
    // A summand that mentions |x| is not a function of the state (no length bound here).
    guard let collected = collected(x, .term(g), depth: depth), !collected.usesLength,
      let anchors = anchors(collected, env),
      let representatives = reachableStates(anchors: anchors, positive: law)
    else { return nil }
    for text in representatives {
      var inner = env
      inner[x] = .text(text)
      guard let v = number(g, inner), Self.compare(relation, .number(v), .number(c)) == .yes else {
        return nil
      }
    }
    return .yes
  }

  /// `∀ n : Nat, [n ≥ 1 ⇒] Var[s ~ M₁(·|r), |s| = n] log(M₁(s | r) / M₂(s | r)) R n · c` with
  /// R among < and ≤, on models of horizon 1 (every sentence drawn from the same law p,
  /// resp. q, whatever precedes it) that give r positive probability, q(y) > 0 wherever
  /// p(y) > 0. The log-ratio of n sentences is then a sum of n independent copies of
  /// Z = log(p(y)/q(y)), y ~ p, so its variance is n · Var Z, and for n ≥ 1 the claim is
  /// `Var Z R c`. Returns `.yes` when that holds (and n = 0, when the premise is absent,
  /// satisfies 0 R 0), nil otherwise: the caller then searches small n for a counterexample.
  func everyLengthVariance(_ n: Variable, _ body: Formula, _ env: Bindings) -> Truth? {
    var inner = body
    var fromOne = false
    if case .implies(let premise, let conclusion) = body {
      switch premise {
      case .relation(.ge, .variable(n), .number(1)), .relation(.le, .number(1), .variable(n)),
        .relation(.gt, .variable(n), .number(0)), .relation(.lt, .number(0), .variable(n)):
        fromOne = true
        inner = conclusion
      default: return nil
      }
    }
    guard case .relation(let r, .bind(.variance, let s, let range, let g), let bound) = inner,
      r == .lt || r == .le, range.count == 2, range[1] == .variable(n),
      case .apply(.conditional, let lawArgs) = range[0],
      case .apply(.log, let logArgs) = g, case .apply(.div, let ratio) = logArgs[0],
      ratio.count == 2,
      case .apply(.probGiven, let top) = ratio[0], case .apply(.probGiven, let bottom) = ratio[1],
      top[0] == lawArgs[0], top[1] == .variable(s), top[2] == lawArgs[1],
      bottom[1] == .variable(s), bottom[2] == lawArgs[1],
      case .apply(.mul, let factors) = bound, factors.filter({ $0 == .variable(n) }).count == 1,
      !factors.filter({ $0 != .variable(n) }).contains(where: { $0.mentions(n) }),
      case .law(.model(let m1))? = value(lawArgs[0], env),
      case .law(.model(let m2))? = value(bottom[0], env),
      // The sampling law sums to 1: with a law that loses mass (an assumption edit) the
      // variance of n sentences is no longer n times that of one.
      m1.horizon == 1, m2.horizon == 1, m1.isNormalized, let prefix = text(lawArgs[1], env),
      m1.isPossible(prefix), m2.isPossible(prefix),
      let p = m1.next[[]], let q = m2.next[[]],
      let c = number(
        factors.filter { $0 != .variable(n) }.reduce(Term.number(1)) { .apply(.mul, [$0, $1]) }, env
      )
    else { return nil }
    var z: [(Rational, Interval)] = []
    for y in 0..<p.count where !p[y].isZero {
      guard !q[y].isZero, let log = Interval(p[y] / q[y]).log else { return nil }
      z.append((p[y], log))
    }
    let mean = z.reduce(Interval(.zero)) { $0 + Interval($1.0) * $1.1 }
    let variance = z.reduce(Interval(.zero)) { sum, pair in
      let d = pair.1 - mean
      return sum + Interval(pair.0) * d * d
    }
    // Without the premise, n = 0 needs 0 R 0: true for ≤ only (< is left to the caller).
    guard Self.compare(r, .number(variance), .number(c)) == .yes, fromOne || r == .le else {
      return nil
    }
    return .yes
  }

  /// A law as a model conditioned on a prefix: `M`, `M(·|b)`, `M(·|b1)(·|b2) = M(·|b1 ⊕ b2)`
  /// (exact with x/0 = 0: both are the zero law when `M(b1) = 0`). Mixtures and best-of-n
  /// laws are not of this form.
  static func flatten(_ law: Law) -> Anchor? {
    switch law {
    case .model(let m): return Anchor(model: m, base: [])
    case .conditional(let inner, let prefix):
      return flatten(inner).map { Anchor(model: $0.model, base: $0.base + prefix) }
    case .mixture, .bestOfN: return nil
    }
  }
}

/// What a walk of `AnchorCollector` found (see `Evaluator.collected`).
struct Collected: Sendable {
  /// A formula or a term a text variable occurs in.
  enum Subject: Hashable, Sendable {
    case formula(Formula)
    case term(Term)
  }
  /// The law terms, each once, in the order the walk met them.
  let laws: [Term]
  /// The free variables of each law.
  let free: [[Variable]]
  /// Whether `|x|` occurs other than compared with 0 or 1 (emptiness).
  let usesLength: Bool
}

/// Walks a formula and collects the laws a text variable is conditioned into; fails when the
/// variable occurs anywhere else. The walk reads the syntax and the definitions alone (whether
/// each law can be evaluated where the variable is bound is asked of each evaluation:
/// `Evaluator.anchors`).
struct AnchorCollector {
  let variable: Variable
  let definitions: [String: DefinitionStatement]
  var laws: [Term] = []
  /// Whether `|x|` occurs other than compared with 0 or 1 (emptiness).
  var usesLength = false

  private func mentions(_ t: Term) -> Bool { t.mentions(variable) }

  /// Records `law` as an anchor; the law itself must not mention the variable (nor any
  /// variable bound inside the formula, which `Evaluator.anchors` checks).
  private mutating func anchor(_ law: Term) -> Bool {
    guard !mentions(law) else { return false }
    laws.append(law)
    return true
  }

  mutating func formula(_ f: Formula, depth: Int) -> Bool {
    guard depth < 12 else { return false }
    switch f {
    case .truth: return true
    case .relation(let r, let a, let b):
      // |x| compared with 0, |x| ≥ 1, |x| < 1: decided by whether x is empty, which the
      // state tells (its last sentence is -1 for the empty text only).
      if emptinessOnly(r, a, b) { return true }
      // M(x) > 0, M(x) = 0, ...: decided by the state's zero flag.
      for (p, other) in [(a, b), (b, a)] {
        if case .apply(.probOf, let args) = p, args[1] == .variable(variable),
          case .number(let zero) = other, zero.isZero
        {
          return anchor(args[0])
        }
      }
      return term(a, depth: depth) && term(b, depth: depth)
    case .not(let g): return formula(g, depth: depth)
    case .and(let gs), .or(let gs):
      for g in gs where !formula(g, depth: depth) { return false }
      return true
    case .implies(let a, let b), .iff(let a, let b):
      return formula(a, depth: depth) && formula(b, depth: depth)
    case .forall(let v, let g), .exists(let v, let g):
      return v == variable || formula(g, depth: depth + 1)
    case .predicate(let id, let args):
      guard let definition = definitions[id], definition.parameters.count == args.count
      else { return false }
      if !args.contains(where: mentions) { return true }
      let body = definition.body.substituting(
        Dictionary(uniqueKeysWithValues: zip(definition.parameters, args)))
      // |x| inside a definition's body is not replaced by its bound (replacingLength does
      // not unfold definitions): such a body is not decided by states.
      let outside = usesLength
      usesLength = false
      guard formula(body, depth: depth + 1), !usesLength else { return false }
      usesLength = outside
      return true
    }
  }

  /// Whether `a R b` compares the length of the variable with 0 (any relation) or is
  /// `|x| ≥ 1` / `|x| < 1` (either side): true or false according as x is empty.
  private func emptinessOnly(_ r: Relation, _ a: Term, _ b: Term) -> Bool {
    let length = Term.apply(.length, [.variable(variable)])
    // Orient as |x| R c.
    let (relation, constant): (Relation, Term)
    if a == length {
      (relation, constant) = (r, b)
    } else if b == length {
      (relation, constant) = (r.converse, a)
    } else {
      return false
    }
    guard case .number(let c) = constant else { return false }
    if c.isZero { return true }
    return c == .one && (relation == .ge || relation == .lt)
  }

  mutating func term(_ t: Term, depth: Int) -> Bool {
    guard mentions(t) else { return true }
    switch t {
    case .number: return true
    case .variable: return false
    case .apply(.conditional, let args) where args[1] == .variable(variable):
      return anchor(args[0])
    case .apply(.probGiven, let args) where args[2] == .variable(variable):
      return anchor(args[0]) && term(args[1], depth: depth)
    case .apply(.behaviorAfter, let args) where args[2] == .variable(variable):
      return anchor(args[1]) && term(args[0], depth: depth)
    case .apply(.sentenceAt, let args)
    where args[0] == .variable(variable) && args[1] == .apply(.length, [.variable(variable)]):
      return true
    case .apply(.length, [.variable(variable)]):
      usesLength = true
      return true
    case .apply(_, let args):
      for a in args where !term(a, depth: depth) { return false }
      return true
    case .bind(_, let v, let range, let body):
      for a in range where !term(a, depth: depth) { return false }
      return v == variable || term(body, depth: depth + 1)
    case .probability(let v, let law, let length, let event):
      guard term(law, depth: depth), length.map({ term($0, depth: depth) }) ?? true else {
        return false
      }
      return v == variable || formula(event, depth: depth + 1)
    }
  }
}
