/// The text of one source file, with fast conversion from cmark-gfm's byte positions to
/// `SourceLocation`s.
///
/// Lines end as CommonMark says they do — at `\n`, `\r\n` or a lone `\r` — so that line numbers
/// agree with cmark-gfm's even in files with old Mac line endings.
public struct SourceFile: Sendable {
    /// The path shown in diagnostics.
    public let path: String
    /// The file's text, as read (invalid UTF-8 already repaired with U+FFFD).
    public let text: String
    /// The UTF-8 bytes of `text`.
    public let bytes: [UInt8]
    /// The byte offset at which each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        self.bytes = Array(text.utf8)
        var starts = [0]
        let bytes = self.bytes
        for (offset, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\n") {
                starts.append(offset + 1)
            } else if byte == UInt8(ascii: "\r"), offset + 1 >= bytes.count || bytes[offset + 1] != UInt8(ascii: "\n") {
                starts.append(offset + 1)
            }
        }
        self.lineStarts = starts
    }

    /// The number of lines (a final line without a newline counts).
    public var lineCount: Int { lineStarts.count }

    /// The bytes of a 1-based line, without its line ending.
    public func lineBytes(_ line: Int) -> ArraySlice<UInt8> {
        guard line >= 1, line <= lineStarts.count else { return [] }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return bytes[start..<max(start, end)]
    }

    /// The text of a 1-based line, without its line ending.
    public func line(_ line: Int) -> String {
        String(decoding: lineBytes(line), as: UTF8.self)
    }

    /// The location of a 1-based line and a 1-based byte column within it, with the column counted
    /// in Unicode scalars as `SourceLocation` requires.
    public func location(line: Int, byteColumn: Int) -> SourceLocation {
        let bytesOfLine = lineBytes(line)
        let prefixLength = min(max(byteColumn - 1, 0), bytesOfLine.count)
        let prefix = bytesOfLine.prefix(prefixLength)
        // Count scalars: every byte that is not a UTF-8 continuation byte starts one.
        let scalars = prefix.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return SourceLocation(line: line, column: scalars + 1 + max(byteColumn - 1 - bytesOfLine.count, 0))
    }

    /// The 1-based line holding an absolute byte offset (a binary search).
    public func line(ofByteOffset offset: Int) -> Int {
        let clamped = min(max(offset, 0), bytes.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// The location of an absolute byte offset into the file.
    public func location(ofByteOffset offset: Int) -> SourceLocation {
        let clamped = min(max(offset, 0), bytes.count)
        let line = line(ofByteOffset: clamped)
        return location(line: line, byteColumn: clamped - lineStarts[line - 1] + 1)
    }

    /// The absolute byte offset of a 1-based line and byte column.
    public func byteOffset(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= lineStarts.count else { return bytes.count }
        return min(lineStarts[line - 1] + max(byteColumn - 1, 0), bytes.count)
    }
}

extension SourceFile {
    /// The absolute byte offset of a location (whose column counts Unicode scalars).
    public func byteOffset(of location: SourceLocation) -> Int {
        let bytesOfLine = lineBytes(location.line)
        var scalars = 1
        var offset = bytesOfLine.startIndex
        while offset < bytesOfLine.endIndex, scalars < location.column {
            offset += 1
            while offset < bytesOfLine.endIndex, bytesOfLine[offset] & 0xC0 == 0x80 { offset += 1 }
            scalars += 1
        }
        return offset
    }
}
