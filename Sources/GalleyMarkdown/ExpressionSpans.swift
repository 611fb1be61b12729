import GalleyDiagnostics

/// Where a stated-number link (`[0.88](=a[0])`) and an inline value (`` `{swift} loss` ``) stand
/// in the source bytes: cmark-gfm gives their start at best, and `render --fix` and the Markdown
/// output rewrite exactly their bytes.
extension SourcePositions {
    /// What an inline value's code span starts with.
    static let inlineValuePrefix = "{swift} "

    /// A `[text](=expression "title")` link, with the byte ranges of its parts in the source.
    /// - Parameter open: the byte offset of the `[`, where `location` is.
    mutating func statedNumbers(
        at location: SourceLocation, byteOffset open: Int, destination: String, title: String
    ) -> StatedNumbersLink? {
        let bytes = source.bytes
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
            text: text, expression: String(destination.dropFirst()), title: title,
            location: location, textLocation: self.location(ofByteOffset: open + 1),
            expressionLocation: self.location(ofByteOffset: textEnd + 3),
            textByteRange: (open + 1)..<textEnd, byteRange: open..<min(end + 1, bytes.count))
    }

    /// A `` `{swift} expression` `` code span, found in the source from where cmark-gfm says the
    /// span is: the `{swift}` nearest to that column, and the backticks before it.
    mutating func inlineValue(line: Int, reportedColumn reported: Int, literal: String) -> InlineValue? {
        let lineBytes = source.lineBytes(line)
        let prefix = Array(Self.inlineValuePrefix.utf8)
        var best: Int?
        // Near the reported column: a long line holds many values.
        let reportedIndex = lineBytes.startIndex + max(reported - 1, 0)
        var index = max(lineBytes.startIndex, reportedIndex - Self.refineWindow)
        let end = min(lineBytes.endIndex, reportedIndex + Self.refineWindow)
        while index + prefix.count <= end {
            if lineBytes[index..<(index + prefix.count)].elementsEqual(prefix) {
                let distance = abs(index - lineBytes.startIndex + 1 - reported)
                if best.map({ distance < abs($0 - lineBytes.startIndex + 1 - reported) }) ?? true { best = index }
            }
            index += 1
        }
        guard let prefixStart = best, let span = codeSpan(around: prefixStart) else { return nil }
        let expressionStart = prefixStart + prefix.count
        let expression = String(
            literal.dropFirst(Self.inlineValuePrefix.count).drop(while: { $0 == " " }).reversed().drop(while: {
                $0 == " "
            }).reversed())
        return InlineValue(
            expression: expression, location: location(ofByteOffset: span.lowerBound),
            expressionLocation: location(ofByteOffset: expressionStart), byteRange: span)
    }

    /// The bytes of a code span whose code cmark-gfm says starts at `reportedColumn`.
    func codeSpan(line: Int, reportedColumn: Int) -> Range<Int> {
        let lineBytes = source.lineBytes(line)
        let reported = min(lineBytes.startIndex + max(reportedColumn - 1, 0), lineBytes.endIndex)
        return codeSpan(around: reported) ?? reported..<reported
    }

    /// The bytes of the code span whose code starts at byte `contentStart`: back over the spaces
    /// that pad it and its opening backticks, on to the closing run of exactly as many; nil when no
    /// backtick comes before.
    private func codeSpan(around contentStart: Int) -> Range<Int>? {
        let bytes = source.bytes
        let lineStart = source.byteOffset(line: source.line(ofByteOffset: contentStart), byteColumn: 1)
        var start = contentStart
        while start > lineStart, bytes[start - 1] == UInt8(ascii: " ") { start -= 1 }
        var ticks = 0
        while start > lineStart, bytes[start - 1] == UInt8(ascii: "`") {
            start -= 1
            ticks += 1
        }
        guard ticks > 0 else { return nil }
        var end = contentStart
        while end < bytes.count {
            if bytes[end] == UInt8(ascii: "`") {
                var run = 0
                while end + run < bytes.count, bytes[end + run] == UInt8(ascii: "`") { run += 1 }
                if run == ticks { return start..<(end + run) }
                end += run
            } else {
                end += 1
            }
        }
        return start..<bytes.count
    }
}
