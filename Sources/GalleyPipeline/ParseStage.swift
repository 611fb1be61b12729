import GalleyDiagnostics
import GalleyEvaluation
import GalleyMarkdown
import GalleySemantics

/// A chapter after the parse stage: its document tree, what its prose and formulas ask of its
/// code, and the problems found so far.
struct ParsedChapter: Sendable {
    var chapter: Chapter
    /// The document and what the chapter asks of its code, as the evaluate stage takes them.
    var evaluationInput: Evaluator.Chapter
    /// Unterminated math, unreadable check comments, formulas that cannot be checked.
    var diagnostics: [Diagnostic]

    var document: Document { evaluationInput.document }
    var sites: [ExpressionSite] { evaluationInput.sites }
}

/// Parse: Markdown into the document tree (cmark-gfm, syntax only), then the meaning of its
/// stated numbers, inline values and formulas read from the finished tree.
enum ParseStage {
    static func parse(_ chapter: Chapter, freesTree: Bool) -> ParsedChapter {
        let parsed = MarkdownParser.parse(chapter.source, freesTree: freesTree)
        let semantics = ChapterSemantics.read(parsed.document, path: chapter.source.path)
        return ParsedChapter(
            chapter: chapter,
            evaluationInput: Evaluator.Chapter(
                document: parsed.document, sites: semantics.sites, path: chapter.source.path),
            diagnostics: parsed.diagnostics + semantics.diagnostics)
    }
}
