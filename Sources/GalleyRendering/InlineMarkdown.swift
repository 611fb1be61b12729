import GalleyDiagnostics
import GalleyMarkdown

/// Short texts a program supplies — table headers, captions — read as inline Markdown, so that
/// `$e^{z_j}$` in a header is math like anywhere else.
enum InlineMarkdown {
    static func inlines(_ text: String) -> [Inline] {
        let document = MarkdownParser.parse(SourceFile(path: "", text: text)).document
        var result: [Inline] = []
        for block in document.blocks {
            if case .paragraph(let paragraph) = block {
                if !result.isEmpty { result.append(.text(" ")) }
                result += paragraph.content
            } else {
                // Anything that is not a line of text (a `#`, a list marker) is shown as written.
                return [.text(text)]
            }
        }
        return result
    }
}
