import BEBKernel

// Readable renderings of the kernel's normal forms, for messages and test output (kept out of
// the kernel: nothing here is trusted).

extension Monomial: CustomStringConvertible {
  /// E.g. `1`, `[x:Real]^2*[y:Real]`.
  public var description: String {
    if isOne { return "1" }
    return factors.map { "[\($0.atom.key)]" + ($0.exponent == 1 ? "" : "^\($0.exponent)") }
      .joined(separator: "*")
  }
}

extension Polynomial: CustomStringConvertible {
  /// E.g. `0`, `2*[x:Real]^2 + -1/3*[y:Real] + 1`.
  public var description: String {
    if isZero { return "0" }
    return summands.map { s in
      s.monomial.isOne ? s.coefficient.description : "\(s.coefficient)*\(s.monomial)"
    }.joined(separator: " + ")
  }
}

extension RationalFunction: CustomStringConvertible {
  /// E.g. `2*[x:Real] + 1` or `([x:Real]) / ([y:Real] + 1)`.
  public var description: String {
    denominator == .one ? numerator.description : "(\(numerator)) / (\(denominator))"
  }
}
