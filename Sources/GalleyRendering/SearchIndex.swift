import Foundation
public import GalleyMarkdown

/// The text of a book, section by section, for the site's client-side search.
///
/// Built at render time and shipped as `search-index.js`, a script that sets one global, so that
/// search works from `file://` (where a page cannot fetch JSON) and from any static host, with no
/// server. The search page matches the query as a substring of each section's text, which finds
/// Chinese words and phrases as written — no word segmentation to get wrong — as well as English
/// terms and the names in formulas (the TeX of the math is part of the text).
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

    public init() {}

    /// Adds sections made elsewhere (chapters are indexed in parallel, then combined in order).
    public mutating func append(_ other: SearchIndex) {
        sections += other.sections
    }

    /// Adds a chapter, cut into sections at its headings.
    public mutating func add(
        _ document: Document, chapterTitle: String, page: String, headings: [HTMLFormatter.HeadingAnchor]
    ) {
        var collector = TextCollector()
        collector.walk(document)
        var anchors = headings.makeIterator()
        for part in collector.parts {
            let anchor = part.isHeadingStart ? anchors.next() : nil
            let text = Self.collapsingWhitespace(part.text)
            guard !text.isEmpty || anchor != nil else { continue }
            sections.append(Section(
                chapter: chapterTitle, title: anchor?.text ?? chapterTitle,
                href: anchor.map { "\(page)#\($0.anchor)" } ?? page, text: text))
        }
    }

    /// `search-index.js`: the sections as a JavaScript array of objects (keys in a fixed order,
    /// so the file is the same from run to run).
    public var script: String {
        var bytes: [UInt8] = Array("window.GALLEY_SEARCH_INDEX = [".utf8)
        bytes.reserveCapacity(sections.reduce(0) { $0 + $1.text.utf8.count + 200 })
        for (index, section) in sections.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += Array("{\"chapter\":".utf8)
            Self.appendJSONString(section.chapter, to: &bytes)
            bytes += Array(",\"href\":".utf8)
            Self.appendJSONString(section.href, to: &bytes)
            bytes += Array(",\"text\":".utf8)
            Self.appendJSONString(section.text, to: &bytes)
            bytes += Array(",\"title\":".utf8)
            Self.appendJSONString(section.title, to: &bytes)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes += Array("];\n".utf8)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, `<` too (so
    /// that no `</script>` can close anything), and U+2028 and U+2029, which JSON allows but older
    /// JavaScript did not. Works on UTF-8 bytes; every other byte is copied as it is.
    static func appendJSONString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(0x22)
        let utf8 = Array(text.utf8)
        var index = 0
        let hex = Array("0123456789abcdef".utf8)
        while index < utf8.count {
            let byte = utf8[index]
            switch byte {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, 0x6E]
            case 0x0D: bytes += [0x5C, 0x72]
            case 0x09: bytes += [0x5C, 0x74]
            case 0x3C: bytes += [0x5C, 0x75, 0x30, 0x30, 0x33, 0x63]  // \u003c
            case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                bytes += [0x5C, 0x75, 0x32, 0x30, 0x32, utf8[index + 2] == 0xA8 ? 0x38 : 0x39]  // \u2028, \u2029
                index += 2
            case 0..<0x20:
                bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default:
                bytes.append(byte)
            }
            index += 1
        }
        bytes.append(0x22)
    }

    /// Runs of white space as single spaces, ends trimmed. Works on UTF-8 bytes: character-
    /// or scalar-level processing is the slow part on megabytes of text. Besides ASCII white
    /// space it knows the non-ASCII spaces a Chinese text has (U+3000, U+00A0, U+2000–U+200A…).
    static func collapsingWhitespace(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count)
        var pendingSpace = false
        var index = 0
        while index < utf8.count {
            let width = whitespaceWidth(utf8, at: index)
            if width > 0 {
                pendingSpace = !result.isEmpty
                index += width
                continue
            }
            if pendingSpace { result.append(0x20) }
            pendingSpace = false
            result.append(utf8[index])
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The length of the white-space character at `index`, or 0.
    private static func whitespaceWidth(_ bytes: [UInt8], at index: Int) -> Int {
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
private struct TextCollector: MarkupWalker {
    struct Part {
        var isHeadingStart: Bool
        var text = ""
    }

    var parts: [Part] = [Part(isHeadingStart: false)]

    mutating func visit(_ block: Block) {
        switch block {
        case .heading(let heading):
            parts.append(Part(isHeadingStart: true, text: PlainText.of(heading.content) + " "))
        case .paragraph(let paragraph):
            append(PlainText.of(paragraph.content))
        case .codeBlock(let code):
            append(code.code)
        case .displayMath(let math):
            append(math.tex)
        case .table(let table):
            for cell in table.header { append(PlainText.of(cell)) }
            for row in table.rows {
                for cell in row { append(PlainText.of(cell)) }
            }
        case .htmlBlock, .thematicBreak:
            break
        case .blockQuote, .list:
            descend(into: block)
        }
    }

    private mutating func append(_ text: String) {
        parts[parts.count - 1].text += text + " "
    }
}
