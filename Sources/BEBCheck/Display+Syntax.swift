import BEBKernel
import BEBSyntax

extension Display {
  /// A kernel formula as a syntax tree (what `text(_:)` prints), for renderers that typeset
  /// it themselves (MathML, LaTeX). The tree has no spans.
  public static func syntax(_ formula: Formula) -> Expr { expr(readable(formula)) }

  /// A kernel term as a syntax tree (see `syntax(_:)` for formulas).
  public static func syntax(_ term: Term) -> Expr { expr(readable(term)) }
}
