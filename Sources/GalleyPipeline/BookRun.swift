import Foundation
import GalleyDiagnostics
import GalleyEvaluation
import GalleySystem
import GalleyTypesetting

/// One run of the pipeline over a book: what every chapter shares (the book, KaTeX, the caches,
/// the options) and each chapter's state (`ChapterRun`). `Pipeline.runStages` calls its steps in
/// order; each step is in a file of its own.
struct BookRun: Sendable {
    let options: Pipeline.Options
    let book: Book
    /// The problems of `book.json` and of reading the chapters.
    let loadDiagnostics: [Diagnostic]
    /// The book's own package, built (or found built) when the run starts, or why it did not
    /// build; nil when the book names none or code does not run.
    let package: PackageLibrary.Outcome?
    /// KaTeX's stylesheet and fonts, by path in the output folder.
    let katex: [String: URL]
    let typesetter: MathTypesetter
    let resolver: ImageResolver
    let cache: RenderCache
    /// Where rendered bodies and pages wait on disk, in render mode (`PageSpill`).
    let spill: PageSpill?
    /// The site's search index, in render mode unless `--no-search`.
    let search: SearchBundle?
    /// The print page and PDF (`--pdf`), made as the output is written.
    let print: PrintBook?
    /// The cache entries found damaged (each is rebuilt, and reported as a note at the entry).
    let damage = CacheDamage()
    var chapters: [ChapterRun]
    var timings = StageTimings()

    /// Loads the book and starts what every chapter needs: KaTeX, the image resolver, the render
    /// cache.
    init(_ options: Pipeline.Options) throws(PipelineError) {
        // Reading the book, starting KaTeX and hashing what the cache keys need: all of it loading.
        let start = ContinuousClock.now
        let (book, loadDiagnostics) = try BookLoader.load(
            folder: options.bookFolder, displayPath: options.bookDisplayPath, remembers: options.remembersCache)
        let katex = try KaTeXAssets.files()
        let script = try KaTeXAssets.script()
        let typesetter: MathTypesetter
        do {
            typesetter = try MathTypesetter(
                script: script, macros: book.macros, cacheFolder: options.cacheFolder, reads: options.usesCache,
                damage: damage)
        } catch {
            throw PipelineError(stage: .environment, path: script.path, message: error.message)
        }
        // The package is prepared before any chapter is reused: a package that does not build
        // is reported on every run, not only on the run that found out.
        let package = options.runsCode ? Self.preparePackage(book.package, options: options, damage: damage) : nil
        // Before any work: a render that cannot index its search stops at once.
        let pagefind = options.mode == .render && options.indexesSearch ? try Pagefind.locate() : nil
        let printer = options.mode == .render && options.printsPDF ? try PDFPrinter.locate() : nil
        self.options = options
        self.spill = options.mode == .render ? PageSpill(beside: options.outputFolder) : nil
        self.book = book
        self.package = package
        if case .failed(_, let diagnostics) = package {
            self.loadDiagnostics = loadDiagnostics + diagnostics
        } else {
            self.loadDiagnostics = loadDiagnostics
        }
        self.katex = katex
        self.typesetter = typesetter
        self.resolver = ImageResolver(bookFolder: book.folder)
        // `--fix` and `--bind` need every chapter's diagnostics and claims as this run finds them.
        var cache = RenderCache(
            cacheFolder: options.cacheFolder, book: book,
            reads: options.usesCache && (options.mode == .render || options.mode == .check),
            fingerprint: RenderCache.fingerprint(book: book, options: options, typesetter: typesetter.identity),
            damage: damage)
        cache.remembers = options.remembersCache
        self.cache = cache
        let searchFolder = cache.folder.appendingPathComponent("search")
        let damage = self.damage
        self.search = pagefind.map {
            var bundle = SearchBundle(pagefind: $0, folder: searchFolder, reads: options.usesCache, damage: damage)
            bundle.defers = options.defersSearch
            if let bytes = options.searchPartBytes { bundle.partBytes = max(1, bytes) }
            return bundle
        }
        self.print =
            printer != nil || (options.mode == .render && options.writesPrintPage)
            ? PrintBook(
                printer: printer, folder: cache.folder.appendingPathComponent("pdf"), reads: options.usesCache,
                damage: damage)
            : nil
        self.chapters = Parallel.map(Array(book.chapters.indices)) {
            ChapterRun(index: $0, chapter: book.chapters[$0])
        }
        options.progress?.begin(chapters: book.chapters.count)
        self.timings.addPhase("load", ContinuousClock.now - start)
    }

    /// Builds the book's package, or finds it built; nil without a package or a compiler (the
    /// evaluate stage reports a missing compiler).
    private static func preparePackage(
        _ package: BookPackage?, options: Pipeline.Options, damage: CacheDamage
    ) -> PackageLibrary.Outcome? {
        guard let package, let compiler = try? SwiftCompiler.locate(cache: options.cacheFolder, damage: damage) else {
            return nil
        }
        return package.prepare(compiler: compiler, cache: options.cacheFolder, reads: options.usesCache, damage: damage)
    }

    /// The modules chapters cannot import because the package did not build.
    var unbuiltModules: Set<String> {
        guard case .failed(let modules, _) = package else { return [] }
        return Set(modules)
    }

    /// The chapters that went through the stages in this run, by index.
    var passed: [Int] { chapters.indices.filter { chapters[$0].pass != nil } }
}
