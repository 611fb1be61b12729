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
    /// The `expect` calls run (one in a loop, each time), and how many of them failed.
    public var expectations: Int
    public var expectationsFailed: Int
    /// The top-level constants the code writes as literals (`let p = 0.7`): a stated number bound
    /// to one restates an input.
    public var literalConstants: Set<String>
    /// The top-level values of the blocks that hold numbers, in the order declared.
    public var computed: [ComputedValue]
    /// Whether the program ran far enough to report them: false when it did not compile or a
    /// block failed, so that no suggestion can be made.
    public var computedValuesRead: Bool
    /// The cache keys of the programs the chapter used, so that a run that takes the chapter
    /// from the render cache can mark them used (the cache is pruned by use).
    public var programKeys: [String] = []

    public init(
        blocks: [BlockResult] = [], diagnostics: [Diagnostic] = [], compiled: Bool = false,
        values: [Int: BoundValue] = [:], bindingProblems: [Int: String] = [:],
        expectations: Int = 0, expectationsFailed: Int = 0, literalConstants: Set<String> = [],
        computed: [ComputedValue] = [], computedValuesRead: Bool = false
    ) {
        self.computed = computed
        self.computedValuesRead = computedValuesRead
        self.blocks = blocks
        self.diagnostics = diagnostics
        self.compiled = compiled
        self.values = values
        self.bindingProblems = bindingProblems
        self.expectations = expectations
        self.expectationsFailed = expectationsFailed
        self.literalConstants = literalConstants
    }
}
