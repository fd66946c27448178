import BEBKernel

// Worlds as data, for the numeric cache: a kept verdict carries the world that refutes its
// statement, and the world read back must be the world written, value for value (exact
// numbers as fractions, floating-point ends by their bits, laws by their construction).

extension World: Codable {
  private enum Keys: String, CodingKey {
    case sentences, horizon, values, behaviors, subProbability, conditionals, probabilities
  }

  private struct Binding: Codable {
    let name: String
    let sort: String
    let value: Value
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(sentences, forKey: .sentences)
    try c.encode(horizon, forKey: .horizon)
    let bindings = values.keys.sorted().map {
      Binding(name: $0.name, sort: $0.sort.rawValue, value: values[$0]!)
    }
    try c.encode(bindings, forKey: .values)
    // The edited assumptions only, so that the paper's worlds are written as before.
    let edited = assumptions
    if edited.behaviors != .paper {
      try c.encode(
        [edited.behaviors.low, edited.behaviors.high].map(\.description), forKey: .behaviors)
    }
    if edited.subProbability { try c.encode(true, forKey: .subProbability) }
    if edited.conditionals != .zero {
      try c.encode(edited.conditionals.rawValue, forKey: .conditionals)
    }
    if edited.probabilities != .paper {
      try c.encode(
        [edited.probabilities.low, edited.probabilities.high].map(\.description),
        forKey: .probabilities)
    }
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    var values: [Variable: Value] = [:]
    for b in try c.decode([Binding].self, forKey: .values) {
      guard let sort = Sort(rawValue: b.sort) else {
        throw DecodingError.dataCorruptedError(
          forKey: .values, in: c, debugDescription: "unknown sort '\(b.sort)'")
      }
      values[Variable(b.name, sort)] = b.value
    }
    var assumptions = Assumptions.paper
    func range(_ key: Keys) throws -> (Rational, Rational)? {
      guard let ends = try c.decodeIfPresent([String].self, forKey: key) else { return nil }
      guard ends.count == 2 else {
        throw DecodingError.dataCorruptedError(
          forKey: key, in: c, debugDescription: "a range has two ends")
      }
      return (try fraction(ends[0], c.codingPath), try fraction(ends[1], c.codingPath))
    }
    if let (low, high) = try range(.behaviors) {
      assumptions.behaviors = BehaviorRange(low: low, high: high)
    }
    assumptions.subProbability = try c.decodeIfPresent(Bool.self, forKey: .subProbability) ?? false
    let convention = try c.decodeIfPresent(String.self, forKey: .conditionals) ?? "zero"
    guard let conditionals = Conditionals(rawValue: convention) else {
      throw DecodingError.dataCorruptedError(
        forKey: .conditionals, in: c, debugDescription: "unknown conditionals '\(convention)'")
    }
    assumptions.conditionals = conditionals
    if let (low, high) = try range(.probabilities) {
      assumptions.probabilities = ProbabilityRange(low: low, high: high)
    }
    self.init(
      sentences: try c.decode(Int.self, forKey: .sentences),
      horizon: try c.decode(Int.self, forKey: .horizon), values: values,
      assumptions: assumptions)
  }
}

/// A rational from its printed fraction (`-3/4`), read back by `Rational(decimal:)`.
private func fraction(_ text: String, _ path: [CodingKey]) throws -> Rational {
  guard let q = Rational(decimal: text) else {
    throw DecodingError.dataCorrupted(
      .init(codingPath: path, debugDescription: "not a rational: '\(text)'"))
  }
  return q
}

extension Value: Codable {
  private enum Keys: String, CodingKey { case number, text, law, behavior }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    switch self {
    case .number(let i): try c.encode(i, forKey: .number)
    case .text(let t): try c.encode(t, forKey: .text)
    case .law(let l): try c.encode(l, forKey: .law)
    case .behavior(let b): try c.encode(b.map(\.description), forKey: .behavior)
    }
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    if let i = try c.decodeIfPresent(Interval.self, forKey: .number) {
      self = .number(i)
    } else if let t = try c.decodeIfPresent([Int].self, forKey: .text) {
      self = .text(t)
    } else if let l = try c.decodeIfPresent(Law.self, forKey: .law) {
      self = .law(l)
    } else {
      let scores = try c.decode([String].self, forKey: .behavior)
      self = .behavior(try scores.map { try fraction($0, c.codingPath) })
    }
  }
}

extension Law: Codable {
  private enum Keys: String, CodingKey { case model, weight, first, second, law, prefix, scores, n }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    switch self {
    case .model(let m): try c.encode(m, forKey: .model)
    case .mixture(let w, let a, let b):
      try c.encode(w, forKey: .weight)
      try c.encode(a, forKey: .first)
      try c.encode(b, forKey: .second)
    case .conditional(let l, let prefix):
      try c.encode(l, forKey: .law)
      try c.encode(prefix, forKey: .prefix)
    case .bestOfN(let l, let scores, let n):
      try c.encode(l, forKey: .law)
      try c.encode(scores.map(\.description), forKey: .scores)
      try c.encode(n, forKey: .n)
    }
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    if let m = try c.decodeIfPresent(Model.self, forKey: .model) {
      self = .model(m)
    } else if let w = try c.decodeIfPresent(Interval.self, forKey: .weight) {
      self = .mixture(
        w, try c.decode(Law.self, forKey: .first), try c.decode(Law.self, forKey: .second))
    } else if let prefix = try c.decodeIfPresent([Int].self, forKey: .prefix) {
      self = .conditional(try c.decode(Law.self, forKey: .law), prefix)
    } else {
      let scores = try c.decode([String].self, forKey: .scores)
      self = .bestOfN(
        try c.decode(Law.self, forKey: .law), try scores.map { try fraction($0, c.codingPath) },
        try c.decode(Int.self, forKey: .n))
    }
  }
}

extension Model: Codable {
  private enum Keys: String, CodingKey { case sentences, horizon, next }

  /// One next-sentence law: the prefix and the probability of each sentence after it.
  private struct Row: Codable {
    let prefix: [Int]
    let law: [String]
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(sentences, forKey: .sentences)
    try c.encode(horizon, forKey: .horizon)
    let rows = next.keys.sorted { $0.lexicographicallyPrecedes($1) }.map {
      Row(prefix: $0, law: next[$0]!.map(\.description))
    }
    try c.encode(rows, forKey: .next)
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    var next: [[Int]: [Rational]] = [:]
    for row in try c.decode([Row].self, forKey: .next) {
      next[row.prefix] = try row.law.map { try fraction($0, c.codingPath) }
    }
    self.init(
      sentences: try c.decode(Int.self, forKey: .sentences),
      horizon: try c.decode(Int.self, forKey: .horizon), next: next)
  }
}

extension Interval: Codable {
  /// `exact`: one fraction; `rational`: two; `float`: the two ends' IEEE bits (hexadecimal),
  /// so that an end comes back to the same double, infinities included.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    switch storage {
    case .exact(let q): try c.encode("\(q)")
    case .rational(let a, let b): try c.encode("\(a) \(b)")
    case .float(let a, let b):
      try c.encode(
        "0x" + String(a.bitPattern, radix: 16) + " 0x" + String(b.bitPattern, radix: 16))
    }
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    let text = try c.decode(String.self)
    let parts = text.split(separator: " ").map(String.init)
    func bits(_ s: String) -> Double? {
      guard s.hasPrefix("0x"), let b = UInt64(s.dropFirst(2), radix: 16) else { return nil }
      return Double(bitPattern: b)
    }
    switch parts.count {
    case 1: self.init(try fraction(parts[0], c.codingPath))
    case 2 where parts[0].hasPrefix("0x"):
      guard let a = bits(parts[0]), let b = bits(parts[1]), a < b || a.isInfinite || b.isInfinite
      else {
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "bad interval '\(text)'")
      }
      self.init(float: a, b)
    case 2:
      self.init(try fraction(parts[0], c.codingPath), try fraction(parts[1], c.codingPath))
    default:
      throw DecodingError.dataCorruptedError(in: c, debugDescription: "bad interval '\(text)'")
    }
  }
}
