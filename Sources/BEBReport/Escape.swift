/// Escaping of user text for every output format. Every string that comes from a development
/// (ids, names, titles, explanations, reasons, paths) goes through one of these before it is
/// written, so no input can inject markup into a report.
public enum Escape {
  /// Text for HTML element content and attribute values (also MathML and SVG inside HTML):
  /// `& < > " '` become character references; control characters other than tab and newline
  /// are dropped.
  public static func html(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default:
        if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Markdown inline text: punctuation that Markdown or HTML would interpret inside a line is
  /// escaped (`& < >` as character references, the rest with a backslash); newlines become
  /// spaces, so the text stays on its line (and in its table cell). Callers never start a line
  /// with user text, so line-start markers (`-`, `1.`) need no escape.
  public static func markdown(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\\", "`", "*", "_", "[", "]", "#", "|", "~", "!", "$":
        out += "\\"
        out.unicodeScalars.append(scalar)
      case "\n", "\r", "\t": out += " "
      default:
        if scalar.value < 0x20 { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A Markdown code span holding `text` literally: the fence is one backtick longer than the
  /// longest run of backticks inside. In a table cell (`inTable`), `|` is escaped as GitHub
  /// requires even inside code spans.
  public static func markdownCode(_ text: String, inTable: Bool = false) -> String {
    var body = ""
    for scalar in text.unicodeScalars {
      if scalar == "\n" || scalar == "\r" || scalar == "\t" {
        body += " "
      } else if scalar.value >= 0x20 {
        body.unicodeScalars.append(scalar)
      }
    }
    if inTable { body = body.replacingAll("|", with: "\\|") }
    var longest = 0
    var run = 0
    for character in body {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let pad = body.hasPrefix("`") || body.hasSuffix("`") || body.isEmpty ? " " : ""
    return fence + pad + body + pad + fence
  }

  /// LaTeX text mode: the specials `# $ % & _ { } ~ ^ \` are escaped; the ligatures of `--`,
  /// two backquotes, two quotes, `` !` `` and `` ?` `` are broken (each character stays
  /// itself); and every non-ASCII character is spelled with a LaTeX command (see `LaTeXSymbols`), so that pdflatex with no
  /// Unicode packages typesets it; a character without a spelling prints as `[U+XXXX]`.
  public static func latex(_ text: String) -> String {
    var out = ""
    var previous: Unicode.Scalar? = nil
    for scalar in text.unicodeScalars {
      defer { previous = scalar }
      switch scalar {
      case "#", "$", "%", "&", "_", "{", "}": out += "\\" + String(scalar)
      // `--` and `---` are dashes in LaTeX's text fonts: an option such as --necessity keeps
      // its two hyphens.
      case "-" where previous == "-": out += "{}-"
      // So are `` '' !` ?` (quotes and inverted marks): the pair is kept apart.
      case "`" where previous == "`" || previous == "!" || previous == "?": out += "{}`"
      case "'" where previous == "'": out += "{}'"
      case "~": out += "\\textasciitilde{}"
      case "^": out += "\\textasciicircum{}"
      case "\\": out += "\\textbackslash{}"
      // The default OT1 encoding has no text-mode < > | ": math mode and the typewriter
      // font's straight quote are safe with every encoding.
      case "<": out += "\\ensuremath{<}"
      case ">": out += "\\ensuremath{>}"
      case "|": out += "\\ensuremath{|}"
      case "\"": out += "{\\ttfamily\\char34}"
      case "\n", "\r", "\t": out += " "
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F { continue }
        if scalar.isASCII {
          out.unicodeScalars.append(scalar)
        } else if let text = LaTeXSymbols.text[scalar] {
          out += text
        } else if let math = LaTeXSymbols.math[scalar] {
          out += "\\ensuremath{" + math + "}"
        } else {
          out += LaTeXSymbols.unknown(scalar)
        }
      }
    }
    return out
  }

  /// An HTML `id` (and `href` fragment) for a development id. Ids of the language are made of
  /// letters, digits, `.` and `-`; anything else is replaced by `_`, so the result is always a
  /// valid, unquoted-safe fragment.
  public static func anchor(_ id: String) -> String {
    var out = ""
    for scalar in id.unicodeScalars {
      if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-"
        || scalar == "."
      {
        out.unicodeScalars.append(scalar)
      } else {
        out += "_"
      }
    }
    return out.isEmpty ? "_" : out
  }
}

extension String {
  /// Every occurrence of `target` replaced (no Foundation needed).
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for character in self {
      if character == target { out += replacement } else { out.append(character) }
    }
    return out
  }
}
