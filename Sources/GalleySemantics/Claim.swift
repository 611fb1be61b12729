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
    /// Its bytes in the source, which `render --bind` wraps in a link: nil for a side of a formula,
    /// and for a claim not written as it reads (an escape or an entity inside it).
    public var byteRange: Range<Int>?
    /// Whether it is a side of a formula (its range is then the formula's start), rather than
    /// prose.
    public var inMath: Bool
    /// Whether it stands inside a link's text, where it cannot be wrapped in a link of its own.
    public var inLink: Bool
    /// The table cell it stands in, if any: the claims of a row or a column together may name one
    /// vector, element by element.
    public var cell: Cell?

    /// A table cell's place: which table of the chapter (0-based, in order), which row (the
    /// header is row 0) and which column.
    public struct Cell: Sendable, Hashable {
        public var table: Int
        public var row: Int
        public var column: Int

        public init(table: Int, row: Int, column: Int) {
            self.table = table
            self.row = row
            self.column = column
        }
    }

    public init(
        text: String, numbers: [StatedNumber], range: SourceRange, byteRange: Range<Int>? = nil,
        inMath: Bool = false, inLink: Bool = false, cell: Cell? = nil
    ) {
        self.text = text
        self.numbers = numbers
        self.range = range
        self.byteRange = byteRange
        self.inMath = inMath
        self.inLink = inLink
        self.cell = cell
    }
}
