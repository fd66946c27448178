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

  /// Whether values of this sort are real numbers (so arithmetic and `<` apply).
  public var isNumeric: Bool { [.nat, .int, .prob, .real].contains(self) }

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
