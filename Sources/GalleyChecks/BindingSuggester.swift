import GalleyRecords
public import GalleyResults
public import GalleySemantics

/// Looks among the values a chapter computed for the ones each unchecked claim states, and
/// proposes a binding: `0.129` → `loss`, `0.88，0.12，0.00` → `a`, `0.6225` → `s[1]`.
///
/// A value matches a claim when every number agrees at its written precision (the rule of stated
/// numbers). The best match is, in order: a whole value (a number, or a vector for a list) before
/// an element or a row of one; then the value declared nearest before the claim (one declared
/// after it comes after every one declared before). Matches that tie are ambiguous and listed.
/// When nothing matches, values that would if the claim were rounded instead of truncated, or
/// one off in its last digit, are reported as near misses.
public struct BindingSuggester {
    /// The most candidates an ambiguous claim lists.
    public static let candidateLimit = 5

    private let values: [ComputedValue]
    /// Every number of every value, sorted, for the claims of one number.
    private let index: [Entry]

    private struct Entry {
        var number: Double
        var value: Int
        var element: Int
    }

    public init(values: [ComputedValue]) {
        self.values = values
        var entries: [Entry] = []
        for (valueIndex, value) in values.enumerated() {
            for (element, number) in value.numbers.enumerated() where number.isFinite {
                entries.append(Entry(number: number, value: valueIndex, element: element))
            }
        }
        index = entries.sorted { $0.number < $1.number }
    }

    /// A candidate binding and how it ranks: lower is better.
    private struct Candidate: Equatable {
        var binding: String
        var isWhole: Bool
        var line: Int

        func rank(claimLine: Int) -> (Int, Int) {
            let distance = line <= claimLine ? claimLine - line : Int(Int32.max) + (line - claimLine)
            return (isWhole ? 0 : 1, distance)
        }
    }

    /// What the values say about one claim, and how many candidates it had.
    public func suggestion(for claim: Claim) -> (suggestion: UncheckedClaim.Suggestion, candidates: Int) {
        let line = claim.range.lowerBound.line
        let (matches, nearMisses) =
            claim.numbers.count == 1 ? single(claim.numbers[0]) : list(claim.numbers)
        guard !matches.isEmpty else {
            let shown = nearMisses.prefix(Self.candidateLimit).map(\.binding)
            return (shown.isEmpty ? .none : .nearMisses(Array(shown)), 0)
        }
        let best = matches.map { $0.rank(claimLine: line) }.min { $0 < $1 }!
        var top: [String] = []
        for candidate in matches where candidate.rank(claimLine: line) == best && !top.contains(candidate.binding) {
            top.append(candidate.binding)
        }
        if top.count == 1 { return (.binding(top[0]), matches.count) }
        return (.ambiguous(Array(top.prefix(Self.candidateLimit))), matches.count)
    }

    /// A claim of one number: a number value, or one element of a vector or matrix.
    private func single(_ number: StatedNumber) -> (matches: [Candidate], nearMisses: [Candidate]) {
        var matches: [Candidate] = []
        var nearMisses: [Candidate] = []
        let unit = pow10(-number.decimals)
        let reach = 1.5 * unit + 1e-12 * max(1, number.value.magnitude)
        var position = firstIndex(notBelow: number.value - reach)
        while position < index.count, index[position].number <= number.value + reach {
            let entry = index[position]
            position += 1
            let value = values[entry.value]
            let binding = value.isScalar ? value.name : value.name + subscripts(entry.element, in: value)
            let candidate = Candidate(binding: binding, isWhole: value.isScalar, line: value.line)
            if number.matches(entry.number) {
                matches.append(candidate)
            } else if number.isTruncation(of: entry.number) || number.isOneOff(from: entry.number) {
                nearMisses.append(
                    Candidate(
                        binding: "\(binding) = \(number.describe(entry.number))", isWhole: false, line: value.line))
            }
        }
        return (matches, nearMisses)
    }

    /// A list: a whole vector of as many numbers, or a row of a matrix.
    private func list(_ numbers: [StatedNumber]) -> (matches: [Candidate], nearMisses: [Candidate]) {
        var matches: [Candidate] = []
        var nearMisses: [Candidate] = []
        for value in values where !value.isScalar {
            var runs: [(binding: String, numbers: ArraySlice<Double>, isWhole: Bool)] = []
            if value.numbers.count == numbers.count && value.columns == nil {
                runs.append((value.name, value.numbers[...], true))
            }
            if let columns = value.columns, columns == numbers.count {
                for row in 0..<(value.numbers.count / columns) {
                    runs.append(
                        ("\(value.name)[\(row)]", value.numbers[(row * columns)..<((row + 1) * columns)], false))
                }
            }
            for run in runs {
                let pairs = zip(numbers, run.numbers)
                if pairs.allSatisfy({ $0.matches($1) }) {
                    matches.append(Candidate(binding: run.binding, isWhole: run.isWhole, line: value.line))
                } else if pairs.allSatisfy({ $0.matches($1) || $0.isTruncation(of: $1) || $0.isOneOff(from: $1) }) {
                    let shown = run.numbers.map(proseFormat).joined(separator: ", ")
                    nearMisses.append(
                        Candidate(binding: "\(run.binding) = (\(shown))", isWhole: run.isWhole, line: value.line))
                }
            }
        }
        return (matches, nearMisses)
    }

    private func subscripts(_ element: Int, in value: ComputedValue) -> String {
        guard let columns = value.columns, columns > 0 else { return "[\(element)]" }
        return "[\(element / columns)][\(element % columns)]"
    }

    private func firstIndex(notBelow bound: Double) -> Int {
        var low = 0
        var high = index.count
        while low < high {
            let middle = (low + high) / 2
            if index[middle].number < bound { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }
}
