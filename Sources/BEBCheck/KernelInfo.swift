/// Facts about the kernel for the audit line of reports: its size and its rules. (Kept out of
/// the kernel: it is bookkeeping, not something to trust.)
public enum KernelInfo {
  /// Code lines (not blank, not comment-only) in Sources/BEBKernel. A
  /// test recounts them and fails when this number is out of date.
  public static let codeLines = 2500

  /// The kernel's rules, by the names proofs use (axiom schemas are in theorems/axioms/).
  public static let rules = [
    "hypothesis", "instantiate", "conjunct", "conjunction", "modusPonens", "unfold", "fold",
    "cite", "witness", "obtain", "transitivity", "fix", "generalize",
    "ring", "field", "linarith", "sign", "bounds", "mono", "nonzero", "sumMonotone",
    "sumTriangle", "existsAboveMean", "expectConstant", "sumConstant", "cantelli", "markov",
    "unionBound", "complement", "eventMonotone", "mixtureEvent", "assume", "discharge", "cases",
    "admit", "disjunction", "induction",
    "intro (fix, suppose)",
  ]
}
