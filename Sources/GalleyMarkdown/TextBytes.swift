/// Where the characters of a text node stand in the source, so that a part of the text can be
/// rewritten there (`render --bind`, the Markdown output) without being looked for again.
///
/// cmark-gfm decodes what it reads: a backslash escape or an entity is shorter in the text than
/// in the source. So the text is kept as runs, stretches of its UTF-8 bytes that stand unchanged
/// in the source, each compared byte for byte with the source when the tree was built. A part of
/// the text has a place in the source only if it lies within one run.
public struct TextBytes: Sendable, Equatable {
    /// The place of a text with none: one a program supplied, or unterminated display math shown
    /// as text.
    public init() {}

    /// The source bytes of `range`, a range of the text's UTF-8 bytes; nil when they do not stand
    /// unchanged in one stretch of the source (an escape or an entity among them), or the text has
    /// no place there.
    public func sourceRange(of range: Range<Int>) -> Range<Int>? {
        guard let first else { return nil }
        if let mapped = first.sourceRange(of: range) { return mapped }
        // The run that starts last at or before the range: runs are in text order.
        var low = 0
        var high = rest.count
        while low < high {
            let middle = (low + high) / 2
            if rest[middle].textOffset <= range.lowerBound { low = middle + 1 } else { high = middle }
        }
        return low > 0 ? rest[low - 1].sourceRange(of: range) : nil
    }

    // MARK: - Building

    /// A text cmark-gfm read starting at `offset` of `source`, its characters matched with the
    /// source's in step, by the rules cmark-gfm decoded them with: a backslash before ASCII
    /// punctuation is dropped, an entity or a numeric character reference becomes its character;
    /// every other byte is the text's own. Where the two stop matching (a place cmark-gfm got
    /// wrong), the rest of the text has no place.
    init(_ text: String, at offset: Int, in source: [UInt8]) {
        let text = Array(text.utf8)
        var position = (text: 0, source: offset)
        var run = position
        func close() {
            guard position.text > run.text else { return }
            append(Run(textOffset: run.text, sourceOffset: run.source, count: position.text - run.text))
        }
        while position.text < text.count, position.source >= 0, position.source < source.count {
            let byte = source[position.source]
            if byte == UInt8(ascii: "\\"), position.source + 1 < source.count,
                Self.isASCIIPunctuation(source[position.source + 1]), source[position.source + 1] == text[position.text]
            {
                close()
                position.source += 1
                run = position
            } else if byte == UInt8(ascii: "&"),
                let reference = Self.reference(in: source, at: position.source, text: text, from: position.text)
            {
                close()
                position = (position.text + reference.text, position.source + reference.source)
                run = position
            } else if byte == text[position.text] {
                position.text += 1
                position.source += 1
            } else {
                break
            }
        }
        close()
    }

    /// An entity or numeric character reference at `start` that cmark-gfm decoded: how many bytes
    /// it takes in the source and in the text. Nil when the text holds the same bytes as the
    /// source (an `&` of its own, or a name HTML does not know, which stays as written).
    private static func reference(in source: [UInt8], at start: Int, text: [UInt8], from position: Int)
        -> (source: Int, text: Int)?
    {
        var end = start + 1
        while end < source.count, end - start <= 32, source[end] != UInt8(ascii: ";") {
            let byte = source[end]
            guard
                byte == UInt8(ascii: "#") || (byte < 0x80 && Character(Unicode.Scalar(byte)).isLetter)
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            else { return nil }
            end += 1
        }
        guard end < source.count, source[end] == UInt8(ascii: ";"), end > start + 1 else { return nil }
        let length = end + 1 - start
        if position + length <= text.count, text[position..<(position + length)].elementsEqual(source[start...end]) {
            return nil
        }
        // The character it became: one scalar, or two for the few entities that name a pair; the
        // one after which the source and the text go on alike.
        var scalarEnd = position
        for _ in 0..<2 {
            guard scalarEnd < text.count else { break }
            scalarEnd += 1
            while scalarEnd < text.count, text[scalarEnd] & 0xC0 == 0x80 { scalarEnd += 1 }
            let next = end + 1
            if scalarEnd == text.count || next >= source.count || text[scalarEnd] == source[next]
                || source[next] == UInt8(ascii: "\\") || source[next] == UInt8(ascii: "&")
            {
                return (length, scalarEnd - position)
            }
        }
        return (length, scalarEnd - position)
    }

    private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte)
            || (0x7B...0x7E).contains(byte)
    }

    /// Adds the runs of the text that follows this one's `textLength` bytes, joining runs that go
    /// on in both the text and the source.
    mutating func append(_ following: TextBytes, textLength: Int) {
        guard let next = following.first else { return }
        append(next.shifted(by: textLength))
        for run in following.rest { append(run.shifted(by: textLength)) }
    }

    // MARK: - Private

    /// A stretch of the text's UTF-8 bytes, from `textOffset`, written as-is from `sourceOffset`.
    private struct Run: Sendable, Equatable {
        var textOffset: Int
        var sourceOffset: Int
        var count: Int

        func sourceRange(of range: Range<Int>) -> Range<Int>? {
            guard range.lowerBound >= textOffset, range.upperBound <= textOffset + count else { return nil }
            return (sourceOffset + range.lowerBound - textOffset)..<(sourceOffset + range.upperBound - textOffset)
        }

        func shifted(by length: Int) -> Run {
            Run(textOffset: textOffset + length, sourceOffset: sourceOffset, count: count)
        }
    }

    // Most texts are one run, kept apart so that they need no array.
    private var first: Run?
    private var rest: [Run] = []

    private mutating func append(_ run: Run) {
        guard let first else {
            self.first = run
            return
        }
        let last = rest.last ?? first
        if run.textOffset == last.textOffset + last.count, run.sourceOffset == last.sourceOffset + last.count {
            if rest.isEmpty {
                self.first?.count += run.count
            } else {
                rest[rest.count - 1].count += run.count
            }
        } else {
            rest.append(run)
        }
    }
}
