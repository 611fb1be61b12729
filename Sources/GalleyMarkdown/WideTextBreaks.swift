/// Line breaks inside Chinese and Japanese text.
///
/// Chinese and Japanese are written without spaces between words, but a Markdown author still
/// wraps long paragraphs. A browser shows each of those newlines as a space, so "也\n没有" reads
/// "也 没有". CSS Text 3 (§4.1.2, segment break transformation) removes a newline that stands
/// between two East Asian wide (or half-width) characters, Hangul excepted (Korean is written with
/// spaces); Firefox does, Chromium and Safari do not. Galley applies the same rule while it
/// parses, as Pandoc's `east_asian_line_breaks` does, so every page, the search index and the
/// front page's summaries read the same in every browser.
enum WideTextBreaks {
    /// Whether a soft line break between `previous` and `next` stands between two wide characters.
    /// Two cases go beyond CSS. Full-width punctuation carries its own space, so a newline next to
    /// it is never a space, whatever stands on the other side ("，\n80 个点", "，\n$z$"). And a
    /// dash, an ellipsis or a quotation mark set in Chinese ("——\n这") has East Asian Width A,
    /// which CSS leaves out, yet reads as part of the Chinese text.
    static func joins(_ previous: Inline?, _ next: Inline?) -> Bool {
        guard previous != nil, next != nil else { return false }
        let before = previous.flatMap { edge($0, last: true) }
        let after = next.flatMap { edge($0, last: false) }
        // Math, code or a value on the other side: only full-width punctuation decides.
        guard let before, let after else {
            return before?.isWidePunctuation == true || after?.isWidePunctuation == true
        }
        switch (before.isEastAsianWide, after.isEastAsianWide) {
        case (true, true): return true
        case (true, false): return before.isWidePunctuation || after.isPunctuationOfWideText
        case (false, true): return after.isWidePunctuation || before.isPunctuationOfWideText
        case (false, false): return false
        }
    }

    /// The last (or first) character a reader sees in `inline`, when it is text.
    private static func edge(_ inline: Inline, last: Bool) -> Unicode.Scalar? {
        func outer(_ children: [Inline]) -> Unicode.Scalar? {
            (last ? children.last : children.first).flatMap { edge($0, last: last) }
        }
        func outer(_ text: String) -> Unicode.Scalar? { last ? text.unicodeScalars.last : text.unicodeScalars.first }
        switch inline.kind {
        case .text(let text): return outer(text)
        case .statedNumbers(let stated): return outer(stated.text)
        case .emphasis(let children), .strong(let children), .strikethrough(let children): return outer(children)
        case .link(let link): return outer(link.content)
        default: return nil
        }
    }
}

extension Unicode.Scalar {
    /// Full-width punctuation: ，。、：；！？（）「」《》 and the like.
    var isWidePunctuation: Bool {
        guard isEastAsianWide else { return false }
        switch properties.generalCategory {
        case .otherPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation,
            .dashPunctuation, .connectorPunctuation:
            return true
        default: return false
        }
    }

    /// Punctuation Chinese shares with Western text, of East Asian Width A: — … “ ” ‘ ’ ·
    var isPunctuationOfWideText: Bool {
        switch value {
        case 0x2014, 0x2026, 0x201C, 0x201D, 0x2018, 0x2019, 0x00B7: true
        default: false
        }
    }

    /// Whether Unicode gives the character East Asian Width W, F or H (UAX #11), Hangul left out:
    /// the CJK ideographs, kana, bopomofo, and the full-width punctuation Chinese and Japanese
    /// text is set with (，。、：；！？（）「」《》 and the like).
    var isEastAsianWide: Bool {
        switch value {
        case 0x2E80...0x303E,  // CJK radicals, Kangxi radicals, ideographic description, CJK punctuation
            0x3041...0x33FF,  // kana, bopomofo, CJK strokes, enclosed and compatibility characters
            0x3400...0x4DBF,  // CJK Unified Ideographs Extension A
            0x4E00...0x9FFF,  // CJK Unified Ideographs
            0xF900...0xFAFF,  // CJK Compatibility Ideographs
            0xFE10...0xFE19, 0xFE30...0xFE6F,  // vertical forms, CJK compatibility and small forms
            0xFF01...0xFF60, 0xFFE0...0xFFE6,  // full-width forms
            0xFF61...0xFF9F,  // half-width kana and punctuation (East Asian Width H)
            0x20000...0x3FFFD:  // the supplementary ideographic planes
            true
        default:
            false
        }
    }
}
