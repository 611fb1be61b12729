import GalleyDiagnostics

/// Marks inside a text: unchecked claims and equation references, written where their columns
/// say.
extension HTMLFormatter {
    /// What a text holds that the page marks: an unchecked claim (wrapped in a span with its
    /// anchor) or an equation reference (a link to the formula, its number as the text).
    struct TextMark {
        var column: Int
        var text: String
        var html: String
    }

    /// The marks of the text starting at `start`, in order.
    func marks(at start: SourceLocation) -> [TextMark] {
        (claimMarks(at: start) + referenceMarks(at: start)).sorted { $0.column < $1.column }
    }

    /// A text with marks. A mark's column counts the text's characters from its start, as the
    /// claim finder and the reference reader counted them when they read this very text, so the
    /// mark stands exactly there; the marks of the line's other texts do not, and are left out.
    mutating func writeText(_ text: String, at start: SourceLocation, marks: [TextMark]) {
        let scalars = Array(text.unicodeScalars)
        var position = 0
        for mark in marks {
            let wanted = Array(mark.text.unicodeScalars)
            let offset = mark.column - start.column
            guard offset >= position, offset + wanted.count <= scalars.count,
                scalars[offset..<(offset + wanted.count)].elementsEqual(wanted)
            else { continue }
            html += HTMLEscaping.escape(String(String.UnicodeScalarView(scalars[position..<offset])))
            html += mark.html
            position = offset + wanted.count
        }
        html += HTMLEscaping.escape(String(String.UnicodeScalarView(scalars[position...])))
    }
}
