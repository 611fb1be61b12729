/// The whole book as one page for print (`print.html`), which Chromium prints to the book's PDF:
/// a title page, the contents, then every chapter on pages of its own, with its title in the
/// running head and the page number at the foot. Written a chapter at a time (`opening`,
/// `chapter`, `closing`), so that a long book's print page is never whole in memory.
///
/// The chapters' bodies are the site's, as they are: formulas typeset, charts in SVG, output in its
/// box. Their ids are made the book's own (`<chapter>--<id>`), and links between chapters become
/// links inside the document, which Chromium keeps as links inside the PDF.
public enum PrintPage {
    /// A chapter as the print page lists it.
    public struct Entry: Sendable {
        public var title: String
        /// The chapter's page in the site (`01-softmax.html`).
        public var page: String
        public var headings: [HTMLFormatter.HeadingAnchor]

        public init(title: String, page: String, headings: [HTMLFormatter.HeadingAnchor]) {
            self.title = title
            self.page = page
            self.headings = headings
        }

        /// The chapter's id in the print page, and the start of every id of its body.
        public var anchor: String { String(page.dropLast(".html".count)) }
    }

    /// What the title page says besides the book's title and author.
    public struct TitlePage: Sendable {
        /// The day the book was built, as the reader's calendar writes it (`2026-12-03`).
        public var date: String
        public var checked: Int
        public var wrong: Int

        public init(date: String, checked: Int, wrong: Int) {
            self.date = date
            self.checked = checked
            self.wrong = wrong
        }
    }

    /// The document's head, the title page and the contents.
    public static func opening(
        book: PageTemplate.BookInfo, entries: [Entry], title: TitlePage, paper: Paper
    ) -> String {
        let strings = book.strings
        var html = """
            <!DOCTYPE html>
            <html lang="\(HTMLEscaping.escape(book.language))">
            <head>
            <meta charset="utf-8">
            <meta name="generator" content="Galley">
            <meta http-equiv="Content-Security-Policy" content="\(PageTemplate.contentSecurityPolicy)">
            <title>\(HTMLEscaping.escape(book.title))</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="katex/katex.min.css">
            <link rel="stylesheet" href="galley.css">
            <link rel="stylesheet" href="print.css">
            <script defer src="print.js"></script>
            <style>
            \(pageRules(entries: entries, paper: paper))</style>
            </head>
            <body class="print">
            <section class="title-page">
            <h1 class="book-title">\(HTMLEscaping.escape(book.title))</h1>

            """
        if let author = book.author { html += "<p class=\"author\">\(HTMLEscaping.escape(author))</p>\n" }
        html +=
            "<p class=\"built\">\(HTMLEscaping.escape(strings.printBuilt.replacing("{date}", with: title.date)))</p>\n"
        html += "<p class=\"checked\">\(HTMLEscaping.escape(strings.printChecked(title.checked, title.wrong)))</p>\n"
        html += "</section>\n<nav class=\"contents\">\n<h2>\(HTMLEscaping.escape(strings.printContents))</h2>\n<ol>\n"
        for entry in entries {
            html += "<li>" + contentsLink(to: entry.anchor, text: entry.title)
            let sections = entry.headings.filter { $0.level == 2 }
            if !sections.isEmpty {
                html += "\n<ol>\n"
                for section in sections {
                    html +=
                        "<li>" + contentsLink(to: entry.anchor + "--" + section.anchor, text: section.text) + "</li>\n"
                }
                html += "</ol>\n"
            }
            html += "</li>\n"
        }
        html += "</ol>\n</nav>\n"
        return html
    }

    /// A contents entry: its text, a leader and room for its page number, which `PDFPrinter` fills
    /// once a first printing has told where each entry starts (`print.js`).
    static func contentsLink(to anchor: String, text: String) -> String {
        "<a href=\"#\(HTMLEscaping.escape(anchor))\"><span class=\"entry\">\(HTMLEscaping.escape(text))</span>"
            + "<span class=\"leader\" aria-hidden=\"true\"></span><span class=\"page-number\"></span></a>"
    }

    /// One chapter: its body, its ids and links made the print page's. `pages` are every
    /// chapter's page names: a link to one of them leads inside the document; a link to another
    /// page of the site (the checks page) is left as text, since the PDF has no such page.
    public static func chapter(_ body: String, entry: Entry, number: Int, pages: Set<String>) -> String {
        "<article class=\"chapter\" id=\"\(HTMLEscaping.escape(entry.anchor))\" style=\"page: chapter-\(number)\">\n"
            + PrintLinks.relink(PrintLinks.withoutHeadingAnchors(body), prefix: entry.anchor + "--", pages: pages)
            + "</article>\n"
    }

    public static let closing = "</body>\n</html>\n"

    /// The size of the printed page.
    public enum Paper: String, Sendable, CaseIterable {
        case a4 = "A4"
        case letter

        /// The size as CSS's `@page` names it.
        var css: String { self == .a4 ? "A4" : "letter" }
    }

    /// The page's size and margins, the page number at the foot of every page but the title page,
    /// and each chapter's title in the head of its pages (a named page each: Chromium has no
    /// running strings).
    static func pageRules(entries: [Entry], paper: Paper) -> String {
        var css = """
            @page { size: \(paper.css); margin: 22mm 18mm 20mm 18mm;
              @bottom-center { content: counter(page); font-size: 9pt; color: #59636e; } }
            @page title { @bottom-center { content: none; } }

            """
        for (number, entry) in entries.enumerated() {
            css += "@page chapter-\(number + 1) { @top-center { content: \(cssString(entry.title)); "
            css += "font-size: 9pt; color: #59636e; } }\n"
        }
        return css
    }

    /// `text` as a CSS string, quoted; nothing in it can close the style element.
    static func cssString(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\", "<", ">", "&": quoted += "\\" + String(scalar.value, radix: 16) + " "
            case _ where scalar.value < 0x20: quoted += " "
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }
}
