import Foundation
import GalleyDiagnostics
public import GalleyMarkdown
public import GalleyResults

/// The text of a book, section by section, for the site's client-side search.
///
/// Built at render time and shipped as `search-index.js`, a script that sets one global, so that
/// search works from `file://` (where a page cannot fetch JSON) and from any static host, with no
/// server. The search page matches the query as a substring of each section's text, which finds
/// Chinese words and phrases as written — no word segmentation to get wrong — as well as English
/// terms and the names in formulas (the TeX of the math is part of the text).
///
/// Each formula stands in the text between U+E000 and U+E001 (private-use characters no query
/// holds), and the index carries each formula's MathML, as KaTeX made it when the book was built:
/// results show the formula typeset, with no script to typeset it. Hidden code (`swift run hide`)
/// is not in the index: a reader cannot see it on the page either.
public struct SearchIndex: Sendable {
    /// One heading's section of a chapter.
    public struct Section: Codable, Sendable, Equatable {
        /// The chapter's title.
        public var chapter: String
        /// The section's heading.
        public var title: String
        /// The page and anchor: `01-softmax.html#定义`.
        public var href: String
        /// The section's text.
        public var text: String
    }

    public private(set) var sections: [Section] = []
    /// The sections as JSON objects separated by commas, encoded as they are added — in the
    /// chapters' parallel rendering, not in the one thread that assembles the site.
    private var encodedSections: [UInt8] = []

    public init() {}

    /// The formulas' MathML by their text in the sections, as `"tex":"<math…>"` pairs separated by
    /// commas.
    private var encodedMath: [UInt8] = []
    private var mathShown: Set<String> = []

    /// An index as `encoded` and `encodedMath` gave it, read back (by the render cache): it writes
    /// the same script, though its `sections` are not decoded.
    public init(encoded: [UInt8], encodedMath: [UInt8]) {
        self.encodedSections = encoded
        self.encodedMath = encodedMath
    }

    /// The sections as they go into `search-index.js`: JSON objects separated by commas.
    public var encoded: [UInt8] { encodedSections }
    /// The formulas' MathML as it goes into `search-index.js`.
    public var mathEncoded: [UInt8] { encodedMath }

    /// Where a formula starts and ends in a section's text.
    public static let mathStart = "\u{E000}"
    public static let mathEnd = "\u{E001}"

    /// Adds a chapter, cut into sections at its headings. `results` gives its formulas as typeset
    /// (and the tags of labelled ones).
    public mutating func add(
        _ document: Document, chapterTitle: String, page: String, headings: [HTMLFormatter.HeadingAnchor],
        results: ChapterResults = ChapterResults()
    ) {
        var collector = TextCollector()
        collector.equations = results.equations
        collector.walk(document)
        for (shown, key) in collector.formulas.sorted(by: { $0.key < $1.key }) where !mathShown.contains(shown) {
            guard let mathML = Self.mathML(results.typesetMath[key]?.html) else { continue }
            mathShown.insert(shown)
            if !encodedMath.isEmpty { encodedMath.append(UInt8(ascii: ",")) }
            Self.appendJSONString(shown, to: &encodedMath)
            encodedMath.append(UInt8(ascii: ":"))
            Self.appendJSONString(mathML, to: &encodedMath)
        }
        var anchors = headings.makeIterator()
        for part in collector.parts {
            let anchor = part.isHeadingStart ? anchors.next() : nil
            let text = part.text.string
            guard !text.isEmpty || anchor != nil else { continue }
            let section = Section(
                chapter: chapterTitle, title: anchor?.text ?? chapterTitle,
                href: anchor.map { "\(page)#\($0.anchor)" } ?? page, text: text)
            if !encodedSections.isEmpty { encodedSections.append(UInt8(ascii: ",")) }
            Self.append(section, to: &encodedSections)
            sections.append(section)
        }
    }

    /// `search-index.js`: the sections as a JavaScript array of objects (keys in a fixed order,
    /// so the file is the same from run to run).
    public var script: String { Self.script([self]) }

    /// `search-index.js` for several chapters' indexes, in order, without combining them first.
    public static func script(_ indexes: [SearchIndex]) -> String {
        var bytes: [UInt8] = Array("window.GALLEY_SEARCH_INDEX = [".utf8)
        bytes.reserveCapacity(indexes.reduce(0) { $0 + $1.encoded.count + $1.encodedMath.count + 2 } + 80)
        for index in indexes where !index.encoded.isEmpty {
            if bytes.last != UInt8(ascii: "[") { bytes.append(UInt8(ascii: ",")) }
            bytes += index.encoded
        }
        bytes += Array("];\nwindow.GALLEY_SEARCH_MATH = {".utf8)
        for index in indexes where !index.encodedMath.isEmpty {
            if bytes.last != UInt8(ascii: "{") { bytes.append(UInt8(ascii: ",")) }
            bytes += index.encodedMath
        }
        bytes += Array("};\n".utf8)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The `<math>` element of KaTeX's output, inline (a display formula's `display="block"`
    /// dropped, since it shows within a line of a result).
    static func mathML(_ html: String?) -> String? {
        guard let html, let start = html.range(of: "<math"),
            let end = html.range(of: "</math>", range: start.upperBound..<html.endIndex)
        else { return nil }
        return String(html[start.lowerBound..<end.upperBound]).replacingOccurrences(of: " display=\"block\"", with: "")
    }

    /// One section as a JSON object, keys in a fixed order.
    private static func append(_ section: Section, to bytes: inout [UInt8]) {
        bytes += Array("{\"chapter\":".utf8)
        appendJSONString(section.chapter, to: &bytes)
        bytes += Array(",\"href\":".utf8)
        appendJSONString(section.href, to: &bytes)
        bytes += Array(",\"text\":".utf8)
        appendJSONString(section.text, to: &bytes)
        bytes += Array(",\"title\":".utf8)
        appendJSONString(section.title, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
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
        case .heading(let heading):
            parts.append(Part(isHeadingStart: true))
            append(heading.content)
        case .paragraph(let paragraph):
            append(paragraph.content)
        case .codeBlock(let code):
            // Hidden code is not on the page, so it is not found either.
            if code.runOptions?.hide != true { append(code.code) }
        case .displayMath(let math):
            appendMath(
                math.tex,
                key: TypesetMath.Key(tex: equations.typesetTeX(math.tex, at: math.range.lowerBound), display: true))
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
