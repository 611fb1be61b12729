public import GalleyRecords

/// What one block printed and displayed, in the order it happened.
public struct BlockOutput: Equatable, Sendable, Codable {
    public enum Item: Equatable, Sendable, Codable {
        /// Text written to standard output.
        case text(String)
        case display(DisplayItem)
    }

    public var items: [Item] = []
    /// Text written to standard error, kept apart.
    public var standardError = ""
    /// True when the block wrote more than the cap and the rest was dropped.
    public var truncated = false

    public init(items: [Item] = [], standardError: String = "", truncated: Bool = false) {
        self.items = items
        self.standardError = standardError
        self.truncated = truncated
    }

    public var isEmpty: Bool { items.isEmpty && standardError.isEmpty && !truncated }
}
