/// One piece of a TeX formula as the checked-formula parser reads it.
struct FormulaToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// Digits with at most one point, as written: `0.879`, `3`.
        case number(String)
        /// A symbol's name: one Latin letter, a Greek letter (`\sigma` is `σ`), or a name written
        /// as `\operatorname{softmax}` or `\text{loss}`.
        case name(String)
        /// A function TeX typesets upright: `\exp`, `\ln`, `\log`, `\sqrt`, `\max`, `\min`,
        /// `\tanh`…, also written as plain text (`exp(…)`).
        case function(String)
        /// Any other command, without its backslash: `frac`, `sum`, `partial`, `approx`, `begin`.
        case command(String)
        /// Text that names nothing: `\text{otherwise}`, `\text{其他}`.
        case text(String)
        /// One character of punctuation or an operator: `+ - * / ^ _ ( ) [ ] { } , = & ' < > |`.
        case symbol(Character)
        /// `\\`, which ends a row of `cases`.
        case rowBreak
    }

    var kind: Kind
    /// Where the token starts, in Unicode scalars from the start of the formula.
    var offset: Int
    /// Where it ends.
    var end: Int

    init(kind: Kind, offset: Int, end: Int? = nil) {
        self.kind = kind
        self.offset = offset
        self.end = end ?? offset + 1
    }
}
