import Foundation
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
        // One box: a second `base` is not there (found without splitting the HTML into copies).
        let box = "<span class=\"base\">"
        guard let first = typeset.range(of: box) else { return false }
        return typeset.range(of: box, range: first.upperBound..<typeset.endIndex) == nil
    }

    /// How many characters a typeset formula shows: the text of KaTeX's HTML, without its tags
    /// (the MathML before it, for screen readers, is left out).
    static func visibleLength(ofTypeset typeset: String) -> Int {
        guard let start = typeset.range(of: "<span class=\"katex-html\"") else { return .max }
        var count = 0
        var inTag = false
        for character in typeset[start.lowerBound...] {
            switch character {
            case "<": inTag = true
            case ">": inTag = false
            case "\u{200B}": break
            default: if !inTag { count += 1 }
            }
        }
        return count
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
