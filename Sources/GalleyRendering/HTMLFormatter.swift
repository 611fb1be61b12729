import GalleyDiagnostics
public import GalleyMarkdown
import GalleyRecords
public import GalleyResults

/// Writes a document as an HTML fragment, the content of a chapter page.
///
/// The output follows cmark-gfm's own HTML for everything Markdown has, so pages look as authors
/// expect, with these additions: math goes into `<span class="math inline">` and
/// `<div class="math display">` as KaTeX typeset it when the book was built (HTML and MathML);
/// headings get anchors; tables scroll on narrow screens; image paths are rewritten to where the
/// images were copied.
public struct HTMLFormatter {
    public struct Options: Sendable {
        /// Output paths for image sources as written in the chapter; sources not in the map are
        /// written as they are.
        public var imagePaths: [String: String]
        /// What the chapter's blocks printed and displayed, its inline values, and the verdicts
        /// on its stated numbers and formulas.
        public var results: ChapterResults
        /// The words of the marks and labels Galley adds, in the book's language.
        public var strings: SiteStrings

        public init(
            imagePaths: [String: String] = [:], results: ChapterResults = ChapterResults(),
            strings: SiteStrings = .english
        ) {
            self.imagePaths = imagePaths
            self.results = results
            self.strings = strings
        }
    }

    /// A heading as rendered, for tables of contents.
    public struct HeadingAnchor: Sendable, Equatable, Codable {
        public var level: Int
        public var text: String
        public var anchor: String

        public init(level: Int, text: String, anchor: String) {
            self.level = level
            self.text = text
            self.anchor = anchor
        }
    }

    public internal(set) var html = ""
    public private(set) var headings: [HeadingAnchor] = []
    let options: Options
    private var slugger = HeadingSlugger()
    /// The prose's unchecked claims by line, and the formulas with one, each marked on the page
    /// with its anchor (for the verification page's links).
    let claimsByLine: [Int: [UncheckedClaim]]
    let formulaClaims: [SourceLocation: UncheckedClaim]
    /// The prose's equation references that lead somewhere, by line.
    let referencesByLine: [Int: [(SourceLocation, String)]]
    /// Footnotes as cmark-gfm writes them: how many references each label has had so far (for
    /// `fnref-label-2` and the back-links), and whether the footnotes' section is open.
    private var footnoteReferences: [String: Int] = [:]
    private var footnotesOpen = false

    private init(options: Options) {
        self.options = options
        var byLine: [Int: [UncheckedClaim]] = [:]
        var formulas: [SourceLocation: UncheckedClaim] = [:]
        for claim in options.results.coverage.unchecked {
            if claim.inMath {
                if formulas[claim.range.lowerBound] == nil { formulas[claim.range.lowerBound] = claim }
            } else {
                byLine[claim.range.lowerBound.line, default: []].append(claim)
            }
        }
        claimsByLine = byLine
        formulaClaims = formulas
        var references: [Int: [(SourceLocation, String)]] = [:]
        for (location, name) in options.results.equations.references {
            references[location.line, default: []].append((location, name))
        }
        referencesByLine = references
    }

    /// The HTML of a whole document.
    public static func format(_ document: Document, options: Options = Options()) -> String {
        render(document, options: options).html
    }

    /// The formatter after writing a whole document, with its headings.
    /// - Parameter capacity: the expected size of the HTML in bytes (about the Markdown's), so
    ///   that the page is not copied again and again as it grows.
    public static func render(_ document: Document, options: Options = Options(), capacity: Int = 0) -> HTMLFormatter {
        var formatter = HTMLFormatter(options: options)
        formatter.html.reserveCapacity(capacity)
        for block in document.blocks { formatter.write(block, tight: false) }
        if formatter.footnotesOpen { formatter.html += "</ol>\n</section>\n" }
        return formatter
    }

    // MARK: - Blocks

    private mutating func write(_ block: Block, tight: Bool) {
        switch block {
        case .paragraph(let paragraph):
            if tight {
                write(paragraph.content)
            } else {
                newline()
                html += "<p>"
                write(paragraph.content)
                html += "</p>\n"
            }
        case .heading(let heading):
            let text = PlainText.of(heading.content)
            let anchor = slugger.slug(for: text)
            headings.append(HeadingAnchor(level: heading.level, text: text, anchor: anchor))
            let id = HTMLEscaping.escape(anchor)
            newline()
            // The anchor is a link like any other: named for screen readers, not hidden from them
            // while the keyboard can reach it.
            let label = HTMLEscaping.escape(SiteStrings.fill(options.strings.sectionLink, ["title": text]))
            html +=
                "<h\(heading.level) id=\"\(id)\"><a class=\"anchor\" href=\"#\(HTMLEscaping.escapeURL(anchor))\" aria-label=\"\(label)\">#</a>"
            write(heading.content)
            html += "</h\(heading.level)>\n"
        case .blockQuote(let quote):
            newline()
            html += "<blockquote>\n"
            for child in quote.blocks { write(child, tight: false) }
            newline()
            html += "</blockquote>\n"
        case .list(let list):
            writeList(list)
        case .codeBlock(let code):
            newline()
            if let result = options.results.block(firstLine: code.firstCodeLine) {
                writeCell(code, result)
            } else {
                writeCode(code)
            }
        case .htmlBlock(let block):
            newline()
            html += rewriteImages(inHTML: block.filtered)
            if !block.filtered.hasSuffix("\n") { html += "\n" }
        case .thematicBreak:
            newline()
            html += "<hr />\n"
        case .table(let table):
            writeTable(table)
        case .displayMath(let math):
            newline()
            let location = math.range.lowerBound
            // A labelled formula keeps its anchor even when KaTeX cannot typeset it, so that a
            // reference leads to the error.
            let anchor = options.results.equations.anchors[location].map { " id=\"\(HTMLEscaping.escape($0))\"" }
            writeMath(
                options.results.equations.typesetTeX(math.tex, at: location), display: true, element: "div",
                mark: formulaMark(at: location), anchor: anchor ?? "")
            html += "\n"
        case .footnoteDefinition(let footnote):
            writeFootnote(footnote)
        }
    }

    /// A footnote in the section at the end of the page, with a link back to each reference to it
    /// (in its last paragraph when it ends with one).
    private mutating func writeFootnote(_ footnote: FootnoteDefinition) {
        newline()
        if !footnotesOpen {
            html += "<section class=\"footnotes\" data-footnotes>\n<ol>\n"
            footnotesOpen = true
        }
        let label = HTMLEscaping.escapeURL(footnote.label)
        html += "<li id=\"fn-\(label)\">\n"
        var backLinks = ""
        for index in 1...max(1, footnoteReferences[footnote.label] ?? 0) {
            let target = index == 1 ? "fnref-\(label)" : "fnref-\(label)-\(index)"
            let mark = index == 1 ? "↩" : "↩<sup class=\"footnote-ref\">\(index)</sup>"
            backLinks +=
                " <a href=\"#\(target)\" class=\"footnote-backref\" data-footnote-backref aria-label=\"Back to content\">\(mark)</a>"
        }
        for (index, block) in footnote.blocks.enumerated() {
            if index == footnote.blocks.count - 1, case .paragraph(let paragraph) = block {
                newline()
                html += "<p>"
                write(paragraph.content)
                html += backLinks + "</p>\n"
                backLinks = ""
            } else {
                write(block, tight: false)
            }
        }
        if !backLinks.isEmpty {
            newline()
            html += backLinks.dropFirst() + "\n"
        }
        html += "</li>\n"
    }

    mutating func writeCode(_ code: CodeBlock) {
        let language = code.language.map { " class=\"language-\(HTMLEscaping.escape($0))\"" } ?? ""
        let body = code.language == "swift" ? SwiftHighlighter.html(code.code) : HTMLEscaping.escape(code.code)
        // A wide block scrolls; tabindex lets the keyboard scroll it too.
        html += "<pre tabindex=\"0\"><code\(language)>\(body)</code></pre>\n"
    }

    private mutating func writeList(_ list: ListBlock) {
        let tag = list.isOrdered ? "ol" : "ul"
        newline()
        if let start = list.start, start != 1 {
            html += "<ol start=\"\(start)\">\n"
        } else {
            html += "<\(tag)>\n"
        }
        for item in list.items {
            newline()
            if let checked = item.checkbox {
                html += "<li class=\"task\"><input type=\"checkbox\"\(checked ? " checked=\"\"" : "") disabled=\"\" /> "
            } else {
                html += "<li>"
            }
            for child in item.blocks { write(child, tight: list.isTight) }
            html += "</li>\n"
        }
        html += "</\(tag)>\n"
    }

    /// Starts a new line unless the output is at the start of one (cmark-gfm's `cr`).
    private mutating func newline() {
        if !html.isEmpty, !html.hasSuffix("\n") { html += "\n" }
    }

    private mutating func writeTable(_ table: Table) {
        newline()
        html += "<div class=\"table-wrap\"><table>\n<thead>\n<tr>\n"
        for (column, cell) in table.header.cells.enumerated() {
            html += "<th\(alignment(table, column))>"
            write(cell.content)
            html += "</th>\n"
        }
        html += "</tr>\n</thead>\n"
        if !table.rows.isEmpty {
            html += "<tbody>\n"
            for row in table.rows {
                html += "<tr>\n"
                for (column, cell) in row.cells.enumerated() {
                    html += "<td\(alignment(table, column))>"
                    write(cell.content)
                    html += "</td>\n"
                }
                html += "</tr>\n"
            }
            html += "</tbody>\n"
        }
        html += "</table></div>\n"
    }

    private func alignment(_ table: Table, _ column: Int) -> String {
        guard column < table.alignments.count else { return "" }
        switch table.alignments[column] {
        case .none: return ""
        case .left: return " align=\"left\""
        case .center: return " align=\"center\""
        case .right: return " align=\"right\""
        }
    }

    // MARK: - Inlines

    mutating func write(_ inlines: [Inline]) {
        var index = 0
        while index < inlines.count {
            if index + 1 < inlines.count, case .math(let math) = inlines[index].kind,
                FormulaPunctuation.canKeepWithNext(math, typesetMath: options.results.typesetMath),
                let (punctuation, rest) = FormulaPunctuation.leadingPunctuation(of: inlines[index + 1])
            {
                // Chromium breaks a line between a formula and the punctuation after it, so a line
                // could start with "。": the two are kept together.
                html += "<span class=\"nobr\">"
                write(inlines[index])
                write(punctuation)
                html += "</span>"
                if let rest { write(rest) }
                index += 2
            } else {
                write(inlines[index])
                index += 1
            }
        }
    }

    private mutating func write(_ inline: Inline) {
        switch inline.kind {
        case .text(let text):
            let line = inline.range.lowerBound.line
            if (!claimsByLine.isEmpty && claimsByLine[line] != nil)
                || (!referencesByLine.isEmpty && referencesByLine[line] != nil)
            {
                writeText(text, at: inline.range.lowerBound, marks: marks(at: inline.range.lowerBound))
            } else {
                html += HTMLEscaping.escape(text)
            }
        case .softBreak(let joinsWideText):
            if !joinsWideText { html += "\n" }
        case .lineBreak:
            html += "<br />\n"
        case .code(let code):
            html += "<code>\(HTMLEscaping.escape(code))</code>"
        case .emphasis(let children):
            html += "<em>"
            write(children)
            html += "</em>"
        case .strong(let children):
            html += "<strong>"
            write(children)
            html += "</strong>"
        case .strikethrough(let children):
            html += "<del>"
            write(children)
            html += "</del>"
        case .link(let link):
            html += "<a href=\"\(HTMLEscaping.escapeURL(link.destination))\""
            if !link.title.isEmpty { html += " title=\"\(HTMLEscaping.escape(link.title))\"" }
            html += ">"
            write(link.content)
            html += "</a>"
        case .image(let image):
            let path = options.imagePaths[image.source] ?? image.source
            html += "<img src=\"\(HTMLEscaping.escapeURL(path))\" alt=\"\(HTMLEscaping.escape(image.alt))\""
            if !image.title.isEmpty { html += " title=\"\(HTMLEscaping.escape(image.title))\"" }
            html += " />"
        case .html(let inlineHTML):
            html += rewriteImages(inHTML: inlineHTML.filtered)
        case .statedNumbers(let link):
            writeStatedNumbers(link)
        case .inlineValue(let value):
            if let text = options.results.inlineValues[value.byteRange.lowerBound] {
                html +=
                    "<span class=\"computed-value\" title=\"\(HTMLEscaping.escape(value.expression))\">\(HTMLEscaping.escape(text))</span>"
            } else {
                html += "<code class=\"computed-value missing\">\(HTMLEscaping.escape(value.expression))</code>"
            }
        case .math(let math):
            writeMath(math.tex, display: math.isDisplay, element: "span", mark: formulaMark(at: math.location))
        case .footnoteReference(let reference):
            let count = (footnoteReferences[reference.label] ?? 0) + 1
            footnoteReferences[reference.label] = count
            let label = HTMLEscaping.escapeURL(reference.label)
            html +=
                "<sup class=\"footnote-ref\"><a href=\"#fn-\(label)\" id=\"fnref-\(label)\(count == 1 ? "" : "-\(count)")\" data-footnote-ref>\(reference.number)</a></sup>"
        }
    }

    // MARK: - Images

    /// Raw HTML with its `<img src>` values replaced by the copied images' paths.
    private func rewriteImages(inHTML html: String) -> String {
        let sources = HTMLImageSources.find(in: html)
        guard !sources.isEmpty else { return html }
        var bytes = Array(html.utf8)
        for source in sources.reversed() {
            guard let path = options.imagePaths[source.value] else { continue }
            bytes.replaceSubrange(source.byteRange, with: Array(HTMLEscaping.escapeURL(path).utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
