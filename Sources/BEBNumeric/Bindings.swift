import BEBKernel

/// The values of the variables bound around a formula being evaluated (quantified, summed
/// over, obtained, a definition's parameters): a few pairs, searched from the latest.
///
/// Evaluation looks a variable up at every occurrence, and the world's parameters after a
/// miss here. At this size (a handful of bindings) a scan that compares variables — their
/// names' hashes first, see `Variable` — is cheaper than a dictionary, which hashes the key
/// with a seeded hasher on every lookup; that hashing was about a twentieth of the time of a
/// check on worlds. A variable bound again (an inner quantifier reusing a name, a loop
/// changing its value in place) keeps one entry, so a lookup sees the latest value.
public struct Bindings: Sendable, Equatable, ExpressibleByDictionaryLiteral {
  private struct Entry: Sendable, Equatable {
    let variable: Variable
    var value: Value
  }
  private var entries: [Entry] = []

  public init() {}

  public init(dictionaryLiteral elements: (Variable, Value)...) {
    self.init(elements)
  }

  /// The pairs in order; a variable given twice keeps its last value.
  public init<S: Sequence>(_ pairs: S) where S.Element == (Variable, Value) {
    entries.reserveCapacity(pairs.underestimatedCount)
    for (variable, value) in pairs { self[variable] = value }
  }

  /// The pairs of a dictionary, whose keys are distinct: no entry is looked for before it is
  /// added (an evaluator is made for every world a sampler tries, and the pairs of each).
  public init(distinct pairs: [Variable: Value]) {
    // The keys and the values walked side by side, each as its own type: a map over the
    // dictionary's (key, value) pairs copied each pair through the runtime's generic tuple
    // witnesses, twice (two fifths of `Evaluator.init` in a sampler's repairs).
    entries.reserveCapacity(pairs.count)
    for (variable, value) in zip(pairs.keys, pairs.values) {
      entries.append(Entry(variable: variable, value: value))
    }
  }

  private func index(of variable: Variable) -> Int? {
    var i = entries.count
    while i > 0 {
      i -= 1
      if entries[i].variable == variable { return i }
    }
    return nil
  }

  /// The value bound to `variable`, if any; setting nil removes the binding.
  public subscript(variable: Variable) -> Value? {
    get { index(of: variable).map { entries[$0].value } }
    set {
      if let i = index(of: variable) {
        if let newValue {
          entries[i].value = newValue
        } else {
          entries.remove(at: i)
        }
      } else if let newValue {
        entries.append(Entry(variable: variable, value: newValue))
      }
    }
  }

  /// The values bound, in the order their variables were first bound.
  public var values: [Value] { entries.map(\.value) }

  public var isEmpty: Bool { entries.isEmpty }
}
