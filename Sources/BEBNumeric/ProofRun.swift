import BEBKernel

/// What a proof does, in order, as far as running it on a world needs: the claims of its
/// steps, the variables it obtains or fixes, and the assumptions it opens and closes.
public enum TraceEvent: Sendable, Equatable {
  /// Step number `index` (in the proof's list of step reports) claims `formula`, resting on
  /// the assumptions with these labels (a step after a discharge may still rest on facts
  /// derived under the assumption: it holds only where the assumption does).
  case step(Int, Formula, assumptions: [String] = [])
  /// `obtain x… such that φ`: the variables and what they satisfy.
  case obtain([Variable], Formula)
  /// `fix x : S`: an arbitrary value.
  case fix(Variable)
  /// `suppose h : φ`, with the kernel's label of the assumption.
  case suppose(String, Formula)
  /// The assumption with this label is discharged.
  case discharge(String)
}

/// The numeric verdict on one step over the worlds a result was run on.
public struct StepVerdict: Sendable, Equatable, Codable {
  /// Worlds where the step's claim was evaluated and known true (or, for an equation of
  /// transcendental values, its two sides agreed to 2^-40, relative above 1: counted in
  /// `approximate` too).
  public var passed = 0
  public var approximate = 0
  /// Worlds where it was evaluated and could not be decided.
  public var undecided = 0
  /// Of those, the worlds where the evaluation ran out of its work budget (`Fuel`).
  public var outOfWork = 0
  /// Worlds where the step was not reached: a witness not found, an assumption not holding.
  public var unreached = 0
  /// Of those, the worlds where an assumption the step rests on was false, by its label.
  public var assumptionFalse: [String: Int] = [:]
  /// And those where it was not shown to hold (undecided, or not evaluated), by its label.
  public var assumptionUnshown: [String: Int] = [:]
  /// The first world where the claim is false (shrunk and re-validated).
  public var counterexample: WorldDescription?

  public init() {}

  /// `unreached` when the step was reached on no world because an assumption it rests on
  /// (`suppose`) held on none of them (a fact about the worlds drawn, not a proof).
  public var status: WorldVerdict {
    if counterexample != nil { return .refuted }
    if passed > 0 { return .passed }
    if undecided > 0 { return .inconclusive }
    if unreached > 0,
      assumptionFalse.values.reduce(0, +) + assumptionUnshown.values.reduce(0, +) == unreached
    {
      return .unreached
    }
    return .skipped
  }

  /// Why the step did not pass on every world it was evaluated on, or was not reached, and on
  /// how many it passed only approximately; assumptions named by `names` (kernel label → the
  /// proof's name) where known.
  public func reason(names: [String: String] = [:]) -> String? {
    var parts: [String] = []
    if approximate > 0 {
      // Said per step: such a world is evidence that the sides agree, not a proof of it.
      parts.append(
        "passed on \(approximate) of its \(passed) world\(passed == 1 ? "" : "s") only "
          + "approximately (transcendental sides agreeing to 2^-40)")
    }
    if undecided > 0 {
      parts.append(
        "undecided on \(undecided) world\(undecided == 1 ? "" : "s")"
          + (outOfWork > 0 ? " (out of its work budget on \(outOfWork))" : ""))
    }
    if unreached > 0 {
      let labels = { (counts: [String: Int]) in
        counts.keys.sorted().map { "'\(names[$0] ?? $0)' on \(counts[$0]!)" }
      }
      let witness =
        unreached - assumptionFalse.values.reduce(0, +) - assumptionUnshown.values.reduce(0, +)
      var why: [String] = []
      if !assumptionFalse.isEmpty {
        why.append("assumption false: " + labels(assumptionFalse).joined(separator: ", "))
      }
      if !assumptionUnshown.isEmpty {
        why.append(
          "assumption not shown to hold: " + labels(assumptionUnshown).joined(separator: ", "))
      }
      if witness > 0 { why.append("no witness for an obtain on \(witness)") }
      parts.append(
        "not reached on \(unreached) world\(unreached == 1 ? "" : "s") ("
          + why.joined(separator: "; ") + ")")
    }
    return parts.isEmpty ? nil : parts.joined(separator: "; ")
  }
}

/// Runs a proof's trace on one world: binds obtained variables to witnesses found by search,
/// fixed variables to sampled values, and evaluates each step under the open assumptions.
public struct ProofRun {
  public let evaluator: Evaluator
  /// The assumptions of the sorts (the paper's unless edited): a fixed behavior is drawn in
  /// their range, and a fixed law as the sampler draws one.
  public var assumptions = Assumptions.paper

  public init(
    world: World, definitions: [String: DefinitionStatement], cache: EvaluationCache? = nil
  ) {
    evaluator = Evaluator(world: world, definitions: definitions, cache: cache)
  }

  /// A run with this evaluator (and its cache: the statement's own check on the same world
  /// reuses what the steps computed).
  public init(evaluator: Evaluator) { self.evaluator = evaluator }

  /// The outcome on this world: each step's truth (absent: not reached) and the bindings
  /// made on the way, for a counterexample's description.
  public struct Outcome: Sendable {
    public var truths: [Int: Truth] = [:]
    public var bindings: [(Variable, Value)] = []
    /// Steps counted true because both sides of an equation agree to 2^-40, relative above 1
    /// (an enclosure of a transcendental value cannot prove an equation; it can only fail to
    /// refute it).
    public var approximate: Set<Int> = []
    /// Steps left undecided because their evaluation ran out of its work budget (`Fuel`).
    public var outOfWork: Set<Int> = []
    /// Steps not run because an assumption they rest on is false on this world, with the
    /// assumption's label.
    public var assumptionFalse: [Int: String] = [:]
    /// Steps not run because an assumption they rest on was not shown to hold on this world
    /// (undecided there, or not evaluated: reached under another that failed).
    public var assumptionUnshown: [Int: String] = [:]
  }

  /// An equation (or a non-strict inequality: its sides may be equal, as in thm-3.3-repaired's
  /// `emean`, E[…] ≤ E[…] of one value written two ways) whose two sides are enclosed in
  /// intervals that overlap and are narrower than 2^-40, relative to the values above 1 (a
  /// double's own step is 2^-40 at 2^12). Strict inequalities never count.
  func closeEquation(_ formula: Formula, _ env: Bindings) -> Bool {
    guard case .relation(let r, let a, let b) = formula, [.eq, .le, .ge].contains(r),
      case .number(let x)? = evaluator.value(a, env), case .number(let y)? = evaluator.value(b, env)
    else { return false }
    func narrow(_ i: Interval) -> Bool {
      let (low, high) = i.bounds
      return i.width < 0x1p-40 * Swift.max(1, low.magnitude, high.magnitude)
    }
    return narrow(x) && narrow(y)
      && !Interval.isBelow(x, y, strictly: true) && !Interval.isBelow(y, x, strictly: true)
  }

  /// The truth of `formula`, where an equation the intervals cannot decide counts as true
  /// when its two sides agree to 2^-40 (`closeEquation`), also as a part of a conjunction;
  /// the flag says whether such an approximate equation was needed.
  public func truthAllowingClose(_ formula: Formula, _ env: Bindings = [:]) -> (
    Truth, Bool
  ) {
    let truth = evaluator.truth(formula, env)
    guard truth == .unknown else { return (truth, false) }
    switch formula {
    case .relation(.eq, _, _), .relation(.le, _, _), .relation(.ge, _, _):
      return closeEquation(formula, env) ? (.yes, true) : (.unknown, false)
    case .and(let parts):
      for part in parts where truthAllowingClose(part, env).0 != .yes { return (.unknown, false) }
      return (.yes, true)
    default:
      return (.unknown, false)
    }
  }

  /// Runs `trace` on the world. The steps in `skipping` are not evaluated (absent from
  /// `truths`, as if not reached): a check passes those whose budget is spent. A step's truth
  /// is not used by the events after it, and steps draw nothing from `g`; but what a step
  /// computes is kept on the world (the evaluation cache, the truths of recursive
  /// definitions) and can save work for the events after it, so without it an obtain, a
  /// supposition or a later step may be left undecided where it was decided (the run is
  /// still the same on any core: the steps skipped are chosen before each batch).
  public func run(
    _ trace: [TraceEvent], _ g: inout SeededGenerator, skipping: Set<Int> = []
  ) -> Outcome {
    var outcome = Outcome()
    var env: Bindings = [:]
    var open: [(label: String, holds: Bool)] = []
    // Every assumption opened so far and whether it holds on this world, discharged or not.
    var opened: [String: Bool] = [:]
    // Those of them that are false on this world (the others that do not hold are undecided
    // or were not evaluated).
    var refuted: Set<String> = []
    // An obtain found no witness: the rest of the proof is not reached on this world.
    var witnessMissing = false
    // An obtain under an assumption that is false here: not reached until its discharge.
    var skippedUnder: String?
    for (position, event) in trace.enumerated() {
      switch event {
      case .step(let index, let formula, let assumptions):
        guard !witnessMissing, !skipping.contains(index) else { continue }
        if let failing = skippedUnder ?? open.first(where: { !$0.holds })?.label
          ?? assumptions.first(where: { !(opened[$0] ?? false) })
        {
          if opened[failing] != nil {
            if refuted.contains(failing) {
              outcome.assumptionFalse[index] = failing
            } else {
              outcome.assumptionUnshown[index] = failing
            }
          }
          continue
        }
        var (truth, approximate) = truthAllowingClose(formula, env)
        if truth == .unknown, provedByWitness(formula, env) { (truth, approximate) = (.yes, false) }
        if approximate { outcome.approximate.insert(index) }
        if truth == .unknown, evaluator.ranOutOfWork { outcome.outOfWork.insert(index) }
        outcome.truths[index] = truth
      case .obtain(let variables, let body):
        guard !witnessMissing, skippedUnder == nil else { continue }
        if let label = open.first(where: { !$0.holds })?.label {
          skippedUnder = label
          continue
        }
        if let found = witness(variables, body, env) {
          for (v, value) in zip(variables, found) {
            env[v] = value
            outcome.bindings.append((v, value))
          }
        } else {
          witnessMissing = true
        }
      case .fix(let v):
        var value = assumptions.placed(
          WorldSampler.value(v.sort, evaluator.world.sentences, evaluator.world.horizon, &g),
          v.sort, &g)
        // A fixed variable is arbitrary, and the steps under an assumption about it must hold
        // for every value that meets it: where the next event assumes something of it and
        // the drawn value does not meet it, a value that does is searched for (in a seeded
        // random order), so that those steps are reached.
        if position + 1 < trace.count, case .suppose(_, let assumption) = trace[position + 1],
          !witnessMissing, skippedUnder == nil, assumption.mentions(v)
        {
          var inner = env
          inner[v] = value
          if evaluator.truth(assumption, inner) != .yes,
            let found = witness([v], assumption, env, shuffle: &g)
          {
            value = found[0]
          }
        }
        env[v] = value
        outcome.bindings.append((v, value))
      case .suppose(let label, let formula):
        let truth: Truth? =
          witnessMissing || skippedUnder != nil ? nil : evaluator.truth(formula, env)
        open.append((label, truth == .yes))
        opened[label] = truth == .yes
        if truth == .no { refuted.insert(label) }
      case .discharge(let label):
        open.removeAll { $0.label == label }
        if skippedUnder == label { skippedUnder = nil }
      }
    }
    return outcome
  }

  /// Whether an existential claim the evaluator left undecided has a witness among the texts
  /// `obtain` searches (longer than the evaluator's quantifiers try: repetitions of short
  /// texts up to 48 sentences) — the step of an `obtain`, ∃ v, facts, whose witness the
  /// next event finds. A witness makes the claim true, so this only decides more.
  func provedByWitness(_ formula: Formula, _ env: Bindings) -> Bool {
    var variables: [Variable] = []
    var body = formula
    while case .exists(let v, let inner) = body {
      variables.append(v)
      body = inner
    }
    return !variables.isEmpty && witness(variables, body, env) != nil
  }

  /// Values for `variables` that make `body` known true, searched over each sort's finite
  /// candidates (texts up to the world's text limit, sentences, small naturals, sample reals),
  /// at most 4000 combinations. Any witness will do: a step after an `obtain` must hold for
  /// every value the obtained facts allow.
  func witness(_ variables: [Variable], _ body: Formula, _ env: Bindings) -> [Value]? {
    var unused = SeededGenerator(seed: 0)
    return witness(variables, body, env, shuffled: false, &unused)
  }

  /// As above, each domain in a seeded random order.
  func witness(
    _ variables: [Variable], _ body: Formula, _ env: Bindings,
    shuffle g: inout SeededGenerator
  ) -> [Value]? {
    witness(variables, body, env, shuffled: true, &g)
  }

  private func witness(
    _ variables: [Variable], _ body: Formula, _ env: Bindings, shuffled: Bool,
    _ g: inout SeededGenerator
  ) -> [Value]? {
    var domains: [[Value]] = []
    for v in variables {
      switch v.sort {
      case .text:
        let texts = evaluator.world.witnessTexts
        domains.append(texts.map { .text($0) })
      case .sentence:
        domains.append((0..<evaluator.world.sentences).map { .text([$0]) })
      case .nat:
        domains.append(
          (0...max(8, evaluator.world.horizon + 4)).map { .number(Interval(Rational($0))) })
      case .int:
        domains.append((-8...8).map { .number(Interval(Rational($0))) })
      case .real:
        var reals = Evaluator.realSamples
        for k in 1...12 {
          reals += [Rational(BigInt(1), BigInt(1 << k)), Rational(BigInt(-1), BigInt(1 << k))]
        }
        reals += (1...40).map { Rational($0) }
        domains.append(reals.map { .number(Interval($0)) })
      case .prob:
        // Inside [0, 1] only: a witness must be a value of the variable's sort.
        var probabilities = Evaluator.probabilitySamples
        for k in 2...12 {
          probabilities += [
            Rational(BigInt(1), BigInt(1 << k)), Rational(BigInt((1 << k) - 1), BigInt(1 << k)),
          ]
        }
        // In the world's range of the sort (an assumption edit may change [0, 1]).
        let range = evaluator.world.assumptions.probabilities
        domains.append(probabilities.map { .number(Interval(range.scaled($0))) })
      default:
        return nil
      }
    }
    if shuffled {
      for d in domains.indices { g.shuffle(&domains[d]) }
    }
    var tried = 0
    var chosen: [Value] = []
    // A body that opens with a bound on the length of the witnesses' text (`|s| ≤ e ∧ …`,
    // e arithmetic in the world's numbers) is false at every candidate whose length the
    // bound excludes: that conjunct alone is decided once per length, the same way the body's
    // evaluation decides it (a fresh decision in the fast pass; see `LengthGuard`), and a
    // candidate it rejects counts as tried, as before. (The bound, a max or a product of
    // logs, was computed again at each of up to 4000 candidates: bodies that open so took
    // about an eighth of the decisions' time at 1000 worlds, and where the bound is an
    // equation, as thm-3.1's `|s| = (1/β) · log(1/ε')`, it excludes nearly every candidate.)
    let lengthGuard = LengthGuard(body, variables)
    var byLength: [Int: Truth] = [:]
    func search(_ i: Int, _ env: Bindings) -> Bool {
      if i == variables.count {
        tried += 1
        if let lengthGuard, case .text(let text)? = evaluator.value(lengthGuard.text, env) {
          let opening =
            byLength[text.count]
            ?? {
              let truth = evaluator.truth(lengthGuard.opening(text.count), env)
              byLength[text.count] = truth
              return truth
            }()
          if opening == .no {
            // What the body's own decision leaves behind: a full work budget (the
            // conjunct spends none), read by `run` when no witness is found.
            evaluator.fuel.refill()
            return false
          }
        }
        return evaluator.truth(body, env) == .yes
      }
      for value in domains[i] {
        if tried > 4000 { return false }
        var inner = env
        inner[variables[i]] = value
        chosen.append(value)
        if search(i + 1, inner) { return true }
        chosen.removeLast()
      }
      return false
    }
    return search(0, env) ? chosen : nil
  }
}

/// The first conjunct of an `obtain`'s body when it bounds the length of a text of the
/// witnesses by arithmetic in the world's numbers: `|t| R e`, `t` a text term, `e` free of the
/// witnesses and made of numbers, numeric variables and arithmetic (no law, no sum: its value
/// is the same at every candidate, and computing it touches no cache and spends no work).
/// At a candidate where `|t| = n`, the body's decision starts by deciding `n R e` — the same
/// values, compared the same way, as `opening(n)` — and a conjunction whose first part is
/// false is false, so a candidate whose `opening` is `no` cannot be a witness.
struct LengthGuard {
  let relation: Relation
  let text: Term
  let bound: Term

  init?(_ body: Formula, _ witnesses: [Variable]) {
    var first = body
    if case .and(let parts) = body, let head = parts.first { first = head }
    guard case .relation(let r, .apply(.length, let args), let e) = first, args.count == 1,
      Self.isArithmetic(e), !witnesses.contains(where: { e.mentions($0) })
    else { return nil }
    (relation, text, bound) = (r, args[0], e)
  }

  /// `n R e`.
  func opening(_ n: Int) -> Formula { .relation(relation, .number(Rational(n)), bound) }

  /// The operators from numbers to a number (Signature.swift).
  static let arithmetic: Set<Operator> = [
    .add, .sub, .neg, .mul, .div, .pow, .log, .exp, .sqrt, .abs, .min, .max, .ceil, .floor,
  ]

  static func isArithmetic(_ t: Term) -> Bool {
    switch t {
    case .number: return true
    case .variable(let v): return [.real, .prob, .nat, .int].contains(v.sort)
    case .apply(let op, let args): return arithmetic.contains(op) && args.allSatisfy(isArithmetic)
    case .bind, .probability: return false
    }
  }
}
