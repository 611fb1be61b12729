public import GalleyDiagnostics

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
    /// Every diagnostic of the chapter's code, the blocks' included, in source order.
    public var diagnostics: [Diagnostic]
    /// Whether the program was compiled by this run (false when it came from the cache).
    public var compiled: Bool

    public init(blocks: [Block] = [], diagnostics: [Diagnostic] = [], compiled: Bool = false) {
        self.blocks = blocks
        self.diagnostics = diagnostics
        self.compiled = compiled
    }

    /// The result for the block whose code starts at a Markdown line.
    public func block(firstLine: Int) -> Block? {
        blocks.first { $0.firstLine == firstLine }
    }
}
