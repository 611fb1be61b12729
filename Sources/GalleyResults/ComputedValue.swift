public import GalleyRecords

/// A top-level constant or variable of a chapter's blocks and the numbers it held when the blocks
/// had run: what Galley looks among for the claims nothing checks.
public struct ComputedValue: Sendable, Codable, Equatable {
    /// Its name in the chapter's code: `loss`.
    public var name: String
    /// The Markdown line it is declared on.
    public var line: Int
    /// Its numbers, row by row for a matrix (at most `OfferedValue.limit`).
    public var numbers: [Double]
    /// For a matrix, the length of a row.
    public var columns: Int?
    /// A single number rather than a vector or matrix.
    public var isScalar: Bool

    public init(name: String, line: Int, numbers: [Double], columns: Int? = nil, isScalar: Bool) {
        self.name = name
        self.line = line
        self.numbers = numbers
        self.columns = columns
        self.isScalar = isScalar
    }

    public init(name: String, line: Int, value: OfferedValue) {
        self.init(name: name, line: line, numbers: value.numbers, columns: value.columns, isScalar: value.isScalar)
    }
}
