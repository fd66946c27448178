import BEBKernel
import BEBSyntax

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
  /// Whether a conjunction (such as a chain a ≤ b ≤ c) is proved part by part: a part that is
  /// a cited fact as it is, the others by the rule.
  let partwise: Bool
  /// Whether the rule proves a ∀ claim as a whole; for every other rule the checker proves
  /// the body for a new variable and generalises.
  let wholeForall: Bool
  /// How a `have`, `show` or calc step by this rule is justified: a kernel theorem of the
  /// claim, or a `StepError`.
  let apply: @Sendable (inout ProofChecker, RuleStep) throws -> Theorem
  /// For a rule that opens an ∃ (`obtain … by RULE`): the ∃ theorem.
  let open: (@Sendable (inout ProofChecker, Justification) throws -> Theorem)?

  init(
    name: String, family: Family, proves: String, usage: String, sideConditions: String,
    kernel: [String], partwise: Bool = false, wholeForall: Bool = false,
    apply: @escaping @Sendable (inout ProofChecker, RuleStep) throws -> Theorem,
    open: (@Sendable (inout ProofChecker, Justification) throws -> Theorem)? = nil
  ) {
    self.name = name
    self.family = family
    self.proves = proves
    self.usage = usage
    self.sideConditions = sideConditions
    self.kernel = kernel
    self.partwise = partwise
    self.wholeForall = wholeForall
    self.apply = apply
    self.open = open
  }

  /// The table, by family: Rules+Logic.swift, Rules+Arithmetic.swift, Rules+Probability.swift
  /// (each entry with its apply function).
  public static let all: [ProofRule] = logic + arithmetic + probability

  /// Every rule name, in the table's order.
  public static var names: [String] { all.map(\.name) }

  public static func named(_ name: String) -> ProofRule? { byName[name] }

  static let byName = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
}

/// What a rule is applied to: the claim, the step's justification, and the facts it cites.
struct RuleStep {
  let claim: Formula
  let why: Justification
  let cited: [Theorem]
}
