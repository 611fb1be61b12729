/// Finds TeX math delimited by dollar signs in a run of Markdown bytes.
///
/// The rules follow pandoc's `tex_math_dollars`, which course authors already write for:
///
/// - `$…$` is inline math when the opening `$` has a non-space character right after it and the
///   closing `$` has a non-space character right before it and no digit right after it. So
///   "5 $ each" and "$5 and $10" are not math.
/// - `$$…$$` is display math; a single `$…$` inside it (as in `\tag{$n$}`) does not close it.
/// - A backslash takes the next byte with it, so `\$` never opens or closes math.
///
/// The scanner works on bytes through `MathByteSource` so that it runs both on cmark-gfm's inline
/// parser and on plain arrays in tests and fuzzers. It never recurses and never looks back.
public enum MathScanner {
    /// What starts at a `$`.
    public enum InlineResult: Equatable, Sendable {
        /// Math whose TeX lies in `content` and which ends before `end`.
        case math(content: Range<Int>, end: Int, isDisplay: Bool)
        /// A `$` that opens nothing: currency, or a dollar followed by a space.
        case notMath
        /// An opening delimiter with no closing one.
        case unterminated(isDisplay: Bool)
    }

    /// Scans the math that may start at `start`, where `source[start]` is `$`.
    public static func scanInline(_ source: some MathByteSource, at start: Int) -> InlineResult {
        let dollar = UInt8(ascii: "$")
        guard source[start] == dollar else { return .notMath }
        if source[start + 1] == dollar {
            let contentStart = start + 2
            guard let close = findDisplayClose(source, from: contentStart) else {
                return .unterminated(isDisplay: true)
            }
            if close == contentStart { return .notMath }  // `$$$$` is no formula
            return .math(content: contentStart..<close, end: close + 2, isDisplay: true)
        }
        let first = source[start + 1]
        guard first != 0, !isSpace(first) else { return .notMath }
        if let close = findInlineClose(source, from: start + 1) {
            return .math(content: (start + 1)..<close, end: close + 1, isDisplay: false)
        }
        // "$5" with no partner is a price, not a formula someone forgot to close.
        return isDigit(first) ? .notMath : .unterminated(isDisplay: false)
    }

    /// The index of the `$$` that closes display math whose TeX starts at `start`, or nil.
    ///
    /// A single `$` inside display math opens nested inline math (text mode inside `\tag{}` or
    /// `\text{}`) and is skipped up to its partner, so `\tag{$a$}$$` closes at the last two dollars.
    public static func findDisplayClose(_ source: some MathByteSource, from start: Int) -> Int? {
        var index = start
        while true {
            let byte = source[index]
            switch byte {
            case 0:
                return nil
            case UInt8(ascii: "\\"):
                index += source[index + 1] == 0 ? 1 : 2
            case UInt8(ascii: "$"):
                if source[index + 1] == UInt8(ascii: "$") { return index }
                // Nested `$…$`: skip to its partner if it has one on the way.
                var inner = index + 1
                var partner: Int?
                while source[inner] != 0 {
                    if source[inner] == UInt8(ascii: "\\") {
                        inner += source[inner + 1] == 0 ? 1 : 2
                        continue
                    }
                    if source[inner] == UInt8(ascii: "$") {
                        partner = inner
                        break
                    }
                    inner += 1
                }
                guard let partner else { return nil }
                // When the partner starts the only `$$` ahead (`x $y$$` at the end), the lone `$`
                // is the author's and the pair closes the math; `$y$$$` is nested math, then the close.
                if source[partner + 1] == UInt8(ascii: "$"), source[partner + 2] != UInt8(ascii: "$") {
                    return partner
                }
                index = partner + 1
            default:
                index += 1
            }
        }
    }

    /// The index of the `$` that closes inline math whose TeX starts at `start`, or nil.
    static func findInlineClose(_ source: some MathByteSource, from start: Int) -> Int? {
        var index = start
        while true {
            let byte = source[index]
            switch byte {
            case 0:
                return nil
            case UInt8(ascii: "\\"):
                index += source[index + 1] == 0 ? 1 : 2
            case UInt8(ascii: "$"):
                let before = source[index - 1]
                let after = source[index + 1]
                if index > start, !isSpace(before), !isDigit(after) { return index }
                index += 1
            default:
                index += 1
            }
        }
    }

    // MARK: - Display blocks

    /// How a line that may open a `$$` block reads.
    public enum BlockOpening: Equatable, Sendable {
        /// `$$ tex $$` on one line, with nothing but spaces after it; `content` is the TeX.
        case complete(content: Range<Int>)
        /// `$$` or `$$ tex` that the following lines continue.
        case open(content: Range<Int>)
    }

    /// Reads a line whose first non-space bytes, at `start`, may be `$$`: nil when they are not, or
    /// when the line closes its math and goes on with text (`$$a$$ and more`), which makes it a
    /// paragraph with display math inside.
    public static func scanBlockOpening(_ line: some MathByteSource, at start: Int) -> BlockOpening? {
        guard line[start] == UInt8(ascii: "$"), line[start + 1] == UInt8(ascii: "$") else { return nil }
        let contentStart = start + 2
        guard let close = findDisplayClose(line, from: contentStart) else {
            return .open(content: contentStart..<lineEnd(line, from: contentStart))
        }
        guard isBlankToEnd(line, from: close + 2) || equationLabel(line, from: close + 2) != nil else { return nil }
        return .complete(content: contentStart..<close)
    }

    /// A Quarto equation label after a display formula's closing `$$`: spaces, `{#eq-name}`, spaces
    /// to the line's end. The range is the name's, `eq-name`; nil when the rest of the line is
    /// anything else.
    public static func equationLabel(_ line: some MathByteSource, from start: Int) -> Range<Int>? {
        var index = start
        while line[index] == UInt8(ascii: " ") || line[index] == UInt8(ascii: "\t") { index += 1 }
        guard line[index] == UInt8(ascii: "{"), line[index + 1] == UInt8(ascii: "#"),
            line[index + 2] == UInt8(ascii: "e"),
            line[index + 3] == UInt8(ascii: "q"), line[index + 4] == UInt8(ascii: "-")
        else { return nil }
        let nameStart = index + 2
        index += 5
        let nameCharacters = index
        while isLabelCharacter(line[index]) { index += 1 }
        guard index > nameCharacters, line[index] == UInt8(ascii: "}") else { return nil }
        let nameEnd = index
        guard isBlankToEnd(line, from: index + 1) else { return nil }
        return nameStart..<nameEnd
    }

    /// Letters, digits, `-` and `_`: what an equation label's name is made of.
    public static func isLabelCharacter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || isDigit(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    /// Where a continuation line of an open `$$` block closes it: the index of the closing `$$`
    /// and whether anything other than spaces follows it; nil when the block goes on.
    public static func scanBlockClosing(_ line: some MathByteSource, from start: Int) -> (
        close: Int, trailingText: Bool
    )? {
        guard let close = findDisplayClose(line, from: start) else { return nil }
        return (close, !isBlankToEnd(line, from: close + 2))
    }

    /// The index of the line ending (`\n`, `\r` or the end) at or after `start`.
    public static func lineEnd(_ line: some MathByteSource, from start: Int) -> Int {
        var index = start
        while line[index] != 0, line[index] != UInt8(ascii: "\n"), line[index] != UInt8(ascii: "\r") {
            index += 1
        }
        return index
    }

    static func isBlankToEnd(_ line: some MathByteSource, from start: Int) -> Bool {
        var index = start
        while true {
            switch line[index] {
            case 0, UInt8(ascii: "\n"), UInt8(ascii: "\r"): return true
            case UInt8(ascii: " "), UInt8(ascii: "\t"): index += 1
            default: return false
            }
        }
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}

/// Bytes the math scanner can read: index past either end reads as 0.
///
/// cmark-gfm replaces NUL bytes in its input with U+FFFD, so 0 never occurs inside a line there;
/// `BytesSource` does the same for arrays.
public protocol MathByteSource {
    subscript(_ index: Int) -> UInt8 { get }
}

extension MathByteSource {
    /// The bytes of a range as text.
    func string(_ range: Range<Int>) -> String {
        String(decoding: range.map { self[$0] }, as: UTF8.self)
    }
}

/// An array of bytes as a `MathByteSource`, ending at its end or at its first NUL.
public struct BytesSource: MathByteSource {
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ string: String) { self.bytes = Array(string.utf8) }

    public subscript(index: Int) -> UInt8 {
        index >= 0 && index < bytes.count ? bytes[index] : 0
    }
}
