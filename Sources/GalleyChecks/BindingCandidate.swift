/// A computed value that may be what a claim states, and how it ranks among the others: the
/// structure of the prose first (a table row or column that states the same vector in order), then
/// a named number or whole vector before an element of one, then the value declared nearest the
/// claim, before or after it, then, for near misses, the nearest number.
///
/// The ranking orders what the report lists; it never decides between different expressions.
struct BindingCandidate {
    /// The expression a binding would name: `loss`, `prediction2[1]`, `history[3][1]`.
    var expression: String
    /// What the report shows: the expression, or for a near miss `loss = 0.12909`.
    var shown: String
    /// Found through a table row or column that states the value's numbers in order.
    var isStructural: Bool
    /// A named number or a whole vector, rather than an element of one.
    var isWhole: Bool
    /// The Markdown line the value is declared on.
    var line: Int
    /// For a near miss, how far the number is from the claim, in units of the claim's last digit.
    var distance: Double = 0

    func rank(claimLine: Int) -> (Int, Int, Int, Double) {
        (isStructural ? 0 : 1, isWhole ? 0 : 1, abs(line - claimLine), distance)
    }

    /// The candidates' distinct expressions, best first; ties keep the order found (the order of
    /// the values, then of their elements).
    static func ranked(_ candidates: [BindingCandidate], claimLine: Int) -> [BindingCandidate] {
        var seen: Set<String> = []
        return candidates.enumerated()
            .sorted {
                let (first, second) = ($0.element.rank(claimLine: claimLine), $1.element.rank(claimLine: claimLine))
                return first == second ? $0.offset < $1.offset : first < second
            }
            .map(\.element)
            .filter { seen.insert($0.expression).inserted }
    }
}
