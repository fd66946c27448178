/// The sorts of beb's terms.
///
/// Numeric sorts form a small lattice: `nat ⊑ int ⊑ real` and `prob ⊑ real`. A text is a
/// finite concatenation of sentences, so `sentence ⊑ text`. Distributions, behaviors and
/// formulas (`bool`) stand apart: nothing converts to or from them.
public enum Sort: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
  case nat = "Nat"
  case int = "Int"
  case prob = "Prob"
  case real = "Real"
  case sentence = "Sentence"
  case text = "Text"
  case dist = "Dist"
  case behavior = "Behavior"
  case bool = "Bool"

  public var description: String { rawValue }

  /// By case: a `String`-backed enum otherwise hashes its raw value, and sorts are hashed
  /// with every variable (equality is by case either way, so this agrees with `==`).
  public func hash(into hasher: inout Hasher) {
    switch self {
    case .nat: hasher.combine(0)
    case .int: hasher.combine(1)
    case .prob: hasher.combine(2)
    case .real: hasher.combine(3)
    case .sentence: hasher.combine(4)
    case .text: hasher.combine(5)
    case .dist: hasher.combine(6)
    case .behavior: hasher.combine(7)
    case .bool: hasher.combine(8)
    }
  }

  /// Whether values of this sort are real numbers (so arithmetic and `<` apply).
  public var isNumeric: Bool {
    switch self {
    case .nat, .int, .prob, .real: return true
    default: return false
    }
  }

  /// Whether a value of sort `self` may stand where a value of sort `other` is expected.
  public func isSubsort(of other: Sort) -> Bool {
    if self == other { return true }
    switch (self, other) {
    case (.nat, .int), (.nat, .real), (.int, .real), (.prob, .real), (.sentence, .text):
      return true
    default:
      return false
    }
  }

  /// The least sort above both, if the two are comparable at all.
  public func join(_ other: Sort) -> Sort? {
    if isSubsort(of: other) { return other }
    if other.isSubsort(of: self) { return self }
    if isNumeric && other.isNumeric { return .real }
    return nil
  }
}
