import BEBKernel

// Decimal notation, both ways: reading the numerals of the language (the elaborator turns
// them into the kernel's `Rational` values; the kernel never reads text) and printing exact
// values for tables, plots and reports. Kept out of the trusted kernel.

extension BigInt {
  /// Parses an optional leading `-` followed by one or more ASCII digits `0`-`9`.
  ///
  /// Leading zeros are allowed (`"007"` is 7) and `"-0"` is zero. Returns nil for anything
  /// else: the empty string, a lone `-`, a `+` sign, whitespace, or any other character.
  public init?(decimal: String) {
    var digits = Array(decimal.utf8)
    var negative = false
    if digits.first == UInt8(ascii: "-") {
      negative = true
      digits.removeFirst()
    }
    guard !digits.isEmpty else { return nil }
    var value = BigInt.zero
    var index = 0
    while index < digits.count {
      // Up to 9 digits at a time (a chunk and its scale fit in an Int).
      let end = Swift.min(index + 9, digits.count)
      var chunk = 0
      var scale = 1
      for byte in digits[index..<end] {
        guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
        chunk = chunk * 10 + Int(byte - UInt8(ascii: "0"))
        scale *= 10
      }
      value = value * BigInt(scale) + BigInt(chunk)
      index = end
    }
    self = negative ? -value : value
  }
}

extension Rational {
  /// Parses one of these forms (ASCII only, no whitespace, no `+`, no exponent):
  /// - integer: `-`? digits, e.g. `42`, `-7`, `007`;
  /// - decimal: `-`? digits `.` digits, e.g. `0.25`, `-3.125` (`.5` and `1.` are rejected);
  /// - fraction: `-`? digits `/` digits with a nonzero denominator, e.g. `-3/4`, `6/8` (reduced
  ///   to 3/4); `1/0` and `1/-2` are rejected.
  /// Returns nil for anything else.
  public init?(decimal text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    if parts.count == 2 {
      guard let n = BigInt(decimal: String(parts[0])),
        parts[1].utf8.first != UInt8(ascii: "-"),
        let d = BigInt(decimal: String(parts[1])), !d.isZero
      else { return nil }
      self.init(n, d)
      return
    }
    guard parts.count == 1 else { return nil }
    let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
    if pieces.count == 1 {
      guard let n = BigInt(decimal: text) else { return nil }
      self.init(n)
      return
    }
    guard pieces.count == 2 else { return nil }
    let whole = pieces[0]
    let fraction = pieces[1]
    // The integer part must contain a digit, and the fraction must be digits only.
    guard !whole.isEmpty, whole != "-", !fraction.isEmpty,
      fraction.utf8.first != UInt8(ascii: "-"),
      let n = BigInt(decimal: String(whole) + String(fraction))
    else { return nil }
    self.init(n, BigInt(10).power(fraction.utf8.count))
  }

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
