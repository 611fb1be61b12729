public import Foundation
import GalleyDiagnostics
public import GalleyEvaluation
public import GalleySystem

/// The stages a book goes through, in order: load (`BookLoader`) → parse (`ParseStage`) → typeset
/// (`TypesetStage`) → evaluate (`EvaluateStage`) → check (`CheckStage`) → render (`RenderStage`), and
/// then what the run is for: the site written (`SiteWriter`), a check that writes nothing
/// (`CheckWriter`), stale numbers fixed (`FixWriter`) or claims bound (`BindWriter`).
///
/// Chapters are parsed, evaluated and rendered in parallel; what goes wrong inside a chapter is
/// collected as diagnostics and the rest of the book goes on. Only a problem that stops the whole
/// run is thrown. A chapter nothing changed for since an earlier run is taken from the render
/// cache (`ChapterReuse`); `--strict` is applied in one place (`StrictMode`).
public enum Pipeline {
    public struct Options: Sendable {
        /// The book's folder.
        public var bookFolder: URL
        /// How the user named it, for the paths in diagnostics (`Chapters`).
        public var bookDisplayPath: String
        /// Where the site goes; replaced as a whole.
        public var outputFolder: URL
        /// Where compiled chapters, their results, typeset formulas and rendered chapters are kept.
        public var cacheFolder: URL
        /// Where the libraries chapter programs link against are built, shared by every book
        /// (`LibraryCache.folder()` by default); nil to build them into `cacheFolder`.
        public var libraryFolder: URL? = LibraryCache.folder()
        /// True to remove at once what the cache keeps for books and packages that no longer
        /// exist, and programs no run used for a week (`CachePruner.now`); every render removes
        /// them after a month anyway.
        public var prunesCache = false
        /// Advanced as chapters are loaded, typeset, compiled, run and written, for a progress
        /// line; nil when nobody watches.
        public var progress: RunProgress?
        /// False to compile, run, typeset and render everything again, ignoring what is kept.
        public var usesCache = true
        /// How long a chapter's code may run before it is stopped with everything it started.
        public var timeout: Duration = .seconds(30)
        /// An expression in chapter code that takes longer than this to type-check is a warning
        /// at its line.
        public var slowTypeCheck: Duration = .milliseconds(200)
        /// What the run is for.
        public var mode: Mode
        /// False to render without compiling or running any chapter code — for a draft you do not
        /// trust. Code is shown, not run, and stated numbers are left unchecked.
        public var runsCode: Bool
        /// False to leave the documents and pages of the run allocated when it returns, for a
        /// command-line process that exits right after (as compilers skip freeing at exit): on a
        /// long book, freeing them one by one costs a noticeable part of the run.
        public var freesMemory = true
        /// True to make every unchecked claim and every warning an error, so that CI can require
        /// that every number the book states is checked.
        public var strict = false
        /// False to render a site without a search index (and without needing Pagefind): the
        /// search page then says the site was built without one.
        public var indexesSearch = true
        /// True to build the search index in the background (the preview): a render publishes
        /// the newest index already built, and `waitForBackgroundWork()` says when a newer one is.
        public var defersSearch = false
        /// True to write the front and checks pages after the rest of the site (the preview): a
        /// render publishes the ones already written, and `waitForBookPages()` says when newer
        /// ones are (`BookPages`).
        public var defersBookPages = false
        /// True to print the book to a PDF as well (`render --pdf`), with headless Chromium.
        public var printsPDF = false
        /// True to write the print page (`print.html`) without printing it: the preview serves it.
        public var writesPrintPage = false
        /// The most text one run of Pagefind indexes (`SearchBundle.partBytes`); nil for the default.
        public var searchPartBytes: Int?
        /// True in a process that renders the book again and again (the preview): the render
        /// cache's entries and kept files checked by an earlier render are taken again while
        /// their files are unchanged (`RenderCacheMemory`).
        public var remembersCache = false

        public init(
            bookFolder: URL, bookDisplayPath: String, outputFolder: URL, cacheFolder: URL, mode: Mode = .render,
            runsCode: Bool = true
        ) {
            self.bookFolder = bookFolder
            self.bookDisplayPath = bookDisplayPath
            self.outputFolder = outputFolder
            self.cacheFolder = cacheFolder
            self.mode = mode
            self.runsCode = runsCode
        }

        /// How chapters' code is compiled, run and cached.
        var evaluation: Evaluator.Configuration {
            Evaluator.Configuration(
                cacheFolder: cacheFolder, timeout: timeout, usesCache: usesCache, slowTypeCheck: slowTypeCheck,
                libraryFolder: libraryFolder)
        }
    }

    /// What a run is for.
    public enum Mode: Sendable {
        /// Render the book into the output folder.
        case render
        /// Check everything — code, stated numbers, images, math — and write nothing.
        case check
        /// Rewrite each wrong stated number in the chapters to the computed value, and write
        /// nothing else.
        case fix
        /// Wrap each unchecked claim that one computed value matches in a stated-number link, and
        /// write nothing else.
        case bind

        /// What finishes a run of this mode.
        var writer: any ModeWriter.Type {
            switch self {
            case .render: SiteWriter.self
            case .check: CheckWriter.self
            case .fix: FixWriter.self
            case .bind: BindWriter.self
            }
        }
    }

    /// Renders the book in `options.bookFolder` into `options.outputFolder`.
    ///
    /// The work happens on a thread with a deep stack (see `Parallel`): documents are walked
    /// recursively, and a chapter may nest block quotes ten thousand deep.
    /// Asks for the print page a preview's render writes (`Options.writesPrintPage`), and returns
    /// once the newest is written: it is written only once it was asked for.
    public static func wantPrintPage() async {
        await BackgroundPrintPage.shared.want()
    }

    /// Waits until the front and checks pages a deferred render handed over are written
    /// (`defersBookPages`), and returns their paths; nil when cancelled.
    public static func waitForBookPages() async -> [String]? {
        while !BackgroundBookPages.shared.takeWritten() {
            guard (try? await Task.sleep(for: .milliseconds(20))) != nil else { return nil }
        }
        return BookPages.paths
    }

    /// Waits until the preview is to render again for work of its own: a search index a deferred
    /// render handed over is built (`defersSearch`), or the print page was first asked for (its
    /// renders start then). True then; false when cancelled.
    public static func waitForBackgroundWork() async -> Bool {
        while true {
            let indexed = BackgroundIndexing.shared.takeFinished()
            let printPageAsked = BackgroundPrintPage.shared.takeRenderRequest()
            if indexed || printPageAsked { return true }
            guard (try? await Task.sleep(for: .milliseconds(50))) != nil else { return false }
        }
    }

    public static func run(_ options: Options) throws(PipelineError) -> Report {
        let outcome = Parallel.onDeepStack { () -> Result<Report, PipelineError> in
            do throws(PipelineError) {
                return .success(try runStages(options))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// The run, step by step; each step is a method of `BookRun` in a file of its own.
    private static func runStages(_ options: Options) throws(PipelineError) -> Report {
        var run = try BookRun(options)
        defer { run.spill?.remove() }
        run.readKeptChapters()
        try run.parseAndTypeset()
        run.resolveEquations()
        try run.confirmKeptChapters()
        try run.evaluate()
        run.check()
        try run.typesetOutputs()
        let outcome = try options.mode.writer.finish(&run)
        if !options.freesMemory { ProcessLifetime.keep([run.chapters, outcome.retained] as [any Sendable]) }
        return run.report(outcome)
    }
}
