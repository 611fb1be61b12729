/// Inline content flattened to the text a reader sees, for `alt` attributes and search.
public enum PlainText {
    public static func of(_ inlines: [Inline]) -> String {
        var text = ""
        for inline in inlines { append(inline, to: &text) }
        return text
    }

    private static func append(_ inline: Inline, to text: inout String) {
        switch inline.kind {
        case .text(let string), .code(let string): text += string
        case .softBreak(joinsWideText: true): break
        case .softBreak, .lineBreak: text += " "
        case .emphasis(let children), .strong(let children), .strikethrough(let children):
            for child in children { append(child, to: &text) }
        case .link(let link): for child in link.content { append(child, to: &text) }
        case .image(let image): text += image.alt
        case .html: break
        case .math(let math): text += math.tex
        case .statedNumbers(let stated): text += stated.text
        case .inlineValue(let value): text += value.expression
        case .footnoteReference: break
        }
    }
}
