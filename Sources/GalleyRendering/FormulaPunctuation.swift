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
        return ByteSearch.withBytes(of: typeset) { bytes in
            guard let first = ByteSearch.firstIndex(of: box, in: bytes, from: 0) else { return false }
            return ByteSearch.firstIndex(of: box, in: bytes, from: first + box.count) == nil
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
        let visible = ByteSearch.withBytes(of: typeset) { bytes -> [UInt8]? in
            guard var index = ByteSearch.firstIndex(of: start, in: bytes, from: 0) else { return nil }
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

    /// Punctuation that must not start a line (Unicode's line-breaking classes CL, CP, EX, IS
    /// and NS, the ones prose uses), Chinese and Western.
    private static let noBreakBefore = Set("，。、；：！？）」』》〉】〕”’….,;:!?)]}".unicodeScalars)
}
