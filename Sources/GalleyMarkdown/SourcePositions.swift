internal import CCmarkGFM
import GalleyDiagnostics

/// Where cmark-gfm's nodes stand in the Markdown source, corrected where cmark-gfm's own
/// positions fall short — the way swift-markdown keeps its `RangeAdjuster` apart from the
/// converter.
///
/// cmark-gfm does not count the lines that math inside a block swallowed, nor container prefixes
/// (`> `, list indentation) on a paragraph's continuation lines, and it gives no position to nodes
/// it made after parsing (the paragraph split off before a table). Positions are asked for in
/// source order, so byte columns become scalar columns without recounting lines.
struct SourcePositions {
    let source: SourceFile

    /// Byte positions to locations, in source order without recounting lines.
    private var counter: LocationCounter
    /// Lines swallowed by math inside the current block that cmark-gfm's inline parser did not
    /// count; added to the positions it reports for later inlines of the block.
    private var uncountedLines = 0
    /// The first line of the block whose inlines are being converted.
    private var blockStartLine = 1
    /// Added to the lines cmark-gfm reports for inlines of a block it gave no position.
    private var inlineLineOffset = 0
    /// The last line any block converted so far reached.
    private var lastLine = 0
    /// How many bytes past cmark-gfm's column the last inline found on a line started: the
    /// container prefix (`> `, list indentation) cmark-gfm did not count on that line.
    private var shift: (line: Int, bytes: Int)?

    init(source: SourceFile) {
        self.source = source
        self.counter = LocationCounter(source: source)
    }

    /// Starts the inlines of a block that begins at `startLine`.
    mutating func beginInlines(of block: OpaquePointer, startLine: Int) {
        uncountedLines = 0
        blockStartLine = startLine
        inlineLineOffset = cmark_node_get_start_line(block) < 1 ? startLine : 0
    }

    /// Counts the lines inline math swallowed, which cmark-gfm's later positions in the block miss.
    mutating func skipLines(of text: String) {
        uncountedLines += text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    /// The line of an inline node as cmark-gfm reports it, corrected.
    func line(ofInline node: OpaquePointer) -> Int {
        checkedLine(Int(cmark_node_get_start_line(node)) + uncountedLines)
    }

    /// A line cmark-gfm's inline parser reported (math's own), corrected.
    func inlineLine(_ reported: Int) -> Int {
        checkedLine(reported + uncountedLines)
    }

    mutating func location(ofByteOffset offset: Int) -> SourceLocation {
        counter.location(ofByteOffset: offset)
    }

    mutating func location(line: Int, byteColumn: Int) -> SourceLocation {
        counter.location(line: line, byteColumn: byteColumn)
    }

    // MARK: - Blocks and inlines

    mutating func range(of node: OpaquePointer) -> SourceRange {
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
    mutating func inlineLocation(_ node: OpaquePointer, marker: String) -> SourceLocation {
        refine(
            line: line(ofInline: node),
            byteColumn: Int(cmark_node_get_start_column(node)), marker: Array(marker.utf8))
    }

    /// The location of an inline node that starts with one of the bytes `first` (a text's first
    /// byte, `*` or `_` for emphasis), or where cmark-gfm says when `first` is empty; for the many
    /// text and emphasis nodes of a chapter, without building a marker.
    mutating func inlineLocation(_ node: OpaquePointer, first: [UInt8]) -> SourceLocation {
        inlineStart(node, first: first).location
    }

    /// Where `inlineLocation(_:first:)` places a node, with that place's byte offset in the source.
    mutating func inlineStart(_ node: OpaquePointer, first: [UInt8]) -> (location: SourceLocation, byteOffset: Int) {
        let line = line(ofInline: node)
        let reported = Int(cmark_node_get_start_column(node))
        let bytes = source.lineBytes(line)
        let base = bytes.startIndex
        var candidate = base + max(reported - 1, 0)
        let reportedOffset = candidate
        guard !first.isEmpty, candidate < bytes.endIndex,
            // A text that starts with an entity or an escape starts where cmark-gfm says.
            bytes[candidate] != UInt8(ascii: "&"), bytes[candidate] != UInt8(ascii: "\\")
        else { return (counter.location(line: line, byteColumn: reported), reportedOffset) }
        let last = min(bytes.endIndex - 1, candidate + Self.refineWindow)
        while candidate <= last {
            if first.contains(bytes[candidate]) {
                let column = candidate - base + 1
                shift = (line, column - reported)
                return (counter.location(line: line, byteColumn: column), candidate)
            }
            candidate += 1
        }
        return (counter.location(line: line, byteColumn: reported), reportedOffset)
    }

    /// Corrects cmark-gfm's inline column, which does not count container prefixes (`> `, list
    /// indentation) on a paragraph's continuation lines: the node starts with `marker` at or after
    /// the reported column on its line.
    mutating func refine(line: Int, byteColumn: Int, marker: [UInt8]) -> SourceLocation {
        counter.location(line: line, byteColumn: refinedByteColumn(line: line, byteColumn: byteColumn, marker: marker))
    }

    /// The byte column `refine` finds, remembering how far it was from the reported one.
    mutating func refinedByteColumn(line: Int, byteColumn: Int, marker: [UInt8]) -> Int {
        let column = searchByteColumn(line: line, byteColumn: byteColumn, marker: marker)
        if column != byteColumn { shift = (line, column - byteColumn) }
        return column
    }

    private func searchByteColumn(line: Int, byteColumn: Int, marker: [UInt8]) -> Int {
        let bytes = source.lineBytes(line)
        guard !marker.isEmpty, bytes.count >= marker.count else { return byteColumn }
        // The node starts at or after the reported column, within what container prefixes can
        // add; searching from there keeps a long line's many nodes linear.
        let base = bytes.startIndex
        let lastStart = min(bytes.endIndex - marker.count, base + max(byteColumn - 1, 0) + Self.refineWindow)
        var candidate = base + max(byteColumn - 1, 0)
        while candidate <= lastStart {
            if bytes[candidate] == marker[0], bytes[candidate..<(candidate + marker.count)].elementsEqual(marker) {
                return candidate - base + 1
            }
            candidate += 1
        }
        return byteColumn
    }

    /// How far past the reported column `refine` looks: container prefixes (`> `, list
    /// indentation) on a continuation line are what it corrects for.
    static let refineWindow = 1 << 16

    /// A line for an inline node: cmark-gfm's, unless it is not a line of this block (the table
    /// extension leaves some cells' lines at 0), then the block's own first line.
    private func checkedLine(_ line: Int) -> Int {
        let shifted = line + inlineLineOffset
        return shifted >= blockStartLine && shifted <= source.lineCount ? shifted : blockStartLine
    }

    // MARK: - Inline ranges

    /// The range of an inline node that starts at `start`: to where cmark-gfm says it ends,
    /// corrected like its start, and never before `start`.
    mutating func inlineRange(of node: OpaquePointer, from start: SourceLocation) -> SourceRange {
        let endLine = inlineLine(Int(cmark_node_get_end_line(node)))
        // cmark-gfm's end column misses the container prefix its start missed, on the same line.
        let endColumn = Int(cmark_node_get_end_column(node)) + (shift?.line == endLine ? shift?.bytes ?? 0 : 0)
        guard endLine >= start.line, endColumn >= 1 else { return start..<start }
        let end = counter.location(line: endLine, byteColumn: endColumn + 1)
        return start..<max(start, end)
    }

    /// The byte offset of an inline node's last byte (an image's closing `)`), corrected as
    /// `inlineRange` corrects its end.
    func inlineLastByte(of node: OpaquePointer) -> Int {
        let endLine = inlineLine(Int(cmark_node_get_end_line(node)))
        let endColumn = Int(cmark_node_get_end_column(node)) + (shift?.line == endLine ? shift?.bytes ?? 0 : 0)
        return source.byteOffset(line: endLine, byteColumn: endColumn)
    }

    /// The range of `byteCount` bytes of the source from a line and byte column.
    mutating func range(line: Int, byteColumn: Int, byteCount: Int) -> SourceRange {
        let offset = source.byteOffset(line: line, byteColumn: byteColumn)
        let start = counter.location(line: line, byteColumn: byteColumn)
        return start..<max(start, counter.location(ofByteOffset: min(offset + byteCount, source.bytes.count)))
    }

    /// The range of bytes of the source, as locations.
    mutating func range(ofBytes bytes: Range<Int>) -> SourceRange {
        let start = counter.location(ofByteOffset: bytes.lowerBound)
        return start..<max(start, counter.location(ofByteOffset: bytes.upperBound))
    }

    // MARK: - Table rows and cells

    /// Where a node starts as cmark-gfm reports it, or nil when it gives the node no line.
    mutating func start(of node: OpaquePointer) -> SourceLocation? {
        let line = Int(cmark_node_get_start_line(node))
        guard line >= 1, line <= source.lineCount else { return nil }
        return counter.location(line: line, byteColumn: max(1, Int(cmark_node_get_start_column(node))))
    }

    /// Just past where a node ends as cmark-gfm reports it, or nil when it gives the node no line.
    mutating func end(of node: OpaquePointer) -> SourceLocation? {
        let line = Int(cmark_node_get_end_line(node))
        guard line >= 1, line <= source.lineCount else { return nil }
        return counter.location(line: line, byteColumn: Int(cmark_node_get_end_column(node)) + 1)
    }
}
