import BEBKernel
import BEBNumeric

/// What checking one proof gives (ProofChecker), and two small readings of kernel data it uses.

extension Formula {
  /// Whether the formula is a ∀.
  var isForall: Bool {
    if case .forall = self { true } else { false }
  }
}

extension Dependency {
  /// The label of an open assumption (`assumption:N`), as the trace of a proof names it.
  var assumptionLabel: String? {
    if case .assumption(let index) = self { "assumption:\(index)" } else { nil }
  }
}

/// The outcome of checking one proof.
struct ProofOutcome {
  var steps: [StepReport] = []
  /// The kernel's certificate that the conclusion was derived, if it was.
  var checked: Checked?
  /// Why the proof does not establish the result, if it does not.
  var failure: String?
  /// What the proof does, for running it on worlds (BEBNumeric.ProofRun).
  var trace: [TraceEvent] = []
  /// The name each assumption was given in the proof (`suppose g : …`), by kernel label.
  var assumptionNames: [String: String] = [:]
}
