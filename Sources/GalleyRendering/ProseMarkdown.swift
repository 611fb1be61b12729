public import GalleyDiagnostics
public import GalleyMarkdown
public import GalleyResults

/// What the GitHub-ready Markdown shows for the prose's bindings: a stated-number link becomes
/// the author's text (GitHub would show a broken link), an inline value its computed text.
/// Formulas stay exactly as written.
public enum ProseMarkdown {
    public static func edits(for document: Document, results: ChapterResults) -> [Replacement] {
        var collector = Collector(inlineValues: results.inlineValues)
        collector.walk(document)
        return collector.edits
    }

    private struct Collector: MarkupWalker {
        let inlineValues: [Int: String]
        var edits: [Replacement] = []

        mutating func visit(_ inline: Inline) {
            switch inline.kind {
            case .statedNumbers(let link):
                edits.append(Replacement(byteRange: link.byteRange, text: link.text))
            case .inlineValue(let value):
                if let text = inlineValues[value.byteRange.lowerBound] {
                    edits.append(Replacement(byteRange: value.byteRange, text: text))
                }
            default:
                descend(into: inline)
            }
        }
    }
}
