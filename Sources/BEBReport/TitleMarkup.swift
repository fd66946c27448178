/// Typesetting of result titles. A title is prose with the sub- and superscripts of plain-text
/// mathematics: `B_P(s0)`, `B_{P₋}`, `e^x`, `e^{-β|q|}`, `k^(1-η)` (a parenthesized script
/// drops its parentheses; a group may hold scripts of its own). A one-character script is a
/// letter or digit not followed by another, so names such as `n_pos` stay as written. `\_`
/// and `\^` stand for the characters themselves. The reports set scripts as such (HTML and
/// Markdown `<sub>`/`<sup>`, LaTeX `\textsubscript`/`\textsuperscript`); `beb check` and the
/// JSON keep the title as written.
public enum TitleMarkup {
  public enum Segment: Equatable, Sendable {
    case text(String)
    case sub(String)
    case sup(String)
  }

  /// The title's segments, adjacent text merged. A `_` or `^` with nothing after it, or with
  /// an unbalanced `{` or `(`, is text.
  public static func segments(_ title: String) -> [Segment] {
    let characters = Array(title)
    var out: [Segment] = []
    var text = ""
    var index = 0
    func flush() {
      if !text.isEmpty { out.append(.text(text)) }
      text = ""
    }
    while index < characters.count {
      let character = characters[index]
      if character == "\\", index + 1 < characters.count, "_^".contains(characters[index + 1]) {
        text.append(characters[index + 1])
        index += 2
        continue
      }
      guard character == "_" || character == "^", index + 1 < characters.count,
        let (script, next) = script(characters, from: index + 1)
      else {
        text.append(character)
        index += 1
        continue
      }
      flush()
      out.append(character == "_" ? .sub(script) : .sup(script))
      index = next
    }
    flush()
    return out
  }

  /// The script starting at `start` (just after `_` or `^`) and the index after it: a balanced
  /// `{…}` or `(…)` group without its delimiters (as written: it is typeset as a title of its
  /// own), or one letter or digit that no letter or digit follows.
  private static func script(_ characters: [Character], from start: Int) -> (String, Int)? {
    let open = characters[start]
    let close: Character? = open == "{" ? "}" : open == "(" ? ")" : nil
    guard let close else {
      func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber }
      let next = start + 1 < characters.count ? characters[start + 1] : nil
      guard isWord(open), !(next.map(isWord) ?? false) else { return nil }
      return (String(open), start + 1)
    }
    var depth = 0
    for index in start..<characters.count {
      if characters[index] == open { depth += 1 }
      if characters[index] == close {
        depth -= 1
        if depth == 0 {
          let inner = String(characters[(start + 1)..<index])
          return inner.isEmpty ? nil : (inner, index + 1)
        }
      }
    }
    return nil
  }

  /// HTML: scripts as `<sub>`/`<sup>` (a group's own scripts nested), every part escaped.
  public static func html(_ title: String) -> String {
    segments(title).map {
      switch $0 {
      case .text(let text): Escape.html(text)
      case .sub(let text): "<sub>" + html(text) + "</sub>"
      case .sup(let text): "<sup>" + html(text) + "</sup>"
      }
    }.joined()
  }

  /// Markdown: scripts as inline HTML `<sub>`/`<sup>` (which GitHub renders), the rest escaped.
  public static func markdown(_ title: String) -> String {
    segments(title).map {
      switch $0 {
      case .text(let text): Escape.markdown(text)
      case .sub(let text): "<sub>" + markdown(text) + "</sub>"
      case .sup(let text): "<sup>" + markdown(text) + "</sup>"
      }
    }.joined()
  }

  /// LaTeX text mode: scripts as `\textsubscript`/`\textsuperscript`, every part escaped.
  public static func latex(_ title: String) -> String {
    segments(title).map {
      switch $0 {
      case .text(let text): Escape.latex(text)
      case .sub(let text): "\\textsubscript{" + latex(text) + "}"
      case .sup(let text): "\\textsuperscript{" + latex(text) + "}"
      }
    }.joined()
  }
}
