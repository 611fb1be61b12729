public import GalleyDiagnostics
public import GalleyRecords

/// What running a chapter's blocks gave: each block's output and state, and the diagnostics.
public struct ChapterEvaluation: Sendable, Codable, Equatable {
    /// Each `swift run` block's result, in source order.
    public var blocks: [BlockResult]
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
    /// The top-level values of the blocks that hold numbers, in the order declared.
    public var computed: [ComputedValue]
    /// Whether the program ran far enough to report them: false when it did not compile or a
    /// block failed, so that no suggestion can be made.
    public var computedValuesRead: Bool

    public init(
        blocks: [BlockResult] = [], diagnostics: [Diagnostic] = [], compiled: Bool = false,
        values: [Int: BoundValue] = [:], bindingProblems: [Int: String] = [:],
        expectedNumbers: Int = 0, wrongExpectedNumbers: Int = 0, computed: [ComputedValue] = [],
        computedValuesRead: Bool = false
    ) {
        self.computed = computed
        self.computedValuesRead = computedValuesRead
        self.blocks = blocks
        self.diagnostics = diagnostics
        self.compiled = compiled
        self.values = values
        self.bindingProblems = bindingProblems
        self.expectedNumbers = expectedNumbers
        self.wrongExpectedNumbers = wrongExpectedNumbers
    }
}
