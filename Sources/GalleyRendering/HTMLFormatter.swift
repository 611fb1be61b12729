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

        public init(imagePaths: [String: String] = [:], results: ChapterResults = ChapterResults()) {
            self.imagePaths = imagePaths
            self.results = results
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

    public private(set) var html = ""
    public private(set) var headings: [HeadingAnchor] = []
    private let options: Options
    private var slugger = HeadingSlugger()
    /// The prose's unchecked claims by line, and the formulas with one, each marked on the page
    /// with its anchor (for the verification page's links).
    private let claimsByLine: [Int: [UncheckedClaim]]
    private let formulaClaims: [SourceLocation: UncheckedClaim]
    /// The prose's equation references that lead somewhere, by line.
    private let referencesByLine: [Int: [(SourceLocation, String)]]
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
            html +=
                "<h\(heading.level) id=\"\(id)\"><a class=\"anchor\" href=\"#\(HTMLEscaping.escapeURL(anchor))\" aria-hidden=\"true\">#</a>"
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

    private mutating func writeCode(_ code: CodeBlock) {
        let language = code.language.map { " class=\"language-\(HTMLEscaping.escape($0))\"" } ?? ""
        let body = code.language == "swift" ? SwiftHighlighter.html(code.code) : HTMLEscaping.escape(code.code)
        html += "<pre><code\(language)>\(body)</code></pre>\n"
    }

    /// A block that ran: its code (unless hidden), what it printed and displayed (unless quiet),
    /// and how it fared when it did not simply succeed.
    private mutating func writeCell(_ code: CodeBlock, _ result: BlockResult) {
        let state: String
        switch result.status {
        case .succeeded: state = "ran"
        case .failed: state = "failed"
        case .failedAsExpected: state = "failed-as-expected"
        case .notRun: state = "not-run"
        }
        html += "<div class=\"cell \(state)\">\n"
        let runOptions = code.runOptions ?? RunOptions()
        if !runOptions.hide { writeCode(code) }
        let showsOutput = !runOptions.quiet || state == "failed"
        if showsOutput, !result.output.isEmpty {
            html += "<div class=\"output\">\n"
            for item in result.output.items {
                switch item {
                case .text(let text):
                    html += "<pre class=\"stdout\">\(HTMLEscaping.escape(text))</pre>\n"
                case .display(let display):
                    writeDisplay(display)
                }
            }
            if !result.output.standardError.isEmpty {
                html += "<pre class=\"stderr\">\(HTMLEscaping.escape(result.output.standardError))</pre>\n"
            }
            if result.output.truncated {
                html += "<p class=\"truncated\">输出过长，只显示了开头部分（output cut at the cap）。</p>\n"
            }
            html += "</div>\n"
        }
        switch result.status {
        case .succeeded:
            break
        case .failed(let reason):
            html += "<p class=\"cell-status error\">✗ \(HTMLEscaping.escape(reason))</p>\n"
        case .failedAsExpected(let reason):
            html += "<p class=\"cell-status expected\">✓ 预期的失败：\(HTMLEscaping.escape(reason))</p>\n"
        case .notRun(let reason):
            html += "<p class=\"cell-status not-run\">\(HTMLEscaping.escape(reason))</p>\n"
        }
        if !result.diagnostics.isEmpty {
            html += "<ul class=\"cell-diagnostics\">\n"
            for diagnostic in result.diagnostics {
                html +=
                    "<li class=\"\(diagnostic.severity.rawValue)\">\(HTMLEscaping.escape(diagnostic.description))</li>\n"
            }
            html += "</ul>\n"
        }
        html += "</div>\n"
    }

    private mutating func writeDisplay(_ item: DisplayItem) {
        switch item {
        case .value(let label, let text):
            let prefix = label.map { HTMLEscaping.escape($0) + " = " } ?? ""
            html += "<pre class=\"value\">\(prefix)\(HTMLEscaping.escape(text))</pre>\n"
        case .math(let tex):
            writeMath(tex, display: true, element: "div", mark: "\"")
            html += "\n"
        case .chart(let chart):
            html += "<figure class=\"chart\">\n\(ChartSVG.svg(chart))\n</figure>\n"
        case .table(let table):
            html += "<div class=\"table-wrap\"><table class=\"computed\">\n"
            if let caption = table.caption {
                html += "<caption>"
                write(InlineMarkdown.inlines(caption))
                html += "</caption>\n"
            }
            html += "<thead>\n<tr>\n"
            for header in table.columnHeaders {
                html += "<th>"
                write(InlineMarkdown.inlines(header))
                html += "</th>\n"
            }
            html += "</tr>\n</thead>\n<tbody>\n"
            for (row, cells) in table.cells.enumerated() {
                html += "<tr>\n"
                if let headers = table.rowHeaders {
                    html += "<th scope=\"row\">"
                    write(InlineMarkdown.inlines(row < headers.count ? headers[row] : ""))
                    html += "</th>\n"
                }
                for cell in cells {
                    html += "<td>\(HTMLEscaping.escape(cell))</td>\n"
                }
                html += "</tr>\n"
            }
            html += "</tbody>\n</table></div>\n"
        }
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

    private mutating func write(_ inlines: [Inline]) {
        var index = 0
        while index < inlines.count {
            if index + 1 < inlines.count, case .math(let math) = inlines[index].kind, canKeepWithNext(math),
                let (punctuation, rest) = Self.leadingPunctuation(of: inlines[index + 1])
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

    /// Whether an inline formula may be kept together with what follows it. KaTeX breaks a line
    /// only between the boxes of a formula, after `=` or `+`: a formula of one box loses nothing,
    /// and a short one (16 characters on the page at most, a third of a phone's line) little.
    private func canKeepWithNext(_ math: InlineMath) -> Bool {
        guard !math.isDisplay,
            let typeset = options.results.typesetMath[TypesetMath.Key(tex: math.tex, display: false)]?.html
        else { return false }
        if Self.visibleLength(ofTypeset: typeset) <= 16 { return true }
        // One box: a second `base` is not there (found without splitting the HTML into copies).
        let box = "<span class=\"base\">"
        guard let first = typeset.range(of: box) else { return false }
        return typeset.range(of: box, range: first.upperBound..<typeset.endIndex) == nil
    }

    /// How many characters a typeset formula shows: the text of KaTeX's HTML, without its tags
    /// (the MathML before it, for screen readers, is left out).
    static func visibleLength(ofTypeset typeset: String) -> Int {
        guard let start = typeset.range(of: "<span class=\"katex-html\"") else { return .max }
        var count = 0
        var inTag = false
        for character in typeset[start.lowerBound...] {
            switch character {
            case "<": inTag = true
            case ">": inTag = false
            case "\u{200B}": break
            default: if !inTag { count += 1 }
            }
        }
        return count
    }

    /// Punctuation that must not start a line (Unicode's line-breaking classes CL, CP, EX, IS
    /// and NS, the ones prose uses), Chinese and Western.
    private static let noBreakBefore = Set("，。、；：！？）」』》〉】〕”’….,;:!?)]}".unicodeScalars)

    /// A text's first character when it is punctuation that must not start a line (，。、）” and
    /// the like), and the text after it.
    private static func leadingPunctuation(of inline: Inline) -> (Inline, Inline?)? {
        guard case .text(let text) = inline.kind, let first = text.unicodeScalars.first,
            Self.noBreakBefore.contains(first)
        else { return nil }
        let start = inline.range.lowerBound
        let split = SourceLocation(line: start.line, column: start.column + 1)
        let rest = String(text.unicodeScalars.dropFirst())
        return (
            Inline(.text(String(first)), range: start..<split),
            rest.isEmpty ? nil : Inline(.text(rest), range: split..<max(split, inline.range.upperBound))
        )
    }

    /// A formula as KaTeX typeset it when the book was built: HTML for the eye and MathML for
    /// screen readers, no script needed. One KaTeX could not typeset shows its TeX and KaTeX's
    /// message in its place.
    private mutating func writeMath(_ tex: String, display: Bool, element: String, mark: String, anchor: String = "") {
        let key = TypesetMath.Key(tex: tex, display: display)
        let typeset = options.results.typesetMath[key]
        let kind = display ? "math display" : "math inline"
        if let typeset, let error = typeset.error {
            html += "<\(element) class=\"\(kind) math-error\" role=\"note\"\(anchor)>"
            html += "<code>\(HTMLEscaping.escape(tex))</code> "
            html += "<span class=\"math-error-message\">TeX 错误：\(HTMLEscaping.escape(error))</span></\(element)>"
        } else if let typeset, let typesetHTML = typeset.html {
            html += "<\(element) class=\"\(kind)\(mark)\(anchor)>"
            html += typesetHTML
            html += "</\(element)>"
        } else {
            html += "<\(element) class=\"\(kind)\(mark)\(anchor)>\(HTMLEscaping.escape(tex))</\(element)>"
        }
    }

    /// The rest of a math element's class attribute: the mark of a formula whose arithmetic was
    /// checked, or that states a number nothing checks (closing quote included).
    private func formulaMark(at location: SourceLocation) -> String {
        switch options.results.formulas[location] {
        case .agrees?: return " formula-checked\" title=\"公式已核对\""
        case .differs?: return " formula-wrong\" title=\"公式有误\""
        case nil:
            guard let claim = formulaClaims[location] else { return "\"" }
            return " claim-unchecked\" id=\"\(claim.anchor)\" title=\"公式中的 \(HTMLEscaping.escape(claim.text)) 未经核对\""
        }
    }

    /// What a text holds that the page marks: an unchecked claim (wrapped in a span with its
    /// anchor) or an equation reference (a link to the formula, its number as the text).
    private struct TextMark {
        var column: Int
        var text: String
        var html: String
    }

    /// The marks of the text starting at `start`, in order.
    private func marks(at start: SourceLocation) -> [TextMark] {
        var marks: [TextMark] = []
        for claim in claimsByLine[start.line] ?? [] where claim.range.lowerBound.column >= start.column {
            marks.append(
                TextMark(
                    column: claim.range.lowerBound.column, text: claim.text,
                    html: "<span class=\"claim-unchecked\" id=\"\(claim.anchor)\" title=\"未经核对\">"
                        + HTMLEscaping.escape(claim.text) + "</span>"))
        }
        for (location, name) in referencesByLine[start.line] ?? [] where location.column >= start.column {
            guard let target = options.results.equations.targets[name] else { continue }
            marks.append(
                TextMark(
                    column: location.column, text: "@" + name,
                    html: "<a class=\"equation-reference\" href=\"\(HTMLEscaping.escapeURL(target.page))#\(name)\">("
                        + HTMLEscaping.escape(target.number) + ")</a>"))
        }
        return marks.sorted { $0.column < $1.column }
    }

    /// A text with marks. A mark's column counts the text's characters from its start; should an
    /// escape before it have moved it, it is looked for further on.
    private mutating func writeText(_ text: String, at start: SourceLocation, marks: [TextMark]) {
        let scalars = Array(text.unicodeScalars)
        var position = 0
        for mark in marks {
            let wanted = Array(mark.text.unicodeScalars)
            var offset = mark.column - start.column
            guard offset >= position, offset < scalars.count else { continue }
            while offset + wanted.count <= scalars.count,
                !scalars[offset..<(offset + wanted.count)].elementsEqual(wanted)
            {
                offset += 1
            }
            guard offset + wanted.count <= scalars.count else { continue }
            html += HTMLEscaping.escape(String(String.UnicodeScalarView(scalars[position..<offset])))
            html += mark.html
            position = offset + wanted.count
        }
        html += HTMLEscaping.escape(String(String.UnicodeScalarView(scalars[position...])))
    }

    /// The author's own numbers, marked as checked (the computed value on hover and for screen
    /// readers), as wrong, or as not checked.
    private mutating func writeStatedNumbers(_ link: StatedNumbersLink) {
        let verdict = options.results.statedNumbers[link.byteRange.lowerBound]
        let text = HTMLEscaping.escape(link.text)
        let computed = verdict?.computed.map(HTMLEscaping.escape) ?? ""
        switch verdict?.state {
        case .correct?:
            html +=
                "<span class=\"stated correct\" title=\"已核对：计算值 \(computed)\">\(text)<span class=\"visually-hidden\">（已核对，计算值 \(computed)）</span></span>"
        case .wrong?:
            html +=
                "<span class=\"stated wrong\" title=\"与计算值不符：\(computed)\">\(text)<span class=\"visually-hidden\">（与计算值不符，计算值 \(computed)）</span></span>"
        case .unchecked(let reason)?:
            html += "<span class=\"stated unchecked\" title=\"未核对：\(HTMLEscaping.escape(reason))\">\(text)</span>"
        case nil:
            html += "<span class=\"stated unchecked\">\(text)</span>"
        }
    }

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
