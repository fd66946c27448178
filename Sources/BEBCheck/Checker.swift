import BEBKernel
import BEBNumeric
import BEBSyntax
import Dispatch
import Synchronization

/// How a run of the checker is configured.
public struct CheckOptions: Sendable {
  /// The budget of a numeric check unless one is given: 1000 worlds that satisfy the
  /// hypotheses per result, and every proof step passed on 1000 of them.
  public static let defaultWorlds = 1000
  /// Worlds per step for numeric checking.
  public var worlds: Int = CheckOptions.defaultWorlds
  public var seed: UInt64 = 1
  /// Restrict the report to these ids (empty: everything).
  public var only: [String] = []
  /// Also check every statement (hypotheses ⇒ conclusion) and every proof step on `worlds`
  /// sampled worlds.
  public var numeric = false
  /// Draw worlds only for these of the reported results (nil: for all of them).
  public var numericOnly: [String]? = nil
  /// Also run the proofs' steps on the worlds (false: the statements only).
  public var stepsOnWorlds = true
  /// Draw worlds until every step passed on the budget too (false: until the statement is
  /// decided on the budget or refuted, the steps' runs serving only to find a world that
  /// refutes the statement, as the necessity tables need).
  public var waitForSteps = true
  /// Proof outcomes already known (an assumption edit reuses those of the unedited check for
  /// results whose statement, proof and cited statements the edit does not touch).
  var reuse: [String: ProofOutcome] = [:]
  /// Called before each result's numeric check (done, total, id) and once at the end.
  public var progress: (@Sendable (Int, Int, String) -> Void)? = nil
  /// Use every core (a result's worlds in batches side by side); false runs everything on
  /// one thread. The output is the same either way.
  public var parallel = true
  /// Where numeric verdicts are kept between runs (nil: none kept, every check is run).
  public var cache: NumericCache? = nil

  public init() {}
}

/// A hypothesis of a cited result, by the result's id and the hypothesis's name.
public struct CitedHypothesis: Sendable, Equatable {
  public let result: String
  public let hypothesis: String
}

/// A result's or step's verdict, spelled as in the JSON contract.
public enum Status: String, Sendable, CaseIterable {
  case verified, refuted, unjustified, vacuous
  case expectedFinding = "expected-finding"
  case unchecked
  /// An axiom schema of the theory: part of the trusted base, assumed and not proved.
  case assumed
}

/// The kernel's verdict on a step (its raw value is the word printed and written).
public enum KernelVerdict: String, Sendable, Equatable {
  /// The kernel accepted the step's derivation.
  case verified
  /// The derivation was not accepted: a rule did not apply, a side condition was not
  /// discharged, a name is unknown.
  case unjustified
  /// The step's claim was shown false: the two sides of an identity differ at a point.
  case refuted
}

/// The verdicts on one proof step.
public struct StepReport: Sendable {
  public let id: String
  public let claim: String
  /// The claim as a syntax tree, with the parentheses its print has (`claim` is its print),
  /// for typesetting; nil for a step whose claim is a word (`let x`, `fix x`, `chain`). A calc
  /// link whose term did not elaborate has the term's tree.
  public let syntax: Expr?
  public let rule: String
  public let symbolic: KernelVerdict
  /// What the worlds said: `unreached` when no world drawn reached the step, `skipped` when
  /// numeric checking is off.
  public var numeric: WorldVerdict
  /// Worlds where the step's claim was known true.
  public var worlds: Int
  /// A world where the step's claim is false (hypotheses true), shrunk, for a person.
  public var counterexample: WorldDescription? = nil
  /// Why the numeric verdict counts fewer worlds than were drawn (undecided, not reached).
  public var numericReason: String? = nil
  /// Marked `added` in the proof: a step the paper skips.
  public let added: Bool
  /// Why the step is not verified (nil when it is).
  public var reason: String? = nil
  /// When the step fails because a hypothesis of the result it cites is not discharged: that
  /// result and hypothesis (what `beb whatif` follows down).
  public var undischarged: CitedHypothesis? = nil
  /// Why the step is not verified, as data (`reason` is its words).
  public var error: StepError? = nil
  /// The result's hypotheses the step's derivation rests on, sorted.
  public var uses: [String] = []
  /// The failed steps (or obtained names) whose facts, admitted after the failure, the
  /// step's derivation uses, sorted: its kernel verdict then says nothing about its truth.
  public var restsOn: [String] = []
  /// The results the step's derivation cites (directly or through earlier facts), sorted.
  public var cites: [String] = []
  /// For a step that is not verified: the facts in scope when it was checked, as
  /// `name : formula` — the result's hypotheses in order, then the facts of earlier steps in
  /// proof order (the last `ProofChecker.scopeShown` of them) — as a proof assistant shows the
  /// goal's context. Empty for a verified step.
  public var scope: [String] = []
  /// Those of `cites` that are neither verified nor assumed (set once statuses are known): the
  /// kernel verdict is relative to them, and a world where the step is false may blame them.
  public var citesUnverified: [String] = []
  /// Where the step is written (its whole text; a calc link from its right side to its
  /// justification), and the same as `path:line:col` for people and editors.
  public var span: Span? = nil
  public var location: String? = nil
  /// Whether the derivation uses a fact admitted after an earlier step failed, or cites a
  /// result that is not verified.
  public var restsOnFailure: Bool { !restsOn.isEmpty || !citesUnverified.isEmpty }
  /// Whether the step fails in its own right: not verified by the kernel, or verified and
  /// refuted on a world without resting on a failed step (then that step is to blame).
  public var fails: Bool { symbolic != .verified || (numeric == .refuted && !restsOnFailure) }

  /// The kernel verdict as printed next to the step: a verified step that rests on a failed
  /// one, or cites an unverified result, says which (a world where it is false then blames
  /// them, not the kernel).
  public var symbolicLabel: String {
    var label = symbolic.rawValue
    if !restsOn.isEmpty { label += ", resting on failed " + restsOn.joined(separator: ", ") }
    if !citesUnverified.isEmpty {
      label += ", citing unverified " + citesUnverified.joined(separator: ", ")
    }
    return label
  }
}

/// The verdicts on one definition or result.
public struct ResultReport: Sendable {
  public let entry: Entry
  public let status: Status
  /// Why the status is what it is, for people.
  public let reason: String
  public let steps: [StepReport]
  /// The statement checked on sampled worlds (hypotheses ⇒ conclusion).
  public var numeric: NumericVerdict? = nil
  /// What the result rests on, transitively through the citations of proofs (as Lean's
  /// `#print axioms`): the axiom schemas, and the other results, each sorted.
  public var axioms: [String] = []
  public var restsOn: [String] = []
}

/// The outcome of checking a development.
public struct CheckReport: Sendable {
  public let options: CheckOptions
  public let files: [String]
  public let results: [ResultReport]
  /// Findings whose expected verdict did not happen: the paper's error was not reproduced.
  public let unconfirmedFindings: [String]
  /// The proof outcomes behind the results (for reuse by assumption edits).
  var outcomes: [String: ProofOutcome] = [:]
  /// Wall time of each result's numeric check, by id (for `beb bench`; never printed by
  /// `beb check`, whose output must not depend on timing).
  public var numericTimes: [String: Duration] = [:]
  /// The results whose numeric verdict was read from `CheckOptions.cache`, sorted (not part
  /// of the report: the verdict is the one the check would compute).
  public var numericCached: [String] = []
  /// How many of `files` were loaded because a file imports a library.
  public var importedFiles = 0
  /// How many axiom schemas the development loaded (reported or not).
  public var axiomsLoaded = 0

  /// Whether everything checks (exit code 0): every result verified, an expected finding, or
  /// an axiom; definitions aside.
  public var allChecked: Bool {
    unconfirmedFindings.isEmpty
      && results.allSatisfy {
        $0.entry.kind == .definition || [.verified, .expectedFinding, .assumed].contains($0.status)
      }
  }

  /// How many results have `status`, definitions aside (they are elaborated, not proved, and
  /// counted on their own: `definitions`).
  public func count(_ status: Status) -> Int {
    results.filter { $0.entry.kind != .definition && $0.status == status }.count
  }

  /// How many definitions the report covers.
  public var definitions: Int { results.filter { $0.entry.kind == .definition }.count }
}

/// Checks a development: every proof step through the kernel, then each result's status from
/// its steps, the results it cites, and the findings recorded against it.
public enum Checker {
  public static func check(_ development: Development, options: CheckOptions) -> CheckReport {
    let definitions = development.kernelDefinitions
    var outcomes: [String: ProofOutcome] = [:]
    // With --only, the proofs of the chosen results and of what they rest on; else all.
    let needed =
      options.only.isEmpty
      ? nil : development.restingOn(options.only + development.bridges.values.flatMap(\.lemmas))
    var pending: [(Entry, ProofDecl)] = []
    for entry in development.entries where entry.kind != .definition && entry.kind != .axiom {
      guard let proof = entry.proof, needed?.contains(entry.id) ?? true else { continue }
      if let known = options.reuse[entry.id] {
        outcomes[entry.id] = known
      } else {
        pending.append((entry, proof))
      }
    }
    // Each proof is checked on its own (the results it cites enter as statements), so the
    // proofs are checked on every core and collected by index: the same outcomes in any order.
    let work = pending
    let checked = Mutex([ProofOutcome?](repeating: nil, count: work.count))
    var registry = development.registry
    let declared = registry
    DispatchQueue.concurrentPerform(iterations: work.count) { index in
      let (entry, proof) = work[index]
      var checker = ProofChecker(
        entry: entry, development: development, global: development.global, registry: declared)
      let outcome = checker.run(proof)
      checked.withLock { $0[index] = outcome }
    }
    for ((entry, _), outcome) in zip(pending, checked.withLock { $0 }) {
      outcomes[entry.id] = outcome
    }
    // The kernel records each finished proof against the statement declared under its id and
    // decides which results are verified (`Registry.standing`); a proof whose `Checked` it
    // refuses (a statement other than the declared one) counts as not finished.
    for id in outcomes.keys.sorted() {
      guard let proved = outcomes[id]?.checked else { continue }
      do {
        try registry.record(proved)
      } catch {
        outcomes[id]?.checked = nil
        outcomes[id]?.failure = "the kernel refused to record the proof: \(error)"
      }
    }
    var numeric: [String: NumericVerdict] = [:]
    // Worlds are drawn for the reported results only (all of them without --only); a proof's
    // steps run on the same worlds as its statement.
    let targets = development.entries.filter {
      $0.kind != .definition && options.numeric
        && (options.only.isEmpty || options.only.contains($0.id))
        && (options.numericOnly?.contains($0.id) ?? true)
    }
    // Each result's worlds come from its own generator seeded with `options.seed`, so the
    // checks are independent: they run on every core, their verdicts are collected by index,
    // and the report does not depend on the order they finish in. Progress is serialized.
    let started = Mutex(0)
    let verdicts = Mutex([NumericVerdict?](repeating: nil, count: targets.count))
    let times = Mutex([Duration](repeating: .zero, count: targets.count))
    let cached = Mutex([String]())
    let traces = targets.map { options.stepsOnWorlds ? outcomes[$0.id]?.trace ?? [] : [] }
    // Two results side by side, each drawing its worlds on every core (StatementCheck): the
    // cores are shared while both run, and the last one gets them all (`Parallel.lanes`; in a
    // parallel loop of results the last, longest one ran alone on one core, and one result at
    // a time left a core idle while a batch of worlds waited for its slowest).
    Parallel.lanes(targets.count, lanes: 2, parallel: options.parallel) { position in
      let entry = targets[position]
      if let progress = options.progress {
        started.withLock { count in
          progress(count, targets.count, entry.id)
          count += 1
        }
      }
      let statement = entry.kernelStatement
      let salt = StatementCheck.salt(entry.id)
      let key = options.cache.map {
        $0.key(
          entry.id,
          CanonicalText.check(
            parameters: statement.parameters, hypotheses: statement.hypotheses,
            conclusion: statement.conclusion, definitions: definitions, count: options.worlds,
            seed: options.seed, salt: salt, trace: traces[position],
            waitForSteps: options.waitForSteps, assumptions: development.assumptions))
      }
      if let cache = options.cache, let key, let kept = cache.verdict(key) {
        verdicts.withLock { $0[position] = kept }
        cached.withLock { $0.append(entry.id) }
        return
      }
      let clock = ContinuousClock()
      let start = clock.now
      let verdict = StatementCheck.check(
        parameters: statement.parameters, hypotheses: statement.hypotheses,
        conclusion: statement.conclusion, definitions: definitions, count: options.worlds,
        seed: options.seed, salt: salt, trace: traces[position], parallel: options.parallel,
        waitForSteps: options.waitForSteps, assumptions: development.assumptions)
      let elapsed = clock.now - start
      if let cache = options.cache, let key { cache.keep(verdict, key) }
      verdicts.withLock { $0[position] = verdict }
      times.withLock { $0[position] = elapsed }
    }
    for (entry, verdict) in zip(targets, verdicts.withLock { $0 }) {
      numeric[entry.id] = verdict
      if var outcome = outcomes[entry.id], let verdict {
        for (index, step) in verdict.steps where index < outcome.steps.count {
          outcome.steps[index].numeric =
            step.status == .skipped && verdict.status == .unreached ? .unreached : step.status
          outcome.steps[index].worlds = step.passed
          outcome.steps[index].counterexample = step.counterexample
          outcome.steps[index].numericReason = step.reason(names: outcome.assumptionNames)
        }
        outcomes[entry.id] = outcome
      }
    }
    options.progress?(targets.count, targets.count, "")
    var statuses: [String: (Status, String)] = [:]
    var visiting: Set<String> = []
    // Results whose refutation contradicts the kernel or an axiom schema (no finding explains
    // one).
    var conflicts: Set<String> = []
    // The kernel's verdict on each result, asked once (it does not change from here on).
    var standings: [String: Standing] = [:]
    func standing(_ id: String) -> Standing {
      if let known = standings[id] { return known }
      standings[id] = registry.standing(id)
      return standings[id]!
    }
    func status(_ id: String) -> (Status, String) {
      if let known = statuses[id] { return known }
      guard let entry = development.entry(id) else {
        return (.unjustified, "unknown result '\(id)'")
      }
      if entry.kind == .definition {
        return (.unchecked, "definitions are elaborated (names and sorts checked)")
      }
      let refutation = numeric[id].flatMap {
        $0.status == .refuted ? $0.counterexample?.text ?? "" : nil
      }
      if entry.kind == .axiom {
        if let refutation {
          conflicts.insert(id)
          // Under an edit of a sort's assumption (whatif), the worlds are those of the edit:
          // the schema relies on what was edited, which is not to say it is wrong.
          let edited = development.assumptions != .paper
          return (
            .refuted,
            "CONFLICT: assumed, yet false on a world"
              + (edited
                ? " of the edited sort assumption — the axiom schema relies on it. "
                : " — the axiom schema is wrong. ") + refutation
          )
        }
        return (.assumed, "axiom of the theory: assumed, not proved (part of the trusted base)")
      }
      let falseOnWorld = "the statement is false on a world satisfying its hypotheses: "
      guard var outcome = outcomes[id] else {
        if let refutation { return (.refuted, falseOnWorld + refutation) }
        return (.unchecked, "no proof in the development")
      }
      // A termination guard: `isWeak` below only recurses into results the kernel verified,
      // whose citations are acyclic, so this is never met by a well-formed registry.
      guard !visiting.contains(id) else {
        return (.unjustified, "circular: '\(id)' rests on itself")
      }
      visiting.insert(id)
      defer { visiting.remove(id) }
      // A kernel verdict is relative to the results the derivation cites. A cited result is
      // weak when the kernel's closure does not verify it (order-independent), or when it is
      // verified but the worlds refute it; a world where the claim is false may then blame it
      // rather than the kernel.
      let isWeak = { (cited: String) -> Bool in
        guard cited != id, [.verified, .assumed].contains(standing(cited)) else {
          return true
        }
        return ![.verified, .assumed].contains(status(cited).0)
      }
      for index in outcome.steps.indices {
        outcome.steps[index].citesUnverified = outcome.steps[index].cites.filter(isWeak)
      }
      outcomes[id] = outcome
      let cited = (outcome.checked?.uses ?? []).sorted().compactMap {
        if case .result(let cited) = $0 { cited } else { nil }
      }
      // A step the kernel verified from true premises, false on a world where the hypotheses
      // hold.
      if let step = outcome.steps.first(where: {
        $0.symbolic == .verified && !$0.restsOnFailure && $0.numeric == .refuted
      }) {
        conflicts.insert(id)
        statuses[id] = (
          .refuted,
          "CONFLICT: step \(step.id) is verified by the kernel, yet false on a world — an axiom or the kernel is wrong. "
            + (step.counterexample?.text ?? "")
        )
        return statuses[id]!
      }
      if let refutation {
        // Derived by the kernel from verified results only, yet false: the kernel or an axiom
        // schema is wrong.
        let conflict = outcome.checked != nil && !cited.contains(where: isWeak)
        if conflict { conflicts.insert(id) }
        statuses[id] = (
          .refuted,
          (conflict
            ? "CONFLICT: derived by the kernel, yet false on a world — an axiom or the kernel is wrong. "
            : falseOnWorld) + refutation
        )
        return statuses[id]!
      }
      let failed = outcome.steps.filter { $0.symbolic != .verified }
      var result: (Status, String)
      if !failed.isEmpty {
        result = (
          .unjustified, "not every step is justified: " + failed.map(\.id).joined(separator: ", ")
        )
      } else if let failure = outcome.failure
        ?? (outcome.checked == nil ? "the conclusion is not reached" : nil)
      {
        result = (.unjustified, failure)
      } else {
        switch standing(id) {
        case .verified:
          // The kernel's closure; a cited result that the worlds refute still weakens it.
          let weak = cited.filter(isWeak)
          result =
            !weak.isEmpty
            ? (
              .unjustified,
              "rests on results that are not verified: " + weak.joined(separator: ", ")
            )
            : (
              .verified,
              cited.isEmpty
                ? "every step verified"
                : "every step verified; rests on " + cited.joined(separator: ", ")
            )
        case .restsOn(let weak):
          result = (
            .unjustified, "rests on results that are not verified: " + weak.joined(separator: ", ")
          )
        case .circular(let cycle):
          result = (.unjustified, "circular citation: " + cycle.joined(separator: " → "))
        case .assumed, .unproved:
          result = (.unjustified, "the kernel recorded no proof of '\(id)'")
        }
      }
      statuses[id] = result
      return result
    }
    var findingsByResult: [String: [FindingDecl]] = [:]
    for finding in development.findings {
      findingsByResult[finding.result.text, default: []].append(finding)
    }
    var unconfirmed: [String] = []
    let derived = outcomes.mapValues { $0.steps.flatMap(\.cites) }
    let chosen = development.entries.filter { options.only.isEmpty || options.only.contains($0.id) }
    let results = chosen.map { entry -> ResultReport in
      let (state, reason) = status(entry.id)
      let steps = outcomes[entry.id]?.steps ?? []
      let judgement = FindingJudgement(
        findings: findingsByResult[entry.id] ?? [], id: entry.id, status: state, reason: reason,
        steps: steps, numeric: numeric[entry.id], conflict: conflicts.contains(entry.id))
      unconfirmed += judgement.unconfirmed
      let below = development.restingOn([entry.id], derived: derived).subtracting([entry.id])
        .sorted(by: Loader.naturalOrder)
      let isAxiom = { (id: String) in development.entry(id)?.kind == .axiom }
      return ResultReport(
        entry: entry, status: judgement.status, reason: judgement.reason, steps: steps,
        numeric: numeric[entry.id], axioms: below.filter(isAxiom),
        restsOn: below.filter { !isAxiom($0) })
    }
    return CheckReport(
      options: options, files: development.files, results: results,
      unconfirmedFindings: unconfirmed.sorted(), outcomes: outcomes,
      numericTimes: Dictionary(
        uniqueKeysWithValues: zip(targets.map(\.id), times.withLock { $0 })),
      numericCached: cached.withLock { $0 }.sorted(), importedFiles: development.imported.count,
      axiomsLoaded: development.entries.filter { $0.kind == .axiom }.count)
  }
}
