/// A small line chart as inline SVG: axes with ticks at 1-2-5 steps, axis labels, a title, a
/// legend, and series drawn as lines (solid or dashed) or as marked points. Coordinates are
/// printed with two decimals, so the same data give the same bytes.
public struct Chart: Sendable {
  /// One series of the chart.
  public struct Series: Sendable {
    public enum Style: Sendable { case line, dashed, points }
    public let name: String
    public let colour: String
    public let style: Style
    public let points: [(x: Double, y: Double)]

    public init(name: String, colour: String, style: Style, points: [(x: Double, y: Double)]) {
      self.name = name
      self.colour = colour
      self.style = style
      self.points = points
    }
  }

  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var xRange: ClosedRange<Double>
  public var yRange: ClosedRange<Double>
  public var series: [Series]

  static let width = 640.0, height = 360.0
  static let left = 64.0, right = 16.0, top = 36.0, bottom = 52.0

  /// The chart as an `<svg>` element; every text is escaped for HTML.
  public func svg() -> String {
    let c = Decimal.coordinate
    let plotWidth = Chart.width - Chart.left - Chart.right
    let plotHeight = Chart.height - Chart.top - Chart.bottom
    let xSpan = max(xRange.upperBound - xRange.lowerBound, 1e-9)
    let ySpan = max(yRange.upperBound - yRange.lowerBound, 1e-9)
    func px(_ x: Double) -> Double { Chart.left + (x - xRange.lowerBound) / xSpan * plotWidth }
    func py(_ y: Double) -> Double {
      let clamped = min(max(y, yRange.lowerBound), yRange.upperBound)
      return Chart.top + (yRange.upperBound - clamped) / ySpan * plotHeight
    }
    let legendHeight = 18.0 * Double(series.count)
    let total = Chart.height + legendHeight
    var out =
      "<svg class=\"plot\" role=\"img\" aria-label=\"\(Escape.html(title))\" width=\"\(c(Chart.width))\" "
      + "height=\"\(c(total))\" viewBox=\"0 0 \(c(Chart.width)) \(c(total))\">\n"
    out +=
      "<text x=\"\(c(Chart.width / 2))\" y=\"20\" text-anchor=\"middle\" font-weight=\"bold\">"
      + Escape.html(title) + "</text>\n"
    out +=
      "<rect x=\"\(c(Chart.left))\" y=\"\(c(Chart.top))\" width=\"\(c(plotWidth))\" "
      + "height=\"\(c(plotHeight))\" fill=\"none\" stroke=\"#444\"/>\n"
    let xStep = Chart.step(xSpan)
    let yStep = Chart.step(ySpan)
    for tick in Chart.ticks(xRange, xStep) {
      let x = px(tick)
      out +=
        "<line x1=\"\(c(x))\" y1=\"\(c(Chart.top + plotHeight))\" x2=\"\(c(x))\" "
        + "y2=\"\(c(Chart.top + plotHeight + 5))\" stroke=\"#444\"/>"
        + "<text x=\"\(c(x))\" y=\"\(c(Chart.top + plotHeight + 18))\" text-anchor=\"middle\">"
        + Chart.label(tick, xStep) + "</text>\n"
    }
    for tick in Chart.ticks(yRange, yStep) {
      let y = py(tick)
      out +=
        "<line x1=\"\(c(Chart.left - 5))\" y1=\"\(c(y))\" x2=\"\(c(Chart.left + plotWidth))\" "
        + "y2=\"\(c(y))\" stroke=\"#ddd\"/>"
        + "<text x=\"\(c(Chart.left - 8))\" y=\"\(c(y + 4))\" text-anchor=\"end\">"
        + Chart.label(tick, yStep) + "</text>\n"
    }
    out +=
      "<text x=\"\(c(Chart.left + plotWidth / 2))\" y=\"\(c(Chart.height - 14))\" "
      + "text-anchor=\"middle\">" + Escape.html(xLabel) + "</text>\n"
    out +=
      "<text transform=\"translate(16,\(c(Chart.top + plotHeight / 2))) rotate(-90)\" "
      + "text-anchor=\"middle\">" + Escape.html(yLabel) + "</text>\n"
    for series in series {
      let points = series.points.filter { $0.x.isFinite && $0.y.isFinite }
      switch series.style {
      case .line, .dashed:
        let path = points.map { "\(c(px($0.x))),\(c(py($0.y)))" }.joined(separator: " ")
        out +=
          "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(series.colour)\" stroke-width=\"2\""
          + (series.style == .dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>\n"
      case .points:
        for point in points {
          out +=
            "<circle cx=\"\(c(px(point.x)))\" cy=\"\(c(py(point.y)))\" r=\"3.5\" "
            + "fill=\"\(series.colour)\"/>\n"
        }
      }
    }
    for (index, series) in series.enumerated() {
      let y = Chart.height + 18 * Double(index)
      let mark =
        series.style == .points
        ? "<circle cx=\"\(c(Chart.left + 11))\" cy=\"\(c(y - 4))\" r=\"3.5\" fill=\"\(series.colour)\"/>"
        : "<line x1=\"\(c(Chart.left))\" y1=\"\(c(y - 4))\" x2=\"\(c(Chart.left + 22))\" y2=\"\(c(y - 4))\" "
          + "stroke=\"\(series.colour)\" stroke-width=\"2\""
          + (series.style == .dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>"
      out +=
        mark + "<text x=\"\(c(Chart.left + 30))\" y=\"\(c(y))\">" + Escape.html(series.name)
        + "</text>\n"
    }
    return out + "</svg>"
  }

  /// A tick step of 1, 2 or 5 times a power of ten giving four to ten ticks over `span`.
  static func step(_ span: Double) -> Double {
    var power = 1.0
    while span / power > 10 { power *= 10 }
    while span / power < 1 { power /= 10 }
    for factor in [0.1, 0.2, 0.5, 1.0, 2.0, 5.0] where span / (power * factor) <= 10 {
      return power * factor
    }
    return power * 10
  }

  static func ticks(_ range: ClosedRange<Double>, _ step: Double) -> [Double] {
    var ticks: [Double] = []
    var k = (range.lowerBound / step).rounded(.up)
    while k * step <= range.upperBound + step * 1e-9 && ticks.count < 50 {
      ticks.append(k * step)
      k += 1
    }
    return ticks
  }

  /// A tick label with as many decimals as the step needs.
  static func label(_ value: Double, _ step: Double) -> String {
    var digits = 0
    var scaled = step
    while scaled < 1 - 1e-9 && digits < 6 {
      scaled *= 10
      digits += 1
    }
    if (scaled - scaled.rounded()).magnitude > 1e-6 { digits += 1 }
    let text = Decimal.string(value, digits: digits)
    return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
  }
}
