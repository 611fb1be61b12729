public import GalleyDiagnostics
import GalleyFormulas
import GalleyMarkdown
public import GalleyRecords
public import GalleyResults
public import GalleySemantics

/// Checks every number the prose states against the value the code computes, at the precision
/// the author wrote, and works out the fix for each stale one.
public enum StatedNumberChecker {
    /// - Parameter digitGroups: what separates digit groups in the book's prose, so that a link's
    ///   `36,838` is one number.
    public static func check(
        _ sites: [ExpressionSite], evaluation: ChapterEvaluation?, source: SourceFile,
        digitGroups: DigitGroups = .prose(spaces: false)
    ) -> ChapterChecks {
        var checks = ChapterChecks()
        checks.results.blocks = evaluation?.blocks ?? []
        for (id, site) in sites.enumerated() {
            switch site {
            case .statedNumbers(let link):
                checkLink(
                    link, value: evaluation?.values[id], problem: evaluation?.bindingProblems[id], source: source,
                    digitGroups: digitGroups, literals: evaluation?.literalConstants ?? [], into: &checks)
            case .inlineValue(let inline):
                checks.results.inlineValues[inline.byteRange.lowerBound] = evaluation?.values[id]?.text
            case .arithmetic(let pair):
                checkArithmetic(pair, value: evaluation?.values[id], source: source, into: &checks)
            case .formula(let formula):
                checkFormula(formula, values: evaluation?.values[id]?.formula, source: source, into: &checks)
            }
        }
        checks.diagnostics.sort { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
        checks.counts.formulasChecked = checks.results.formulas.count
        checks.counts.formulasWrong = checks.results.formulas.values.filter { $0 == .differs }.count
        return checks
    }

    private static func checkLink(
        _ link: StatedNumbersLink, value: BoundValue?, problem: String?, source: SourceFile,
        digitGroups: DigitGroups, literals: Set<String>, into checks: inout ChapterChecks
    ) {
        let key = link.byteRange.lowerBound
        let tokens = StatedNumber.split(link.text, groups: digitGroups)
        var numbers: [(number: StatedNumber, byteRange: Range<Int>)] = []
        var offsets = UTF8Offsets(Array(link.text.unicodeScalars))
        for token in tokens {
            let start = link.textByteRange.lowerBound + offsets.offset(ofScalar: token.offset)
            let range = start..<(start + token.text.utf8.count)
            guard let number = StatedNumber(token.text) else {
                checks.diagnostics.append(
                    .notANumber(token.text, path: source.path, at: source.location(ofByteOffset: start)))
                checks.results.statedNumbers[key] = .init(state: .unchecked("not a number"), computed: nil)
                return
            }
            numbers.append((number, range))
        }
        guard !numbers.isEmpty else {
            checks.diagnostics.append(.emptyStatedNumbers(path: source.path, at: link.location))
            checks.results.statedNumbers[key] = .init(state: .unchecked("no number"), computed: nil)
            return
        }
        guard let value else {
            // Why is already a diagnostic: the expression or the chapter's code did not compile or run.
            checks.results.statedNumbers[key] = .init(state: .unchecked(problem ?? "not evaluated"), computed: nil)
            return
        }
        guard let computed = value.numbers else {
            checks.diagnostics.append(
                .nonNumericValue(
                    expression: link.expression, type: value.type, path: source.path, at: link.expressionLocation))
            checks.results.statedNumbers[key] = .init(state: .unchecked("not a number"), computed: value.text)
            return
        }
        guard computed.count == numbers.count else {
            checks.diagnostics.append(
                .sizeMismatch(
                    stated: numbers.count, computed: computed.count, expression: link.expression, path: source.path,
                    at: link.location))
            checks.results.statedNumbers[key] = .init(state: .unchecked("sizes differ"), computed: value.text)
            return
        }
        let tolerance = explicitTolerance(link.title)
        var wrong = false
        let restated = RestatedInput.isRestated(link.expression, literals: literals)
        if restated { checks.counts.inputsRestated += numbers.count }
        for ((number, range), computedValue) in zip(numbers, computed) {
            checks.counts.statedChecked += 1
            guard !number.matches(computedValue, tolerance: tolerance) else { continue }
            let places = tolerance.map { number.decimals(within: $0) } ?? number.writtenDecimals
            let fixed = number.restyled(computedValue, decimals: places)
            let location = source.location(ofByteOffset: range.lowerBound)
            if tolerance == nil, number.isTruncation(of: computedValue) {
                // Cut off instead of rounded: a slip, not a wrong number; --fix rounds it.
                checks.diagnostics.append(
                    .truncatedNumber(
                        number, computed: computedValue, rounded: fixed, byteRange: range, path: source.path,
                        at: location))
                continue
            }
            wrong = true
            checks.counts.statedWrong += 1
            checks.diagnostics.append(
                .wrongNumber(
                    number, computed: computedValue, tolerance: tolerance, corrected: fixed, byteRange: range,
                    path: source.path, at: location))
        }
        checks.results.statedNumbers[key] = .init(
            state: wrong ? .wrong : .correct, computed: value.text, restatesInput: restated)
    }

    /// Two closed-arithmetic sides of a formula: at the precision of the side written as a bare
    /// number (`4.5369/2 = 2.26854` is checked to five decimals), or to a relative 10⁻⁹.
    private static func checkArithmetic(
        _ site: ArithmeticPair, value: BoundValue?, source: SourceFile, into checks: inout ChapterChecks
    ) {
        let pair = site.pair
        guard let numbers = pair.values ?? value?.numbers, numbers.count == 2 else { return }
        checks.counts.formulaPoints += 1
        if checks.results.formulas[site.location] == nil { checks.results.formulas[site.location] = .agrees }
        let (left, right) = (numbers[0], numbers[1])
        if let written = pair.writtenSide, let number = StatedNumber(written.tex) {
            let computed = written.isRight ? left : right
            let computedTeX = written.isRight ? pair.leftTeX : pair.rightTeX
            checks.counts.statedChecked += 1
            guard !number.matches(computed) else { return }
            checks.counts.statedWrong += 1
            checks.results.formulas[site.location] = .differs
            checks.diagnostics.append(
                .wrongArithmeticResult(
                    computedTeX: computedTeX, number: number, computed: computed, path: source.path, at: site.location))
            return
        }
        guard !Agreement.holds(left, right) else { return }
        checks.results.formulas[site.location] = .differs
        checks.diagnostics.append(
            .arithmeticSidesDiffer(
                leftTeX: pair.leftTeX, left: left, rightTeX: pair.rightTeX, right: right, path: source.path,
                at: site.location))
    }

    /// A formula with a check comment: every pair of sides at every value of its free indices,
    /// at the precision of a side written as a bare number, else to a relative 10⁻⁹ (10⁻⁶ when a
    /// side takes a derivative by central differences). One diagnostic per pair: the first values
    /// that differ, and how many others do.
    private static func checkFormula(
        _ formula: CheckedFormula, values: FormulaValues?, source: SourceFile, into checks: inout ChapterChecks
    ) {
        guard let values else { return }  // the program did not compile or run: already a diagnostic
        let check = formula.check
        let bindings =
            check.comment.text.isEmpty
            ? values.inputs.prefix(4).joined(separator: ", ") : check.comment.text
        func report(_ diagnostic: Diagnostic) {
            checks.results.formulas[formula.location] = .differs
            checks.diagnostics.append(diagnostic)
        }
        if checks.results.formulas[formula.location] == nil { checks.results.formulas[formula.location] = .agrees }
        if let problem = values.problem, values.rows.isEmpty {
            report(.formulaNotChecked(problem: problem, bindings: bindings, path: source.path, at: formula.location))
            return
        }
        for (number, pair) in check.pairs.enumerated() {
            var failures: [String] = []
            // A side written as a number states it once, however many index values check it.
            if pair.written != nil, values.rows.contains(where: { $0.pair == number }) {
                checks.counts.statedChecked += 1
            }
            for row in values.rows where row.pair == number {
                checks.counts.formulaPoints += 1
                // The words of a failure, made only for one.
                var at: String {
                    row.indices.isEmpty
                        ? ""
                        : " at " + zip(pair.freeIndices, row.indices).map { "\($0) = \($1)" }.joined(separator: ", ")
                }
                func shown(_ tex: String) -> String {
                    FormulaText.abbreviated(
                        FormulaText.instantiate(
                            tex, Dictionary(uniqueKeysWithValues: zip(pair.freeIndices, row.indices))))
                }
                if let problem = row.problem {
                    failures.append("cannot check the formula\(at): \(problem)")
                    continue
                }
                let computedSide =
                    pair.writtenIsRight ? (tex: pair.leftTeX, value: row.left) : (tex: pair.rightTeX, value: row.right)
                if let written = pair.written, written.setsPrecision, let stated = StatedNumber(written.text) {
                    guard !stated.matches(computedSide.value) else { continue }
                    failures.append(
                        "\(shown(computedSide.tex)) = \(stated.restyled(computedSide.value)), written \(stated.text)\(at)"
                    )
                    continue
                }
                let tolerance = pair.hasDerivative ? Agreement.derivative : Agreement.computed
                guard !Agreement.holds(row.left, row.right, within: tolerance) else { continue }
                if let written = pair.written {
                    // A whole number after `=`, compared exactly and named as written.
                    failures.append(
                        "\(shown(computedSide.tex)) = \(proseFormat(computedSide.value)), written \(written.text)\(at)")
                } else {
                    failures.append(
                        "sides differ\(at): \(shown(pair.leftTeX)) = \(proseFormat(row.left)), \(shown(pair.rightTeX)) = \(proseFormat(row.right))"
                    )
                }
            }
            guard let first = failures.first else { continue }
            if pair.written != nil { checks.counts.statedWrong += 1 }
            report(
                .formulaDiffers(
                    firstFailure: first, otherFailures: failures.count - 1, bindings: bindings, path: source.path,
                    at: formula.location))
        }
        if let problem = values.problem {
            report(.formulaCheckProblem(problem, bindings: bindings, path: source.path, at: formula.location))
        }
    }

    /// An explicit tolerance from a link title such as `"±0.05"` (also `+-0.05`), or nil.
    static func explicitTolerance(_ title: String) -> Double? {
        var text = Substring(title).drop(while: { $0 == " " })
        if text.hasPrefix("±") {
            text = text.dropFirst()
        } else if text.hasPrefix("+-") {
            text = text.dropFirst(2)
        } else {
            return nil
        }
        return StatedNumber(text.drop(while: { $0 == " " })).map { $0.value.magnitude }
    }
}
