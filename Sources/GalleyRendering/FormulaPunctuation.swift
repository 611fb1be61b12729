import GalleyDiagnostics
import GalleyMarkdown
import GalleyResults

/// Line breaks after an inline formula: whether a formula may be kept on one line with the
/// punctuation after it, judged on the HTML KaTeX typeset for it.
///
/// Chromium breaks a line between a formula and the punctuation after it, so a line could start
/// with "。"; ``HTMLFormatter`` keeps the two together (a `nobr` span) where that takes away few
/// of the places KaTeX would break the formula.
enum FormulaPunctuation {
    /// Whether an inline formula may be kept together with what follows it. KaTeX breaks a line
    /// only between the boxes of a formula, after `=` or `+`: a formula of one box loses nothing,
    /// and a short one (16 characters on the page at most, a third of a phone's line) little.
    static func canKeepWithNext(_ math: InlineMath, typesetMath: [TypesetMath.Key: TypesetMath]) -> Bool {
        guard !math.isDisplay,
            let typeset = typesetMath[TypesetMath.Key(tex: math.tex, display: false)]?.html
        else { return false }
        if Self.visibleLength(ofTypeset: typeset) <= 16 { return true }
        // One box: a second `base` is not there.
        let box = Array("<span class=\"base\">".utf8)
        return Self.withBytes(of: typeset) { bytes in
            guard let first = Self.firstIndex(of: box, in: bytes, from: 0) else { return false }
            return Self.firstIndex(of: box, in: bytes, from: first + box.count) == nil
        }
    }

    /// How many characters a typeset formula shows: the text of KaTeX's HTML, without its tags
    /// (the MathML before it, for screen readers, is left out), and without zero-width spaces.
    ///
    /// The tags are taken out byte by byte, and only the short text left is counted in
    /// characters: a formula's HTML runs to kilobytes, and a book has thousands of formulas.
    static func visibleLength(ofTypeset typeset: String) -> Int {
        let start = Array("<span class=\"katex-html\"".utf8)
        let zeroWidthSpace: [UInt8] = [0xE2, 0x80, 0x8B]
        let visible = Self.withBytes(of: typeset) { bytes -> [UInt8]? in
            guard var index = Self.firstIndex(of: start, in: bytes, from: 0) else { return nil }
            var text: [UInt8] = []
            var inTag = false
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "<") {
                    inTag = true
                } else if byte == UInt8(ascii: ">") {
                    inTag = false
                } else if !inTag {
                    if byte == zeroWidthSpace[0], index + 2 < bytes.count, bytes[index + 1] == zeroWidthSpace[1],
                        bytes[index + 2] == zeroWidthSpace[2]
                    {
                        index += 3
                        continue
                    }
                    text.append(byte)
                }
                index += 1
            }
            return text
        }
        guard let visible else { return .max }
        return String(decoding: visible, as: UTF8.self).count
    }

    /// A text's first character when it is punctuation that must not start a line (，。、）” and
    /// the like), and the text after it.
    static func leadingPunctuation(of inline: Inline) -> (Inline, Inline?)? {
        guard case .text(let text) = inline.kind, let first = text.unicodeScalars.first,
            Self.noBreakBefore.contains(first)
        else { return nil }
        let start = inline.range.lowerBound
        let split = SourceLocation(line: start.line, column: start.column + 1)
        let rest = String(text.unicodeScalars.dropFirst())
        return (
            Inline(.text(String(first)), range: start..<split),
            rest.isEmpty ? nil : Inline(.text(rest), range: split..<max(split, inline.range.upperBound))
        )
    }

    // MARK: - Private

    /// `body` over the UTF-8 bytes of `text`, without copying them where the string keeps them
    /// contiguous (as native strings do).
    private static func withBytes<T>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Where `pattern` first occurs in `bytes` at or after `start`. Not the standard library's
    /// `firstRange(of:)` over `String.UTF8View`: on this path, a formula's KaTeX HTML for every
    /// inline formula, it made one 530 KB chapter's render work 0.47–0.52 s against 0.06 s.
    private static func firstIndex(of pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int)
        -> Int?
    {
        guard let head = pattern.first, bytes.count >= pattern.count else { return nil }
        var index = start
        let last = bytes.count - pattern.count
        while index <= last {
            if bytes[index] == head {
                var matched = 1
                while matched < pattern.count, bytes[index + matched] == pattern[matched] { matched += 1 }
                if matched == pattern.count { return index }
            }
            index += 1
        }
        return nil
    }

    /// Punctuation that must not start a line (Unicode's line-breaking classes CL, CP, EX, IS
    /// and NS, the ones prose uses), Chinese and Western.
    private static let noBreakBefore = Set("，。、；：！？）」』》〉】〕”’….,;:!?)]}".unicodeScalars)
}
