import GalleyDiagnostics
import GalleyMarkdown

/// Short texts a program supplies — table headers, captions — read as inline Markdown, so that
/// `$e^{z_j}$` in a header is math like anywhere else.
enum InlineMarkdown {
    static func inlines(_ text: String) -> [Inline] {
        let source = SourceFile(path: "", text: text)
        let document = MarkdownParser.parse(source).document
        var result: [Inline] = []
        for block in document.blocks {
            if case .paragraph(let paragraph) = block {
                if !result.isEmpty {
                    result.append(Inline(.text(" "), range: paragraph.range.lowerBound..<paragraph.range.lowerBound))
                }
                result += paragraph.content
            } else {
                // Anything that is not a line of text (a `#`, a list marker) is shown as written.
                let start = SourceLocation(line: 1, column: 1)
                return [Inline(.text(text), range: start..<source.location(ofByteOffset: source.bytes.count))]
            }
        }
        return result
    }
}
