/// A top-level constant or variable of a chapter's blocks that holds a number, a vector or a
/// matrix, as the program reports it after the bindings: the values Galley proposes for the
/// claims nothing checks.
public struct OfferedValue: Codable, Equatable, Sendable {
    /// The offer's number in the program (`ChapterProgram.offers`).
    public var index: Int
    /// The numbers, row by row for a matrix; at most `limit`.
    public var numbers: [Double]
    /// For a matrix, the length of its first row; nil for a number or a vector.
    public var columns: Int?
    /// Whether it is a single number rather than a vector or matrix.
    public var isScalar: Bool
    /// How many numbers the value holds in all (more than `numbers` when cut at `limit`).
    public var count: Int

    /// The most numbers of one value a program reports.
    public static let limit = 1000

    public init(index: Int, numbers: [Double], columns: Int? = nil, isScalar: Bool, count: Int) {
        self.index = index
        self.numbers = numbers
        self.columns = columns
        self.isScalar = isScalar
        self.count = count
    }
}
