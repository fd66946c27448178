import Foundation

/// One numbered step of a proof of the paper, as THEORY.md states it.
public struct PaperStep: Sendable, Equatable {
  public let number: Int
  /// The step's text, its continuation lines joined by a space.
  public let text: String
  /// The line of THEORY.md where the step starts.
  public let line: Int
}

/// A proof of the paper with numbered steps, as THEORY.md states it.
public struct PaperProof: Sendable, Equatable {
  /// The result's id in the development (`lemma-C.1`, `thm-3.1`, `thm-B.1`).
  public let id: String
  /// The heading, as written (`Theorem 3.1 [1]`).
  public let heading: String
  public let steps: [PaperStep]
}

/// The numbered proof steps of THEORY.md, the paper's mathematics restated (docs/THEORY.md is
/// a copy of it).
///
/// A proof belongs to the heading above it that names a lemma or theorem (`### Lemma C.1 [1]
/// (18), (19)`, `## 5. Theorem B.1 [5] (...)`; the id is `lemma-C.1`, `thm-B.1`). Its steps
/// are the lines `N. text` after a line starting with `Proof`, each continued by the lines
/// indented under it. Proofs written as prose (Appendix H) have no numbered steps and are not
/// listed.
public enum PaperProofs {
  /// The file, under beb's library folder, that coverage reads by default.
  public static let defaultPath = "docs/THEORY.md"

  public static func parse(_ markdown: String) -> [PaperProof] {
    var proofs: [PaperProof] = []
    var current: (id: String, heading: String)?
    var inProof = false
    var steps: [PaperStep] = []
    func close() {
      if let current, !steps.isEmpty {
        proofs.append(PaperProof(id: current.id, heading: current.heading, steps: steps))
      }
      (current, inProof, steps) = (nil, false, [])
    }
    for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let text = String(line)
      if text.hasPrefix("#") {
        close()
        current = resultHeading(text)
      } else if current != nil, text.hasPrefix("Proof") {
        inProof = true
      } else if inProof, let (number, rest) = numbered(text) {
        steps.append(PaperStep(number: number, text: rest, line: index + 1))
      } else if inProof, text.hasPrefix("   "), let last = steps.popLast() {
        let more = text.trimmingCharacters(in: .whitespaces)
        steps.append(PaperStep(number: last.number, text: last.text + " " + more, line: last.line))
      }
    }
    close()
    return proofs
  }

  /// `### Lemma C.1 [1] (18)` → (`lemma-C.1`, `Lemma C.1 [1] (18)`); nil for other headings.
  static func resultHeading(_ line: String) -> (id: String, heading: String)? {
    var heading = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
    // `## 5. Theorem B.1 [5] (...)`: the section number goes.
    if let dot = heading.firstIndex(of: "."), heading[..<dot].allSatisfy(\.isNumber),
      !heading[..<dot].isEmpty
    {
      heading = heading[heading.index(after: dot)...].trimmingCharacters(in: .whitespaces)
    }
    let words = heading.split(separator: " ")
    guard words.count >= 2 else { return nil }
    let prefix: String
    switch words[0] {
    case "Lemma": prefix = "lemma-"
    case "Theorem": prefix = "thm-"
    default: return nil
    }
    return (prefix + words[1], heading)
  }

  /// `12. text` → (12, `text`).
  static func numbered(_ line: String) -> (Int, String)? {
    let digits = line.prefix { $0.isNumber }
    guard !digits.isEmpty, let number = Int(digits) else { return nil }
    let rest = line.dropFirst(digits.count)
    guard rest.hasPrefix(". ") else { return nil }
    return (number, rest.dropFirst(2).trimmingCharacters(in: .whitespaces))
  }
}
