import GalleyDiagnostics
import GalleyResults

/// Formulas as KaTeX typeset them when the book was built, and the prose's references to
/// labelled ones, as links to the formula with its number.
extension HTMLFormatter {
    /// A formula as KaTeX typeset it when the book was built: HTML for the eye and MathML for
    /// screen readers, no script needed. One KaTeX could not typeset shows its TeX and KaTeX's
    /// message in its place.
    mutating func writeMath(_ tex: String, display: Bool, element: String, mark: String, anchor: String = "") {
        let key = TypesetMath.Key(tex: tex, display: display)
        let typeset = options.results.typesetMath[key]
        let kind = display ? "math display" : "math inline"
        if let typeset, let error = typeset.error {
            html += "<\(element) class=\"\(kind) math-error\" role=\"note\"\(anchor)>"
            html += "<code>\(HTMLEscaping.escape(tex))</code> "
            html +=
                "<span class=\"math-error-message\">\(HTMLEscaping.escape(options.strings.texError)) \(HTMLEscaping.escape(error))</span></\(element)>"
        } else if let typeset, let typesetHTML = typeset.html {
            html += "<\(element) class=\"\(kind)\(mark)\(anchor)>"
            html += typesetHTML
            html += "</\(element)>"
        } else {
            html += "<\(element) class=\"\(kind)\(mark)\(anchor)>\(HTMLEscaping.escape(tex))</\(element)>"
        }
    }

    /// The equation references in the text starting at `start` that lead somewhere: each a link to
    /// the formula, its number as the text.
    func referenceMarks(at start: SourceLocation) -> [TextMark] {
        var marks: [TextMark] = []
        for (location, name) in referencesByLine[start.line] ?? [] where location.column >= start.column {
            guard let target = options.results.equations.targets[name] else { continue }
            marks.append(
                TextMark(
                    column: location.column, text: "@" + name,
                    html: "<a class=\"equation-reference\" href=\"\(HTMLEscaping.escapeURL(target.page))#\(name)\">("
                        + HTMLEscaping.escape(target.number) + ")</a>"))
        }
        return marks
    }
}
