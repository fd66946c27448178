import BEBKernel
import BEBSyntax

/// Everything that can be wrong with a well-parsed development: unknown names, sorts,
/// duplicate ids, circular definitions. All message text of the elaborator is written here.
public enum ElaborationError: Error, Equatable, Sendable {
  case unknownName(String, suggestion: String?)
  case unknownResult(String, suggestion: String?)
  case unknownSort(String, suggestion: String?)
  case duplicateID(String, previous: String)
  case duplicateName(String)
  case sortMismatch(expected: String, found: Sort, context: String)
  case arity(String, expected: Int, found: Int)
  case formulaExpected(found: Sort)
  case termExpected(what: String)
  case notAFunction(String, Sort)
  case notADefinition(String, kind: String)
  case circularDefinition([String])
  case unguardedRecursion(String)
  case placeholderMisplaced
  case previousMisplaced
  case badNumber(String)
  case unsupported(String)
  case duplicateProof(String)
  case builtinName(String)
  case behaviorLaws(found: Int)

  public var message: String {
    switch self {
    case .unknownName(let name, let suggestion):
      return "unknown name '\(name)'" + Self.hint(suggestion)
    case .unknownResult(let id, let suggestion):
      return "unknown result '\(id)'" + Self.hint(suggestion)
    case .unknownSort(let name, let suggestion):
      return "unknown sort '\(name)'" + Self.hint(suggestion)
        + (suggestion == nil
          ? " (sorts: Real, Nat, Int, Prob, Text, Sentence, Dist, Behavior, Bool)" : "")
    case .duplicateID(let id, let previous):
      return "duplicate id '\(id)': already declared at \(previous)"
    case .duplicateName(let name): return "'\(name)' is already declared here"
    case .sortMismatch(let expected, let found, let context):
      return "sort mismatch in \(context): expected \(expected), found \(found.rawValue)"
    case .arity(let name, let expected, let found):
      return "'\(name)' takes \(expected) argument\(expected == 1 ? "" : "s"), found \(found)"
    case .formulaExpected(let found):
      return "expected a formula, found a term of sort \(found.rawValue)"
    case .termExpected(let what): return "expected a term, found \(what)"
    case .notAFunction(let name, let sort):
      return "'\(name)' has sort \(sort.rawValue) and cannot be applied to arguments"
    case .notADefinition(let id, let kind):
      return "'\(id)' is a \(kind), not a definition: cite it in a proof with 'by \(id)'"
    case .circularDefinition(let cycle):
      return "circular definition: " + cycle.joined(separator: " → ")
    case .unguardedRecursion(let id):
      return
        "'\(id)' applies itself, but not as a recursion beb accepts: the body must read "
        + "(k = 0 ∧ A) ∨ (k ≥ 1 ∧ C), with k the first parameter (a Real), A not applying "
        + "'\(id)', and every '\(id)(…)' in C applied to k - 1 first"
    case .placeholderMisplaced: return "'·' can only stand alone before '|', as in P(·|s0)"
    case .previousMisplaced:
      return "'_' stands for the previous right-hand side and can only start a calc line"
    case .badNumber(let text): return "malformed number '\(text)'"
    case .unsupported(let what): return "unsupported: \(what)"
    case .duplicateProof(let id): return "second proof of '\(id)'"
    case .builtinName(let name):
      return "'\(name)' is a built-in function and cannot be declared as a name"
    case .behaviorLaws(let found):
      return "'B[…]' takes exactly one distribution in brackets, found \(found)"
    }
  }

  private static func hint(_ suggestion: String?) -> String {
    suggestion.map { "; did you mean '\($0)'?" } ?? ""
  }

  /// The candidate closest to `name` by edit distance, if it is close enough to be a likely
  /// typo (within `limit` edits; by default a third of the name's length, 1 to 3). Ties go to
  /// the alphabetically first candidate, so the hint is deterministic.
  public static func suggestion(
    for name: String, among candidates: some Sequence<String>, within limit: Int? = nil
  ) -> String? {
    let target = Array(name.unicodeScalars)
    let limit = limit ?? max(1, min(3, target.count / 3))
    var best: (distance: Int, name: String)?
    for candidate in candidates where candidate != name {
      // Greek names are also compared by their ASCII spelling: 'gama' is close to 'γ'.
      let distance = min(
        editDistance(target, Array(candidate.unicodeScalars)),
        editDistance(target, Array(Lexer.asciiSpelling(candidate).unicodeScalars)))
      guard distance <= limit else { continue }
      if best == nil || (distance, candidate) < (best!.distance, best!.name) {
        best = (distance, candidate)
      }
    }
    return best?.name
  }

  /// Levenshtein distance between two scalar sequences.
  static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
      var current = [i + 1]
      for (j, y) in b.enumerated() {
        current.append(
          Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
      }
      previous = current
    }
    return previous[b.count]
  }
}

/// An elaboration error at a place in a file.
public struct LocatedElaborationError: Error, Sendable {
  public let error: ElaborationError
  public let span: Span

  public init(_ error: ElaborationError, _ span: Span) {
    self.error = error
    self.span = span
  }
}
