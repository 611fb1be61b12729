public import GalleyDiagnostics

/// Everything the renderers draw for a chapter beyond its document: what each block printed and
/// displayed, each inline value's text, and the verdict on each stated number and checked formula.
///
/// The check stage produces it from the evaluation; the renderers read it and nothing else of
/// evaluation or checking.
public struct ChapterResults: Sendable, Equatable {
    /// The `swift run` blocks that were evaluated, in source order.
    public var blocks: [BlockResult]
    /// Verdicts on stated-number links, by the byte offset where each link starts.
    public var statedNumbers: [Int: StatedNumberVerdict]
    /// Inline values' texts by the byte offset where each code span starts; missing when the
    /// value could not be computed.
    public var inlineValues: [Int: String]
    /// Verdicts on formulas whose sides were compared, by where each formula starts.
    public var formulas: [SourceLocation: FormulaVerdict]
    /// What was checked and what was not, with the unchecked claims the page marks.
    public var coverage = Coverage()
    /// Every formula as KaTeX typeset it when the book was built.
    public var typesetMath: [TypesetMath.Key: TypesetMath] = [:]
    /// Equation numbers, anchors and where references lead.
    public var equations = EquationNumbers()

    public init(
        blocks: [BlockResult] = [], statedNumbers: [Int: StatedNumberVerdict] = [:], inlineValues: [Int: String] = [:],
        formulas: [SourceLocation: FormulaVerdict] = [:]
    ) {
        self.blocks = blocks
        self.statedNumbers = statedNumbers
        self.inlineValues = inlineValues
        self.formulas = formulas
    }

    /// The result for the block whose code starts at a Markdown line, if it was evaluated.
    public func block(firstLine: Int) -> BlockResult? {
        blocks.first { $0.firstLine == firstLine }
    }
}
