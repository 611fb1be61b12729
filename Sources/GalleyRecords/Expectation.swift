/// The outcome of an `expect` call in chapter code.
public struct Expectation: Codable, Equatable, Sendable {
    /// Where the call stands, as the compiler saw it (the Markdown line, the column in the block).
    public var line: Int
    public var column: Int
    /// The numbers as the author wrote them, or the condition's description.
    public var stated: String
    public var computed: [Double]
    /// How many numbers the call checked.
    public var checked: Int
    /// Nil when it held; otherwise what was wrong.
    public var failure: String?

    public init(line: Int, column: Int, stated: String, computed: [Double], checked: Int, failure: String?) {
        self.line = line
        self.column = column
        self.stated = stated
        self.computed = computed
        self.checked = checked
        self.failure = failure
    }
}
