import Foundation
import GalleyDiagnostics
public import GalleyMarkdown
public import GalleyResults

/// A chapter's text, section by section, as the site's search indexes it.
///
/// The site's search is Pagefind's: an index cut into chunks, of which a query fetches only those
/// it needs, built over the finished site (`SearchBundle`). Pagefind does not read the chapter's
/// page but the page this type writes for it (`page(title:language:)`): the text a reader sees,
/// cut at the headings (each heading's anchor becomes a result of its own), with each formula
/// as its TeX between U+E000 and U+E001 (private-use characters no query holds) so that formula
/// names are found and a result can show the formula; and, after it (`mathSeparator`), the
/// formulas' MathML, as KaTeX made it when the book was built — results show formulas typeset,
/// with no script to typeset them, and a reader fetches the MathML of the chapters shown only. Hidden
/// code (`swift run hide`) is not indexed: a reader cannot see it on the page either.
public struct SearchIndex: Sendable {
    /// One heading's section of a chapter.
    public struct Section: Codable, Sendable, Equatable {
        /// The section's heading; nil for the text before the first heading.
        public var title: String?
        /// The heading's anchor on the chapter's page.
        public var anchor: String?
        /// The section's text, the heading's excluded.
        public var text: String
    }

    public private(set) var sections: [Section] = []
    /// Each formula's MathML, by its text in the sections (without KaTeX's `xmlns`, which HTML
    /// does not need).
    public private(set) var math: [String: String] = [:]

    public init() {}

    /// Where a formula starts and ends in a section's text.
    public static let mathStart = "\u{E000}"
    public static let mathEnd = "\u{E001}"

    /// Adds a chapter, cut into sections at its headings. `results` gives its formulas as typeset
    /// (and the tags of labelled ones).
    public mutating func add(
        _ document: Document, headings: [HTMLFormatter.HeadingAnchor], results: ChapterResults = ChapterResults()
    ) {
        var collector = TextCollector()
        collector.equations = results.equations
        collector.walk(document)
        for (shown, key) in collector.formulas where math[shown] == nil {
            if let mathML = Self.mathML(results.typesetMath[key]?.html) { math[shown] = mathML }
        }
        var anchors = headings.makeIterator()
        for part in collector.parts {
            let anchor = part.isHeadingStart ? anchors.next() : nil
            let text = part.text.string
            guard !text.isEmpty || anchor != nil else { continue }
            sections.append(Section(title: anchor?.text, anchor: anchor?.anchor, text: text))
        }
    }

    /// The page Pagefind indexes for the chapter: `title` is the chapter's, `language` the book's
    /// (Pagefind picks its word segmentation by it, Chinese included). Sections become `<h2>`s
    /// with their anchors; the chapter's title and the formulas' MathML (JSON) are metadata,
    /// not text.
    public func page(title: String, language: String) -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"\(HTMLEscaping.escape(language))\"><head><meta charset=\"utf-8\">"
        html += "<title>\(HTMLEscaping.escape(title))</title></head>\n<body><main data-pagefind-body>\n"
        html += "<p data-pagefind-meta=\"title\" data-pagefind-ignore>\(HTMLEscaping.escape(title))</p>\n"
        for section in sections {
            if let heading = section.title {
                let id = section.anchor.map { " id=\"\(HTMLEscaping.escape($0))\"" } ?? ""
                html += "<h2\(id)>\(HTMLEscaping.escape(Self.spacingIdeographs(heading)))</h2>\n"
            }
            if !section.text.isEmpty { html += "<p>\(HTMLEscaping.escape(Self.spacingIdeographs(section.text)))</p>\n" }
        }
        html += "</main></body></html>\n"
        var json: [UInt8] = [UInt8(ascii: "{")]
        for (shown, mathML) in math.sorted(by: { $0.key < $1.key }) {
            if json.count > 1 { json.append(UInt8(ascii: ",")) }
            Self.appendJSONString(shown, to: &json)
            json.append(UInt8(ascii: ":"))
            Self.appendJSONString(mathML, to: &json)
        }
        json.append(UInt8(ascii: "}"))
        return html + Self.mathSeparator + String(decoding: json, as: UTF8.self)
    }

    /// What separates, in `page(title:language:)`, the page Pagefind reads from the formulas'
    /// MathML (JSON: TeX as in the text → `<math>`), which the site keeps beside the index
    /// (`pagefind/math/<page>.pf_math`, gzip) for the search page to fetch for the chapters it
    /// shows. Kept out of Pagefind's own metadata, MathML would be half of what Pagefind holds
    /// in memory and reads.
    public static let mathSeparator = "<!-- galley-math -->\n"

    /// The text with a space on either side of each Chinese or Japanese character (formulas left
    /// as they are), so that Pagefind indexes one character a word.
    ///
    /// Pagefind segments Chinese into words with one segmenter when it indexes (jieba) and with
    /// another when a reader searches (the browser's `Intl.Segmenter`); where the two cut a phrase
    /// differently, a page that holds the phrase is not found (Pagefind issue 1237: on the course,
    /// 两种情形 found none of the five places it stands). With one character a word on both sides,
    /// the search page asks for the query's characters as an exact phrase (`"两 种 情 形"`): a
    /// page is found when it holds the query as written, as a reader expects of a Chinese search.
    public static func spacingIdeographs(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var inFormula = false
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar == "\u{E000}" { inFormula = true } else if scalar == "\u{E001}" { inFormula = false }
            let ideograph = !inFormula && isIdeograph(scalar)
            if (ideograph || pendingSpace) && !(result.last.map { $0 == " " } ?? true) && scalar != " " {
                result.append(" ")
            }
            pendingSpace = ideograph
            result.append(scalar)
        }
        return String(result)
    }

    /// Han characters and kana: the scripts written without spaces between words. (Korean is
    /// written with spaces and is left to Pagefind.)
    static func isIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: return true
        default: return false
        }
    }

    /// The `<math>` element of KaTeX's output, inline (a display formula's `display="block"`
    /// dropped, since it shows within a line of a result), without its TeX annotation and its
    /// `xmlns` (which HTML does not need).
    static func mathML(_ html: String?) -> String? {
        guard var html else { return nil }
        // On UTF-8 bytes (`ByteSearch`): Foundation's `range(of:)` and `replacingOccurrences`
        // made this a tenth of a preview render on a chapter dense with formulas.
        return html.withUTF8 { bytes -> String? in
            guard let start = ByteSearch.firstIndex(of: Array("<math".utf8), in: bytes, from: 0),
                let close = ByteSearch.firstIndex(of: Array("</math>".utf8), in: bytes, from: start + 5)
            else { return nil }
            let end = close + "</math>".utf8.count
            // The TeX it carries is not shown, and the result's text has it already.
            var annotation: Range<Int>?
            if let open = ByteSearch.firstIndex(of: Array("<annotation".utf8), in: bytes, from: start, before: end),
                let shut = ByteSearch.firstIndex(of: Array("</annotation>".utf8), in: bytes, from: open, before: end)
            {
                annotation = open..<(shut + "</annotation>".utf8.count)
            }
            let dropped = [
                Array(" display=\"block\"".utf8), Array(" xmlns=\"http://www.w3.org/1998/Math/MathML\"".utf8),
            ]
            var math: [UInt8] = []
            math.reserveCapacity(end - start)
            var index = start
            while index < end {
                if let annotation, index == annotation.lowerBound {
                    index = annotation.upperBound
                    continue
                }
                if bytes[index] == 0x20,
                    let drop = dropped.first(where: { ByteSearch.matches($0, in: bytes, at: index, before: end) })
                {
                    index += drop.count
                    continue
                }
                math.append(bytes[index])
                index += 1
            }
            return String(decoding: math, as: UTF8.self)
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, `<` too (so
    /// that no `</script>` can close anything), and U+2028 and U+2029, which JSON allows but older
    /// JavaScript did not. Works on UTF-8 bytes; every other byte is copied as it is.
    static func appendJSONString(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        bytes.append(0x22)
        text.withUTF8 { utf8 in
            bytes.reserveCapacity(bytes.count + utf8.count + 16)
            // Copies runs of bytes that need nothing in one go; escapes the rest.
            var runStart = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                let needsEscape =
                    byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C
                    || (byte == 0xE2 && index + 2 < utf8.count && utf8[index + 1] == 0x80
                        && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9))
                guard needsEscape else {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                switch byte {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
                case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
                case 0x3C: bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, 0x33, 0x63])  // \u003c
                case 0xE2:
                    // \u2028 or \u2029.
                    bytes.append(contentsOf: [0x5C, 0x75, 0x32, 0x30, 0x32, utf8[index + 2] == 0xA8 ? 0x38 : 0x39])
                    index += 2
                default:
                    bytes.append(contentsOf: [
                        0x5C, 0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)],
                    ])
                }
                index += 1
                runStart = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(0x22)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Runs of white space as single spaces, ends trimmed.
    static func collapsingWhitespace(_ text: String) -> String {
        var buffer = CollapsedText()
        buffer.append(text)
        return buffer.string
    }

    /// The length of the white-space character at `index`, or 0.
    static func whitespaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C: return 1
        case 0xC2 where index + 1 < bytes.count && (bytes[index + 1] == 0xA0 || bytes[index + 1] == 0x85): return 2
        case 0xE1 where index + 2 < bytes.count && bytes[index + 1] == 0x9A && bytes[index + 2] == 0x80: return 3
        case 0xE2 where index + 2 < bytes.count:
            let (second, third) = (bytes[index + 1], bytes[index + 2])
            if second == 0x80, third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF { return 3 }
            if second == 0x81, third == 0x9F { return 3 }
            return 0
        case 0xE3 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80: return 3
        default: return 0
        }
    }

}

/// Collects a document's text in parts, a new part at each heading.
/// Text gathered piece by piece with runs of white space as single spaces and the ends trimmed.
/// Works on UTF-8 bytes — character- or scalar-level processing is the slow part on megabytes
/// of text — and knows the non-ASCII spaces a Chinese text has (U+3000, U+00A0, U+2000–U+200A…).
struct CollapsedText {
    private var bytes: [UInt8] = []
    private var pendingSpace = false

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            var index = 0
            while index < utf8.count {
                let width = SearchIndex.whitespaceWidth(utf8, at: index)
                if width > 0 {
                    pendingSpace = !bytes.isEmpty
                    index += width
                    continue
                }
                if pendingSpace { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(utf8[index])
                index += 1
            }
        }
    }

    /// A space between two pieces (collapsed with any around it).
    mutating func appendSpace() {
        pendingSpace = !bytes.isEmpty
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// Collects a document's text in parts, a new part at each heading.
private struct TextCollector: MarkupWalker {
    struct Part {
        var isHeadingStart: Bool
        var text = CollapsedText()
    }

    var parts: [Part] = [Part(isHeadingStart: false)]
    /// Each formula's key, by its text as it stands in the sections.
    var formulas: [String: TypesetMath.Key] = [:]
    var equations = EquationNumbers()

    private mutating func appendMath(_ tex: String, key: TypesetMath.Key) {
        let shown = SearchIndex.collapsingWhitespace(tex)
        if formulas[shown] == nil { formulas[shown] = key }
        parts[parts.count - 1].text.append(SearchIndex.mathStart + shown + SearchIndex.mathEnd)
    }

    mutating func visit(_ block: Block) {
        switch block {
        case .heading:
            // The heading is the section's title, not its text.
            parts.append(Part(isHeadingStart: true))
        case .paragraph(let paragraph):
            append(paragraph.content)
        case .codeBlock(let code):
            // Hidden code is not on the page, so it is not found either.
            if code.runOptions?.hide != true { append(code.code) }
        case .displayMath(let math):
            appendMath(
                math.tex,
                key: TypesetMath.Key(tex: equations.typesetTeX(math.tex, at: math.range.lowerBound), display: true))
            // A block: what follows is another word.
            parts[parts.count - 1].text.appendSpace()
        case .table(let table):
            for row in table.allRows {
                for cell in row.cells { append(cell.content) }
            }
        case .htmlBlock, .thematicBreak:
            break
        case .blockQuote, .list, .footnoteDefinition:
            descend(into: block)
        }
    }

    private mutating func append(_ text: String) {
        parts[parts.count - 1].text.append(text)
        parts[parts.count - 1].text.appendSpace()
    }

    /// Inline content as a reader sees it (as `PlainText` gives it), added in place.
    private mutating func append(_ inlines: [Inline]) {
        for inline in inlines { add(inline) }
        parts[parts.count - 1].text.appendSpace()
    }

    /// A text with its equation references (`@eq-softmax`) as the page shows them: `(1.1)`.
    private func resolvingReferences(_ text: String, at start: SourceLocation) -> String {
        guard !equations.references.isEmpty, text.utf8.contains(UInt8(ascii: "@")) else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let location = SourceLocation(line: start.line, column: start.column + index)
            if let name = equations.references[location], let target = equations.targets[name],
                scalars[index...].starts(with: ("@" + name).unicodeScalars)
            {
                result.append(contentsOf: "(\(target.number))".unicodeScalars)
                index += name.unicodeScalars.count + 1
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }

    private mutating func add(_ inline: Inline) {
        switch inline.kind {
        case .text(let string):
            parts[parts.count - 1].text.append(resolvingReferences(string, at: inline.range.lowerBound))
        case .code(let string): parts[parts.count - 1].text.append(string)
        case .softBreak(joinsWideText: true): break
        case .softBreak, .lineBreak: parts[parts.count - 1].text.appendSpace()
        case .emphasis(let children), .strong(let children), .strikethrough(let children):
            for child in children { add(child) }
        case .link(let link): for child in link.content { add(child) }
        case .image(let image): parts[parts.count - 1].text.append(image.alt)
        case .html: break
        case .math(let math): appendMath(math.tex, key: TypesetMath.Key(tex: math.tex, display: math.isDisplay))
        case .statedNumbers(let stated): parts[parts.count - 1].text.append(stated.text)
        case .inlineValue(let value): parts[parts.count - 1].text.append(value.expression)
        case .footnoteReference: break
        }
    }
}
