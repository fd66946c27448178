import BEBKernel
import BEBNumeric
import Foundation

/// The report's two plots, computed by beb: (a) behavior expectation against prompt length on
/// a concrete world next to the Theorem 3.1 length and the Lemma H.3 sigmoid; (b) the Lemma
/// H.1 KL bound next to the paper's measured KL values (THEORY.md §8).
public enum Plots {
  /// The sample world of plot (a), exactly: two sentences, `neg` (B = 0) and `pos` (B = 1);
  /// P₋ always says `neg`; P₊ says `neg` with probability 1/5; P = α P₋ + (1 − α) P₊ with
  /// α = 1/100. Then KL(P₋(·|s) ∥ P₊(·|s)) = log 5 > β = 8/5 after every prefix and
  /// B_{P₋} = 0, so B is α,β,0-distinguishable (the hypotheses of Lemma H.3).
  public struct SampleWorld: Sendable {
    public let alpha = Rational(BigInt(1), BigInt(100))
    public let beta = Rational(BigInt(8), BigInt(5))
    public let epsilon = Rational(BigInt(1), BigInt(10))
    public let behavior: [Rational] = [0, 1]
    /// Longest prompt plotted.
    public let maxLength: Int

    public init(maxLength: Int = 10) { self.maxLength = max(1, min(maxLength, 16)) }

    private func model(_ negative: Rational) -> Model {
      var next: [[Int]: [Rational]] = [:]
      var prefixes: [[Int]] = [[]]
      for _ in 0...maxLength {
        for prefix in prefixes { next[prefix] = [negative, Rational.one - negative] }
        prefixes = prefixes.flatMap { prefix in [prefix + [0], prefix + [1]] }
      }
      return Model(sentences: 2, horizon: maxLength + 1, next: next)
    }

    /// B_P(s) after the prompt s = neg ⊕ … ⊕ neg of each length 0…maxLength, computed with
    /// exact rationals from the mixture and its conditionals (`Law`), then rounded.
    public func behaviorAfterPrompts() -> [(length: Int, value: Double)] {
      let mixture = Law.mixture(
        BEBNumeric.Interval(alpha), .model(model(Rational.one)),
        .model(model(Rational(BigInt(1), BigInt(5)))))
      return (0...maxLength).map { length in
        let conditional = Law.conditional(mixture, Array(repeating: 0, count: length))
        var total = BEBNumeric.Interval(Rational.zero)
        for sentence in behavior.indices {
          guard let p = conditional.probability([sentence]) else { continue }
          total = total + p * BEBNumeric.Interval(behavior[sentence])
        }
        // Exact here (rational probabilities and behaviours), so the midpoint is the value.
        return (length, Plots.double(total.midpoint ?? .zero))
      }
    }

    /// Lemma H.3's bound 1 / (1 + (α/(1−α)) e^{β|s|}).
    public func sigmoid(_ length: Double) -> Double {
      let a = Plots.double(alpha)
      return 1 / (1 + a / (1 - a) * Foundation.exp(Plots.double(beta) * length))
    }

    /// Theorem 3.1's prompt length (1/β)(log(1/α) + log(1/ε) + log 4).
    public var theorem31Length: Double {
      (Foundation.log(1 / Plots.double(alpha)) + Foundation.log(1 / Plots.double(epsilon))
        + Foundation.log(4)) / Plots.double(beta)
    }
  }

  static func double(_ value: Rational) -> Double {
    Double(value.decimalString(fractionDigits: 15)) ?? 0
  }

  /// Plot (a).
  public static func behaviorChart(_ world: SampleWorld = SampleWorld()) -> Chart {
    let exact = world.behaviorAfterPrompts().map { (x: Double($0.length), y: $0.value) }
    let last = Double(world.maxLength)
    let sigmoid = (0...(world.maxLength * 10)).map { step -> (x: Double, y: Double) in
      let x = Double(step) / 10
      return (x, world.sigmoid(x))
    }
    let length = world.theorem31Length
    let threshold = Plots.double(world.epsilon)
    return Chart(
      title: "Behavior expectation after a misaligning prompt (sample world)",
      xLabel: "prompt length |s| (sentences neg ⊕ … ⊕ neg)", yLabel: "B_P(s)",
      xRange: 0...last, yRange: 0...1,
      series: [
        .init(
          name: "B_P(s) on the sample world (exact)", colour: "#1565c0", style: .points,
          points: exact),
        .init(
          name: "Lemma H.3 bound 1/(1 + (α/(1−α)) e^{β|s|}), α = 0.01, β = 1.6",
          colour: "#c62828", style: .line, points: sigmoid),
        .init(
          name: "Theorem 3.1 length (1/β)(log(1/α) + log(1/ε) + log 4) = "
            + Decimal.string(length, digits: 2) + " (ε = 0.1)",
          colour: "#2e7d32", style: .dashed, points: [(length, 0), (length, 1)]),
        .init(
          name: "γ + ε = 0.1 (γ = 0)", colour: "#757575", style: .dashed,
          points: [(0, threshold), (last, threshold)]),
      ])
  }

  /// THEORY.md §8: KL(P₋ ∥ RLHF model) along a misaligning prompt, agreeableness, sentences
  /// 1…10.
  public static let measuredKLAlongPrompt: [Double] = [
    30.82, 17.64, 9.67, 7.98, 7.11, 5.84, 5.34, 4.54, 3.85, 3.23,
  ]

  /// THEORY.md §8: per-prefix KL estimates (agreeableness, n = 1…15), the paper's estimates
  /// of β.
  public static let measuredPerPrefixKL: [Double] = [
    29.14, 26.94, 26.16, 24.78, 24.18, 23.83, 22.99, 23.30, 23.01, 23.00, 23.12, 22.94, 22.87,
    22.72, 22.99,
  ]

  /// Lemma H.1's bound log(1 + ((1−α)/α) e^{−β|s|}), with `logInverseAlpha` = log(1/α).
  public static func klBound(length: Double, logInverseAlpha: Double, beta: Double) -> Double {
    // log(1 + (1/α − 1) e^{−β n}), computed as log(1/α) − β n + log1p(...) when large.
    let exponent = logInverseAlpha - beta * length
    let odds = Foundation.exp(-beta * length) * (Foundation.exp(logInverseAlpha) - 1)
    return exponent > 30
      ? exponent + Foundation.log1p(Foundation.exp(-exponent)) : Foundation.log1p(odds)
  }

  /// Plot (b).
  public static func klChart() -> Chart {
    func curve(_ beta: Double) -> [(x: Double, y: Double)] {
      (0...150).map { step in
        let x = Double(step) / 10
        return (x, klBound(length: x, logInverseAlpha: 30, beta: beta))
      }
    }
    return Chart(
      title: "Lemma H.1: KL(P₋(·|s) ∥ P(·|s)) bound and the paper's measured KL",
      xLabel: "prompt length |s| (sentences)", yLabel: "KL (nats)",
      xRange: 0...15, yRange: 0...35,
      series: [
        .init(
          name: "Lemma H.1 bound log(1 + ((1−α)/α) e^{−β|s|}), log(1/α) = 30, β = 3",
          colour: "#c62828", style: .line, points: curve(3)),
        .init(
          name: "the same bound with β = 5", colour: "#ef6c00", style: .dashed, points: curve(5)),
        .init(
          name: "measured KL(P₋ ∥ RLHF model) along a misaligning prompt (agreeableness)",
          colour: "#1565c0", style: .points,
          points: measuredKLAlongPrompt.enumerated().map { (Double($0.offset + 1), $0.element) }),
        .init(
          name: "measured per-prefix KL(P₋ ∥ P₊), estimates of β (agreeableness)",
          colour: "#6a1b9a", style: .points,
          points: measuredPerPrefixKL.enumerated().map { (Double($0.offset + 1), $0.element) }),
      ])
  }
}

extension Plots {
  /// Plot (a) as a table (for Markdown and LaTeX): |s|, B_P(s), the Lemma H.3 bound.
  public static func behaviorTable(_ world: SampleWorld = SampleWorld()) -> (
    header: [String], rows: [[String]]
  ) {
    let rows = world.behaviorAfterPrompts().map { point in
      [
        String(point.length), Decimal.string(point.value, digits: 6),
        Decimal.string(world.sigmoid(Double(point.length)), digits: 6),
      ]
    }
    return (["|s|", "B_P(s) on the sample world", "Lemma H.3 bound"], rows)
  }

  /// Plot (b) as a table: |s|, the measured KL along the prompt, the Lemma H.1 bound for
  /// log(1/α) = 30 and β = 3 and 5.
  public static func klTable() -> (header: [String], rows: [[String]]) {
    let rows = measuredKLAlongPrompt.enumerated().map { index, measured -> [String] in
      let length = Double(index + 1)
      return [
        String(index + 1), Decimal.string(measured, digits: 2),
        Decimal.string(klBound(length: length, logInverseAlpha: 30, beta: 3), digits: 2),
        Decimal.string(klBound(length: length, logInverseAlpha: 30, beta: 5), digits: 2),
      ]
    }
    return (["|s|", "measured KL(P₋ ∥ RLHF)", "H.1 bound, β = 3", "H.1 bound, β = 5"], rows)
  }
}

extension Plots {
  /// The worlds of a measured length bound (`beb tight`): the shortest prompt found on each
  /// against the bound L there, with the line shortest = L (the bound met exactly). Worlds
  /// with L past the axis (the larger of 8 and the shortest prompt found, times 2, at most 30)
  /// are left off and counted in the caption.
  public static func tightnessChart(_ id: String, _ tightness: TightnessReport) -> (
    caption: String, chart: Chart
  ) {
    func double(_ q: Rational) -> Double {
      Double(q.decimalString(fractionDigits: 6)) ?? 0
    }
    let longest = tightness.samples.map(\.shortest).max() ?? 0
    let axis = Double(min(30, max(8, 2 * longest)))
    let shown = tightness.samples.filter { double($0.bound) <= axis }
    // One point per place: equal worlds would draw the same circle many times.
    func points(_ samples: [TightnessSample]) -> [(x: Double, y: Double)] {
      var seen: Set<String> = []
      return samples.map { (x: double($0.bound), y: Double($0.shortest)) }.filter {
        seen.insert(Decimal.coordinate($0.x) + "," + Decimal.coordinate($0.y)).inserted
      }
    }
    let needing = points(shown.filter { $0.shortest > 0 })
    let empty = points(shown.filter { $0.shortest == 0 })
    let caption =
      "\(id): the shortest prompt on each of \(shown.count) worlds against the stated bound L "
      + "there"
      + (shown.count < tightness.samples.count
        ? " (\(tightness.samples.count - shown.count) worlds with L > \(Int(axis)) not shown)" : "")
      + "; a point on the line would meet the bound exactly."
    let chart = Chart(
      title: "\(id): shortest misaligning prompt against the stated length L",
      xLabel: "stated bound L on the world (sentences)", yLabel: "shortest prompt (sentences)",
      xRange: 0...axis, yRange: 0...axis,
      series: [
        .init(
          name: "shortest = L (the bound met exactly)", colour: "#c62828", style: .dashed,
          points: [(0, 0), (axis, axis)]),
        .init(
          name: "worlds that need a prompt", colour: "#1565c0", style: .points, points: needing),
        .init(
          name: "worlds where the empty prompt suffices", colour: "#9e9e9e", style: .points,
          points: empty),
      ])
    return (caption, chart)
  }
}
