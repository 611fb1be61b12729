/// Visits every block and inline of a document in source order.
///
/// Conformers override the `visit` methods for what they collect and call `descend` to go on into
/// children (the default does). Checkers and collectors are walkers; renderers, which need to
/// write before and after children, switch over the tree themselves.
public protocol MarkupWalker {
    mutating func visit(_ block: Block)
    mutating func visit(_ inline: Inline)
}

extension MarkupWalker {
    public mutating func visit(_ block: Block) { descend(into: block) }
    public mutating func visit(_ inline: Inline) { descend(into: inline) }

    /// Walks a whole document.
    public mutating func walk(_ document: Document) {
        for block in document.blocks { visit(block) }
    }

    public mutating func descend(into block: Block) {
        switch block {
        case .paragraph(let paragraph): for inline in paragraph.content { visit(inline) }
        case .heading(let heading): for inline in heading.content { visit(inline) }
        case .blockQuote(let quote): for child in quote.blocks { visit(child) }
        case .list(let list):
            for item in list.items {
                for child in item.blocks { visit(child) }
            }
        case .table(let table):
            for row in table.allRows {
                for cell in row.cells {
                    for inline in cell.content { visit(inline) }
                }
            }
        case .footnoteDefinition(let footnote): for child in footnote.blocks { visit(child) }
        case .codeBlock, .htmlBlock, .thematicBreak, .displayMath:
            break
        }
    }

    public mutating func descend(into inline: Inline) {
        switch inline.kind {
        case .emphasis(let children), .strong(let children), .strikethrough(let children):
            for child in children { visit(child) }
        case .link(let link): for child in link.content { visit(child) }
        case .text, .softBreak, .lineBreak, .code, .image, .html, .math, .statedNumbers, .inlineValue,
            .footnoteReference:
            break
        }
    }
}
