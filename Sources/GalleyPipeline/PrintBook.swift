import Foundation
import GalleyRendering
import GalleySystem

/// `render --pdf`: the book's print page (`print.html`, `PrintPage`) and its PDF, made in the
/// output being written, before it takes the old one's place: a run whose PDF fails leaves the
/// old output as it was.
///
/// The preview writes the print page alone, so that an author can look at the whole book as it
/// will print (`print.html`) before printing it.
///
/// The print page is written a chapter at a time from the pages already written. Its PDF is kept
/// in the cache, sealed, by the digest of what it is printed from: an unchanged book is not
/// printed again (its title page keeps the date it was first printed on).
struct PrintBook: Sendable {
    /// Nil for the print page alone (the preview, where an author looks at it in the browser).
    let printer: PDFPrinter?
    /// This book's PDFs (`render/<book>/pdf`).
    let folder: URL
    /// False to print again whatever is kept (`--no-cache`).
    let reads: Bool
    let damage: CacheDamage?

    static let pageName = "print.html"
    static let format = "galley-pdf 2"

    /// What the print page is made of: its opening (dated, and undated for the PDF's key), the
    /// chapters, and where each chapter's body stands in its page.
    struct Source: Sendable {
        var opening: String
        var undatedOpening: String
        var entries: [PrintPage.Entry]
        var bodyRanges: [[Range<Int>]]
    }

    static func source(
        book: Book, chapters: [RenderedChapter], pages: [RenderStage.SitePage], date: Date = Date()
    ) -> Source {
        let info = PageTemplate.BookInfo(title: book.title, language: book.language, author: book.author)
        let entries = book.chapters.indices.map { index in
            PrintPage.Entry(
                title: chapters[index].title ?? book.chapters[index].slug, page: book.chapters[index].htmlName,
                headings: chapters[index].headings)
        }
        let coverage = chapters.map(\.verification.coverage)
        var title = PrintPage.TitlePage(
            date: Self.day(of: date), checked: coverage.reduce(0) { $0 + $1.statedChecked },
            wrong: coverage.reduce(0) { $0 + $1.statedWrong })
        let opening = PrintPage.opening(book: info, entries: entries, title: title, paper: book.paper)
        title.date = ""
        return Source(
            opening: opening,
            undatedOpening: PrintPage.opening(book: info, entries: entries, title: title, paper: book.paper),
            entries: entries, bodyRanges: pages.map(\.bodyRanges))
    }

    /// Writes the print page and the PDF into `staging` (the output being written, its pages
    /// there already); the paths written.
    func write(into staging: URL, book: Book, source: Source) throws(PipelineError) -> [String] {
        let page = staging.appendingPathComponent(Self.pageName)
        // Digested eight bytes at a time (`WideDigest`): the print page is the whole book.
        var key = WideDigest.Stream()
        for part in [Self.format, printer?.identity ?? ""] + SiteAssets.files.map(\.contents) { key.add(part) }
        // The key leaves the date out: the same book prints the same PDF.
        key.add(source.undatedOpening)
        try Self.writePage(source, pagesIn: staging, to: page, key: &key)
        guard let printer else { return [Self.pageName] }
        let pdf = staging.appendingPathComponent(book.pdfName)
        let kept = folder.appendingPathComponent(key.hex() + ".pdf.sealed")
        if reads, let data = SealedFile.read(kept, damage: damage, kind: "pdf") {
            AtomicFile.touch(kept)
            do { try data.write(to: pdf) } catch { throw Self.failure(pdf, error.localizedDescription) }
        } else {
            if let problem = printer.print(page, to: pdf) {
                throw PipelineError(stage: .environment, path: printer.executable.path, message: problem)
            }
            keep(pdf, as: kept)
        }
        return [Self.pageName, book.pdfName]
    }

    /// The print page, a chapter at a time, each chapter's body read back from its page in `folder`.
    static func writePage(
        _ source: Source, pagesIn folder: URL, to page: URL, key: inout WideDigest.Stream
    ) throws(PipelineError) {
        let names = Set(source.entries.map(\.page))
        do {
            guard FileManager.default.createFile(atPath: page.path, contents: nil) else {
                throw failure(page, "cannot create it")
            }
            let handle = try FileHandle(forWritingTo: page)
            defer { try? handle.close() }
            try handle.write(contentsOf: Data(source.opening.utf8))
            for (number, entry) in source.entries.enumerated() {
                let data = try Data(contentsOf: folder.appendingPathComponent(entry.page))
                var body: [UInt8] = []
                for range in source.bodyRanges[number] where range.upperBound <= data.count {
                    body += data[(data.startIndex + range.lowerBound)..<(data.startIndex + range.upperBound)]
                }
                let chapter = PrintPage.chapter(
                    String(decoding: body, as: UTF8.self), entry: entry, number: number + 1, pages: names)
                key.add(chapter)
                try handle.write(contentsOf: Data(chapter.utf8))
            }
            try handle.write(contentsOf: Data(PrintPage.closing.utf8))
        } catch let error as PipelineError {
            throw error
        } catch {
            throw failure(page, error.localizedDescription)
        }
    }

    /// Keeps the PDF just printed, and the one printed before it; removes the older ones.
    private func keep(_ pdf: URL, as kept: URL) {
        guard let data = try? Data(contentsOf: pdf) else { return }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? SealedFile.write(data, to: kept)
        CacheEntries.keep(kept, in: folder)
    }

    /// The day, as `2026-12-03`: `SOURCE_DATE_EPOCH`'s when it is set (a reproducible build).
    static func day(of date: Date, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let when =
            environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init).map(Date.init(timeIntervalSince1970:)) ?? date
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: when)
    }

    static func failure(_ url: URL, _ message: String) -> PipelineError {
        PipelineError(stage: .write, path: url.path, message: message)
    }
}

extension WideDigest.Stream {
    /// Adds `text` with its length, so that no two lists of texts add the same bytes.
    fileprivate mutating func add(_ text: String) {
        add(Data("\(text.utf8.count):".utf8))
        add(Data(text.utf8))
    }
}
