import GalleyDiagnostics
import GalleyMarkdown
import GalleyRecords
import GalleySemantics

/// A chapter after the parse stage: its document tree, what its prose and formulas ask of its
/// code, and the problems found so far.
struct ParsedChapter: Sendable {
    var chapter: Chapter
    var document: Document
    /// What the chapter's prose and formulas ask of its code, in source order.
    var sites: [ExpressionSite]
    /// The numbers the prose and formulas state that nothing checks yet, in source order.
    var claims: [Claim]
    /// The labelled display formulas, and the prose's references to labels.
    var labels: [EquationLabel] = []
    var references: [EquationReference] = []
    /// Unterminated math, unreadable check comments, formulas that cannot be checked.
    var diagnostics: [Diagnostic]
    /// What separates digit groups in the book's prose, for reading stated-number links.
    var digitGroups: DigitGroups = .prose(spaces: false)
}

/// Parse: Markdown into the document tree (cmark-gfm, syntax only), then the meaning of its
/// stated numbers, inline values and formulas read from the finished tree.
enum ParseStage {
    static func parse(
        _ chapter: Chapter, macros: [String: String] = [:], digitGroups: DigitGroups = .prose(spaces: false),
        freesTree: Bool
    ) -> ParsedChapter {
        let parsed = MarkdownParser.parse(chapter.source, freesTree: freesTree)
        let semantics = ChapterSemantics.read(
            parsed.document, path: chapter.source.path, macros: macros, digitGroups: digitGroups)
        var result = ParsedChapter(
            chapter: chapter, document: parsed.document, sites: semantics.sites, claims: semantics.claims,
            diagnostics: parsed.diagnostics + semantics.diagnostics)
        result.labels = semantics.labels
        result.references = semantics.references
        result.digitGroups = digitGroups
        return result
    }
}
