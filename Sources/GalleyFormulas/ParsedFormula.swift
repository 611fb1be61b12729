/// What a formula says, read for checking: its equations, each a chain of sides joined by `=`
/// or `\approx`. `z = Wx + b, \qquad z_i = …` holds two equations.
struct ParsedFormula: Equatable, Sendable {
    struct Side: Equatable, Sendable {
        var node: FormulaNode
        /// The side as the author wrote it.
        var tex: String
    }
    /// Each equation's sides.
    var equations: [[Side]]
    /// For each equation, whether each relation between its sides is `\approx` (rather than `=`).
    var approximate: [[Bool]] = []
}
