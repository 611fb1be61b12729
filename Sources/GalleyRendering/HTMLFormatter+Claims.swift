import GalleyDiagnostics
import GalleyMarkdown
import GalleyResults

/// The marks of what the check stage found: the author's stated numbers as checked, wrong or
/// unchecked; formulas whose arithmetic was checked; and claims nothing checks, each with the
/// anchor the verification page links to.
extension HTMLFormatter {
    /// The author's own numbers, marked as checked (the computed value on hover and for screen
    /// readers), as wrong, or as not checked.
    mutating func writeStatedNumbers(_ link: StatedNumbersLink) {
        let verdict = options.results.statedNumbers[link.byteRange.lowerBound]
        let text = HTMLEscaping.escape(link.text)
        let strings = options.strings
        func words(_ template: String) -> String {
            HTMLEscaping.escape(SiteStrings.fill(template, ["value": verdict?.computed ?? ""]))
        }
        switch verdict?.state {
        case .correct? where verdict?.restatesInput == true:
            let said = words(strings.checkedRestated)
            html +=
                "<span class=\"stated correct restated\" title=\"\(said)\">\(text)<span class=\"visually-hidden\"> (\(said))</span></span>"
        case .correct?:
            let said = words(strings.checkedComputed)
            html +=
                "<span class=\"stated correct\" title=\"\(said)\">\(text)<span class=\"visually-hidden\"> (\(said))</span></span>"
        case .wrong?:
            let said = words(strings.differs)
            html +=
                "<span class=\"stated wrong\" title=\"\(said)\">\(text)<span class=\"visually-hidden\"> (\(said))</span></span>"
        case .unchecked(let reason)?:
            html +=
                "<span class=\"stated unchecked\" title=\"\(HTMLEscaping.escape(strings.notChecked + " " + reason))\">\(text)</span>"
        case nil:
            html += "<span class=\"stated unchecked\">\(text)</span>"
        }
    }

    /// The rest of a math element's class attribute: the mark of a formula whose arithmetic was
    /// checked, or that states a number nothing checks (closing quote included).
    func formulaMark(at location: SourceLocation) -> String {
        switch options.results.formulas[location] {
        case .agrees?: return " formula-checked\" title=\"\(HTMLEscaping.escape(options.strings.formulaChecked))\""
        case .differs?: return " formula-wrong\" title=\"\(HTMLEscaping.escape(options.strings.formulaWrong))\""
        case nil:
            guard let claim = formulaClaims[location] else { return "\"" }
            let said = SiteStrings.fill(options.strings.formulaClaimUnchecked, ["text": claim.text])
            return " claim-unchecked\" id=\"\(claim.anchor)\" title=\"\(HTMLEscaping.escape(said))\""
        }
    }

    /// The unchecked claims in the text starting at `start`, each wrapped in a span with its
    /// anchor.
    func claimMarks(at start: SourceLocation) -> [TextMark] {
        var marks: [TextMark] = []
        for claim in claimsByLine[start.line] ?? [] where claim.range.lowerBound.column >= start.column {
            marks.append(
                TextMark(
                    column: claim.range.lowerBound.column, text: claim.text,
                    html:
                        "<span class=\"claim-unchecked\" id=\"\(claim.anchor)\" title=\"\(HTMLEscaping.escape(options.strings.claimUnchecked))\">"
                        + HTMLEscaping.escape(claim.text) + "</span>"))
        }
        return marks
    }
}
