internal import CCmarkGFM
import GalleyDiagnostics
import GalleyFormulas

/// Turns cmark-gfm's node tree into Galley's `Document`, collecting diagnostics on the way.
///
/// cmark-gfm's node-type names for extension nodes stay in this file; nothing else needs them.
struct DocumentConverter {
    let source: SourceFile
    let extensions: CMarkExtensions
    /// The parser's extensions, handed to cmark-gfm's HTML renderer so raw HTML goes through the
    /// tagfilter.
    let renderExtensions: UnsafeMutablePointer<cmark_llist>?
    let options: Int32
    private(set) var diagnostics: [Diagnostic] = []

    /// Lines swallowed by math inside the current block that cmark-gfm's inline parser did not
    /// count; added to the positions it reports for later inlines of the block.
    private var uncountedLines = 0

    /// The expression sites made so far, in source order.
    private var sites: [ExpressionSite] = []
    /// The last side of the display formula before, which a formula starting with `=` continues.
    private var previousLastSide: String?
    /// Whether a `swift run` code block was made.
    private var sawRunBlock = false

    /// The first line of the block whose inlines are being converted.
    private var blockStartLine = 1
    /// The last line any block converted so far reached.
    private var lastLine = 0

    /// Byte positions to locations, in source order without recounting lines.
    private var counter: LocationCounter

    init(source: SourceFile, extensions: CMarkExtensions, renderExtensions: UnsafeMutablePointer<cmark_llist>?, options: Int32) {
        self.source = source
        self.extensions = extensions
        self.renderExtensions = renderExtensions
        self.options = options
        self.counter = LocationCounter(source: source)
    }

    mutating func convert(_ root: OpaquePointer) -> Document {
        let blocks = blocks(under: root)
        return Document(blocks: blocks, expressionSites: sites, containsRunBlocks: sawRunBlock)
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
        let range = self.range(of: node)
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_PARAGRAPH:
            return .paragraph(Paragraph(content: inlines(of: node, startLine: range.lowerBound.line), range: range))
        case CMARK_NODE_HEADING:
            return .heading(Heading(
                level: Int(cmark_node_get_heading_level(node)), content: inlines(of: node, startLine: range.lowerBound.line),
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
            return .codeBlock(CodeBlock(
                info: info,
                code: string(cmark_node_get_literal(node)),
                firstCodeLine: range.lowerBound.line + (fenced ? 1 : 0),
                range: range))
        case CMARK_NODE_HTML_BLOCK:
            return .htmlBlock(HTMLBlock(
                literal: string(cmark_node_get_literal(node)), filtered: filteredHTML(node), range: range))
        case CMARK_NODE_THEMATIC_BREAK:
            return .thematicBreak(ThematicBreak(range: range))
        case extensions.displayMathBlockType:
            return displayMath(node, range: range)
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
            let checkbox: Bool? = typeName(item) == "tasklist"
                ? cmark_gfm_extensions_get_tasklist_item_checked(item) : nil
            items.append(ListBlock.Item(blocks: blocks(under: item), checkbox: checkbox, range: self.range(of: item)))
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
        var header: [[Inline]] = []
        var rows: [[[Inline]]] = []
        var rowNode = cmark_node_first_child(node)
        while let row = rowNode {
            var cells: [[Inline]] = []
            var cellNode = cmark_node_first_child(row)
            while let cell = cellNode {
                cells.append(inlines(of: cell, startLine: range.lowerBound.line))
                cellNode = cmark_node_next(cell)
            }
            if cmark_gfm_extensions_get_table_row_is_header(row) != 0 { header = cells } else { rows.append(cells) }
            rowNode = cmark_node_next(row)
        }
        return Table(alignments: alignments, header: header, rows: rows, range: range)
    }

    private mutating func displayMath(_ node: OpaquePointer, range: SourceRange) -> Block? {
        guard let state = MathNodeState.of(node) else { return nil }
        if !state.isClosed {
            diagnostics.append(Diagnostic(
                path: source.path, location: range.lowerBound, identifier: "math.unterminated",
                summary: "unterminated display math: no closing '$$'",
                explanation: "Display math ends at a line with '$$'; TeX allows no blank line inside it."))
            // Show what the author wrote, as text, so nothing is lost and nothing else is swallowed.
            let text = "$$" + state.texString
            return .paragraph(Paragraph(content: [.text(text)], range: range))
        }
        if let line = state.trailingTextLine {
            diagnostics.append(Diagnostic(
                path: source.path, location: counter.location(line: line, byteColumn: state.trailingTextByteColumn),
                severity: .warning, identifier: "math.trailing-text",
                summary: "text after the closing '$$' is not shown",
                explanation: "Put the text on its own line after the formula."))
        }
        let tex = state.texString
        if let comment = checkComment(after: node, formulaAt: range.lowerBound) {
            checkFormula(tex, comment: comment, at: range.lowerBound)
        } else if Self.mayHoldArithmetic(tex) {
            var sides = LaTeXArithmetic.sides(ArithmeticPair.withoutTags(tex))
            if let first = sides.first, first.allSatisfy({ $0 == " " || $0 == "\n" }), sides.count > 1,
                let previous = previousLastSide
            {
                sides[0] = previous
            }
            previousLastSide = sides.last
            sites += ExpressionSite.pairs(sides, at: range.lowerBound)
        } else {
            previousLastSide = nil
        }
        return .displayMath(DisplayMath(tex: tex, range: range))
    }

    // MARK: - Inlines

    private mutating func inlines(of block: OpaquePointer, startLine: Int) -> [Inline] {
        uncountedLines = 0
        blockStartLine = startLine
        inlineLineOffset = cmark_node_get_start_line(block) < 1 ? startLine : 0
        return inlineChildren(of: block)
    }

    /// Added to the lines cmark-gfm reports for inlines of a block it gave no position.
    private var inlineLineOffset = 0

    /// A line for an inline node: cmark-gfm's, unless it is not a line of this block (the table
    /// extension leaves some cells' lines at 0), then the block's own first line.
    private func checkedLine(_ line: Int) -> Int {
        let shifted = line + inlineLineOffset
        return shifted >= blockStartLine && shifted <= source.lineCount ? shifted : blockStartLine
    }

    private mutating func inlineChildren(of parent: OpaquePointer) -> [Inline] {
        var result: [Inline] = []
        // Sized once: a paragraph dense with math has dozens of inlines, and growing the array
        // step by step copies them again and again.
        result.reserveCapacity(Self.childCount(parent))
        var child = cmark_node_first_child(parent)
        while let node = child {
            if let inline = inline(node) {
                // cmark-gfm splits text at characters that might start markup; join it again.
                if case .text(let next) = inline, case .text(let previous)? = result.last {
                    result[result.count - 1] = .text(previous + next)
                } else {
                    result.append(inline)
                }
            }
            child = cmark_node_next(node)
        }
        return result
    }

    private mutating func inline(_ node: OpaquePointer) -> Inline? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT:
            return .text(string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK:
            return .softBreak
        case CMARK_NODE_LINEBREAK:
            return .lineBreak
        case CMARK_NODE_CODE:
            let literal = string(cmark_node_get_literal(node))
            if literal.hasPrefix(Self.inlineValuePrefix), let value = inlineValue(node, literal: literal) {
                sites.append(.inlineValue(value))
                return .inlineValue(value)
            }
            return .code(literal)
        case CMARK_NODE_HTML_INLINE:
            if MathNodeState.of(node) != nil { return inlineMath(node) }
            let literal = string(cmark_node_get_literal(node))
            return .html(InlineHTML(
                literal: literal, filtered: filteredHTML(node),
                location: inlineLocation(node, marker: String(literal.prefix(2)))))
        case CMARK_NODE_EMPH:
            return .emphasis(inlineChildren(of: node))
        case CMARK_NODE_STRONG:
            return .strong(inlineChildren(of: node))
        case CMARK_NODE_LINK:
            let location = inlineLocation(node, marker: "[")
            let destination = string(cmark_node_get_url(node))
            if destination.hasPrefix("="), let stated = statedNumbers(node, at: location, destination: destination) {
                sites.append(.statedNumbers(stated))
                return .statedNumbers(stated)
            }
            return .link(Link(
                destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)),
                content: inlineChildren(of: node), location: location))
        case CMARK_NODE_IMAGE:
            let location = inlineLocation(node, marker: "![")
            let description = inlineChildren(of: node)
            return .image(Image(
                source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)),
                alt: PlainText.of(description), location: location))
        default:
            if typeName(node) == "strikethrough" { return .strikethrough(inlineChildren(of: node)) }
            let children = inlineChildren(of: node)
            return children.isEmpty ? nil : .emphasis(children)
        }
    }

    private mutating func inlineMath(_ node: OpaquePointer) -> Inline? {
        guard let state = MathNodeState.of(node) else { return nil }
        let line = checkedLine(state.line + uncountedLines)
        let tex = state.texString
        let delimiter = state.kind == .inlineDisplay ? "$$" : "$"
        let location = refine(line: line, byteColumn: state.byteColumn, marker: Array((state.kind == .unterminated ? tex : delimiter + tex).utf8.prefix(while: { $0 != UInt8(ascii: "\n") })))
        uncountedLines += tex.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        if state.kind == .unterminated {
            diagnostics.append(Diagnostic(
                path: source.path, location: location, identifier: "math.unterminated",
                summary: tex == "$$" ? "unterminated display math: no closing '$$'" : "unterminated inline math: no closing '$'",
                explanation: "Write \\$ for a literal dollar sign."))
            return .text(tex)
        }
        if let comment = checkComment(after: node, formulaAt: location) {
            checkFormula(tex, comment: comment, at: location)
        } else if Self.mayHoldArithmetic(tex) {
            sites += ExpressionSite.pairs(LaTeXArithmetic.sides(ArithmeticPair.withoutTags(tex)), at: location)
        }
        return .math(InlineMath(tex: tex, isDisplay: state.kind == .inlineDisplay, location: location))
    }

    // MARK: - Checked formulas

    /// The check comment right after a formula: the next block for display math, the next inline
    /// (past spaces) for math in a paragraph.
    private mutating func checkComment(after node: OpaquePointer, formulaAt location: SourceLocation) -> CheckComment? {
        var next = cmark_node_next(node)
        // Past text of spaces only, read in place: most formulas are followed by prose.
        while let candidate = next,
            cmark_node_get_type(candidate) == CMARK_NODE_SOFTBREAK
                || (cmark_node_get_type(candidate) == CMARK_NODE_TEXT && Self.isSpaces(cmark_node_get_literal(candidate)))
        {
            next = cmark_node_next(candidate)
        }
        guard let next, cmark_node_get_type(next) == CMARK_NODE_HTML_BLOCK || cmark_node_get_type(next) == CMARK_NODE_HTML_INLINE
        else { return nil }
        let literal = string(cmark_node_get_literal(next))
        guard literal.contains("check") else { return nil }
        do {
            return try CheckComment(html: literal)
        } catch {
            diagnostics.append(Diagnostic(
                path: source.path, location: location, identifier: "formula.check-comment", summary: error.message))
            return nil
        }
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

    /// A formula the author asked to be checked: translated to Swift, or a diagnostic naming
    /// what cannot be.
    private mutating func checkFormula(_ tex: String, comment: CheckComment, at location: SourceLocation) {
        let withoutTags = ArithmeticPair.withoutTags(tex)
        do {
            let check = try FormulaCheck.translate(withoutTags, comment: comment, previousSide: previousLastSide)
            sites.append(.formula(CheckedFormula(check: check, location: location)))
            previousLastSide = check.lastSide
        } catch {
            previousLastSide = FormulaCheck.lastSide(of: withoutTags)
            diagnostics.append(Diagnostic(
                path: source.path, location: location, identifier: "formula.unsupported",
                summary: "cannot check this formula: \(error.message)"))
        }
    }

    // MARK: - Stated numbers and inline values

    /// Whether a formula may relate two closed-arithmetic sides: it has an `=` or `\approx`
    /// and a digit.
    nonisolated static func mayHoldArithmetic(_ tex: String) -> Bool {
        var tex = tex
        return tex.withUTF8 { bytes in
            var relation = false
            var digit = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "=") {
                    relation = true
                } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    digit = true
                } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x89, bytes[index + 2] == 0x88 {
                    relation = true  // ≈
                } else if byte == UInt8(ascii: "\\"), index + 7 <= bytes.count, bytes[index + 1] == UInt8(ascii: "a"),
                    bytes[index + 2] == UInt8(ascii: "p"), bytes[index + 3] == UInt8(ascii: "p"), bytes[index + 4] == UInt8(ascii: "r"),
                    bytes[index + 5] == UInt8(ascii: "o"), bytes[index + 6] == UInt8(ascii: "x")
                {
                    relation = true
                }
                if relation && digit { return true }
                index += 1
            }
            return false
        }
    }

    static let inlineValuePrefix = "{swift} "

    /// A `[text](=expression "title")` link, with the byte ranges of its parts in the source.
    private mutating func statedNumbers(_ node: OpaquePointer, at location: SourceLocation, destination: String) -> StatedNumbersLink? {
        let bytes = source.bytes
        let open = source.byteOffset(of: location)
        guard open < bytes.count, bytes[open] == UInt8(ascii: "[") else { return nil }
        // The text ends at the `](=` that starts this destination.
        let needle = Array(("](" + destination).utf8)
        var close = open + 1
        var found: Int?
        while close + needle.count <= bytes.count {
            if bytes[close] == needle[0], bytes[close..<(close + needle.count)].elementsEqual(needle) {
                found = close
                break
            }
            close += 1
        }
        guard let textEnd = found else { return nil }
        // The link ends at the `)` after the destination (and title).
        var end = textEnd + needle.count
        var quote: UInt8?
        while end < bytes.count {
            let byte = bytes[end]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ")") {
                break
            }
            end += 1
        }
        let text = String(decoding: bytes[(open + 1)..<textEnd], as: UTF8.self)
        return StatedNumbersLink(
            text: text, expression: String(destination.dropFirst()), title: string(cmark_node_get_title(node)),
            location: location, textLocation: counter.location(ofByteOffset: open + 1),
            expressionLocation: counter.location(ofByteOffset: textEnd + 3),
            textByteRange: (open + 1)..<textEnd, byteRange: open..<min(end + 1, bytes.count))
    }

    /// A `` `{swift} expression` `` code span, found in the source from where cmark-gfm says the
    /// span is: the `{swift}` nearest to that column, and the backticks before it.
    private mutating func inlineValue(_ node: OpaquePointer, literal: String) -> InlineValue? {
        let line = checkedLine(Int(cmark_node_get_start_line(node)) + uncountedLines)
        let reported = Int(cmark_node_get_start_column(node))
        let lineBytes = source.lineBytes(line)
        let prefix = Array(Self.inlineValuePrefix.utf8)
        var best: Int?
        var index = lineBytes.startIndex
        while index + prefix.count <= lineBytes.endIndex {
            if lineBytes[index..<(index + prefix.count)].elementsEqual(prefix) {
                let distance = abs(index - lineBytes.startIndex + 1 - reported)
                if best.map({ distance < abs($0 - lineBytes.startIndex + 1 - reported) }) ?? true { best = index }
            }
            index += 1
        }
        guard let prefixStart = best else { return nil }
        var start = prefixStart
        while start > lineBytes.startIndex, lineBytes[start - 1] == UInt8(ascii: " ") { start -= 1 }
        var ticks = 0
        while start > lineBytes.startIndex, lineBytes[start - 1] == UInt8(ascii: "`") {
            start -= 1
            ticks += 1
        }
        guard ticks > 0 else { return nil }
        let bytes = source.bytes
        let expressionStart = prefixStart + prefix.count
        // The span ends at the next run of exactly `ticks` backticks.
        var end = expressionStart
        while end < bytes.count {
            if bytes[end] == UInt8(ascii: "`") {
                var run = 0
                while end + run < bytes.count, bytes[end + run] == UInt8(ascii: "`") { run += 1 }
                if run == ticks { break }
                end += run
            } else {
                end += 1
            }
        }
        let expression = String(
            literal.dropFirst(Self.inlineValuePrefix.count).drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
        return InlineValue(
            expression: expression, location: counter.location(ofByteOffset: start),
            expressionLocation: counter.location(ofByteOffset: expressionStart),
            byteRange: start..<min(end + ticks, bytes.count))
    }

    // MARK: - Positions

    private mutating func range(of node: OpaquePointer) -> SourceRange {
        var startLine = Int(cmark_node_get_start_line(node))
        var endLine = Int(cmark_node_get_end_line(node))
        if startLine < 1 {
            // A node cmark-gfm made after parsing (the table extension splits the text before a
            // table into a paragraph of its own) has no position: put it after the last block.
            startLine = min(lastLine + 1, source.lineCount)
            endLine = max(endLine, startLine)
        }
        let start = counter.location(line: startLine, byteColumn: max(1, Int(cmark_node_get_start_column(node))))
        let end = counter.location(line: endLine, byteColumn: Int(cmark_node_get_end_column(node)) + 1)
        lastLine = max(lastLine, endLine)
        return start..<max(start, end)
    }

    /// The location of an inline node that starts with `marker`.
    private mutating func inlineLocation(_ node: OpaquePointer, marker: String) -> SourceLocation {
        refine(
            line: checkedLine(Int(cmark_node_get_start_line(node)) + uncountedLines),
            byteColumn: Int(cmark_node_get_start_column(node)), marker: Array(marker.utf8))
    }

    /// Corrects cmark-gfm's inline column, which does not count container prefixes (`> `, list
    /// indentation) on a paragraph's continuation lines: the node starts with `marker` at or after
    /// the reported column on its line.
    private mutating func refine(line: Int, byteColumn: Int, marker: [UInt8]) -> SourceLocation {
        let bytes = source.lineBytes(line)
        guard !marker.isEmpty, bytes.count >= marker.count else {
            return counter.location(line: line, byteColumn: byteColumn)
        }
        // The node starts at or after the reported column, within what container prefixes can
        // add; searching from there keeps a long line's many nodes linear.
        let base = bytes.startIndex
        let lastStart = min(bytes.endIndex - marker.count, base + max(byteColumn - 1, 0) + Self.refineWindow)
        var candidate = base + max(byteColumn - 1, 0)
        while candidate <= lastStart {
            if bytes[candidate] == marker[0], bytes[candidate..<(candidate + marker.count)].elementsEqual(marker) {
                return counter.location(line: line, byteColumn: candidate - base + 1)
            }
            candidate += 1
        }
        return counter.location(line: line, byteColumn: byteColumn)
    }

    /// How far past the reported column `refine` looks: container prefixes (`> `, list
    /// indentation) on a continuation line are what it corrects for.
    private static let refineWindow = 1 << 16

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
