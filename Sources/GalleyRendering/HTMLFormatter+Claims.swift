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
        let computed = verdict?.computed.map(HTMLEscaping.escape) ?? ""
        switch verdict?.state {
        case .correct? where verdict?.restatesInput == true:
            html +=
                "<span class=\"stated correct restated\" title=\"已核对：复述代码中的输入 \(computed)\">\(text)<span class=\"visually-hidden\">（已核对，复述代码中的输入 \(computed)）</span></span>"
        case .correct?:
            html +=
                "<span class=\"stated correct\" title=\"已核对：计算值 \(computed)\">\(text)<span class=\"visually-hidden\">（已核对，计算值 \(computed)）</span></span>"
        case .wrong?:
            html +=
                "<span class=\"stated wrong\" title=\"与计算值不符：\(computed)\">\(text)<span class=\"visually-hidden\">（与计算值不符，计算值 \(computed)）</span></span>"
        case .unchecked(let reason)?:
            html += "<span class=\"stated unchecked\" title=\"未核对：\(HTMLEscaping.escape(reason))\">\(text)</span>"
        case nil:
            html += "<span class=\"stated unchecked\">\(text)</span>"
        }
    }

    /// The rest of a math element's class attribute: the mark of a formula whose arithmetic was
    /// checked, or that states a number nothing checks (closing quote included).
    func formulaMark(at location: SourceLocation) -> String {
        switch options.results.formulas[location] {
        case .agrees?: return " formula-checked\" title=\"公式已核对\""
        case .differs?: return " formula-wrong\" title=\"公式有误\""
        case nil:
            guard let claim = formulaClaims[location] else { return "\"" }
            return " claim-unchecked\" id=\"\(claim.anchor)\" title=\"公式中的 \(HTMLEscaping.escape(claim.text)) 未经核对\""
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
                    html: "<span class=\"claim-unchecked\" id=\"\(claim.anchor)\" title=\"未经核对\">"
                        + HTMLEscaping.escape(claim.text) + "</span>"))
        }
        return marks
    }
}
