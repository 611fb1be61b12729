public import GalleyChecks
public import GalleyMarkdown

/// What the GitHub-ready Markdown shows for the prose's bindings: a stated-number link becomes
/// the author's text (GitHub would show a broken link), an inline value its computed text.
public enum ProseMarkdown {
    public static func edits(for document: Document, checks: ChapterChecks) -> [MarkdownFormatter.Edit] {
        ExpressionSite.all(in: document).compactMap { site in
            switch site {
            case .statedNumbers(let link):
                return MarkdownFormatter.Edit(byteRange: link.byteRange, replacement: link.text)
            case .inlineValue(let value):
                guard let text = checks.inlineValues[value.byteRange.lowerBound] else { return nil }
                return MarkdownFormatter.Edit(byteRange: value.byteRange, replacement: text)
            case .arithmetic, .formula:
                return nil  // formulas stay exactly as written
            }
        }
    }
}
