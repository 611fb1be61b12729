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

    /// Adds a chapter, cut into sections at its headings.
    public mutating func add(
        _ document: Document, chapterTitle: String, page: String, headings: [HTMLFormatter.HeadingAnchor]
    ) {
        var collector = TextCollector()
        collector.walk(document)
        var anchors = headings.makeIterator()
        for part in collector.parts {
            let anchor = part.isHeadingStart ? anchors.next() : nil
            let text = part.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard !text.isEmpty || anchor != nil else { continue }
            sections.append(Section(
                chapter: chapterTitle, title: anchor?.text ?? chapterTitle,
                href: anchor.map { "\(page)#\($0.anchor)" } ?? page, text: text))
        }
    }

    /// `search-index.js`.
    public var script: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(sections)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        return "window.GALLEY_SEARCH_INDEX = \(json);\n"
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
