import BEBCheck
import Foundation

extension BEB {
  static let rulesUsage = """
    Usage: beb rules [NAME]

    Lists the rules a proof step can name (by RULE), by family — logic, arithmetic,
    probability — each with the claims it proves, how it is written and what must hold
    besides; with NAME, that rule alone (with the kernel rules it is replayed with). A step
    may also name a hypothesis, an earlier fact or a result (beb search finds results by
    shape). The full language is in docs/LANGUAGE.md.
    """

  static func rules(_ arguments: [String]) -> Outcome {
    let help = "beb rules --help"
    let name: String?
    do throws(UsageError) {
      let parsed = try CommandOptions(arity: [:]).parse(arguments)
      if parsed.wantsHelp { return Outcome(status: 0, stdout: rulesUsage + "\n", stderr: "") }
      guard parsed.positional.count <= 1 else {
        throw UsageError(message: "one rule name at most")
      }
      name = parsed.positional.first
    } catch {
      return usageError(error.message, help: help)
    }
    if let name {
      guard let rule = ProofRule.named(name) else {
        let hint =
          ElaborationError.suggestion(for: name, among: ProofRule.names).map {
            "; did you mean '\($0)'?"
          } ?? ""
        return usageError("no rule '\(name)'\(hint)", help: help)
      }
      var out = "\(rule.name) (\(rule.family.rawValue))\n"
      out += "  proves:  \(rule.proves)\n  written: \(rule.usage)\n"
      out += "  needs:   \(rule.sideConditions)\n"
      out += "  kernel:  \(rule.kernel.joined(separator: ", "))\n"
      return Outcome(status: 0, stdout: out, stderr: "")
    }
    var out = ""
    for family in ProofRule.Family.allCases {
      out += "\(family.rawValue):\n"
      for rule in ProofRule.all where rule.family == family {
        out += "  \(rule.name.padding(toLength: 18, withPad: " ", startingAt: 0))\(rule.proves)\n"
        out += "  \(String(repeating: " ", count: 18))\(rule.usage)\n"
      }
    }
    out += "\n\(ProofRule.all.count) rules; beb rules NAME for one, with what it needs\n"
    return Outcome(status: 0, stdout: out, stderr: "")
  }
}
