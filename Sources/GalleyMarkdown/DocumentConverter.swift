internal import CCmarkGFM
import GalleyDiagnostics

/// Turns cmark-gfm's node tree into Galley's `Document`, collecting diagnostics on the way.
///
/// It knows Markdown and math syntax only: what a formula or a stated-number link means is read
/// from the finished tree by later stages. Positions come from `SourcePositions`; cmark-gfm's
/// node-type names for extension nodes stay in this file, and nothing else needs them.
struct DocumentConverter {
    let source: SourceFile
    let extensions: CMarkExtensions
    /// The parser's extensions, handed to cmark-gfm's HTML renderer so raw HTML goes through the
    /// tagfilter.
    let renderExtensions: UnsafeMutablePointer<cmark_llist>?
    let options: Int32
    private(set) var diagnostics: [Diagnostic] = []

    /// Where nodes stand in the source.
    private var positions: SourcePositions
    /// Whether a `swift run` code block was made.
    private var sawRunBlock = false
    /// The formulas, stated-number links and inline values made so far, in source order.
    private var expressionNodes: [ExpressionNode] = []
    /// The footnotes' labels, by number (from 1), and the definitions made so far.
    private var footnoteLabels: [String] = []
    private var footnotesMade = 0

    init(
        source: SourceFile, extensions: CMarkExtensions, renderExtensions: UnsafeMutablePointer<cmark_llist>?,
        options: Int32
    ) {
        self.source = source
        self.extensions = extensions
        self.renderExtensions = renderExtensions
        self.options = options
        self.positions = SourcePositions(source: source)
    }

    mutating func convert(_ root: OpaquePointer) -> Document {
        footnoteLabels = Self.footnoteLabels(root, source: source)
        let blocks = blocks(under: root)
        return Document(blocks: blocks, containsRunBlocks: sawRunBlock, expressionNodes: expressionNodes)
    }

    // MARK: - Blocks

    private mutating func blocks(under parent: OpaquePointer) -> [Block] {
        var result: [Block] = []
        result.reserveCapacity(Self.childCount(parent))
        var child = cmark_node_first_child(parent)
        while let node = child {
            if let block = block(node) { result.append(block) }
            child = cmark_node_next(node)
        }
        return result
    }

    private mutating func block(_ node: OpaquePointer) -> Block? {
        let range = positions.range(of: node)
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_PARAGRAPH:
            return .paragraph(Paragraph(content: inlines(of: node, startLine: range.lowerBound.line), range: range))
        case CMARK_NODE_HEADING:
            return .heading(
                Heading(
                    level: Int(cmark_node_get_heading_level(node)),
                    content: inlines(of: node, startLine: range.lowerBound.line),
                    range: range))
        case CMARK_NODE_BLOCK_QUOTE:
            return .blockQuote(BlockQuote(blocks: blocks(under: node), range: range))
        case CMARK_NODE_LIST:
            return .list(list(node, range: range))
        case CMARK_NODE_CODE_BLOCK:
            var fenceLength: Int32 = 0
            var fenceOffset: Int32 = 0
            var fenceCharacter: CChar = 0
            let fenced = cmark_node_get_fenced(node, &fenceLength, &fenceOffset, &fenceCharacter) != 0
            let info = string(cmark_node_get_fence_info(node))
            if info.hasPrefix("swift run") { sawRunBlock = true }
            return .codeBlock(
                CodeBlock(
                    info: info,
                    code: string(cmark_node_get_literal(node)),
                    firstCodeLine: range.lowerBound.line + (fenced ? 1 : 0),
                    range: range))
        case CMARK_NODE_HTML_BLOCK:
            return .htmlBlock(
                HTMLBlock(
                    literal: string(cmark_node_get_literal(node)), filtered: filteredHTML(node), range: range))
        case CMARK_NODE_THEMATIC_BREAK:
            return .thematicBreak(ThematicBreak(range: range))
        case extensions.displayMathBlockType:
            return displayMath(node, range: range)
        case CMARK_NODE_FOOTNOTE_DEFINITION:
            footnotesMade += 1
            let number = footnotesMade
            return .footnoteDefinition(
                FootnoteDefinition(
                    label: footnoteLabel(number: number), number: number,
                    blocks: blocks(under: node), range: range))
        default:
            if typeName(node) == "table" { return .table(table(node, range: range)) }
            // Anything else cmark-gfm may grow: keep its children rather than lose them.
            let children = blocks(under: node)
            return children.isEmpty ? nil : .blockQuote(BlockQuote(blocks: children, range: range))
        }
    }

    private mutating func list(_ node: OpaquePointer, range: SourceRange) -> ListBlock {
        var items: [ListBlock.Item] = []
        var child = cmark_node_first_child(node)
        while let item = child {
            let checkbox: Bool? =
                typeName(item) == "tasklist"
                ? cmark_gfm_extensions_get_tasklist_item_checked(item) : nil
            items.append(
                ListBlock.Item(blocks: blocks(under: item), checkbox: checkbox, range: positions.range(of: item)))
            child = cmark_node_next(item)
        }
        let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
        return ListBlock(
            start: ordered ? Int(cmark_node_get_list_start(node)) : nil,
            isTight: cmark_node_get_list_tight(node) != 0,
            items: items, range: range)
    }

    private mutating func table(_ node: OpaquePointer, range: SourceRange) -> Table {
        let columns = Int(cmark_gfm_extensions_get_table_columns(node))
        var alignments: [Table.Alignment] = []
        if let raw = cmark_gfm_extensions_get_table_alignments(node) {
            for column in 0..<columns {
                switch raw[column] {
                case UInt8(ascii: "l"): alignments.append(.left)
                case UInt8(ascii: "c"): alignments.append(.center)
                case UInt8(ascii: "r"): alignments.append(.right)
                default: alignments.append(.none)
                }
            }
        }
        var header = Table.Row(cells: [], range: range.lowerBound..<range.lowerBound)
        var rows: [Table.Row] = []
        var rowNode = cmark_node_first_child(node)
        while let row = rowNode {
            // cmark-gfm gives rows and cells their lines; where it does not, the table's start.
            let rowStart = positions.start(of: row) ?? range.lowerBound
            var cells: [Table.Cell] = []
            var cellNode = cmark_node_first_child(row)
            while let cell = cellNode {
                let cellStart = positions.start(of: cell) ?? rowStart
                let content = inlines(of: cell, startLine: cellStart.line)
                let cellEnd = positions.end(of: cell) ?? content.last?.range.upperBound ?? cellStart
                cells.append(Table.Cell(content: content, range: cellStart..<max(cellStart, cellEnd)))
                cellNode = cmark_node_next(cell)
            }
            let rowEnd = positions.end(of: row) ?? cells.last?.range.upperBound ?? rowStart
            let made = Table.Row(cells: cells, range: rowStart..<max(rowStart, rowEnd))
            if cmark_gfm_extensions_get_table_row_is_header(row) != 0 { header = made } else { rows.append(made) }
            rowNode = cmark_node_next(row)
        }
        return Table(alignments: alignments, header: header, rows: rows, range: range)
    }

    private mutating func displayMath(_ node: OpaquePointer, range: SourceRange) -> Block? {
        guard let state = MathNodeState.of(node) else { return nil }
        if !state.isClosed {
            diagnostics.append(.unterminatedDisplayMath(path: source.path, at: range.lowerBound))
            // Show what the author wrote, as text, so nothing is lost and nothing else is swallowed.
            let text = "$$" + state.texString
            return .paragraph(Paragraph(content: [Inline(.text(text), range: range)], range: range))
        }
        if let line = state.trailingTextLine {
            diagnostics.append(
                .textAfterDisplayMath(
                    path: source.path,
                    at: positions.location(line: line, byteColumn: state.trailingTextByteColumn)))
        }
        let closing = closingBytes(of: state)
        let math = DisplayMath(
            tex: state.texString, range: range, commentAfter: Self.comment(startingAt: cmark_node_next(node)),
            label: state.label, closingByteOffset: closing.close, labelByteRange: closing.label)
        expressionNodes.append(.displayMath(math))
        return .displayMath(math)
    }

    /// Where a closed display formula's closing `$$` and its `{#eq-…}` stand in the source, as
    /// the math extension saw them on their line; each only if the source holds it there.
    private func closingBytes(of state: MathNodeState) -> (close: Int?, label: Range<Int>?) {
        guard state.closingLine >= 1, state.closingLine <= source.lineCount else { return (nil, nil) }
        let bytes = source.bytes
        let lineStart = source.byteOffset(line: state.closingLine, byteColumn: 1)
        let close = lineStart + state.closingIndex
        guard close + 2 <= bytes.count, bytes[close] == UInt8(ascii: "$"), bytes[close + 1] == UInt8(ascii: "$")
        else { return (nil, nil) }
        guard let label = state.label, let range = state.labelRange else { return (close, nil) }
        let labelBytes = (lineStart + range.lowerBound)..<(lineStart + range.upperBound)
        guard labelBytes.upperBound <= bytes.count, bytes[labelBytes].elementsEqual("{#\(label)}".utf8) else {
            return (close, nil)
        }
        return (close, labelBytes)
    }

    // MARK: - Inlines

    private mutating func inlines(of block: OpaquePointer, startLine: Int) -> [Inline] {
        positions.beginInlines(of: block, startLine: startLine)
        return inlineChildren(of: block)
    }

    private mutating func inlineChildren(of parent: OpaquePointer) -> [Inline] {
        var result: [Inline] = []
        // Sized once: a paragraph dense with math has dozens of inlines, and growing the array
        // step by step copies them again and again.
        result.reserveCapacity(Self.childCount(parent))
        var child = cmark_node_first_child(parent)
        while let node = child {
            if var inline = inline(node) {
                if case .softBreak = inline.kind, let last = result.last {
                    // cmark-gfm gives line breaks no position: they end the line of what came before.
                    inline.range = last.range.upperBound..<last.range.upperBound
                } else if case .lineBreak = inline.kind, let last = result.last {
                    inline.range = last.range.upperBound..<last.range.upperBound
                }
                // cmark-gfm splits text at characters that might start markup; join it again.
                if case .text(let next) = inline.kind, case .text(let previous)? = result.last?.kind {
                    let last = result.count - 1
                    result[last].kind = .text(previous + next)
                    result[last].range =
                        result[last].range.lowerBound..<max(result[last].range.upperBound, inline.range.upperBound)
                    result[last].textBytes.append(inline.textBytes, textLength: previous.utf8.count)
                } else {
                    result.append(inline)
                }
            }
            child = cmark_node_next(node)
        }
        for index in result.indices where result[index].kind == .softBreak(joinsWideText: false) {
            let previous = index > 0 ? result[index - 1] : nil
            let next = index + 1 < result.count ? result[index + 1] : nil
            if WideTextBreaks.joins(previous, next) { result[index].kind = .softBreak(joinsWideText: true) }
        }
        return result
    }

    private mutating func inline(_ node: OpaquePointer) -> Inline? {
        let type = cmark_node_get_type(node)
        if type == CMARK_NODE_HTML_INLINE, MathNodeState.of(node) != nil { return inlineMath(node) }
        let kind: Inline.Kind
        let start: SourceLocation
        var textBytes = TextBytes()
        switch type {
        case CMARK_NODE_TEXT:
            let literal = cmark_node_get_literal(node)
            // The first byte marks where the text starts (an escaped one a byte after its `\`).
            let first = literal.map { UInt8(bitPattern: $0.pointee) }.flatMap { $0 == 0 ? nil : $0 }
            let placed = positions.inlineStart(node, first: first.map { [$0] } ?? [])
            start = placed.location
            let text = string(literal)
            kind = .text(text)
            textBytes = TextBytes(text, at: placed.byteOffset, in: source.bytes)
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            // cmark-gfm gives line breaks no position: they end the line of what came before
            // (`inlineChildren` places them).
            let kind: Inline.Kind = type == CMARK_NODE_SOFTBREAK ? .softBreak(joinsWideText: false) : .lineBreak
            let line = positions.line(ofInline: node)
            return Inline(kind, range: SourceLocation(line: line, column: 1)..<SourceLocation(line: line, column: 1))
        case CMARK_NODE_CODE:
            let literal = string(cmark_node_get_literal(node))
            let line = positions.line(ofInline: node)
            let reported = Int(cmark_node_get_start_column(node))
            if literal.hasPrefix(SourcePositions.inlineValuePrefix),
                let value = positions.inlineValue(line: line, reportedColumn: reported, literal: literal)
            {
                expressionNodes.append(.inlineValue(value))
                let end = positions.location(ofByteOffset: value.byteRange.upperBound)
                return Inline(.inlineValue(value), range: value.location..<max(value.location, end))
            }
            // cmark-gfm reports where the code starts, inside the backticks.
            let bytes = positions.codeSpan(line: line, reportedColumn: reported)
            return Inline(.code(literal), range: positions.range(ofBytes: bytes))
        case CMARK_NODE_HTML_INLINE:
            let literal = string(cmark_node_get_literal(node))
            start = positions.inlineLocation(node, marker: String(literal.prefix(2)))
            kind = .html(InlineHTML(literal: literal, filtered: filteredHTML(node), location: start))
        case CMARK_NODE_EMPH:
            start = positions.inlineLocation(node, first: Self.emphasisMarkers)
            kind = .emphasis(inlineChildren(of: node))
        case CMARK_NODE_STRONG:
            start = positions.inlineLocation(node, first: Self.emphasisMarkers)
            kind = .strong(inlineChildren(of: node))
        case CMARK_NODE_LINK:
            let line = positions.line(ofInline: node)
            let column = positions.refinedByteColumn(
                line: line, byteColumn: Int(cmark_node_get_start_column(node)), marker: [UInt8(ascii: "[")])
            start = positions.location(line: line, byteColumn: column)
            let destination = string(cmark_node_get_url(node))
            if destination.hasPrefix("="),
                let stated = positions.statedNumbers(
                    at: start, byteOffset: source.byteOffset(line: line, byteColumn: column), destination: destination,
                    title: string(cmark_node_get_title(node)))
            {
                expressionNodes.append(.statedNumbers(stated))
                let end = positions.location(ofByteOffset: stated.byteRange.upperBound)
                return Inline(.statedNumbers(stated), range: stated.location..<max(stated.location, end))
            }
            kind = .link(
                Link(
                    destination: destination, title: string(cmark_node_get_title(node)),
                    content: inlineChildren(of: node), location: start))
        case CMARK_NODE_FOOTNOTE_REFERENCE:
            // cmark-gfm has replaced the label with the footnote's number.
            let number = Int(string(cmark_node_get_literal(node))) ?? 0
            start = positions.inlineLocation(node, marker: "[^")
            kind = .footnoteReference(
                FootnoteReference(
                    label: footnoteLabel(number: number),
                    number: number))
        case CMARK_NODE_IMAGE:
            start = positions.inlineLocation(node, marker: "![")
            let description = inlineChildren(of: node)
            let destination = string(cmark_node_get_url(node))
            kind = .image(
                Image(
                    source: destination, title: string(cmark_node_get_title(node)),
                    alt: PlainText.of(description), location: start,
                    sourceByteRange: ImageDestination.byteRange(
                        closingAt: positions.inlineLastByte(of: node), written: destination, in: source.bytes)))
        default:
            let strikethrough = typeName(node) == "strikethrough"
            start = positions.inlineLocation(node, first: strikethrough ? [UInt8(ascii: "~")] : [])
            if strikethrough {
                kind = .strikethrough(inlineChildren(of: node))
            } else {
                // Anything else cmark-gfm may grow: keep its children rather than lose them.
                let children = inlineChildren(of: node)
                guard !children.isEmpty else { return nil }
                kind = .emphasis(children)
            }
        }
        return Inline(kind, range: positions.inlineRange(of: node, from: start), textBytes: textBytes)
    }

    /// Footnote `number`'s label as the author wrote it (its number when it could not be read).
    private func footnoteLabel(number: Int) -> String {
        footnoteLabels.indices.contains(number - 1) ? footnoteLabels[number - 1] : String(number)
    }

    /// The labels of the footnote definitions cmark-gfm gathered at the end of the document, in
    /// their order (by number). cmark-gfm keeps a definition's label to itself; it is read from
    /// the source, where `[^label]:` ends just before the definition's reported start.
    private static func footnoteLabels(_ root: OpaquePointer, source: SourceFile) -> [String] {
        var labels: [String] = []
        var child = cmark_node_first_child(root)
        while let node = child {
            if cmark_node_get_type(node) == CMARK_NODE_FOOTNOTE_DEFINITION {
                let line = Int(cmark_node_get_start_line(node))
                let column = Int(cmark_node_get_start_column(node))
                let before = Array(source.lineBytes(line).prefix(max(0, column - 1)))
                labels.append(Self.footnoteLabel(before) ?? String(labels.count + 1))
            }
            child = cmark_node_next(node)
        }
        return labels
    }

    /// `label` from the bytes of a line up to a definition's text: `…[^label]: `.
    static func footnoteLabel(_ bytes: [UInt8]) -> String? {
        guard
            let open = bytes.indices.last(where: { index in
                index + 1 < bytes.count && bytes[index] == UInt8(ascii: "[") && bytes[index + 1] == UInt8(ascii: "^")
            }),
            let close = bytes[(open + 2)...].firstIndex(of: UInt8(ascii: "]")),
            close + 1 < bytes.count, bytes[close + 1] == UInt8(ascii: ":")
        else { return nil }
        return String(decoding: bytes[(open + 2)..<close], as: UTF8.self)
    }

    private mutating func inlineMath(_ node: OpaquePointer) -> Inline? {
        guard let state = MathNodeState.of(node) else { return nil }
        let line = positions.inlineLine(state.line)
        let tex = state.texString
        let delimiter = state.kind == .inlineDisplay ? "$$" : "$"
        let marker = (state.kind == .unterminated ? tex : delimiter + tex).utf8.prefix(while: {
            $0 != UInt8(ascii: "\n")
        })
        let column = positions.refinedByteColumn(line: line, byteColumn: state.byteColumn, marker: Array(marker))
        let location = positions.location(line: line, byteColumn: column)
        positions.skipLines(of: tex)
        if state.kind == .unterminated {
            diagnostics.append(.unterminatedInlineMath(path: source.path, at: location, isDisplay: tex == "$$"))
            return Inline(
                .text(tex), range: positions.range(line: line, byteColumn: column, byteCount: tex.utf8.count),
                textBytes: TextBytes(tex, at: source.byteOffset(line: line, byteColumn: column), in: source.bytes))
        }
        let written = delimiter.utf8.count * 2 + tex.utf8.count
        let math = InlineMath(
            tex: tex, isDisplay: state.kind == .inlineDisplay, location: location,
            commentAfter: Self.comment(startingAt: cmark_node_next(node)))
        expressionNodes.append(.inlineMath(math))
        return Inline(.math(math), range: positions.range(line: line, byteColumn: column, byteCount: written))
    }

    /// The bytes emphasis starts with.
    private static let emphasisMarkers = [UInt8(ascii: "*"), UInt8(ascii: "_")]

    // MARK: - Comments after formulas

    /// The HTML comment right after a formula, as written: the next block after display math,
    /// the next inline (past spaces and a line break) after math in a paragraph. Whether it asks
    /// for a check is read later, from the finished tree (`GalleySemantics`).
    private static func comment(startingAt next: OpaquePointer?) -> String? {
        var next = next
        // Past text of spaces only, read in place: most formulas are followed by prose.
        while let candidate = next,
            cmark_node_get_type(candidate) == CMARK_NODE_SOFTBREAK
                || (cmark_node_get_type(candidate) == CMARK_NODE_TEXT && isSpaces(cmark_node_get_literal(candidate)))
        {
            next = cmark_node_next(candidate)
        }
        guard let next,
            cmark_node_get_type(next) == CMARK_NODE_HTML_BLOCK || cmark_node_get_type(next) == CMARK_NODE_HTML_INLINE,
            let literal = cmark_node_get_literal(next), strncmp(literal, "<!--", 4) == 0
        else { return nil }
        return String(cString: literal)
    }

    private static func childCount(_ parent: OpaquePointer) -> Int {
        var count = 0
        var node = cmark_node_first_child(parent)
        while let current = node {
            count += 1
            node = cmark_node_next(current)
        }
        return count
    }

    private static func isSpaces(_ text: UnsafePointer<CChar>?) -> Bool {
        guard var byte = text else { return true }
        while byte.pointee != 0 {
            if byte.pointee != 0x20 { return false }
            byte += 1
        }
        return true
    }

    // MARK: - Helpers

    private func typeName(_ node: OpaquePointer) -> String {
        string(cmark_node_get_type_string(node))
    }

    /// Raw HTML as cmark-gfm's own HTML renderer writes it: through the tagfilter.
    private func filteredHTML(_ node: OpaquePointer) -> String {
        guard let rendered = cmark_render_html(node, options, renderExtensions) else { return "" }
        defer { free(rendered) }
        var html = String(cString: rendered)
        if case CMARK_NODE_HTML_BLOCK = cmark_node_get_type(node) {
            // The renderer ends a block with a newline of its own; the literal already has one.
            while html.hasSuffix("\n\n") { html.removeLast() }
        }
        return html
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}

#if canImport(Glibc)
    import Glibc
#endif
