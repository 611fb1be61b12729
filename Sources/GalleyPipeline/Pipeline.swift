public import Foundation
public import GalleyDiagnostics
import GalleyChecks
public import GalleyEvaluation
import GalleyMarkdown
import GalleyRendering
import GalleySemantics
import GalleySystem

/// The stages a book goes through, in order: load → parse → evaluate → check → render → write.
///
/// Chapters are parsed, evaluated and rendered in parallel; what goes wrong inside a chapter is collected as
/// diagnostics and the rest of the book goes on. Only a problem that stops the whole run is thrown.
public enum Pipeline {
    public struct Options: Sendable {
        /// The book's folder.
        public var bookFolder: URL
        /// How the user named it, for the paths in diagnostics (`Chapters`).
        public var bookDisplayPath: String
        /// Where the site goes; replaced as a whole.
        public var outputFolder: URL
        /// How chapters' code is compiled, run and cached.
        public var evaluation: Evaluator.Configuration
        /// What the run is for.
        public var mode: Mode
        /// False to render without compiling or running any chapter code — for a draft you do not
        /// trust. Code is shown, not run, and stated numbers are left unchecked.
        public var runsCode: Bool
        /// False to leave the documents and pages of the run allocated when it returns, for a
        /// command-line process that exits right after (as compilers skip freeing at exit): on a
        /// long book, freeing them one by one costs a noticeable part of the run.
        public var freesMemory = true

        public init(
            bookFolder: URL, bookDisplayPath: String, outputFolder: URL, evaluation: Evaluator.Configuration,
            mode: Mode = .render, runsCode: Bool = true
        ) {
            self.bookFolder = bookFolder
            self.bookDisplayPath = bookDisplayPath
            self.outputFolder = outputFolder
            self.evaluation = evaluation
            self.mode = mode
            self.runsCode = runsCode
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
    }

    /// What a run did.
    public struct Report: Sendable {
        public var bookTitle: String
        /// The chapters rendered, by source path, in book order.
        public var chapters: [String]
        public var diagnostics: [Diagnostic]
        /// The number of files written into the output folder.
        public var fileCount: Int
        /// The chapters whose code was compiled in this run (not taken from the cache).
        public var compiledChapters: [String]
        /// Stated numbers (and numbers `expect` calls checked), and how many were wrong.
        public var numbersChecked: Int
        public var numbersWrong: Int
        /// The chapters that state or expect at least one number.
        public var chaptersWithNumbers: Int
        /// For `.fix`: the numbers rewritten, by chapter path.
        public var fixes: [String: Int]
        /// Where the time went.
        public var timings = StageTimings()

        /// The closing line of `--check`: `37 numbers checked in 4 chapters, 1 wrong`.
        public var checkSummary: String {
            let numbers = numbersChecked == 1 ? "1 number" : "\(numbersChecked) numbers"
            let chapters = chaptersWithNumbers == 1 ? "1 chapter" : "\(chaptersWithNumbers) chapters"
            var line = "\(numbers) checked in \(chapters), \(numbersWrong) wrong"
            let others = errorCount - numbersWrong
            if others > 0 { line += "; \(others) other error\(others == 1 ? "" : "s")" }
            return line
        }

        public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
        public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    }

    /// Renders the book in `options.bookFolder` into `options.outputFolder`.
    ///
    /// The work happens on a thread with a deep stack (see `Parallel`): documents are walked
    /// recursively, and a chapter may nest block quotes ten thousand deep.
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

    private static func runStages(_ options: Options) throws(PipelineError) -> Report {
        var timings = StageTimings()
        // Load.
        let (book, loadDiagnostics) = try timings.measure("load") { () throws(PipelineError) in
            try BookLoader.load(folder: options.bookFolder, displayPath: options.bookDisplayPath)
        }
        let katex = try KaTeXAssets.files()

        // Parse each chapter, evaluate its code, and render it, chapters in parallel.
        // A chapter without code or bindings needs nothing from the others: it is rendered as soon
        // as it is parsed, so that its rendering overlaps the next chapter's parsing.
        let resolver = ImageResolver(bookFolder: book.folder)
        let renderEarly = options.mode == .render
        let runsCode = options.runsCode
        let firstPass = Parallel.map(Array(book.chapters.indices)) { index -> (Evaluator.Chapter, MarkdownParser.Result, ChapterResult?, Duration, Duration) in
            let clock = ContinuousClock()
            let start = clock.now
            let source = book.chapters[index].source
            var parsed = MarkdownParser.parse(source, freesTree: options.freesMemory)
            let semantics = ChapterSemantics.read(parsed.document, path: source.path)
            parsed.diagnostics += semantics.diagnostics
            let chapter = Evaluator.Chapter(document: parsed.document, sites: semantics.sites, path: source.path)
            let parsedAt = clock.now
            guard renderEarly, !runsCode || !chapter.needsEvaluation else {
                return (chapter, parsed, nil, parsedAt - start, .zero)
            }
            let result = renderChapter(
                book.chapters[index], parsed: parsed, evaluation: nil, checks: ChapterChecks(), resolver: resolver)
            return (chapter, parsed, result, parsedAt - start, clock.now - parsedAt)
        }
        let chapters = firstPass.map(\.0)
        let parsed = firstPass.map(\.1)
        timings.add("parse", firstPass.map(\.3).reduce(.zero, +))
        timings.add("render", firstPass.map(\.4).reduce(.zero, +))
        let evaluations = options.runsCode
            ? try evaluate(chapters, configuration: options.evaluation, timings: &timings)
            : parsed.map { _ in nil }
        let checks = timings.measure("check") {
            book.chapters.indices.map { index in
                StatedNumberChecker.check(chapters[index].sites, evaluation: evaluations[index], source: book.chapters[index].source)
            }
        }
        let numbersChecked = checks.map(\.numbersChecked).reduce(0, +) + evaluations.map { $0?.expectedNumbers ?? 0 }.reduce(0, +)
        let numbersWrong = checks.map(\.numbersWrong).reduce(0, +) + evaluations.map { $0?.wrongExpectedNumbers ?? 0 }.reduce(0, +)
        let chaptersWithNumbers = book.chapters.indices.filter {
            checks[$0].numbersChecked > 0 || (evaluations[$0]?.expectedNumbers ?? 0) > 0
        }.count
        if options.mode == .fix {
            let fixes = try timings.measure("write") { () throws(PipelineError) in try applyFixes(book, checks: checks) }
            return Report(
                bookTitle: book.title, chapters: book.chapters.map(\.source.path),
                diagnostics: (loadDiagnostics + parsed.flatMap(\.diagnostics) + evaluations.flatMap { $0?.diagnostics ?? [] }
                    + checks.flatMap(\.diagnostics)).filter { $0.identifier != "number.wrong" }.sorted(by: diagnosticOrder),
                fileCount: 0, compiledChapters: [], numbersChecked: numbersChecked, numbersWrong: numbersWrong - fixes.values.reduce(0, +),
                chaptersWithNumbers: chaptersWithNumbers, fixes: fixes, timings: timings)
        }
        let renderStart = ContinuousClock.now
        let results = Parallel.map(Array(book.chapters.indices)) { index in
            firstPass[index].2 ?? renderChapter(
                book.chapters[index], parsed: parsed[index], evaluation: evaluations[index], checks: checks[index],
                resolver: resolver)
        }

        // Assemble the site.
        let info = PageTemplate.BookInfo(title: book.title, language: book.language, author: book.author)
        var files: [String: OutputWriter.Content] = [:]
        var diagnostics = loadDiagnostics
        var links: [PageTemplate.PageLink] = []
        for (index, chapter) in book.chapters.enumerated() {
            links.append(PageTemplate.PageLink(title: results[index].title ?? chapter.slug, href: chapter.htmlName))
        }
        // The pages need every chapter's title (for previous and next), so they are assembled
        // after rendering, again in parallel.
        let pageLinks = links
        let pages = Parallel.map(Array(book.chapters.indices)) { index -> String in
            let previous: PageTemplate.PageLink? = index > 0 ? pageLinks[index - 1] : nil
            let next: PageTemplate.PageLink? = index + 1 < pageLinks.count ? pageLinks[index + 1] : nil
            let result = results[index]
            return PageTemplate.chapter(
                book: info, title: pageLinks[index].title, body: result.html, diagnostics: result.diagnostics,
                previous: previous, next: next, headings: result.headings)
        }
        for (index, chapter) in book.chapters.enumerated() {
            let result = results[index]
            diagnostics += result.diagnostics
            files[chapter.htmlName] = .text(pages[index])
            files[chapter.markdownName] = .text(result.markdown)
            for (path, text) in result.extraFiles { files[path] = .text(text) }
            for copy in result.images.copies where files[copy.to] == nil {
                files[copy.to] = .copy(copy.from)
            }
        }
        files["index.html"] = .text(PageTemplate.index(book: info, chapters: links))
        files["search.html"] = .text(PageTemplate.search(book: info))
        files["search-index.js"] = .text(SearchIndex.script(results.map(\.search)))
        for asset in SiteAssets.files { files[asset.path] = .text(asset.contents) }
        for (path, url) in katex { files[path] = .copy(url) }

        timings.add("render", ContinuousClock.now - renderStart)

        // Write, all at once.
        if options.mode == .render {
            try timings.measure("write") { () throws(PipelineError) in
                try OutputWriter(destination: options.outputFolder).write(files)
            }
        }
        if !options.freesMemory {
            // A process about to exit has no use for freeing millions of nodes one by one.
            ProcessLifetime.keep((parsed, firstPass, results, pages, files))
        }
        return Report(
            bookTitle: book.title, chapters: book.chapters.map(\.source.path),
            diagnostics: diagnostics.sorted(by: diagnosticOrder), fileCount: options.mode == .render ? files.count : 0,
            compiledChapters: book.chapters.indices.filter { evaluations[$0]?.compiled == true }.map { book.chapters[$0].source.path },
            numbersChecked: numbersChecked, numbersWrong: numbersWrong, chaptersWithNumbers: chaptersWithNumbers, fixes: [:],
            timings: timings)
    }

    // MARK: - Chapters

    private struct ChapterResult: Sendable {
        var title: String?
        var headings: [HTMLFormatter.HeadingAnchor] = []
        /// Files the chapter's Markdown refers to (charts), by output path.
        var extraFiles: [String: String] = [:]
        /// The chapter's sections for the site's search.
        var search = SearchIndex()
        var html = ""
        var markdown = ""
        var images = ImageResolver.Resolution()
        var diagnostics: [Diagnostic] = []
    }

    /// Runs the code of every chapter that has some; nil for chapters without.
    private static func evaluate(
        _ chapters: [Evaluator.Chapter], configuration: Evaluator.Configuration, timings: inout StageTimings
    ) throws(PipelineError) -> [ChapterEvaluation?] {
        guard chapters.contains(where: \.needsEvaluation) else {
            return chapters.map { _ in nil }
        }
        let evaluator: Evaluator
        do {
            evaluator = try timings.measure("compile") { () throws(EvaluationError) in try Evaluator.prepare(configuration) }
        } catch {
            throw PipelineError(stage: .evaluate, message: error.description)
        }
        let runnable = chapters.indices.filter { chapters[$0].needsEvaluation }
        let results: [ChapterEvaluation]
        do {
            let outcome = try evaluator.evaluate(runnable.map { chapters[$0] })
            results = outcome.evaluations
            timings.add("compile", outcome.compileTime)
            timings.add("run", outcome.runTime)
        } catch {
            throw PipelineError(stage: .evaluate, message: error.description)
        }
        var evaluations: [ChapterEvaluation?] = chapters.map { _ in nil }
        for (position, index) in runnable.enumerated() { evaluations[index] = results[position] }
        return evaluations
    }

    /// Rewrites the wrong stated numbers in the chapters' files, changing no other byte; returns
    /// the count per chapter.
    private static func applyFixes(_ book: Book, checks: [ChapterChecks]) throws(PipelineError) -> [String: Int] {
        var fixed: [String: Int] = [:]
        for (index, chapter) in book.chapters.enumerated() where !checks[index].fixes.isEmpty {
            let edits = checks[index].fixes.map { MarkdownFormatter.Edit(byteRange: $0.byteRange, replacement: $0.replacement) }
            let text = MarkdownFormatter.format(chapter.source, edits: edits)
            do {
                try AtomicFile.write(Data(text.utf8), to: chapter.url)
            } catch {
                throw PipelineError(stage: .write, path: chapter.source.path, message: "cannot write the fixed chapter: \(error)")
            }
            fixed[chapter.source.path] = edits.count
        }
        return fixed
    }

    private static func renderChapter(
        _ chapter: Chapter, parsed: MarkdownParser.Result, evaluation: ChapterEvaluation?, checks: ChapterChecks,
        resolver: ImageResolver
    ) -> ChapterResult {
        var result = ChapterResult()
        result.diagnostics = parsed.diagnostics + (evaluation?.diagnostics ?? []) + checks.diagnostics
        var collector = ImageCollector()
        collector.walk(parsed.document)
        result.images = resolver.resolve(collector.references, in: chapter)
        result.diagnostics += result.images.diagnostics
        let formatter = HTMLFormatter.render(
            parsed.document, options: .init(imagePaths: result.images.paths, evaluation: evaluation, checks: checks),
            capacity: chapter.source.bytes.count + chapter.source.bytes.count / 4)
        result.html = formatter.html
        result.title = formatter.headings.first(where: { $0.level == 1 })?.text
        result.headings = formatter.headings
        result.search.add(
            parsed.document, chapterTitle: result.title ?? chapter.slug, page: chapter.htmlName, headings: formatter.headings)
        var edits = result.images.markdownEdits
        if let evaluation {
            let outputs = BlockOutputMarkdown.edits(
                for: parsed.document, evaluation: evaluation, source: chapter.source, chapterSlug: chapter.slug)
            edits += outputs.edits
            result.extraFiles = outputs.files
        }
        edits += ProseMarkdown.edits(for: parsed.document, checks: checks)
        result.markdown = MarkdownFormatter.format(chapter.source, edits: edits)
        result.diagnostics.sort(by: diagnosticOrder)
        return result
    }

    /// Keeps values alive until the process exits.
    private enum ProcessLifetime {
        static func keep<Value>(_ value: Value) {
            _ = Unmanaged.passRetained(Box(value))
        }

        private final class Box<Value> {
            let value: Value
            init(_ value: Value) { self.value = value }
        }
    }

    private static func diagnosticOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.path, a.location.line, a.location.column, a.summary) < (b.path, b.location.line, b.location.column, b.summary)
    }
}
