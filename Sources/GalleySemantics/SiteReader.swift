import GalleyDiagnostics
import GalleyFormulas
import GalleyMarkdown

/// Walks a document in source order and collects its expression sites.
struct SiteReader: MarkupWalker {
    let path: String
    private(set) var sites: [ExpressionSite] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// The last side of the display formula before, which a display formula starting with `=`
    /// continues.
    private var previousLastSide: String?

    init(path: String) {
        self.path = path
    }

    mutating func visit(_ block: Block) {
        if case .displayMath(let math) = block {
            readFormula(math.tex, comment: math.commentAfter, at: math.range.lowerBound, continuesPrevious: true)
        }
        descend(into: block)
    }

    mutating func visit(_ inline: Inline) {
        switch inline.kind {
        case .statedNumbers(let link): sites.append(.statedNumbers(link))
        case .inlineValue(let value): sites.append(.inlineValue(value))
        case .math(let math):
            readFormula(math.tex, comment: math.commentAfter, at: math.location, continuesPrevious: false)
        default: break
        }
        descend(into: inline)
    }

    // MARK: - Formulas

    /// A formula: checked whole when a check comment follows it, otherwise searched for closed
    /// arithmetic.
    private mutating func readFormula(
        _ tex: String, comment html: String?, at location: SourceLocation, continuesPrevious: Bool
    ) {
        if let comment = checkComment(html, formulaAt: location) {
            readCheckedFormula(tex, comment: comment, at: location, continuesPrevious: continuesPrevious)
            return
        }
        guard Self.mayHoldArithmetic(tex) else {
            if continuesPrevious { previousLastSide = nil }
            return
        }
        let found = ClosedArithmetic.pairs(in: tex, previousSide: continuesPrevious ? previousLastSide : nil)
        if continuesPrevious { previousLastSide = found.lastSide }
        sites += found.pairs.map { .arithmetic(ArithmeticPair(pair: $0, location: location)) }
    }

    private mutating func readCheckedFormula(
        _ tex: String, comment: CheckComment, at location: SourceLocation, continuesPrevious: Bool
    ) {
        let previous = continuesPrevious ? previousLastSide : nil
        do {
            let check = try FormulaCheck.translate(tex, comment: comment, previousSide: previous)
            sites.append(.formula(CheckedFormula(check: check, location: location)))
            if continuesPrevious { previousLastSide = check.lastSide }
        } catch {
            if continuesPrevious { previousLastSide = FormulaCheck.lastSide(of: tex) }
            diagnostics.append(
                Diagnostic(
                    path: path, location: location, identifier: "formula.unsupported",
                    summary: "cannot check this formula: \(error.message)"))
        }
    }

    /// The check comment after a formula, nil when the comment is not one.
    private mutating func checkComment(_ html: String?, formulaAt location: SourceLocation) -> CheckComment? {
        guard let html else { return nil }
        do {
            return try CheckComment(html: html)
        } catch {
            diagnostics.append(
                Diagnostic(
                    path: path, location: location, identifier: "formula.check-comment", summary: error.message))
            return nil
        }
    }

    /// The one cheap prefilter before the TeX reader: a formula may relate two closed-arithmetic
    /// sides only when it has an `=` (or `\approx`, `≈`) and a digit. Most formulas of a chapter
    /// end here, on a look at their bytes.
    static func mayHoldArithmetic(_ tex: String) -> Bool {
        var relation = false
        var digit = false
        let approx = Array("\\approx".utf8)
        var tex = tex
        return tex.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "=") {
                    relation = true
                } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    digit = true
                } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x89, bytes[index + 2] == 0x88 {
                    relation = true  // ≈
                } else if byte == UInt8(ascii: "\\"), index + approx.count <= bytes.count,
                    bytes[index..<(index + approx.count)].elementsEqual(approx)
                {
                    relation = true
                }
                if relation && digit { return true }
                index += 1
            }
            return false
        }
    }
}
