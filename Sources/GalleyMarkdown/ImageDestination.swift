/// Where an image's destination stands in the source: read back from the image's closing `)`,
/// by the syntax of an inline image's end — `(destination)`, `(<destination>)`, or either with a
/// title in quotes or parentheses after it.
///
/// Reading from the end, not from `![`, keeps an alt text that repeats the path
/// (`![./a.png](./a.png)`) from being taken for it.
enum ImageDestination {
    /// The bytes of `written` as the destination of the image whose `)` is at `close`; nil when
    /// they do not stand there as written (escapes or entities in the destination, a reference
    /// image whose destination is elsewhere).
    static func byteRange(closingAt close: Int, written: String, in bytes: [UInt8]) -> Range<Int>? {
        guard close > 0, close < bytes.count, bytes[close] == UInt8(ascii: ")") else { return nil }
        var end = skipSpace(before: close, in: bytes)
        if end > 0, let opening = titleOpening(forClosing: bytes[end - 1]) {
            var index = end - 2
            while index >= 0, bytes[index] != opening || (index > 0 && bytes[index - 1] == UInt8(ascii: "\\")) {
                index -= 1
            }
            guard index >= 0 else { return nil }
            let beforeTitle = skipSpace(before: index, in: bytes)
            // A title needs white space before it; without, the quote belonged to the destination.
            if beforeTitle < index { end = beforeTitle }
        }
        let wanted = Array(written.utf8)
        let angled = end > 0 && bytes[end - 1] == UInt8(ascii: ">")
        let stop = angled ? end - 1 : end
        let start = stop - wanted.count
        guard start >= 0, bytes[start..<stop].elementsEqual(wanted) else { return nil }
        let before = start > 0 ? bytes[start - 1] : 0
        guard before == UInt8(ascii: angled ? "<" : "(") || (!angled && isSpace(before)) else { return nil }
        return start..<stop
    }

    private static func titleOpening(forClosing byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "\""): UInt8(ascii: "\"")
        case UInt8(ascii: "'"): UInt8(ascii: "'")
        case UInt8(ascii: ")"): UInt8(ascii: "(")
        default: nil
        }
    }

    /// The offset just past the last non-space byte before `index`.
    private static func skipSpace(before index: Int, in bytes: [UInt8]) -> Int {
        var end = index
        while end > 0, isSpace(bytes[end - 1]) { end -= 1 }
        return end
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }
}
