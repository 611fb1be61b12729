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

    /// A chapter page, with a table of contents of its second- and third-level headings.
    public static func chapter(
        book: BookInfo, title: String, body: String, diagnostics: [Diagnostic],
        previous: PageLink?, next: PageLink?, headings: [HTMLFormatter.HeadingAnchor] = [],
        verification: PageLink? = nil
    ) -> String {
        chapterPage(
            book: book, title: title, body: body, diagnostics: diagnostics, previous: previous, next: next,
            headings: headings, verification: verification
        ).html
    }

    /// A chapter page, and where the body's bytes stand in it.
    public struct ChapterPage: Sendable {
        public var html: String
        /// The UTF-8 ranges of the page that, joined, are the body: the table of contents goes
        /// in after its title, so there are two.
        public var bodyRanges: [Range<Int>]
    }

    /// `chapter`, with where the body went: the render cache takes the body back from a page it
    /// kept when only the page around it changes.
    public static func chapterPage(
        book: BookInfo, title: String, body: String, diagnostics: [Diagnostic],
        previous: PageLink?, next: PageLink?, headings: [HTMLFormatter.HeadingAnchor] = [],
        verification: PageLink? = nil
    ) -> ChapterPage {
        var html = head(book: book, title: "\(title) · \(book.title)")
        html.reserveCapacity(
            body.utf8.count + headings.reduce(0) { $0 + 3 * $1.anchor.utf8.count + $1.text.utf8.count + 40 } + 4096)
        html += "<main class=\"chapter\" id=\"content\">\n"
        html += diagnosticsBox(diagnostics)
        let checks = verification.map {
            "<p class=\"verification\"><a href=\"\(HTMLEscaping.escapeURL($0.href))\">\(HTMLEscaping.escape($0.title))</a></p>\n"
        }
        let bodyRanges = appendBody(body, withContentsOf: headings, header: checks, to: &html)
        html += "</main>\n"
        html += "<nav class=\"pager\" aria-label=\"章节导航\">\n"
        html +=
            previous.map {
                "<a rel=\"prev\" href=\"\(HTMLEscaping.escapeURL($0.href))\">← \(HTMLEscaping.escape($0.title))</a>\n"
            }
            ?? "<span></span>\n"
        html +=
            next.map {
                "<a rel=\"next\" href=\"\(HTMLEscaping.escapeURL($0.href))\">\(HTMLEscaping.escape($0.title)) →</a>\n"
            }
            ?? "<span></span>\n"
        html += "</nav>\n"
        html += foot(book: book)
        return ChapterPage(html: html, bodyRanges: bodyRanges)
    }

    /// The book's front page: its title and the chapters in order.
    public static func index(book: BookInfo, chapters: [PageLink], verification: PageLink? = nil) -> String {
        var html = head(book: book, title: book.title)
        html += "<main class=\"index\" id=\"content\">\n<h1>\(HTMLEscaping.escape(book.title))</h1>\n"
        if let author = book.author {
            html += "<p class=\"author\">\(HTMLEscaping.escape(author))</p>\n"
        }
        if let verification {
            html +=
                "<p class=\"verification\"><a href=\"\(HTMLEscaping.escapeURL(verification.href))\">\(HTMLEscaping.escape(verification.title))</a></p>\n"
        }
        html += "<ol class=\"chapters\">\n"
        for chapter in chapters {
            html +=
                "<li><a href=\"\(HTMLEscaping.escapeURL(chapter.href))\">\(HTMLEscaping.escape(chapter.title))</a></li>\n"
        }
        html += "</ol>\n</main>\n"
        html += foot(book: book)
        return html
    }

    /// The search page; `search.js` fills in the results for the query in its address.
    public static func search(book: BookInfo) -> String {
        var html = head(book: book, title: "搜索 · \(book.title)", extraScripts: ["search-index.js", "search.js"])
        html += "<main class=\"search\" id=\"content\">\n<h1>搜索</h1>\n"
        html +=
            "<p id=\"search-status\" role=\"status\"></p>\n<ol id=\"search-results\" class=\"search-results\"></ol>\n"
        html += "</main>\n"
        html += foot(book: book)
        return html
    }

    // MARK: - Parts

    /// The headings' list, placed after the chapter's first heading (its title).
    /// The chapter's body with its table of contents after the title (if it starts with one),
    /// appended without copying the body more than once.
    /// Appends the body with the header and table of contents after its title; returns the
    /// UTF-8 ranges of `html` the body went into.
    private static func appendBody(
        _ body: String, withContentsOf headings: [HTMLFormatter.HeadingAnchor], header: String?,
        to html: inout String
    ) -> [Range<Int>] {
        func append(_ part: Substring) -> Range<Int> {
            let start = html.utf8.count
            html.append(contentsOf: part)
            return start..<html.utf8.count
        }
        let toc = (header ?? "") + (tableOfContents(headings) ?? "")
        guard !toc.isEmpty else { return [append(body[...])] }
        if body.hasPrefix("<h1"), let end = body.utf8.firstRange(of: "</h1>\n".utf8) {
            let title = append(body[..<end.upperBound])
            html += toc
            return [title, append(body[end.upperBound...])]
        }
        html += toc
        return [append(body[...])]
    }

    private static func tableOfContents(_ headings: [HTMLFormatter.HeadingAnchor]) -> String? {
        let entries = headings.filter { $0.level == 2 || $0.level == 3 }
        guard entries.count >= 2 else { return nil }
        var toc = "<nav class=\"toc\" aria-label=\"本章目录\">\n<p>本章目录</p>\n<ol>\n"
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

    static func head(book: BookInfo, title: String, extraScripts: [String] = []) -> String {
        let scripts = extraScripts.map { "<script defer src=\"\($0)\"></script>\n" }.joined()
        return """
            <!DOCTYPE html>
            <html lang="\(HTMLEscaping.escape(book.language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="Galley">
            <title>\(HTMLEscaping.escape(title))</title>
            <link rel="stylesheet" href="katex/katex.min.css">
            <link rel="stylesheet" href="galley.css">
            <script defer src="galley.js"></script>
            \(scripts)</head>
            <body>
            <a class="skip" href="#content">跳到正文</a>
            <header class="site"><a href="index.html">\(HTMLEscaping.escape(book.title))</a>
            <form role="search" action="search.html"><input type="search" name="q" placeholder="搜索（按 / 键）" aria-label="搜索全书"></form>
            </header>

            """
    }

    static func foot(book: BookInfo) -> String {
        "</body>\n</html>\n"
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
