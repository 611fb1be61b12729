public import GalleyDiagnostics
public import GalleyRecords

/// What running a chapter's blocks gave: each block's output and state, and the diagnostics.
public struct ChapterEvaluation: Sendable, Codable, Equatable {
    /// How a block fared.
    public enum Status: Equatable, Sendable, Codable {
        /// It ran to its end.
        case succeeded
        /// It did not compile, trapped, or ran out of time; `reason` says which, for the page.
        case failed(reason: String)
        /// A `fails` block failed as its author said it would; `reason` says how.
        case failedAsExpected(reason: String)
        /// It never ran, because an earlier block failed.
        case notRun(reason: String)
    }

    /// One `swift run` block's result.
    public struct Block: Sendable, Codable, Equatable {
        /// The Markdown line of the block's first line of code, which identifies it.
        public var firstLine: Int
        public var options: RunOptions
        public var status: Status
        public var output: BlockOutput
        /// Compiler errors and warnings, traps and timeouts, at their Markdown lines.
        public var diagnostics: [Diagnostic]
    }

    public var blocks: [Block]
    /// Every diagnostic of the chapter's code, the blocks' and the bindings' included, in source
    /// order.
    public var diagnostics: [Diagnostic]
    /// Whether the program was compiled by this run (false when it came from the cache).
    public var compiled: Bool
    /// The values of the expressions the prose binds to, by `ExpressionSite` id.
    public var values: [Int: BoundValue]
    /// Why a binding has no value (it does not compile, it trapped, the blocks failed), by id.
    public var bindingProblems: [Int: String]
    /// The numbers `expect` calls checked, and how many of them were wrong.
    public var expectedNumbers: Int
    public var wrongExpectedNumbers: Int

    public init(
        blocks: [Block] = [], diagnostics: [Diagnostic] = [], compiled: Bool = false,
        values: [Int: BoundValue] = [:], bindingProblems: [Int: String] = [:],
        expectedNumbers: Int = 0, wrongExpectedNumbers: Int = 0
    ) {
        self.blocks = blocks
        self.diagnostics = diagnostics
        self.compiled = compiled
        self.values = values
        self.bindingProblems = bindingProblems
        self.expectedNumbers = expectedNumbers
        self.wrongExpectedNumbers = wrongExpectedNumbers
    }

    /// The result for the block whose code starts at a Markdown line.
    public func block(firstLine: Int) -> Block? {
        blocks.first { $0.firstLine == firstLine }
    }
}
