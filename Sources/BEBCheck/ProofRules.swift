/// The justifications a proof step can name (`by RULE`), as data: the one list that
/// `beb rules`, the "did you mean" of an unknown rule and the tests that hold docs/LANGUAGE.md
/// and the checker to it are derived from. (A step may also name a fact, a hypothesis or a
/// result instead of a rule.)
public struct ProofRule: Sendable {
  public enum Family: String, Sendable, CaseIterable {
    case logic, arithmetic, probability
  }

  public let name: String
  public let family: Family
  /// The forms of claim the rule proves.
  public let proves: String
  /// How it is written, with what it needs.
  public let usage: String
  /// What must hold besides, and is never assumed silently.
  public let sideConditions: String
  /// The kernel's primitive rules the step is replayed with (`KernelInfo.rules`).
  public let kernel: [String]

  public static let all: [ProofRule] = [
    // Logic.
    ProofRule(
      name: "def", family: .logic,
      proves: "the unfolding of a definition in a cited fact, or its folding",
      usage: "by def [h]", sideConditions: "none", kernel: ["unfold", "fold"]),
    ProofRule(
      name: "cases", family: .logic, proves: "any claim",
      usage: "by cases [h, facts…] with h : A ∨ B (or x ∈ {a, b})",
      sideConditions: "the claim follows in each case from that case and the facts",
      kernel: ["cases"]),
    ProofRule(
      name: "witness", family: .logic, proves: "∃ x, φ",
      usage: "by witness [facts] with x := t",
      sideConditions: "φ with t for x follows from the facts",
      kernel: ["witness"]),
    ProofRule(
      name: "intro", family: .logic, proves: "∀ x…, A ⇒ … ⇒ C",
      usage: "after `fix x : S` and `suppose a : A` steps: by intro [h] with h : C",
      sideConditions: "discharges the assumptions and generalises the fixed variables",
      kernel: ["discharge", "generalize"]),
    // Arithmetic.
    ProofRule(
      name: "ring", family: .arithmetic, proves: "a = b",
      usage: "by ring, or by ring [e1, …] to rewrite with equations first",
      sideConditions: "equal polynomials in the atoms (division total, x/0 = 0)",
      kernel: ["ring"]),
    ProofRule(
      name: "subst", family: .arithmetic, proves: "a = b",
      usage: "by subst [e1, …]: each equation's left side replaced by its right side",
      sideConditions: "the two sides then have equal normal forms", kernel: ["ring"]),
    ProofRule(
      name: "field", family: .arithmetic, proves: "a = b",
      usage: "by field [facts]",
      sideConditions: "equal rational functions; every divisor shown nonzero from the facts",
      kernel: ["field", "nonzero"]),
    ProofRule(
      name: "linarith", family: .arithmetic, proves: "≤ < ≥ >, and = (as ≤ both ways)",
      usage: "by linarith [facts]",
      sideConditions:
        "a nonnegative combination of the facts and of the atoms' ranges; an equation cites the axiom schema ax-le-antisymm",
      kernel: ["linarith", "bounds"]),
    ProofRule(
      name: "nlinarith", family: .arithmetic, proves: "= ≤ < ≥ >",
      usage: "by nlinarith [facts]", sideConditions: "as linarith, with pairwise products of facts",
      kernel: ["linarith", "bounds"]),
    ProofRule(
      name: "positivity", family: .arithmetic, proves: "t > 0, t ≥ 0, t ≠ 0",
      usage: "by positivity [facts]",
      sideConditions: "from the structure of t and facts about its parts", kernel: ["sign"]),
    ProofRule(
      name: "mono", family: .arithmetic, proves: "C[u] ⋈ C[v]",
      usage: "by mono [facts]",
      sideConditions:
        "u ⋈ v from the facts, and C monotone at the hole (+, −, k·x with k ≥ 0, x/d with d ≥ 0, n/x, log, exp, sqrt, powers)",
      kernel: ["mono"]),
    ProofRule(
      name: "triangle", family: .arithmetic, proves: "|Σ_x f| ≤ Σ_x |f| (also for E)",
      usage: "by triangle", sideConditions: "none", kernel: ["sumTriangle"]),
    ProofRule(
      name: "sum_le", family: .arithmetic, proves: "Σ_x f ≤ Σ_x g, or Σ_x f = Σ_x g (also for E)",
      usage: "by sum_le [h] with h : ∀ x, f ≤ g (or ∀ x, f = g: the sums are equal)",
      sideConditions: "h stated for the terms the sum weighs", kernel: ["sumMonotone"]),
    ProofRule(
      name: "sum_const", family: .arithmetic, proves: "Σ_{i=a..b} c = c · (b - a + 1)",
      usage: "by sum_const [h] with h : a ≤ b + 1", sideConditions: "none",
      kernel: ["sumConstant"]),
    // Probability.
    ProofRule(
      name: "expect_const", family: .probability, proves: "E[x ~ D] c = c",
      usage: "by expect_const", sideConditions: "D a distribution", kernel: ["expectConstant"]),
    ProofRule(
      name: "exists_above_mean", family: .probability,
      proves: "(in obtain) ∃ x, |x| = n ∧ D(x) > 0 ∧ f > t",
      usage:
        "obtain x such that … by exists_above_mean [h] with h : E[x ~ D, |x| = n] f > t (or ≥)",
      sideConditions: "D a distribution", kernel: ["existsAboveMean", "obtain"]),
    ProofRule(
      name: "cantelli", family: .probability,
      proves: "Pr[x ~ D](f ≥ E f + c) ≤ Var f / (Var f + c²), and the lower tail (f ≤ E f - c)",
      usage: "by cantelli [h] with h : c > 0", sideConditions: "c > 0; D a distribution",
      kernel: ["cantelli"]),
    ProofRule(
      name: "markov", family: .probability, proves: "Pr[x ~ D](f ≥ c) ≤ E f / c",
      usage: "by markov [facts]", sideConditions: "f ≥ 0 on D's support, c > 0",
      kernel: ["markov"]),
    ProofRule(
      name: "union_bound", family: .probability, proves: "Pr(φ ∨ ψ) ≤ Pr(φ) + Pr(ψ)",
      usage: "by union_bound", sideConditions: "D a distribution", kernel: ["unionBound"]),
    ProofRule(
      name: "complement", family: .probability, proves: "Pr(¬φ) = 1 - Pr(φ)",
      usage: "by complement", sideConditions: "D a distribution", kernel: ["complement"]),
    ProofRule(
      name: "pr_mono", family: .probability, proves: "Pr(φ) ≤ Pr(ψ)",
      usage: "by pr_mono [h] with h : ∀ x, φ ⇒ ψ (or ∀ x, D(x) > 0 ∧ φ ⇒ ψ)",
      sideConditions: "D a distribution", kernel: ["eventMonotone"]),
    ProofRule(
      name: "mixture_event", family: .probability,
      proves: "Pr[x ~ M(·|q)](φ) = w · Pr[x ~ P(·|q)](φ) + (1 - w) · Pr[x ~ Q(·|q)](φ)",
      usage: "by mixture_event [facts], M = mix(α, P, Q), w = α·P(q)/(α·P(q) + (1 - α)·Q(q))",
      sideConditions: "α ∈ [0, 1] and M(q) > 0", kernel: ["mixtureEvent"]),
  ]

  /// Every rule name, in the table's order.
  public static var names: [String] { all.map(\.name) }

  public static func named(_ name: String) -> ProofRule? { all.first { $0.name == name } }
}

/// The name of every rule a step can name, one case each: the checker's dispatch switches over
/// it exhaustively, and a test holds `ProofRule.all` to it (one description per case).
public enum RuleName: String, CaseIterable, Sendable {
  case `def`, cases, witness, intro
  case ring, subst, field, linarith, nlinarith, positivity, mono, triangle
  case sumLe = "sum_le"
  case sumConst = "sum_const"
  case expectConst = "expect_const"
  case existsAboveMean = "exists_above_mean"
  case cantelli, markov, complement
  case unionBound = "union_bound"
  case prMono = "pr_mono"
  case mixtureEvent = "mixture_event"
}
