public import GalleyDiagnostics

/// How one `swift run` block fared, and what it printed and displayed.
public struct BlockResult: Sendable, Codable, Equatable {
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

    /// The Markdown line of the block's first line of code, which identifies it.
    public var firstLine: Int
    public var status: Status
    public var output: BlockOutput
    /// Compiler errors and warnings, traps and timeouts, at their Markdown lines: shown under the
    /// block as well as with the chapter's other diagnostics.
    public var diagnostics: [Diagnostic]

    public init(firstLine: Int, status: Status, output: BlockOutput = BlockOutput(), diagnostics: [Diagnostic] = []) {
        self.firstLine = firstLine
        self.status = status
        self.output = output
        self.diagnostics = diagnostics
    }
}
