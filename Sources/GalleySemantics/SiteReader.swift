import GalleyDiagnostics
import GalleyFormulas
import GalleyMarkdown

/// Reads a document's expression nodes in source order into expression sites.
struct SiteReader {
    let path: String
    /// The book's macros, expanded before a formula is read.
    var macros = MacroExpander(macros: [:])
    private(set) var sites: [ExpressionSite] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// The display formula before, which a display formula starting with `=` continues.
    private var previous: Previous?

    init(path: String) {
        self.path = path
    }

    mutating func read(_ document: Document) {
        for node in document.expressionNodes {
            switch node {
            case .displayMath(let math):
                readFormula(
                    macros.expand(math.tex), comment: math.commentAfter, at: math.range.lowerBound,
                    continuesPrevious: true)
            case .inlineMath(let math):
                readFormula(
                    macros.expand(math.tex), comment: math.commentAfter, at: math.location, continuesPrevious: false)
            case .statedNumbers(let link):
                sites.append(.statedNumbers(link))
            case .inlineValue(let value):
                sites.append(.inlineValue(value))
            }
        }
    }

    // MARK: - Formulas

    /// A formula: checked whole when a check comment follows it, otherwise searched for closed
    /// arithmetic.
    private mutating func readFormula(
        _ tex: String, comment html: String?, at location: SourceLocation, continuesPrevious: Bool
    ) {
        let previousSide = continuesPrevious && Self.startsWithRelation(tex) ? lastSideOfPrevious() : nil
        if continuesPrevious { previous = .formula(tex) }
        if let comment = checkComment(html, formulaAt: location) {
            readCheckedFormula(
                tex, comment: comment, at: location, previousSide: previousSide, continuesPrevious: continuesPrevious)
            return
        }
        guard previousSide != nil || ClosedArithmetic.mayHoldPair(tex) else { return }
        let found = ClosedArithmetic.pairs(in: tex, previousSide: previousSide)
        if continuesPrevious { previous = found.lastSide.map { .side($0) } }
        sites += found.pairs.map { .arithmetic(ArithmeticPair(pair: $0, location: location)) }
    }

    private mutating func readCheckedFormula(
        _ tex: String, comment: CheckComment, at location: SourceLocation, previousSide: String?,
        continuesPrevious: Bool
    ) {
        do {
            let check = try FormulaCheck.translate(tex, comment: comment, previousSide: previousSide)
            sites.append(.formula(CheckedFormula(check: check, location: location)))
            if continuesPrevious { previous = .side(check.lastSide) }
        } catch {
            diagnostics.append(.uncheckableFormula(path: path, at: location, reason: error.message))
        }
    }

    /// The display formula before, for one that continues it: its last side, read when a formula
    /// starting with `=` asks for it (most formulas are never continued, and most are not read).
    private enum Previous {
        case formula(String)
        case side(String)
    }

    private func lastSideOfPrevious() -> String? {
        switch previous {
        case .formula(let tex)?: ClosedArithmetic.pairs(in: tex).lastSide
        case .side(let side)?: side
        case nil: nil
        }
    }

    /// Whether a formula starts with `=`: `$$= 2.26845$$` continues the formula before.
    private static func startsWithRelation(_ tex: String) -> Bool {
        tex.first(where: { $0 != " " && $0 != "\n" && $0 != "\t" }) == "="
    }

    /// The check comment after a formula, nil when the comment is not one.
    private mutating func checkComment(_ html: String?, formulaAt location: SourceLocation) -> CheckComment? {
        guard let html else { return nil }
        do {
            return try CheckComment(html: html)
        } catch {
            diagnostics.append(.invalidCheckComment(path: path, at: location, message: error.message))
            return nil
        }
    }

}
