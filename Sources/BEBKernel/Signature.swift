/// Why an operator cannot be applied to arguments of the given sorts.
public enum SortError: Error, Hashable, Sendable {
  /// The operator takes `expected` arguments, not `found`.
  case arity(Operator, expected: Int, found: Int)
  /// Argument `index` (from 0) has sort `found`, where `expected` (a description such as
  /// "a number" or "Text") was needed.
  case argument(Operator, index: Int, expected: String, found: Sort)
}

/// The sorts of the function symbols: the single place where the theory's vocabulary is typed.
public enum Signature {
  private enum Expectation {
    case numeric
    case sort(Sort)

    func admits(_ sort: Sort) -> Bool {
      switch self {
      case .numeric: return sort.isNumeric
      case .sort(let wanted): return sort.isSubsort(of: wanted)
      }
    }

    var text: String {
      switch self {
      case .numeric: return "a number"
      case .sort(let sort): return sort.rawValue
      }
    }
  }

  private static func arguments(of op: Operator) -> [Expectation] {
    switch op {
    case .add, .sub, .mul, .div, .pow, .min, .max: return [.numeric, .numeric]
    case .neg, .log, .exp, .sqrt, .abs, .ceil, .floor: return [.numeric]
    case .concat: return [.sort(.text), .sort(.text)]
    case .length: return [.sort(.text)]
    case .sentenceAt, .prefixBefore: return [.sort(.text), .sort(.nat)]
    case .emptyText: return []
    case .probOf: return [.sort(.dist), .sort(.text)]
    case .probGiven: return [.sort(.dist), .sort(.text), .sort(.text)]
    case .conditional: return [.sort(.dist), .sort(.text)]
    case .mixture: return [.numeric, .sort(.dist), .sort(.dist)]
    case .bestOfN: return [.sort(.dist), .sort(.behavior), .sort(.nat)]
    case .kl: return [.sort(.dist), .sort(.dist)]
    case .behavior: return [.sort(.behavior), .sort(.sentence)]
    case .behaviorMean: return [.sort(.behavior), .sort(.dist)]
    case .behaviorAfter: return [.sort(.behavior), .sort(.dist), .sort(.text)]
    }
  }

  /// The sort of `op` applied to arguments of sorts `args`, or why it is ill-sorted.
  ///
  /// Results: sums and products of naturals are natural, `|s|` is natural, `⌈x⌉` and `⌊x⌋`
  /// are integers, probabilities `P(..)` lie in `Prob`, behaviors are reals in [-1, 1];
  /// every other numeric operation is `Real`.
  public static func sort(of op: Operator, arguments args: [Sort]) throws(SortError) -> Sort {
    let wanted = arguments(of: op)
    guard wanted.count == args.count else {
      throw .arity(op, expected: wanted.count, found: args.count)
    }
    for (index, (expectation, found)) in zip(wanted, args).enumerated()
    where !expectation.admits(found) {
      throw .argument(op, index: index, expected: expectation.text, found: found)
    }
    switch op {
    case .add, .mul:
      return args.allSatisfy { $0 == .nat } ? .nat : .real
    case .min, .max:
      return args[0].join(args[1]) ?? .real
    case .length: return .nat
    case .ceil, .floor: return .int
    case .concat, .prefixBefore, .emptyText: return .text
    case .sentenceAt: return .sentence
    case .probOf, .probGiven: return .prob
    case .conditional, .mixture, .bestOfN: return .dist
    default: return .real
    }
  }

  /// The sort of the bound variable's range terms and of the body of a binder.
  /// Sums, products and expectations take a numeric body; `sum`/`product` bounds are `Nat`.
  public static func sort(of binder: Binder, body: Sort) -> Sort {
    switch binder {
    case .sum, .product: return body == .nat ? .nat : .real
    default: return .real
    }
  }
}
