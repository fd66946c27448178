/// LaTeX spellings of the non-ASCII characters a development uses (Greek letters, operators,
/// subscripts, dashes), for pdflatex with only amsmath and amssymb.
enum LaTeXSymbols {
  /// Characters with a text-mode spelling.
  static let text: [Unicode.Scalar: String] = [
    "–": "--", "—": "---", "…": "\\ldots{}", "§": "\\S{}", "‘": "`", "’": "'", "“": "``",
    "”": "''", "\u{A0}": "~", "é": "\\'e", "è": "\\`e", "ü": "\\\"u", "ö": "\\\"o",
    "ä": "\\\"a", "\u{303}": "",
  ]

  /// Characters with a math-mode spelling (wrapped in `\ensuremath` in text).
  static let math: [Unicode.Scalar: String] = {
    var table: [Unicode.Scalar: String] = [
      "α": "\\alpha", "β": "\\beta", "γ": "\\gamma", "δ": "\\delta", "ε": "\\varepsilon",
      "ϵ": "\\epsilon", "ζ": "\\zeta", "η": "\\eta", "θ": "\\theta", "ι": "\\iota",
      "κ": "\\kappa", "λ": "\\lambda", "μ": "\\mu", "ν": "\\nu", "ξ": "\\xi", "ο": "o",
      "π": "\\pi", "ρ": "\\rho", "σ": "\\sigma", "ς": "\\varsigma", "τ": "\\tau",
      "υ": "\\upsilon", "φ": "\\varphi", "ϕ": "\\phi", "χ": "\\chi", "ψ": "\\psi",
      "ω": "\\omega", "Γ": "\\Gamma", "Δ": "\\Delta", "Θ": "\\Theta", "Λ": "\\Lambda",
      "Ξ": "\\Xi", "Π": "\\Pi", "Σ": "\\Sigma", "Υ": "\\Upsilon", "Φ": "\\Phi", "Ψ": "\\Psi",
      "Ω": "\\Omega", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K",
      "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Χ": "X", "ℓ": "\\ell",
      "¬": "\\neg", "·": "\\cdot", "×": "\\times", "÷": "\\div", "−": "-", "→": "\\to",
      "←": "\\leftarrow", "↦": "\\mapsto", "⇒": "\\Rightarrow", "⇐": "\\Leftarrow",
      "⇔": "\\Leftrightarrow", "∀": "\\forall", "∃": "\\exists", "∈": "\\in",
      "∉": "\\notin", "∘": "\\circ", "√": "\\surd", "∞": "\\infty", "∥": "\\parallel",
      "∧": "\\wedge", "∨": "\\vee", "≈": "\\approx", "≠": "\\neq", "≤": "\\leq",
      "≥": "\\geq", "⊕": "\\oplus", "⟨": "\\langle", "⟩": "\\rangle", "∼": "\\sim",
      "∑": "\\sum", "∏": "\\prod", "⌈": "\\lceil", "⌉": "\\rceil", "⌊": "\\lfloor",
      "⌋": "\\rfloor", "±": "\\pm", "∅": "\\emptyset", "⊂": "\\subset", "⊆": "\\subseteq",
      "∪": "\\cup", "∩": "\\cap", "ℝ": "\\mathbb{R}", "ℕ": "\\mathbb{N}", "ℚ": "\\mathbb{Q}",
      "∣": "\\mid", "′": "'", "²": "^{2}", "³": "^{3}", "ⁿ": "^{n}", "₊": "_{+}", "₋": "_{-}",
      "≡": "\\equiv", "∝": "\\propto", "≪": "\\ll", "≫": "\\gg", "⊤": "\\top", "⊥": "\\bot",
    ]
    for digit in 0...9 {
      if let subscriptDigit = Unicode.Scalar(0x2080 + digit) {
        table[subscriptDigit] = "_{\(digit)}"
      }
    }
    return table
  }()

  /// A character without a spelling: its code point, so nothing is lost and nothing breaks.
  static func unknown(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "[U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
  }
}
