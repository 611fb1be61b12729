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

    /// A chapter page.
    public static func chapter(
        book: BookInfo, title: String, body: String, diagnostics: [Diagnostic],
        previous: PageLink?, next: PageLink?
    ) -> String {
        var html = head(book: book, title: "\(title) · \(book.title)")
        html += "<main class=\"chapter\">\n"
        html += diagnosticsBox(diagnostics)
        html += body
        html += "</main>\n"
        html += "<nav class=\"pager\" aria-label=\"章节导航\">\n"
        html += previous.map { "<a rel=\"prev\" href=\"\(HTMLEscaping.escapeURL($0.href))\">← \(HTMLEscaping.escape($0.title))</a>\n" }
            ?? "<span></span>\n"
        html += next.map { "<a rel=\"next\" href=\"\(HTMLEscaping.escapeURL($0.href))\">\(HTMLEscaping.escape($0.title)) →</a>\n" }
            ?? "<span></span>\n"
        html += "</nav>\n"
        html += foot(book: book)
        return html
    }

    /// The book's front page: its title and the chapters in order.
    public static func index(book: BookInfo, chapters: [PageLink]) -> String {
        var html = head(book: book, title: book.title)
        html += "<main class=\"index\">\n<h1>\(HTMLEscaping.escape(book.title))</h1>\n"
        if let author = book.author {
            html += "<p class=\"author\">\(HTMLEscaping.escape(author))</p>\n"
        }
        html += "<ol class=\"chapters\">\n"
        for chapter in chapters {
            html += "<li><a href=\"\(HTMLEscaping.escapeURL(chapter.href))\">\(HTMLEscaping.escape(chapter.title))</a></li>\n"
        }
        html += "</ol>\n</main>\n"
        html += foot(book: book)
        return html
    }

    // MARK: - Parts

    private static func head(book: BookInfo, title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(HTMLEscaping.escape(book.language))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="Galley">
        <title>\(HTMLEscaping.escape(title))</title>
        <link rel="stylesheet" href="katex/katex.min.css">
        <link rel="stylesheet" href="galley.css">
        <script defer src="katex/katex.min.js"></script>
        <script defer src="galley.js"></script>
        </head>
        <body>
        <header class="site"><a href="index.html">\(HTMLEscaping.escape(book.title))</a></header>

        """
    }

    private static func foot(book: BookInfo) -> String {
        "</body>\n</html>\n"
    }

    private static func diagnosticsBox(_ diagnostics: [Diagnostic]) -> String {
        guard !diagnostics.isEmpty else { return "" }
        var html = "<aside class=\"diagnostics\" role=\"alert\">\n<ul>\n"
        for diagnostic in diagnostics {
            html += "<li class=\"\(diagnostic.severity.rawValue)\">\(HTMLEscaping.escape(diagnostic.description))</li>\n"
        }
        html += "</ul>\n</aside>\n"
        return html
    }
}
