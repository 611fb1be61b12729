public import GalleyDiagnostics
public import GalleyMarkdown

/// Parses Markdown written in a test, as the file `path`.
public func parse(_ markdown: String, path: String = "test.md") -> MarkdownParser.Result {
    MarkdownParser.parse(SourceFile(path: path, text: markdown))
}

/// Markdown written with a marker, `⚑`, where a diagnostic must point.
///
/// ```swift
/// let source = MarkedSource("Broken ⚑$x here")
/// #expect(diagnostics.first?.location == source.marker)
/// ```
public struct MarkedSource: Sendable {
    public static let markerCharacter: Character = "⚑"

    /// The Markdown with the marker removed.
    public let text: String
    /// Where the (first) marker stood.
    public var marker: SourceLocation { markers[0] }
    /// Where every marker stood, in order.
    public let markers: [SourceLocation]

    public init(_ marked: String) {
        var line = 1
        var column = 1
        var found: [SourceLocation] = []
        var text = ""
        for character in marked {
            if character == Self.markerCharacter {
                found.append(SourceLocation(line: line, column: column))
                continue
            }
            text.append(character)
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        precondition(!found.isEmpty, "MarkedSource needs a ⚑ marker")
        self.text = text
        self.markers = found
    }
}

/// How a formula's TeX appears in a page typeset by KaTeX: in the MathML's annotation, escaped
/// for HTML, so that a test can find a formula by its TeX.
public func texAnnotation(_ tex: String) -> String {
    let escaped = tex.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;")
    return "<annotation encoding=\"application/x-tex\">\(escaped)</annotation>"
}
