internal import CCmarkGFM

/// A cmark-gfm syntax extension that reads TeX math before Markdown can touch it.
///
/// cmark-gfm knows no math, so without this `$x*y*z$` would come out with `<em>` and `\\` as `\`.
/// The extension works inside cmark-gfm's own parser, which is what lets math live anywhere
/// Markdown puts text — block quotes, list items, table cells — with the container prefixes already
/// removed:
///
/// - a *block* part opens a `$$` display block on a line that starts with `$$` (the way a fence
///   opens a code block) and takes the following lines verbatim until the closing `$$`;
/// - an *inline* part handles `$` inside a line of text, ahead of emphasis, escapes and raw HTML.
///
/// What the callbacks learn is kept on each node as a `MathNodeState`; the converter reads it.
/// Inline math travels as an inline-HTML node with that state, because GFM table cells refuse
/// inline node types they do not know.
enum MathExtension {
    /// Registers the display-math block's node type (once per process, from
    /// `CMarkExtensions.shared`).
    static func makeBlockNodeType() -> cmark_node_type {
        cmark_syntax_extension_add_node(0)
    }

    /// Creates the extension for the node type from `makeBlockNodeType()`.
    static func make(blockType: cmark_node_type) -> OpaquePointer {
        guard let extensionPointer = cmark_syntax_extension_new("galley_math") else {
            fatalError("cmark-gfm could not allocate a syntax extension")
        }
        blockNodeType = blockType
        cmark_syntax_extension_set_open_block_func(extensionPointer, openBlock)
        cmark_syntax_extension_set_match_block_func(extensionPointer, matchBlock)
        cmark_syntax_extension_set_can_contain_func(extensionPointer, { _, _, _ in 0 })
        cmark_syntax_extension_set_contains_inlines_func(extensionPointer, { _, _ in 0 })
        let dollar = cmark_llist_append(
            cmark_get_default_mem_allocator(), nil,
            UnsafeMutableRawPointer(bitPattern: UInt(UInt8(ascii: "$"))))
        cmark_syntax_extension_set_special_inline_chars(extensionPointer, dollar)
        cmark_syntax_extension_set_match_inline_func(extensionPointer, matchInline)
        return extensionPointer
    }

    // Written once, inside `CMarkExtensions.shared`'s initialiser, before any parser exists; read
    // only afterwards. C callbacks cannot capture context, hence globals.
    nonisolated(unsafe) private static var blockNodeType = CMARK_NODE_NONE

    // MARK: - Block part

    private static let openBlock: cmark_open_block_func = { extensionPointer, indented, parser, parent, input, length in
        guard indented == 0, let parser, let input else { return nil }
        let line = LineSource(bytes: input, count: Int(length))
        let start = Int(cmark_parser_get_first_nonspace(parser))
        guard let opening = MathScanner.scanBlockOpening(line, at: start) else { return nil }
        guard let node = cmark_parser_add_child(parser, parent, blockNodeType, Int32(start + 1)) else {
            return nil
        }
        // cmark-gfm hands a node's later lines to the extension recorded on the node.
        cmark_node_set_syntax_extension(node, extensionPointer)
        let state = MathNodeState(kind: .block)
        switch opening {
        case .complete(let content):
            state.append(line, content)
            state.isClosed = true
            state.noteClosing(at: content.upperBound, lineNumber: Int(cmark_parser_get_line_number(parser)))
            if let name = MathScanner.equationLabel(line, from: content.upperBound + 2) {
                state.noteLabel(name, in: line)
            }
        case .open(let content):
            state.append(line, content)
        }
        state.attach(to: node)
        let end = MathScanner.lineEnd(line, from: start)
        cmark_parser_advance_offset(
            parser, input.withMemoryRebound(to: CChar.self, capacity: 1) { $0 },
            Int32(end - Int(cmark_parser_get_offset(parser))), 0)
        return node
    }

    private static let matchBlock: cmark_match_block_func = { _, parser, input, length, container in
        guard let parser, let input, let container, let state = MathNodeState.of(container),
            !state.isClosed
        else { return 0 }
        let line = LineSource(bytes: input, count: Int(length))
        let offset = Int(cmark_parser_get_offset(parser))
        let end = MathScanner.lineEnd(line, from: offset)
        if MathScanner.isBlankToEnd(line, from: offset) {
            // TeX forbids a paragraph break inside display math; an open block that meets a blank
            // line was never closed. Ending it here keeps the rest of the chapter out of it.
            state.isUnterminated = true
            return 0
        }
        state.lineBreak()
        if let closing = MathScanner.scanBlockClosing(line, from: offset) {
            state.append(line, offset..<closing.close)
            state.isClosed = true
            state.noteClosing(at: closing.close, lineNumber: Int(cmark_parser_get_line_number(parser)))
            if closing.trailingText, let name = MathScanner.equationLabel(line, from: closing.close + 2) {
                state.noteLabel(name, in: line)
            } else if closing.trailingText {
                state.trailingTextLine = Int(cmark_parser_get_line_number(parser))
                state.trailingTextByteColumn = closing.close + 3
            }
        } else {
            state.append(line, offset..<end)
        }
        cmark_parser_advance_offset(
            parser, input.withMemoryRebound(to: CChar.self, capacity: 1) { $0 }, Int32(end - offset), 0)
        return 1
    }

    // MARK: - Inline part

    private static let matchInline: cmark_match_inline_func = { _, _, _, character, inlineParser in
        guard character == UInt8(ascii: "$"), let inlineParser else { return nil }
        let source = InlineParserSource(parser: inlineParser)
        let start = Int(cmark_inline_parser_get_offset(inlineParser))
        let line = Int(cmark_inline_parser_get_line(inlineParser))
        let column = Int(cmark_inline_parser_get_column(inlineParser))
        let state: MathNodeState
        let end: Int
        switch MathScanner.scanInline(source, at: start) {
        case .notMath:
            return nil
        case .math(let content, let contentEnd, let isDisplay):
            state = MathNodeState(kind: isDisplay ? .inlineDisplay : .inline)
            state.append(source, content)
            end = contentEnd
        case .unterminated(let isDisplay):
            state = MathNodeState(kind: .unterminated)
            state.isUnterminated = true
            let width = isDisplay ? 2 : 1
            state.append(source, start..<(start + width))
            end = start + width
        }
        state.line = line
        state.byteColumn = column
        // An inline-HTML node carrying the math as its state: GFM table cells accept only the
        // inline types they know, and this is one of them. Galley's converter reads the state
        // first, so the node is never treated as HTML.
        guard let node = cmark_node_new_with_mem(CMARK_NODE_HTML_INLINE, cmark_get_default_mem_allocator())
        else { return nil }
        state.attach(to: node)
        cmark_inline_parser_set_offset(inlineParser, Int32(end))
        return node
    }
}

// MARK: - State kept on math nodes

/// What the math extension learned about one node, kept as the node's user data and released
/// with it.
final class MathNodeState {
    enum Kind {
        case block
        case inline
        case inlineDisplay
        /// A `$` or `$$` that opened math and found no close; `tex` holds the delimiter itself.
        case unterminated
    }

    let kind: Kind
    private(set) var tex: [UInt8] = []
    var isClosed = false
    var isUnterminated = false
    /// For inline nodes, where cmark-gfm's inline parser stood (its line count lags by the
    /// newlines inside earlier math; the converter corrects that).
    var line = 0
    var byteColumn = 0
    /// For blocks labelled `{#eq-name}` after their closing `$$`: `eq-name`.
    var label: String?
    /// For closed blocks, the line of the closing `$$` (numbered as cmark-gfm numbers them, from
    /// 1) and its index in that line; for labelled ones, the range of `{#eq-name}` in the line.
    var closingLine = 0
    var closingIndex = 0
    var labelRange: Range<Int>?
    /// For blocks whose closing `$$` is followed by more text on its line.
    var trailingTextLine: Int?
    var trailingTextByteColumn = 0

    init(kind: Kind) {
        self.kind = kind
    }

    func append(_ source: some MathByteSource, _ range: Range<Int>) {
        // Called once per line of display math: grow geometrically, never to the exact size
        // again and again.
        let needed = tex.count + range.count
        if tex.capacity < needed { tex.reserveCapacity(max(needed, 2 * tex.capacity)) }
        for index in range { tex.append(source[index]) }
    }

    func lineBreak() {
        tex.append(UInt8(ascii: "\n"))
    }

    /// Notes where the closing `$$` stands: at `index` of the line numbered `lineNumber`.
    func noteClosing(at index: Int, lineNumber: Int) {
        closingLine = lineNumber
        closingIndex = index
    }

    /// Notes the label whose name `MathScanner.equationLabel` found at `name` of `line`, inside
    /// its `{#` and `}`.
    func noteLabel(_ name: Range<Int>, in line: LineSource) {
        label = line.string(name)
        labelRange = (name.lowerBound - 2)..<(name.upperBound + 1)
    }

    var texString: String { String(decoding: tex, as: UTF8.self) }

    func attach(to node: OpaquePointer) {
        cmark_node_set_user_data(node, Unmanaged.passRetained(self).toOpaque())
        cmark_node_set_user_data_free_func(node) { _, pointer in
            guard let pointer else { return }
            Unmanaged<MathNodeState>.fromOpaque(pointer).release()
        }
    }

    static func of(_ node: OpaquePointer) -> MathNodeState? {
        guard let pointer = cmark_node_get_user_data(node) else { return nil }
        return Unmanaged<MathNodeState>.fromOpaque(pointer).takeUnretainedValue()
    }
}

// MARK: - Byte sources over cmark-gfm's buffers

/// One line of block input, as the block callbacks receive it.
struct LineSource: MathByteSource {
    let bytes: UnsafeMutablePointer<UInt8>
    let count: Int

    subscript(index: Int) -> UInt8 {
        index >= 0 && index < count ? bytes[index] : 0
    }
}

/// The inline parser's text (a paragraph's or a cell's content, container prefixes removed).
struct InlineParserSource: MathByteSource {
    let parser: OpaquePointer

    subscript(index: Int) -> UInt8 {
        index >= 0 ? cmark_inline_parser_peek_at(parser, Int32(index)) : 0
    }
}
