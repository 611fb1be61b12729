/// Finding a run of bytes in UTF-8 text: what the renderer does on KaTeX's HTML and on pages,
/// where the standard library's `firstRange(of:)` over `String.UTF8View` and Foundation's
/// `range(of:)` were many times slower (one 530 KB chapter's render work 0.47–0.52 s against
/// 0.06 s; a tenth of a preview render for the search index's MathML).
enum ByteSearch {
    /// Where `pattern` first occurs in `bytes[start..<end]` (`end` by default the end).
    static func firstIndex(
        of pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int, before end: Int? = nil
    ) -> Int? {
        let end = min(end ?? bytes.count, bytes.count)
        guard let head = pattern.first, start >= 0, end - start >= pattern.count else { return nil }
        var index = start
        while index <= end - pattern.count {
            if bytes[index] == head, matches(pattern, in: bytes, at: index, before: end) { return index }
            index += 1
        }
        return nil
    }

    /// Whether `pattern` occurs in `bytes` at `index`, wholly before `end`.
    static func matches(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at index: Int, before end: Int)
        -> Bool
    {
        guard index >= 0, index + pattern.count <= min(end, bytes.count) else { return false }
        for offset in pattern.indices where bytes[index + offset] != pattern[offset] { return false }
        return true
    }

    /// `body` over the UTF-8 bytes of `text`, without copying them where the string keeps them
    /// contiguous (as native strings do).
    static func withBytes<T>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }
}
