import GalleyRecords
public import GalleyResults
public import GalleySemantics

/// Looks among the values a chapter computed for the ones each unchecked claim states, and
/// proposes a binding: `0.129` → `loss`, `0.88，0.12，0.00` → `a`, a table row `|0.1|0.3|0.6|` →
/// `prediction2[0]`, `[1]`, `[2]`.
///
/// A value matches a claim when every number agrees at its written precision (the rule of stated
/// numbers). Structure decides first: the cells of a table row or column that state one vector in
/// order name its elements (`TableStructure`); a list names a whole vector of as many numbers.
/// Otherwise a claim that exactly one expression matches is bound to it, and a claim that more
/// than one matches — different variables, or elements of one — is **ambiguous**: every
/// candidate is listed and nothing is bound. Nearness to the claim only orders the list
/// (`BindingCandidate`). When nothing matches, values that would if the claim were rounded
/// instead of truncated, or one off in its last digit, are near misses, ranked the same way.
public struct BindingSuggester {
    /// The most near misses a claim lists.
    public static let nearMissLimit = 5
    /// The most candidates an ambiguous claim keeps (its `candidateCount` counts them all).
    public static let candidateLimit = 100

    private let catalog: ValueCatalog

    public init(values: [ComputedValue]) {
        catalog = ValueCatalog(values: values)
    }

    /// What the values say about each claim, and how many expressions matched it.
    public func suggestions(for claims: [Claim]) -> [(suggestion: UncheckedClaim.Suggestion, candidates: Int)] {
        let fits = TableStructure(catalog: catalog).fits(for: claims)
        return claims.enumerated().map { index, claim in
            let line = claim.range.lowerBound.line
            if claim.numbers.count > 1 {
                let (matches, nearMisses) = list(claim.numbers)
                return Self.decision(matches, nearMisses, line: line)
            }
            var (matches, nearMisses) = single(claim.numbers[0])
            if let fit = fits[index] {
                if fit.decides && !fit.exact.isEmpty {
                    (matches, nearMisses) = (fit.exact, [])
                } else if fit.decides && !fit.near.isEmpty {
                    // The cell belongs to a stretch it nearly matches: a number elsewhere that
                    // happens to equal it is not what it means.
                    (matches, nearMisses) = ([], fit.near)
                } else {
                    matches += fit.exact
                    nearMisses += fit.near
                }
            }
            return Self.decision(matches, nearMisses, line: line)
        }
    }

    private static func decision(_ matches: [BindingCandidate], _ nearMisses: [BindingCandidate], line: Int)
        -> (suggestion: UncheckedClaim.Suggestion, candidates: Int)
    {
        let ranked = BindingCandidate.ranked(matches, claimLine: line)
        switch ranked.count {
        case 0:
            let shown = BindingCandidate.ranked(nearMisses, claimLine: line).prefix(nearMissLimit).map(\.shown)
            return (shown.isEmpty ? .none : .nearMisses(Array(shown)), 0)
        case 1:
            return (.binding(ranked[0].expression), 1)
        default:
            return (.ambiguous(ranked.prefix(candidateLimit).map(\.expression)), ranked.count)
        }
    }

    /// A claim of one number: a named number, or an element of a vector or of rows.
    private func single(_ number: StatedNumber) -> (matches: [BindingCandidate], nearMisses: [BindingCandidate]) {
        var matches: [BindingCandidate] = []
        var nearMisses: [BindingCandidate] = []
        for element in catalog.elements(near: number.value, reach: number.reach) {
            let line = catalog.values[element.value].line
            if number.matches(element.number) {
                matches.append(
                    BindingCandidate(
                        expression: element.expression, shown: element.expression, isStructural: false,
                        isWhole: element.isNamed, line: line))
            } else if number.isNear(element.number) {
                nearMisses.append(
                    BindingCandidate(
                        expression: element.expression,
                        shown: "\(element.expression) = \(number.describe(element.number))", isStructural: false,
                        isWhole: element.isNamed, line: line, distance: number.distance(to: element.number)))
            }
        }
        return (matches, nearMisses)
    }

    /// A list: a whole vector of as many numbers (a row of a matrix included).
    private func list(_ numbers: [StatedNumber]) -> (matches: [BindingCandidate], nearMisses: [BindingCandidate]) {
        var matches: [BindingCandidate] = []
        var nearMisses: [BindingCandidate] = []
        for run in catalog.runs where run.numbers.count == numbers.count {
            guard let whole = run.whole else { continue }
            let pairs = zip(numbers, run.numbers)
            let line = catalog.values[run.value].line
            if pairs.allSatisfy({ $0.matches($1) }) {
                matches.append(
                    BindingCandidate(expression: whole, shown: whole, isStructural: true, isWhole: true, line: line))
            } else if pairs.allSatisfy({ $0.matches($1) || $0.isNear($1) }) {
                let shown = run.numbers.map(proseFormat).joined(separator: ", ")
                let distance = pairs.map { $0.distance(to: $1) }.reduce(0, +)
                nearMisses.append(
                    BindingCandidate(
                        expression: whole, shown: "\(whole) = (\(shown))", isStructural: true, isWhole: true,
                        line: line,
                        distance: distance))
            }
        }
        return (matches, nearMisses)
    }
}
