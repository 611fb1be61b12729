import GalleyChecks
import GalleyDiagnostics
import GalleyResults

/// One chapter on its way through a run: what each stage has made of it so far.
///
/// A chapter either comes from the render cache whole (`reused`) or goes through the stages in
/// this run (`pass`, then `evaluation`, `checks` and `outputMath`); the render and check modes
/// then make a `ChapterOutput` of it either way (`BookRun.renderChapters`).
struct ChapterRun: Sendable {
    /// Its place in the book, from 0.
    let index: Int
    let chapter: Chapter
    /// `RenderCache.sourceKey`: its bytes, path and place.
    let sourceKey: String
    /// What an earlier run kept of it, while it may still be reused.
    var kept: RenderCache.Entry?
    /// A kept chapter's images, resolved in this run; set once the entry is known to be good.
    var keptImages: ImageResolver.Resolution?
    /// Parsed and typeset in this run (and rendered, when it had nothing to evaluate).
    var pass: FirstPass?
    var evaluation: ChapterEvaluation?
    var checks: ChapterChecks?
    /// The formulas its code showed, typeset.
    var outputMath = ChapterMath()
    /// Its equation numbers and the problems of its labels and references.
    var equations = EquationNumbers()
    var equationDiagnostics: [Diagnostic] = []
    /// `EquationIndex.Resolution.digests`: what the other chapters decide for it.
    var equationDigest = ""

    init(index: Int, chapter: Chapter) {
        self.index = index
        self.chapter = chapter
        sourceKey = RenderCache.sourceKey(chapter, index: index)
    }

    /// The entry it is taken from whole, when nothing it depends on changed.
    var reused: RenderCache.Entry? { keptImages == nil ? nil : kept }

    /// Every problem of a chapter that went through the stages, before rendering: its Markdown's,
    /// its math's, its equations', its code's, its numbers'.
    var diagnostics: [Diagnostic] {
        guard let pass, let checks else { return [] }
        return pass.parsed.diagnostics + pass.math.diagnostics + outputMath.diagnostics + equationDiagnostics
            + (evaluation?.diagnostics ?? []) + checks.diagnostics
    }

    /// What was checked and left open: this run's, or the kept entry's.
    var coverage: Coverage { checks?.results.coverage ?? reused?.coverage ?? Coverage() }

    /// KaTeX's strict-mode remarks on its formulas.
    var remarks: [Diagnostic] { pass?.math.remarks ?? reused?.remarks ?? [] }
}

/// A chapter after the first, parallel pass: parsed, typeset, and rendered when it had nothing
/// to evaluate.
struct FirstPass: Sendable {
    var parsed: ParsedChapter
    var math = ChapterMath()
    /// A chapter whose code runs is typeset while its code compiles (`BookRun.evaluate()`).
    var waitsForTypesetting = false
    /// KaTeX could not be started: the run stops.
    var failure: PipelineError?
    var rendered: RenderedChapter?
    /// The checks of a chapter rendered early.
    var checks: ChapterChecks?
    var parseTime: Duration = .zero
    var typesetTime: Duration = .zero
    var renderTime: Duration = .zero
}
