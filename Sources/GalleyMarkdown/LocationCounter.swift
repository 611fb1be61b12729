import GalleyDiagnostics

/// Converts byte positions to `SourceLocation`s (whose columns count Unicode scalars) for positions
/// that arrive in source order, as a document's nodes do.
///
/// `SourceFile.location(line:byteColumn:)` counts from the start of the line each time; on one
/// 10 MB line holding a quarter of a million formulas that is quadratic. This remembers how far it
/// counted on the current line and goes on from there.
struct LocationCounter {
    let source: SourceFile
    private var line = 0
    private var byte = 0
    private var scalars = 0

    init(source: SourceFile) {
        self.source = source
    }

    mutating func location(line: Int, byteColumn: Int) -> SourceLocation {
        let bytes = source.lineBytes(line)
        let target = min(max(byteColumn - 1, 0), bytes.count)
        if line != self.line || target < byte {
            self.line = line
            byte = 0
            scalars = 0
        }
        var index = bytes.startIndex + byte
        let end = bytes.startIndex + target
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { scalars += 1 }
            index += 1
        }
        byte = target
        return SourceLocation(line: line, column: scalars + 1 + max(byteColumn - 1 - bytes.count, 0))
    }

    mutating func location(ofByteOffset offset: Int) -> SourceLocation {
        let line = source.line(ofByteOffset: offset)
        return location(line: line, byteColumn: offset - source.byteOffset(line: line, byteColumn: 1) + 1)
    }
}
