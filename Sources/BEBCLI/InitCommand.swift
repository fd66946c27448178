import BEBCheck
import Foundation

extension BEB {
  static let initUsage = """
    Usage: beb init [DIR]

    Starts a development of your own in DIR (default: the current folder; created if
    missing): theorems/example.beb, which imports beb's library and proves two lemmas — one
    from an axiom schema, one from a result of the paper — and a .gitignore for beb's cache.
    Then, in DIR, 'beb check' checks it. No file that exists is overwritten (an existing
    .gitignore is left as it is).

    A file imports beb's library with a line at its top:
      import "beb/axioms"   the axiom schemas and the paper's definitions
      import "beb/paper"    the paper's whole development: its results, their repaired
                            variants and proofs (the axioms included)
    The library is the theorems/ and proofs/ of beb's source folder, found through the
    environment variable BEB_LIBRARY, else above the beb executable, else where beb was
    built. 'beb check' then reports your own results only (each with the axiom schemas and
    results it rests on); the library's proofs are checked as far as yours rest on them.

    Exit codes: 0 written; 2 bad usage, or a file of the starter exists already.
    """

  /// The starter development `beb init` writes.
  static let starter = """
    import "beb/paper"

    -- A lemma from an axiom schema: log(a · b) = log(a) + log(b) (ax-log-mul), cited twice.
    lemma lemma-log-three "the logarithm of a product of three positive numbers"
      given a b c : Real
      assume apos : a > 0
      assume bpos : b > 0
      assume cpos : c > 0
      show log(a · b · c) = log(a) + log(b) + log(c)

    proof lemma-log-three
      have abpos : a · b > 0 by positivity
      have l1 : log(a · b · c) = log(a · b) + log(c) by ax-log-mul with a := a · b, b := c
      have l2 : log(a · b) = log(a) + log(b) by ax-log-mul with a := a, b := b
      show log(a · b · c) = log(a) + log(b) + log(c) by subst [l1, l2]

    -- A lemma from a result of the paper: Lemma C.2 (repaired) bounds the change of the
    -- behavior after s0 by 2 · c · r; with the likelihood ratio r at most 1 the bound is 2 · c.
    lemma lemma-C2-bounded "Lemma C.2 when the likelihood ratio is at most 1"
      given P₀ P₁ : Dist, B : Behavior, α : Real, s0 : Text
      let P := mix(α, P₀, P₁)
      assume mix    : α ∈ (0, 1]
      assume prefix : P₀(s0) > 0
      assume ratio  : P₁(s0)/P₀(s0) ≤ 1
      show |B[P](s0) - B[P₀](s0)| ≤ 2 · ((1 - α)/α)

    proof lemma-C2-bounded
      have c2 : |B[P](s0) - B[P₀](s0)| ≤ 2 · ((1 - α)/α) · (P₁(s0)/P₀(s0)) by lemma-C.2-repaired
      have cnn : (1 - α)/α ≥ 0 by positivity
      show |B[P](s0) - B[P₀](s0)| ≤ 2 · ((1 - α)/α) by nlinarith [c2, cnn, ratio]

    """

  static func initialize(_ arguments: [String], in directory: String?) -> Outcome {
    let help = "beb init --help"
    let target: String
    do throws(UsageError) {
      let parsed = try CommandOptions(arity: [:]).parse(arguments)
      if parsed.wantsHelp { return Outcome(status: 0, stdout: initUsage + "\n", stderr: "") }
      guard parsed.positional.count <= 1 else {
        throw UsageError(message: "too many arguments: give one folder")
      }
      target = parsed.positional.first ?? "."
    } catch {
      return usageError(error.message, help: help)
    }
    let base = directory ?? FileManager.default.currentDirectoryPath
    let folder = target.hasPrefix("/") ? target : base + "/" + target
    let starterPath = "theorems/example.beb"
    guard !FileManager.default.fileExists(atPath: folder + "/" + starterPath) else {
      return usageError("'\(target)/\(starterPath)' exists already: nothing written", help: help)
    }
    // A .gitignore of the folder's own (a git repository's) is left as it is.
    var files = [(starterPath, starter)]
    if !FileManager.default.fileExists(atPath: folder + "/.gitignore") {
      files.append((".gitignore", ".beb-cache/\nreports/\n"))
    }
    var written: [String] = []
    do {
      try AtomicWrite.makeFolder(folder + "/theorems")
      for (name, text) in files {
        try AtomicWrite.write(text, to: folder + "/" + name)
        written.append(target == "." ? name : target + "/" + name)
      }
    } catch {
      return Outcome(status: 2, stdout: "", stderr: "beb: error: \(error.description)\n")
    }
    let next = target == "." ? "beb check" : "cd \(target) && beb check"
    return Outcome(
      status: 0,
      stdout: written.map { "wrote \($0)\n" }.joined() + "next: \(next)\n", stderr: "")
  }
}
