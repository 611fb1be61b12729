public import GalleyDiagnostics
import GalleyRecords
public import GalleyResults
import GalleySemantics

// The problems the check stage finds with the numbers a chapter states and the formulas it
// checks: every identifier and every word of them is here, and the checkers call these factories.
// Which of them the summary line counts as wrong numbers (with evaluation's `expect.failed`) is
// `Diagnostic.Identifier.wrongNumbers`, in the pipeline's catalog.

extension Diagnostic.Identifier {
    /// A claim nothing checks, under `--strict`.
    public static let claimUnchecked = Self("claim.unchecked")
    /// A word in a stated-number link's text that is not a number.
    public static let numberNotANumber = Self("number.not-a-number")
    /// A stated-number link with no number in its text.
    public static let numberEmpty = Self("number.empty")
    /// A stated-number link whose expression computes no number.
    public static let numberNotNumeric = Self("number.not-numeric")
    /// A stated-number link that states more or fewer numbers than its expression computes.
    public static let numberSize = Self("number.size")
    /// A stated number cut off where it should be rounded.
    public static let numberTruncated = Self("number.truncated")
    /// A stated number that differs from the value computed.
    public static let numberWrong = Self("number.wrong")
    /// Closed arithmetic in a formula whose sides differ.
    public static let formulaArithmetic = Self("formula.arithmetic")
    /// A formula with a check comment whose sides differ, or that could not be checked.
    public static let formulaCheck = Self("formula.check")
    /// Not a wrong number: the check could not cover every value (too many to check).
    public static let formulaCheckIncomplete = Self("formula.check-incomplete")
    /// A note at a value whose numbers cannot be offered for the claims, saying why.
    public static let valueNotOffered = Self("value.not-offered")
}

extension Diagnostic {
    // MARK: - Stated numbers

    /// Raised at a word of a stated-number link's text that is not a number; the link is not
    /// checked.
    static func notANumber(_ word: String, path: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            path: path, location: location, identifier: .numberNotANumber,
            summary: "'\(word)' is not a number",
            explanation:
                "A link whose destination starts with '=' states numbers, separated by commas, semicolons or spaces.")
    }

    /// Raised at a stated-number link whose text holds no number.
    static func emptyStatedNumbers(path: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            path: path, location: location, identifier: .numberEmpty,
            summary: "a stated-number link with no number in it")
    }

    /// Raised at a stated-number link's expression whose value is neither a number nor a vector of
    /// numbers.
    ///
    /// - Parameter type: the Swift type of the value, as the chapter's program named it.
    static func nonNumericValue(expression: String, type: String, path: String, at location: SourceLocation)
        -> Diagnostic
    {
        Diagnostic(
            path: path, location: location, identifier: .numberNotNumeric,
            summary: "'\(expression)' is a \(type), not a number or a vector of numbers")
    }

    /// Raised at a stated-number link that states more or fewer numbers than its expression
    /// computes; none of them is checked.
    static func sizeMismatch(
        stated: Int, computed: Int, expression: String, path: String, at location: SourceLocation
    ) -> Diagnostic {
        Diagnostic(
            path: path, location: location, identifier: .numberSize,
            summary:
                "sizes differ: \(counted(stated, "number")) stated, \(computed) computed by '\(expression)'"
        )
    }

    /// Raised, as a warning, at a stated number cut off where it should have been rounded (a slip,
    /// not a wrong number); its solution writes the rounded number.
    ///
    /// - Parameters:
    ///   - rounded: the number as it should be written.
    ///   - byteRange: the stated number's bytes in the chapter.
    static func truncatedNumber(
        _ number: StatedNumber, computed: Double, rounded: String, byteRange: Range<Int>, path: String,
        at location: SourceLocation
    ) -> Diagnostic {
        Diagnostic(
            path: path, location: location, severity: .warning, identifier: .numberTruncated,
            summary: StatedNumberMessage.truncated(number, computed),
            solutions: [rewrite(byteRange, as: rounded)])
    }

    /// Raised at a stated number that differs from the value computed, at its written precision
    /// or within the link's explicit tolerance; its solution writes the computed value.
    ///
    /// - Parameters:
    ///   - tolerance: the link's explicit tolerance (`±0.05`), if it has one.
    ///   - corrected: the computed value, written as the stated number was.
    ///   - byteRange: the stated number's bytes in the chapter.
    static func wrongNumber(
        _ number: StatedNumber, computed: Double, tolerance: Double?, corrected: String, byteRange: Range<Int>,
        path: String, at location: SourceLocation
    ) -> Diagnostic {
        Diagnostic(
            path: path, location: location, identifier: .numberWrong,
            summary: StatedNumberMessage.mismatch(number, computed, tolerance: tolerance),
            solutions: [rewrite(byteRange, as: corrected)])
    }

    // MARK: - Formulas

    /// Raised at a formula whose closed arithmetic gives another value than the number written on
    /// its other side.
    ///
    /// - Parameter computedTeX: the side Galley computed, as written.
    static func wrongArithmeticResult(
        computedTeX: String, number: StatedNumber, computed: Double, path: String, at location: SourceLocation
    ) -> Diagnostic {
        Diagnostic(
            path: path, location: location, identifier: .formulaArithmetic,
            summary: "\(computedTeX) = \(number.restyled(computed)), written \(number.text)")
    }

    /// Raised at a formula whose two sides of closed arithmetic differ by more than a relative
    /// 10⁻⁹.
    static func arithmeticSidesDiffer(
        leftTeX: String, left: Double, rightTeX: String, right: Double, path: String, at location: SourceLocation
    ) -> Diagnostic {
        Diagnostic(
            path: path, location: location, identifier: .formulaArithmetic,
            summary: "sides differ: \(leftTeX) = \(proseFormat(left)), \(rightTeX) = \(proseFormat(right))")
    }

    /// Raised at a formula with a check comment when no value of it could be computed (an index
    /// with no values, a symbol of the wrong shape).
    ///
    /// - Parameter bindings: the check comment's bindings, or the inputs' values; "" for none.
    static func formulaNotChecked(problem: String, bindings: String, path: String, at location: SourceLocation)
        -> Diagnostic
    {
        Diagnostic(
            path: path, location: location, identifier: .formulaCheck,
            summary: "cannot check the formula: \(problem)\(withBindings(bindings))")
    }

    /// Raised at a formula with a check comment for each pair of sides that differ at some values
    /// of its free indices: the first values that differ, and how many others do.
    ///
    /// - Parameters:
    ///   - firstFailure: how the first values differ, or why they could not be compared.
    ///   - otherFailures: how many other values of the indices differ.
    ///   - bindings: the check comment's bindings, or the inputs' values; "" for none.
    static func formulaDiffers(
        firstFailure: String, otherFailures: Int, bindings: String, path: String, at location: SourceLocation
    ) -> Diagnostic {
        let others =
            otherFailures > 0 ? " (and \(counted(otherFailures, "more value")))" : ""
        return Diagnostic(
            path: path, location: location, identifier: .formulaCheck,
            summary: firstFailure + others + withBindings(bindings))
    }

    /// Raised at a formula with a check comment whose program reported a problem besides the
    /// values it computed (more values than are checked, say).
    ///
    /// - Parameter bindings: the check comment's bindings, or the inputs' values; "" for none.
    static func formulaCheckProblem(_ problem: String, bindings: String, path: String, at location: SourceLocation)
        -> Diagnostic
    {
        Diagnostic(
            path: path, location: location, identifier: .formulaCheckIncomplete,
            summary: "\(problem)\(withBindings(bindings))")
    }

    // MARK: - Claims

    /// Raised under `--strict` at a claim nothing checks, saying what would check it: the binding
    /// Galley suggests, the candidates, the near misses, or how to bind or mark it.
    static func uncheckedClaim(_ claim: UncheckedClaim, path: String) -> Diagnostic {
        let what = claim.inMath ? "\(claim.text) in this formula" : claim.text
        let advice: String
        switch claim.suggestion {
        case .binding(let name) where claim.inMath && claim.numberCount > 1:
            // The formula checker compares numbers, not vectors: the prose can state this one.
            advice =
                "it matches '\(name)': a vector in a formula is not checked; state it in prose as a stated-number link ([\(claim.text)](=\(name)))"
        case .binding(let name):
            advice =
                claim.inMath
                ? "it matches '\(name)': check the formula with a check comment"
                : "it matches '\(name)': write [\(claim.text)](=\(name)), or run render --bind"
        case .ambiguous(let names):
            advice = "ambiguous: it matches \(listed(names, of: claim.candidateCount)); bind it to the one it means"
        case .nearMisses(let misses):
            advice = "no computed value matches; near misses: \(misses.joined(separator: "; "))"
        case .noValues:
            advice = "the chapter's code did not run to its end, so no computed value could be proposed"
        case .none where claim.inMath && claim.numberCount > 1:
            advice =
                "a vector in a formula is not checked: state it in prose as a stated-number link, or mark it <!-- \(ClaimFinder.notAClaimMark) -->"
        case .none:
            advice =
                claim.inMath
                ? "check the formula with a check comment, or mark the number <!-- \(ClaimFinder.notAClaimMark) -->"
                : "bind it to a value the code computes ([\(claim.text)](=name)), or mark it <!-- \(ClaimFinder.notAClaimMark) -->"
        }
        return Diagnostic(
            path: path, location: claim.range.lowerBound, identifier: .claimUnchecked,
            summary: "\(what) is not checked: \(advice)")
    }

    /// A note at a value of the chapter's code that holds numbers none of which can be offered
    /// by name; raised only when a claim found nothing to match.
    public static func valueNotOffered(_ value: ComputedValue, path: String) -> Diagnostic {
        Diagnostic(
            path: path, location: SourceLocation(line: value.line, column: 1), severity: .note,
            identifier: .valueNotOffered,
            summary: "the numbers of '\(value.name)' are not offered for the claims: \(value.notOffered ?? "")")
    }

    // MARK: - Private

    /// `'a', 'b', 'c'`, or the first five and how many more.
    private static func listed(_ names: [String], of count: Int) -> String {
        let shown = names.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
        let more = max(count, names.count) - min(names.count, 5)
        return more > 0 ? "\(shown) and \(more) more" : shown
    }

    /// The solution that writes `text` over a stated number's bytes.
    private static func rewrite(_ byteRange: Range<Int>, as text: String) -> Solution {
        Solution(summary: "write \(text)", replacements: [Replacement(byteRange: byteRange, text: text)])
    }

    /// ` (with x = 2, y = 3)` after a formula's message, naming the values it was checked at.
    private static func withBindings(_ bindings: String) -> String {
        bindings.isEmpty ? "" : " (with \(bindings))"
    }
}
