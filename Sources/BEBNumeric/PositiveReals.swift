import BEBKernel

/// Deciding `∀ ε > 0, φ(ε)` over the reals (Theorem 3.2's "for every ε > 0 there is a prompt of
/// length at most (1/β)(log(1/ε) + …)") by covering (0, ∞) with finitely many intervals.
///
/// The evaluator encloses every term over intervals of its variables' values (each operation
/// encloses its result over the whole box of its operands), so φ evaluated with ε bound to an
/// interval I is `yes` only if φ(ε) holds for every ε in I — a witness found for an
/// existential inside must work for the whole interval (|s| ≤ the bound's lowest value,
/// B(s) < γ + I's lowest value). The pieces are (0, 1/64] (evaluated on [0, 1/64], wider),
/// [1/64, 1/32], …, [2, 4], [4, ∞). On the first one c/ε is undefined at 0 (x/0 = 0 would
/// give 0): there each `c/ε` is
/// replaced by `c · w` with w bound to [64, ∞), independent of ε — a box that holds every
/// (ε, 1/ε) of the piece, so a `yes` on the box is a `yes` for the piece. Anything else of
/// ε near 0 (log ε, 1/ε²) leaves the piece undecided. On the last one 1/ε comes near 0,
/// where log is undefined on an enclosure: there log(c/ε) with c > 0 is evaluated as
/// log c − log ε (equal for every ε > 0). Only `yes` is concluded here: a piece
/// that fails proves nothing (the enclosures are wider than the values).
extension Evaluator {
  /// The first piece is (0, 1/tail]; the last one [head, ∞).
  static let positiveTail = 64
  static let positiveHead = 4

  /// Whether `premise` says `v > 0` (`v > 0` or `0 < v`).
  static func saysPositive(_ premise: Formula, _ v: Variable) -> Bool {
    switch premise {
    case .relation(.gt, .variable(v), .number(let z)), .relation(.lt, .number(let z), .variable(v)):
      return z.isZero
    default: return false
    }
  }

  /// `.yes` when `body` holds for every v > 0 by the covering above, else nil.
  func everyPositive(_ v: Variable, _ body: Formula, _ env: Bindings, depth: Int)
    -> Truth?
  {
    let reciprocal = Variable("1/\(v.name)#", .real)
    let nearZero = Self.rewriting(body, free: v) { t in
      guard case .apply(.div, let args) = t, args[1] == .variable(v), !args[0].mentions(v) else {
        return nil
      }
      return .apply(.mul, [args[0], .variable(reciprocal)])
    }
    var inner = env
    inner[v] = .number(Interval(.zero, Rational(BigInt(1), BigInt(Self.positiveTail))))
    inner[reciprocal] = .number(Interval(float: Double(Self.positiveTail), .infinity))
    guard evaluate(nearZero, inner, depth: depth + 1) == .yes else { return nil }
    var low = Rational(BigInt(1), BigInt(Self.positiveTail))
    while low < Rational(Self.positiveHead) {
      let high = low * Rational(2)
      inner = env
      inner[v] = .number(Interval(low, high))
      guard evaluate(body, inner, depth: depth + 1) == .yes else { return nil }
      low = high
    }
    // [head, ∞): 1/ε comes near 0, where log is undefined on the enclosure; log(c/ε) is
    // log c − log ε there when c > 0 — and `log c` has a value only for an enclosure of c
    // above 0 (else the piece is undecided), wherever c is evaluated.
    let farOut = Self.rewriting(body, free: v) { t in
      guard case .apply(.log, let inside) = t, case .apply(.div, let args) = inside[0],
        args[1] == .variable(v), !args[0].mentions(v)
      else { return nil }
      return .apply(.sub, [.apply(.log, [args[0]]), .apply(.log, [.variable(v)])])
    }
    inner = env
    inner[v] = .number(Interval(float: Double(Self.positiveHead), .infinity))
    return evaluate(farOut, inner, depth: depth + 1) == .yes ? .yes : nil
  }
}
