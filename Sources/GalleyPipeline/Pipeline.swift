public import Foundation
public import GalleyDiagnostics
import GalleyMarkdown
import GalleyRendering

/// The stages a book goes through, in order: load → parse → render → write.
///
/// Chapters are parsed and rendered in parallel; what goes wrong inside a chapter is collected as
/// diagnostics and the rest of the book goes on. Only a problem that stops the whole run is thrown.
public enum Pipeline {
    public struct Options: Sendable {
        /// The book's folder.
        public var bookFolder: URL
        /// How the user named it, for the paths in diagnostics (`Chapters`).
        public var bookDisplayPath: String
        /// Where the site goes; replaced as a whole.
        public var outputFolder: URL

        public init(bookFolder: URL, bookDisplayPath: String, outputFolder: URL) {
            self.bookFolder = bookFolder
            self.bookDisplayPath = bookDisplayPath
            self.outputFolder = outputFolder
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

        public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
        public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    }

    /// Renders the book in `options.bookFolder` into `options.outputFolder`.
    public static func run(_ options: Options) throws(PipelineError) -> Report {
        // Load.
        let (book, loadDiagnostics) = try BookLoader.load(folder: options.bookFolder, displayPath: options.bookDisplayPath)
        let katex = try KaTeXAssets.files()

        // Parse and render each chapter, in parallel.
        let resolver = ImageResolver(bookFolder: book.folder)
        let results = renderChapters(book, resolver: resolver)

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
            diagnostics: diagnostics.sorted(by: diagnosticOrder), fileCount: files.count)
    }

    // MARK: - Chapters

    private struct ChapterResult: Sendable {
        var title: String?
        var html = ""
        var markdown = ""
        var images = ImageResolver.Resolution()
        var diagnostics: [Diagnostic] = []
    }

    private static func renderChapters(_ book: Book, resolver: ImageResolver) -> [ChapterResult] {
        let results = ResultSlots<ChapterResult>(count: book.chapters.count)
        DispatchQueue.concurrentPerform(iterations: book.chapters.count) { index in
            results[index] = renderChapter(book.chapters[index], resolver: resolver)
        }
        return results.values.map { $0 ?? ChapterResult() }
    }

    private static func renderChapter(_ chapter: Chapter, resolver: ImageResolver) -> ChapterResult {
        var result = ChapterResult()
        let parsed = MarkdownParser.parse(chapter.source)
        result.diagnostics = parsed.diagnostics
        var collector = ImageCollector()
        collector.walk(parsed.document)
        result.images = resolver.resolve(collector.references, in: chapter)
        result.diagnostics += result.images.diagnostics
        let formatter = HTMLFormatter.render(parsed.document, options: .init(imagePaths: result.images.paths))
        result.html = formatter.html
        result.title = formatter.headings.first(where: { $0.level == 1 })?.text
        result.markdown = MarkdownFormatter.format(chapter.source, edits: result.images.markdownEdits)
        result.diagnostics.sort(by: diagnosticOrder)
        return result
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
