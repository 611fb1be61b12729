public import GalleyDiagnostics
public import GalleyRecords

/// A number the prose states: a value with a decimal point (`0.88`, `−0.12`), a percentage
/// (`88%`) or an exponent (`1.2e-3`), or a list of numbers with at least one such
/// (`0.88，0.12，0.00`, one claim). Whole numbers alone are counts, indices and years, not claims.
///
/// A claim is checked when the author binds it (`[0.88](=a[0])`) or it is part of a formula that
/// is checked; the coverage report lists the others.
public struct Claim: Sendable, Equatable {
    /// The claim as written: `0.88，0.12，0.00`.
    public var text: String
    /// Its numbers, in order.
    public var numbers: [StatedNumber]
    /// From its first character to just past its last.
    public var range: SourceRange

    public init(text: String, numbers: [StatedNumber], range: SourceRange) {
        self.text = text
        self.numbers = numbers
        self.range = range
    }
}
