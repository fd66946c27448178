import BEBKernel

/// Printing exact values in decimal (for tables, plots and reports): presentation, kept out of
/// the trusted kernel.
extension Rational {
  /// The value rounded to the nearest multiple of `10^-fractionDigits`, ties away from zero,
  /// written with exactly `fractionDigits` digits after the point (no point when it is 0).
  /// Examples: 1/3 with 4 -> `"0.3333"`, -2/3 with 4 -> `"-0.6667"`, 5 with 2 -> `"5.00"`,
  /// 5/2 with 0 -> `"3"`. A negative value that rounds to zero prints without a sign
  /// (-1/1000 with 2 -> `"0.00"`). Precondition: `fractionDigits >= 0`.
  public func decimalString(fractionDigits: Int) -> String {
    precondition(fractionDigits >= 0, "decimalString with negative fractionDigits")
    let scaled = numerator.magnitude * BigInt(10).power(fractionDigits)
    var (q, r) = scaled.quotientAndRemainder(dividingBy: denominator)
    if r + r >= denominator { q += .one }
    var digits = q.description
    if digits.utf8.count <= fractionDigits {
      digits = String(repeating: "0", count: fractionDigits + 1 - digits.utf8.count) + digits
    }
    let sign = numerator.isNegative && !q.isZero ? "-" : ""
    if fractionDigits == 0 { return sign + digits }
    let split = digits.index(digits.endIndex, offsetBy: -fractionDigits)
    return sign + String(digits[..<split]) + "." + String(digits[split...])
  }
}
