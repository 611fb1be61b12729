import GalleyDiagnostics

/// What the load stage checks of a chapter's bytes before reading them as text.
enum ChapterFile {
    /// The line and column (counting Unicode scalars, as `SourceLocation` does) of the first byte
    /// that is not UTF-8; nil when all are.
    static func firstInvalidByte(in bytes: some Collection<UInt8>) -> SourceLocation? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var line = 1
        var column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1 && encoded.first == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .error:
                return SourceLocation(line: line, column: column)
            case .emptyInput:
                return nil
            }
        }
    }

}
