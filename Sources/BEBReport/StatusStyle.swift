import BEBCheck

/// How each status is shown: its colours (graph nodes, badges) and a short description for
/// legends. One place, so the HTML, the graph and the legend agree.
enum StatusStyle {
  /// The statuses in the order legends list them.
  static let order: [Status] = [
    .verified, .expectedFinding, .assumed, .unjustified, .refuted, .vacuous, .unchecked,
  ]

  static func fill(_ status: Status) -> String {
    switch status {
    case .verified: return "#c8e6c9"
    case .expectedFinding: return "#ffe082"
    case .assumed: return "#cfd8dc"
    case .unjustified: return "#ffccbc"
    case .refuted: return "#ef9a9a"
    case .vacuous: return "#e1bee7"
    case .unchecked: return "#f5f5f5"
    }
  }

  static func stroke(_ status: Status) -> String {
    switch status {
    case .verified: return "#2e7d32"
    case .expectedFinding: return "#b26a00"
    case .assumed: return "#455a64"
    case .unjustified: return "#d84315"
    case .refuted: return "#b71c1c"
    case .vacuous: return "#6a1b9a"
    case .unchecked: return "#757575"
    }
  }

  static func meaning(_ status: Status) -> String {
    switch status {
    case .verified: return "every step verified by the kernel, every cited result verified"
    case .expectedFinding: return "an error of the paper, recorded as a finding and confirmed"
    case .assumed: return "axiom schema of the theory (trusted, not proved)"
    case .unjustified: return "some step or cited result is not justified"
    case .refuted: return "false on a world satisfying the hypotheses"
    case .vacuous: return "the hypotheses are proved contradictory (not: no world was found)"
    case .unchecked: return "no proof yet"
    }
  }
}
