/// Deterministic decimal formatting of floating-point numbers for plots and summaries: the
/// same value always gives the same text (no locale, no shortest-representation heuristics).
enum Decimal {
  /// `value` rounded to `digits` fraction digits (half away from zero), trailing zeros kept;
  /// NaN and infinities print as `0` (plots clamp them before they get here).
  static func string(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return "0" }
    var scale = 1.0
    for _ in 0..<max(0, digits) { scale *= 10 }
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9e15 else { return value < 0 ? "-9e15" : "9e15" }
    let whole = Int64(scaled)
    let negative = value < 0 && whole != 0
    var text = String(whole)
    if digits > 0 {
      if text.count <= digits {
        text = String(repeating: "0", count: digits - text.count + 1) + text
      }
      text.insert(".", at: text.index(text.endIndex, offsetBy: -digits))
    }
    return (negative ? "-" : "") + text
  }

  /// A coordinate for SVG: two fraction digits, trailing zeros and point dropped.
  static func coordinate(_ value: Double) -> String {
    var text = string(value, digits: 2)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
  }
}
