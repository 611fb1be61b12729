/// A position in a source file: a 1-based line and a 1-based column.
///
/// Columns count Unicode scalars from the start of the line, so a Chinese character counts as one
/// column, as editors show it. Lines are separated by `\n` (a `\r` before it belongs to no column).
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    // Stored in 32 bits each (a file of 4 GB has fewer lines and columns than that): every node
    // of a chapter's tree carries a range of two locations, and a long book has millions of them.
    private var storedLine: UInt32
    private var storedColumn: UInt32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = UInt32(clamping: newValue) }
    }

    public init(line: Int, column: Int) {
        self.storedLine = UInt32(clamping: line)
        self.storedColumn = UInt32(clamping: column)
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A half-open span of source, from `lowerBound` up to (not including) `upperBound`.
public typealias SourceRange = Range<SourceLocation>

extension SourceLocation: Codable {
    private enum CodingKeys: String, CodingKey {
        case line, column
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            line: try container.decode(Int.self, forKey: .line), column: try container.decode(Int.self, forKey: .column)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
    }
}
