public import GalleyDiagnostics

/// Wraps rendered chapter content into whole pages: chapter pages and the book's index.
///
/// All links are relative, so the site works from `file://` and from any sub-path of a server.
public enum PageTemplate {
    /// What every page needs to know about the book.
    public struct BookInfo: Sendable {
        public var title: String
        /// A BCP 47 tag such as `zh-CN`, for `<html lang>`.
        public var language: String
        public var author: String?

        public init(title: String, language: String, author: String?) {
            self.title = title
            self.language = language
            self.author = author
        }

        /// The words of the pages, in the book's language (English when it has no table).
        public var strings: SiteStrings { SiteStrings.strings(for: language).strings }
    }

    /// A link to another page.
    public struct PageLink: Sendable {
        public var title: String
        public var href: String

        public init(title: String, href: String) {
            self.title = title
            self.href = href
        }
    }

    /// The whole book's navigation, on every page: a sidebar with every chapter and, for the
    /// page's chapter, its sections; on phones it folds into a menu (opened by the header's
    /// `目录` link, with no script). The ← and → keys follow the pager (`galley.js`).
    public struct Navigation: Sendable {
        /// Every chapter, in book order.
        public var chapters: [PageLink]
        /// The page's chapter, as an index into `chapters`; nil for the front, search and check pages.
        public var current: Int?
        /// The current chapter's headings; its second-level ones are listed under it.
        public var headings: [HTMLFormatter.HeadingAnchor]
        /// Where the page's source can be edited (from `book.json`'s `repository`), if anywhere.
        public var editURL: String?

        public init(
            chapters: [PageLink], current: Int? = nil, headings: [HTMLFormatter.HeadingAnchor] = [],
            editURL: String? = nil
        ) {
            self.chapters = chapters
            self.current = current
            self.headings = headings
            self.editURL = editURL
        }

        public var previous: PageLink? { current.flatMap { $0 > 0 ? chapters[$0 - 1] : nil } }
        public var next: PageLink? { current.flatMap { $0 + 1 < chapters.count ? chapters[$0 + 1] : nil } }
    }

    /// A chapter page, with a table of contents of its second- and third-level headings beside
    /// the text on wide screens.
    public static func chapter(
        book: BookInfo, title: String, body: String, diagnostics: [Diagnostic], navigation: Navigation,
        verification: PageLink? = nil
    ) -> String {
        chapterPage(
            book: book, title: title, body: body, diagnostics: diagnostics, navigation: navigation,
            verification: verification
        ).html
    }

    /// A chapter page, and where the body's bytes stand in it.
    public struct ChapterPage: Sendable {
        public var html: String
        /// The UTF-8 ranges of the page that, joined, are the body: the chapter's verification
        /// line goes in after its title, so there may be two.
        public var bodyRanges: [Range<Int>]
    }

    /// `chapter`, with where the body went: the render cache takes the body back from a page it
    /// kept when only the page around it changes.
    public static func chapterPage(
        book: BookInfo, title: String, body: String, diagnostics: [Diagnostic], navigation: Navigation,
        verification: PageLink? = nil
    ) -> ChapterPage {
        let headings = navigation.headings
        var html = head(book: book, title: "\(title) · \(book.title)", navigation: navigation)
        html.reserveCapacity(
            html.utf8.count + body.utf8.count
                + headings.reduce(0) { $0 + 3 * $1.anchor.utf8.count + $1.text.utf8.count + 40 } + 4096)
        html += "<main class=\"chapter\" id=\"content\">\n"
        html += diagnosticsBox(diagnostics)
        let checks = verification.map {
            "<p class=\"verification\"><a href=\"\(HTMLEscaping.escapeURL($0.href))\">\(HTMLEscaping.escape($0.title))</a></p>\n"
        }
        let bodyRanges = appendBody(body, header: checks, to: &html)
        if let edit = navigation.editURL {
            html +=
                "<p class=\"edit\"><a href=\"\(HTMLEscaping.escapeURL(edit))\">\(HTMLEscaping.escape(book.strings.editPage))</a></p>\n"
        }
        html += "</main>\n"
        html += "<nav class=\"pager\" aria-label=\"\(HTMLEscaping.escape(book.strings.chapterNavigation))\">\n"
        html +=
            navigation.previous.map {
                "<a rel=\"prev\" href=\"\(HTMLEscaping.escapeURL($0.href))\">← \(HTMLEscaping.escape($0.title))</a>\n"
            }
            ?? "<span></span>\n"
        html +=
            navigation.next.map {
                "<a rel=\"next\" href=\"\(HTMLEscaping.escapeURL($0.href))\">\(HTMLEscaping.escape($0.title)) →</a>\n"
            }
            ?? "<span></span>\n"
        html += "</nav>\n"
        html += foot(book: book, beside: tableOfContents(headings, strings: book.strings) ?? "")
        return ChapterPage(html: html, bodyRanges: bodyRanges)
    }

    /// One chapter on the front page: its link, its first paragraph (HTML, as on its page), and
    /// what the build checked in it.
    public struct IndexEntry: Sendable {
        public var link: PageLink
        public var summary: String?
        public var verification: PageLink?

        public init(link: PageLink, summary: String?, verification: PageLink?) {
            self.link = link
            self.summary = summary
            self.verification = verification
        }
    }

    /// The book's front page: its title, and each chapter with its first paragraph and its
    /// verification status; the book's PDF, when one is printed (`pdf`, its file's name).
    public static func index(
        book: BookInfo, navigation: Navigation, entries: [IndexEntry], verification: PageLink? = nil,
        pdf: String? = nil
    ) -> String {
        var html = head(book: book, title: book.title, navigation: navigation)
        html += "<main class=\"index\" id=\"content\">\n<h1>\(HTMLEscaping.escape(book.title))</h1>\n"
        if let author = book.author {
            html += "<p class=\"author\">\(HTMLEscaping.escape(author))</p>\n"
        }
        if let verification {
            html +=
                "<p class=\"verification\"><a href=\"\(HTMLEscaping.escapeURL(verification.href))\">\(HTMLEscaping.escape(verification.title))</a></p>\n"
        }
        if let pdf {
            html +=
                "<p class=\"pdf\"><a href=\"\(HTMLEscaping.escapeURL(pdf))\" type=\"application/pdf\">\(HTMLEscaping.escape(book.strings.printDownload))</a></p>\n"
        }
        html += "<ol class=\"chapters\">\n"
        for entry in entries {
            html +=
                "<li><h2><a href=\"\(HTMLEscaping.escapeURL(entry.link.href))\">\(HTMLEscaping.escape(entry.link.title))</a></h2>\n"
            if let summary = entry.summary { html += summary + "\n" }
            if let status = entry.verification {
                html +=
                    "<p class=\"verification\"><a href=\"\(HTMLEscaping.escapeURL(status.href))\">\(HTMLEscaping.escape(status.title))</a></p>\n"
            }
            html += "</li>\n"
        }
        html += "</ol>\n</main>\n"
        html += foot(book: book)
        return html
    }

    /// The search page; `search.js` fills in the results for the query in its address.
    public static func search(book: BookInfo, navigation: Navigation) -> String {
        var html = head(
            book: book, title: "\(book.strings.search) · \(book.title)", navigation: navigation,
            extraScripts: ["search.js"], policy: searchPolicy)
        let strings = book.strings
        html += "<main class=\"search\" id=\"content\">\n<h1>\(HTMLEscaping.escape(strings.search))</h1>\n"
        // search.js says what it found in these words.
        html +=
            "<p id=\"search-status\" role=\"status\" data-prompt=\"\(HTMLEscaping.escape(strings.searchPrompt))\" "
            + "data-none=\"\(HTMLEscaping.escape(strings.searchNone))\" data-found=\"\(HTMLEscaping.escape(strings.searchFound))\" "
            + "data-serve=\"\(HTMLEscaping.escape(strings.searchServe))\" "
            + "data-unavailable=\"\(HTMLEscaping.escape(strings.searchUnavailable))\"></p>\n"
            + "<ol id=\"search-results\" class=\"search-results\"></ol>\n"
            + "<button type=\"button\" id=\"search-more\" hidden>\(HTMLEscaping.escape(strings.searchMore))</button>\n"
        html += "</main>\n"
        html += foot(book: book)
        return html
    }

    /// Appends the body with the header (the verification line) after its title; returns the
    /// UTF-8 ranges of `html` the body went into.
    private static func appendBody(_ body: String, header: String?, to html: inout String) -> [Range<Int>] {
        func append(_ part: Substring) -> Range<Int> {
            let start = html.utf8.count
            html.append(contentsOf: part)
            return start..<html.utf8.count
        }
        guard let header, !header.isEmpty else { return [append(body[...])] }
        if body.hasPrefix("<h1"), let end = body.utf8.firstRange(of: "</h1>\n".utf8) {
            let title = append(body[..<end.upperBound])
            html += header
            return [title, append(body[end.upperBound...])]
        }
        html += header
        return [append(body[...])]
    }

    /// The sidebar: every chapter; under the current one, its sections.
    private static func bookNavigation(_ navigation: Navigation, strings: SiteStrings) -> String {
        var html = "<nav class=\"book\" id=\"book-nav\" aria-label=\"\(HTMLEscaping.escape(strings.bookContents))\">\n"
        html += "<a class=\"close\" href=\"#\">\(HTMLEscaping.escape(strings.closeMenu))</a>\n<ol>\n"
        for (index, chapter) in navigation.chapters.enumerated() {
            let link =
                "<a href=\"\(HTMLEscaping.escapeURL(chapter.href))\"\(index == navigation.current ? " aria-current=\"page\"" : "")>\(HTMLEscaping.escape(chapter.title))</a>"
            guard index == navigation.current else {
                html += "<li>\(link)</li>\n"
                continue
            }
            let sections = navigation.headings.filter { $0.level == 2 }
            html += "<li class=\"current\">\(link)"
            if !sections.isEmpty {
                html += "\n<ol class=\"sections\">\n"
                for section in sections {
                    html +=
                        "<li><a href=\"#\(HTMLEscaping.escapeURL(section.anchor))\">\(HTMLEscaping.escape(section.text))</a></li>\n"
                }
                html += "</ol>\n"
            }
            html += "</li>\n"
        }
        html += "</ol>\n</nav>\n"
        return html
    }

    private static func tableOfContents(_ headings: [HTMLFormatter.HeadingAnchor], strings: SiteStrings) -> String? {
        let entries = headings.filter { $0.level == 2 || $0.level == 3 }
        guard entries.count >= 2 else { return nil }
        let label = HTMLEscaping.escape(strings.chapterContents)
        var toc = "<nav class=\"toc\" aria-label=\"\(label)\">\n<p>\(label)</p>\n<ol>\n"
        var open = false
        for (index, entry) in entries.enumerated() {
            let link = "<a href=\"#\(HTMLEscaping.escapeURL(entry.anchor))\">\(HTMLEscaping.escape(entry.text))</a>"
            if entry.level == 2 {
                if open { toc += "</ol></li>\n"; open = false }
                let nested = index + 1 < entries.count && entries[index + 1].level == 3
                toc += nested ? "<li>\(link)\n<ol>\n" : "<li>\(link)</li>\n"
                open = nested
            } else {
                toc += "<li>\(link)</li>\n"
            }
        }
        if open { toc += "</ol></li>\n" }
        toc += "</ol>\n</nav>\n"
        return toc
    }

    /// What every page may load and run: scripts, fonts, images and requests only from the site
    /// itself, no inline script, no `eval`, no plugin, no `<base>`; inline styles, since KaTeX sizes
    /// its boxes with `style` attributes. Raw HTML in a chapter (`<svg onload=…>`, a `javascript:`
    /// link) stays inert, and the browser reports the attempt in its console.
    public static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'"

    /// The search page's: Pagefind searches in WebAssembly, which a policy must allow to compile
    /// (`'wasm-unsafe-eval'`, which allows no `eval` of JavaScript).
    public static let searchPolicy = contentSecurityPolicy.replacingOccurrences(
        of: "script-src 'self';", with: "script-src 'self' 'wasm-unsafe-eval';")

    /// Everything before a page's `<main>`: the document head, the site header, the sidebar, and
    /// the opening of the page's column (closed after its pager).
    static func head(
        book: BookInfo, title: String, navigation: Navigation, extraScripts: [String] = [],
        policy: String = contentSecurityPolicy
    ) -> String {
        let scripts = extraScripts.map { "<script defer src=\"\($0)\"></script>\n" }.joined()
        let strings = book.strings
        return """
            <!DOCTYPE html>
            <html lang="\(HTMLEscaping.escape(book.language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="Galley">
            <meta http-equiv="Content-Security-Policy" content="\(policy)">
            <title>\(HTMLEscaping.escape(title))</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="katex/katex.min.css">
            <link rel="stylesheet" href="galley.css">
            <script defer src="galley.js"></script>
            \(scripts)</head>
            <body data-overlay-title="\(HTMLEscaping.escape(strings.overlayTitle))" data-overlay-close="\(HTMLEscaping.escape(strings.overlayClose))" data-overlay-hint="\(HTMLEscaping.escape(strings.overlayCloseHint))" data-overlay-rendering="\(HTMLEscaping.escape(strings.overlayRendering))">
            <a class="skip" href="#content">\(HTMLEscaping.escape(strings.skipToContent))</a>
            <header class="site"><a class="menu" href="#book-nav">\(HTMLEscaping.escape(strings.menu))</a><a class="book-title" href="index.html">\(HTMLEscaping.escape(book.title))</a>
            <form role="search" action="search.html"><input type="search" name="q" placeholder="\(HTMLEscaping.escape(strings.searchPlaceholder))" aria-label="\(HTMLEscaping.escape(strings.searchLabel))"></form>
            </header>
            <div class="layout">

            """ + bookNavigation(navigation, strings: strings) + "<div class=\"page\">\n"
    }

    /// Everything after a page's `<main>`: the page's column closed (it was opened by `head`),
    /// what stands beside it on wide screens (a chapter's table of contents), and the layout closed.
    static func foot(book: BookInfo, beside: String = "") -> String {
        "</div>\n" + beside + "</div>\n</body>\n</html>\n"
    }

    private static func diagnosticsBox(_ diagnostics: [Diagnostic]) -> String {
        guard !diagnostics.isEmpty else { return "" }
        var html = "<aside class=\"diagnostics\" role=\"alert\">\n<ul>\n"
        for diagnostic in diagnostics {
            html +=
                "<li class=\"\(diagnostic.severity.rawValue)\">\(HTMLEscaping.escape(diagnostic.description))</li>\n"
        }
        html += "</ul>\n</aside>\n"
        return html
    }
}
