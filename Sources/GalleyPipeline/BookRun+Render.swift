import Foundation
import GalleyDiagnostics
import GalleySystem

/// A chapter as the render and check modes finish it: rendered (or taken from the render
/// cache), and the diagnostics the run reports for it.
struct ChapterOutput: Sendable {
    var rendered: RenderedChapter
    var reported: [Diagnostic]
}

extension BookRun {
    /// Renders every chapter that went through the stages and was not rendered early, and takes
    /// each reused chapter from the render cache; in parallel.
    func renderChapters() -> [ChapterOutput] {
        Parallel.map(chapters) { run -> ChapterOutput in
            defer { options.progress?.advance(.written) }
            guard let pass = run.pass, let checks = run.checks else {
                let entry = run.reused!
                return ChapterOutput(
                    rendered: cache.rendered(run.chapter, from: entry, images: run.keptImages!),
                    reported: entry.runDiagnostics)
            }
            var rendered =
                pass.rendered
                ?? RenderStage.render(
                    run.chapter, document: pass.parsed.document, results: checks.results, diagnostics: run.diagnostics,
                    resolver: resolver, strings: book.strings, language: book.language)
            rendered.key = cache.chapterKey(
                sourceKey: run.sourceKey, equations: run.equationDigest, images: RenderCache.digest(rendered.images))
            // A chapter rendered early did not know the other chapters' labels yet, so a duplicate
            // of one of its labels is added here.
            let reported = rendered.diagnostics + (pass.rendered != nil ? run.equationDiagnostics : [])
            rendered.spillBody(to: spill, as: "\(run.index).body")
            return ChapterOutput(rendered: rendered, reported: reported)
        }
    }
}

/// `render`: the site written into the output folder, atomically, and what this run rendered kept
/// in the render cache.
enum SiteWriter: ModeWriter {
    static func finish(_ run: inout BookRun) throws(PipelineError) -> ModeOutcome {
        let book = run
        let start = ContinuousClock.now
        let chapters = book.renderChapters()
        // The preview writes the front and checks pages after the edited page (`BookPages`).
        var site = try RenderStage.site(
            book.book, chapters: chapters.map(\.rendered), katex: book.katex, spill: book.spill,
            linksPDF: book.print?.printer != nil,
            previous: book.options.defersBookPages ? book.options.outputFolder : nil)
        run.timings.addPhase("render", ContinuousClock.now - start)
        if let search = book.search {
            let pages = book.book.chapters.indices.map {
                (name: book.book.chapters[$0].htmlName, source: chapters[$0].rendered.searchSource)
            }
            let work = book.spill?.folder ?? book.options.cacheFolder
            try run.timings.measurePhase("search") { () throws(PipelineError) in
                site.files.merge(try search.files(for: pages, language: book.book.language, work: work)) { $1 }
            }
        }
        try run.timings.measurePhase("write") { () throws(PipelineError) in
            // The print page (and the PDF) from the pages written: in the output being written
            // with `--pdf`; in the preview, after it, off the edit's path (`BackgroundPrintPage`).
            // The preview's, only once it was asked for.
            let source = book.print.flatMap { print in
                print.printer != nil || BackgroundPrintPage.shared.isWanted
                    ? PrintBook.source(book: book.book, chapters: chapters.map(\.rendered), pages: site.pages) : nil
            }
            var finishing: ((URL) throws(PipelineError) -> [String])?
            if let print = book.print, print.printer != nil, let source {
                finishing = { (staging: URL) throws(PipelineError) -> [String] in
                    try print.write(into: staging, book: book.book, source: source)
                }
            }
            try OutputWriter(destination: book.options.outputFolder).write(site.files, finishing: finishing)
            if site.tookPrevious {
                BackgroundBookPages.shared.schedule(site.bookPages, into: book.options.outputFolder)
            }
            if let print = book.print, print.printer == nil, let source {
                BackgroundPrintPage.shared.schedule(
                    source, output: book.options.outputFolder, work: book.options.cacheFolder)
            }
            book.cache.keep(book.chapters, outputs: chapters, pages: site.pages, in: book.options.outputFolder)
            book.cache.prune(keeping: book.book.chapters)
            let cacheFolder = book.options.cacheFolder
            (book.options.prunesCache ? CachePruner.now(cacheFolder) : .routine(cacheFolder)).prune()
        }
        return ModeOutcome(
            diagnostics: chapters.flatMap(\.reported), fileCount: site.files.count, retained: [chapters, site.files])
    }
}
