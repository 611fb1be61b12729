public import Foundation
public import GalleyDiagnostics
public import GalleyEvaluation
import GalleyMarkdown
import GalleyRendering

/// The stages a book goes through, in order: load → parse → evaluate → render → write.
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

        public init(bookFolder: URL, bookDisplayPath: String, outputFolder: URL, evaluation: Evaluator.Configuration) {
            self.bookFolder = bookFolder
            self.bookDisplayPath = bookDisplayPath
            self.outputFolder = outputFolder
            self.evaluation = evaluation
        }
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

        public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
        public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    }

    /// Renders the book in `options.bookFolder` into `options.outputFolder`.
    public static func run(_ options: Options) throws(PipelineError) -> Report {
        // Load.
        let (book, loadDiagnostics) = try BookLoader.load(folder: options.bookFolder, displayPath: options.bookDisplayPath)
        let katex = try KaTeXAssets.files()

        // Parse each chapter, evaluate its code, and render it, chapters in parallel.
        let parsed = parallelMap(book.chapters) { MarkdownParser.parse($0.source) }
        let evaluations = try evaluate(book, parsed: parsed, configuration: options.evaluation)
        let resolver = ImageResolver(bookFolder: book.folder)
        let results = parallelMap(Array(book.chapters.indices)) { index in
            renderChapter(book.chapters[index], parsed: parsed[index], evaluation: evaluations[index], resolver: resolver)
        }

        // Assemble the site.
        let info = PageTemplate.BookInfo(title: book.title, language: book.language, author: book.author)
        var files: [String: OutputWriter.Content] = [:]
        var diagnostics = loadDiagnostics
        var links: [PageTemplate.PageLink] = []
        for (index, chapter) in book.chapters.enumerated() {
            links.append(PageTemplate.PageLink(title: results[index].title ?? chapter.slug, href: chapter.htmlName))
        }
        for (index, chapter) in book.chapters.enumerated() {
            let result = results[index]
            diagnostics += result.diagnostics
            files[chapter.htmlName] = .text(PageTemplate.chapter(
                book: info, title: links[index].title, body: result.html, diagnostics: result.diagnostics,
                previous: index > 0 ? links[index - 1] : nil,
                next: index + 1 < links.count ? links[index + 1] : nil))
            files[chapter.markdownName] = .text(result.markdown)
            for copy in result.images.copies where files[copy.to] == nil {
                files[copy.to] = .copy(copy.from)
            }
        }
        files["index.html"] = .text(PageTemplate.index(book: info, chapters: links))
        for asset in SiteAssets.files { files[asset.path] = .text(asset.contents) }
        for (path, url) in katex { files[path] = .copy(url) }

        // Write, all at once.
        try OutputWriter(destination: options.outputFolder).write(files)
        return Report(
            bookTitle: book.title, chapters: book.chapters.map(\.source.path),
            diagnostics: diagnostics.sorted(by: diagnosticOrder), fileCount: files.count,
            compiledChapters: book.chapters.indices.filter { evaluations[$0]?.compiled == true }.map { book.chapters[$0].source.path })
    }

    // MARK: - Chapters

    private struct ChapterResult: Sendable {
        var title: String?
        var html = ""
        var markdown = ""
        var images = ImageResolver.Resolution()
        var diagnostics: [Diagnostic] = []
    }

    /// Runs the code of every chapter that has some; nil for chapters without.
    private static func evaluate(
        _ book: Book, parsed: [MarkdownParser.Result], configuration: Evaluator.Configuration
    ) throws(PipelineError) -> [ChapterEvaluation?] {
        guard parsed.contains(where: { Evaluator.hasRunnableBlocks($0.document) }) else {
            return parsed.map { _ in nil }
        }
        let evaluator: Evaluator
        do {
            evaluator = try Evaluator.prepare(configuration)
        } catch {
            throw PipelineError(stage: .evaluate, message: error.description)
        }
        let runnable = book.chapters.indices.filter { Evaluator.hasRunnableBlocks(parsed[$0].document) }
        let results: [ChapterEvaluation]
        do {
            results = try evaluator.evaluate(runnable.map { (parsed[$0].document, book.chapters[$0].source.path) })
        } catch {
            throw PipelineError(stage: .evaluate, message: error.description)
        }
        var evaluations: [ChapterEvaluation?] = book.chapters.map { _ in nil }
        for (position, index) in runnable.enumerated() { evaluations[index] = results[position] }
        return evaluations
    }

    private static func renderChapter(
        _ chapter: Chapter, parsed: MarkdownParser.Result, evaluation: ChapterEvaluation?, resolver: ImageResolver
    ) -> ChapterResult {
        var result = ChapterResult()
        result.diagnostics = parsed.diagnostics + (evaluation?.diagnostics ?? [])
        var collector = ImageCollector()
        collector.walk(parsed.document)
        result.images = resolver.resolve(collector.references, in: chapter)
        result.diagnostics += result.images.diagnostics
        let formatter = HTMLFormatter.render(
            parsed.document, options: .init(imagePaths: result.images.paths, evaluation: evaluation))
        result.html = formatter.html
        result.title = formatter.headings.first(where: { $0.level == 1 })?.text
        var edits = result.images.markdownEdits
        if let evaluation {
            edits += BlockOutputMarkdown.edits(for: parsed.document, evaluation: evaluation, source: chapter.source)
        }
        result.markdown = MarkdownFormatter.format(chapter.source, edits: edits)
        result.diagnostics.sort(by: diagnosticOrder)
        return result
    }

    /// `transform` applied to every element, two at a time on two cores, results in order.
    private static func parallelMap<Element: Sendable, Value: Sendable>(
        _ elements: [Element], _ transform: @Sendable (Element) -> Value
    ) -> [Value] {
        let results = ResultSlots<Value>(count: elements.count)
        DispatchQueue.concurrentPerform(iterations: elements.count) { index in
            results[index] = transform(elements[index])
        }
        return results.values.map { $0! }
    }

    private static func diagnosticOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.path, a.location.line, a.location.column, a.summary) < (b.path, b.location.line, b.location.column, b.summary)
    }
}

/// Slots that parallel workers fill, one each.
private final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [Value?] { lock.withLock { storage } }
}
