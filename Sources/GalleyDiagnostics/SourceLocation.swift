/// A position in a source file: a 1-based line and a 1-based column.
///
/// Columns count Unicode scalars from the start of the line, so a Chinese character counts as one
/// column, as editors show it. Lines are separated by `\n` (a `\r` before it belongs to no column).
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A half-open span of source, from `lowerBound` up to (not including) `upperBound`.
public typealias SourceRange = Range<SourceLocation>
