import Foundation
import GalleyChecks
import GalleyDiagnostics
import GalleyEvaluation
import GalleyMarkdown
import GalleyRendering
import GalleyResults
import GalleySystem

/// A chapter after the render stage: its page body, its GitHub-ready Markdown, the files it
/// brings, and every diagnostic of the chapter, sorted.
struct RenderedChapter: Sendable {
    var title: String?
    var headings: [HTMLFormatter.HeadingAnchor] = []
    /// The page's body, before the page template wraps it; empty once spilled (`spilledBody`).
    var html = ""
    /// Where the body was written to keep it out of memory (`PageSpill`).
    var spilledBody: URL?
    var markdown = ""
    /// Files the chapter's Markdown refers to (charts), by output path.
    var extraFiles: [String: String] = [:]
    /// The page the site's search indexes for the chapter (`SearchIndex.page`); empty once
    /// spilled (`spilledSearchPage`).
    var searchPage = ""
    var spilledSearchPage: (url: URL, digest: String)?
    var images = ImageResolver.Resolution()
    var diagnostics: [Diagnostic] = []
    /// What the checks proved and left open, for the verification page.
    var verification = VerificationPage.Entry(results: ChapterResults())
    /// The chapter's first paragraph as its page shows it, for the front page.
    var summary: String?
    /// The images as written, for the render cache to resolve again.
    var imageReferences: [ImageReference] = []
    /// `RenderCache.chapterKey`: what the page key starts from.
    var key = ""
    /// Where the render cache keeps a chapter an earlier run rendered; then `html` and
    /// `markdown` are empty, and the body is read back from the page if the page must change.
    var reused: Reused?

    struct Reused: Sendable {
        var pageKey: String
        var page: URL
        /// The UTF-8 ranges of the page that, joined, are its body.
        var bodyRanges: [Range<Int>]
        var markdown: URL
        var extraFiles: [String: URL]
        /// The page the site's search indexes for it, and its digest (checked when the entry was read).
        var searchPage: URL
        var searchPageDigest: String

        /// The body, from the kept page; nil when the page cannot be read.
        func body() -> String? {
            guard let data = try? Data(contentsOf: page),
                bodyRanges.allSatisfy({ $0.lowerBound >= 0 && $0.upperBound <= data.count })
            else { return nil }
            var bytes: [UInt8] = []
            for range in bodyRanges {
                bytes += data[(data.startIndex + range.lowerBound)..<(data.startIndex + range.upperBound)]
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}

/// Render: a chapter's page body and Markdown from its document and the check stage's results;
/// then the site around the chapters: pages, index, search, assets.
enum RenderStage {
    /// Renders one chapter. `diagnostics` are the chapter's problems from the stages before; the
    /// images' are added.
    static func render(
        _ chapter: Chapter, document: Document, results: ChapterResults, diagnostics: [Diagnostic],
        resolver: ImageResolver, strings: SiteStrings = .english, language: String = "en"
    ) -> RenderedChapter {
        var rendered = RenderedChapter()
        rendered.verification = VerificationPage.Entry(results: results)
        var collector = ImageCollector(source: chapter.source)
        collector.walk(document)
        rendered.imageReferences = collector.references
        rendered.images = resolver.resolve(collector.references, in: chapter)
        rendered.diagnostics = (diagnostics + rendered.images.diagnostics).sorted(by: Diagnostic.sourceOrder)
        let formatter = HTMLFormatter.render(
            document,
            options: .init(imagePaths: rendered.images.paths, results: results, strings: strings),
            capacity: chapter.source.bytes.count + chapter.source.bytes.count / 4
                + results.typesetMath.values.reduce(0) { $0 + ($1.html?.utf8.count ?? 0) })
        rendered.html = formatter.html
        rendered.title = formatter.headings.first(where: { $0.level == 1 })?.text
        rendered.summary = Self.firstParagraph(of: formatter.html)
        rendered.headings = formatter.headings
        var search = SearchIndex()
        search.add(document, headings: formatter.headings, results: results)
        rendered.searchPage = search.page(title: rendered.title ?? chapter.slug, language: language)
        var edits = rendered.images.markdownEdits
        if !results.blocks.isEmpty {
            let outputs = BlockOutputMarkdown.edits(
                for: document, results: results, source: chapter.source, chapterSlug: chapter.slug, strings: strings)
            edits += outputs.edits
            rendered.extraFiles = outputs.files
        }
        edits += ProseMarkdown.edits(for: document, results: results)
        edits += EquationMarkdown.edits(for: document, source: chapter.source, equations: results.equations)
        rendered.markdown = MarkdownFormatter.format(chapter.source, edits: edits)
        return rendered
    }

    /// The first plain paragraph of a page body (`<p>…</p>`), for the front page.
    static func firstParagraph(of html: String) -> String? {
        // Searched in UTF-8: Foundation's `range(of:)` would first measure the whole page in
        // UTF-16, megabytes of it for a long chapter.
        guard let start = html.utf8.firstRange(of: "<p>".utf8),
            let end = html.utf8[start.upperBound...].firstRange(of: "</p>".utf8)
        else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// Every file of the site, by path in the output folder: each chapter's page (which needs
    /// every chapter's title, for previous and next) and Markdown, the images and charts, the
    /// index, search and assets; and each chapter page's key (`pageKey`).
    ///
    /// A chapter the render cache kept is linked from it: its page as it is when nothing around
    /// its body changed, else assembled again from its body.
    /// With `previous`, the front and checks pages are taken from that output folder where it
    /// has them, as they are, for `bookPages` to replace later (the preview).
    static func site(
        _ book: Book, chapters: [RenderedChapter], katex: [String: URL], spill: PageSpill? = nil,
        linksPDF: Bool = false, previous: URL? = nil
    ) throws(PipelineError) -> (
        files: [String: OutputWriter.Content], pages: [SitePage], bookPages: BookPages, tookPrevious: Bool
    ) {
        let info = PageTemplate.BookInfo(title: book.title, language: book.language, author: book.author)
        let links = book.chapters.indices.map { index in
            PageTemplate.PageLink(
                title: chapters[index].title ?? book.chapters[index].slug, href: book.chapters[index].htmlName)
        }
        // Each chapter's line under its title and on the front page: what was checked, linked to
        // its row of checks.html.
        let statuses = book.chapters.indices.map { index in
            PageTemplate.PageLink(
                title: chapters[index].verification.summary(info.strings),
                href: "checks.html#" + VerificationPage.anchor(forPage: book.chapters[index].htmlName))
        }
        let pages = Parallel.map(Array(book.chapters.indices)) { index -> SitePage in
            let rendered = chapters[index]
            let checks = statuses[index]
            let navigation = PageTemplate.Navigation(
                chapters: links, current: index, headings: rendered.headings,
                editURL: book.editURL(for: book.chapters[index]))
            let key = pageKey(
                chapter: rendered.key, book: info, title: links[index].title, navigation: navigation,
                verification: checks)
            if let reused = rendered.reused, reused.pageKey == key {
                return SitePage(key: key, content: .link(reused.page), bodyRanges: reused.bodyRanges)
            }
            guard let body = rendered.body() else {
                return SitePage(key: key, content: nil, bodyRanges: [])
            }
            let page = PageTemplate.chapterPage(
                book: info, title: links[index].title, body: body, diagnostics: rendered.diagnostics,
                navigation: navigation, verification: checks)
            // Out of memory at once, when there is somewhere to put it: the output links it.
            if let spilled = spill?.store(page.html, as: "\(index).page") {
                return SitePage(key: key, content: .link(spilled), bodyRanges: page.bodyRanges)
            }
            return SitePage(key: key, content: .text(page.html), bodyRanges: page.bodyRanges)
        }
        let entries = chapters.map(\.verification)
        let checked = entries.reduce(0) { $0 + $1.coverage.statedChecked }
        let unchecked = entries.reduce(0) { $0 + $1.uncheckedNumbers }
        let checksLink = PageTemplate.PageLink(title: info.strings.bookCounts(checked, unchecked), href: "checks.html")
        var files: [String: OutputWriter.Content] = [:]
        for (index, chapter) in book.chapters.enumerated() {
            let rendered = chapters[index]
            guard let page = pages[index].content else {
                throw PipelineError(
                    stage: .write, path: rendered.reused?.page.path,
                    message: "the render cache lost this chapter's page; run again with --no-cache")
            }
            files[chapter.htmlName] = page
            if let reused = rendered.reused {
                files[chapter.markdownName] = .link(reused.markdown)
                for (path, url) in reused.extraFiles { files[path] = .link(url) }
            } else {
                files[chapter.markdownName] = .text(rendered.markdown)
                for (path, text) in rendered.extraFiles { files[path] = .text(text) }
            }
            for copy in rendered.images.copies where files[copy.to] == nil {
                files[copy.to] = .copy(copy.from)
            }
        }
        let bookNavigation = PageTemplate.Navigation(chapters: links)
        let indexEntries = book.chapters.indices.map { index in
            PageTemplate.IndexEntry(
                link: links[index], summary: chapters[index].summary, verification: statuses[index])
        }
        let bookPages = BookPages(
            book: info, navigation: bookNavigation, entries: indexEntries,
            checks: Array(zip(links, entries)).map { (link: $0, entry: $1) }, checksLink: checksLink,
            pdf: linksPDF ? book.pdfName : nil)
        let kept = previous.map { folder in BookPages.paths.map { folder.appendingPathComponent($0) } } ?? []
        let tookPrevious = !kept.isEmpty && kept.allSatisfy { FileManager.default.fileExists(atPath: $0.path) }
        if tookPrevious {
            for (path, url) in zip(BookPages.paths, kept) { files[path] = .link(url) }
        } else {
            for (path, html) in bookPages.make() { files[path] = .text(html) }
        }
        files["search.html"] = .text(PageTemplate.search(book: info, navigation: bookNavigation))
        for asset in SiteAssets.files { files[asset.path] = .text(asset.contents) }
        for (path, url) in katex { files[path] = .copy(url) }
        return (files, pages, bookPages, tookPrevious)
    }

    /// A chapter's page in the site: its key (`pageKey`), what is written, and where its body
    /// stands in it.
    struct SitePage: Sendable {
        var key: String
        /// Nil when a page the render cache kept could not be read.
        var content: OutputWriter.Content?
        var bodyRanges: [Range<Int>]
    }

    /// What a chapter's page is made of besides its body: the chapter's own key and everything
    /// `PageTemplate.chapterPage` is given. A page kept in the render cache is reused only while
    /// this is the same, so whatever the template is given must be added here.
    static func pageKey(
        chapter: String, book: PageTemplate.BookInfo, title: String, navigation: PageTemplate.Navigation,
        verification: PageTemplate.PageLink
    ) -> String {
        var hash = ContentHash()
        hash.add(chapter)
        for part in [book.title, book.language, book.author ?? "", title, verification.title, verification.href] {
            hash.add(part)
        }
        // The sidebar lists every chapter; the pager, the neighbours.
        for link in navigation.chapters {
            hash.add(link.title)
            hash.add(link.href)
        }
        hash.add(navigation.current.map(String.init) ?? "")
        for heading in navigation.headings {
            hash.add("\(heading.level) \(heading.anchor)")
            hash.add(heading.text)
        }
        hash.add(navigation.editURL ?? "")
        return hash.hex
    }
}
