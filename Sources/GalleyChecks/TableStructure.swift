import GalleyRecords
import GalleySemantics

/// The claims of a table row or column read together: when their numbers are, in order, the
/// numbers of one vector (or a row or column of rows), each cell names that vector's element —
/// `|预测2|0.1|0.3|0.6|` is `prediction2[0]`, `[1]`, `[2]`, whatever else happens to hold 0.6.
///
/// A structure decides when it covers a whole vector, or at least three numbers of one; a
/// shorter stretch only adds its elements to the candidates. Cells whose numbers nearly match,
/// in a stretch where at least half match exactly, belong to it: their near misses come from that
/// stretch alone, never from another row of a history.
struct TableStructure {
    /// What the structure says about one claim.
    struct Fit {
        var exact: [BindingCandidate] = []
        var near: [BindingCandidate] = []
        /// Whether the structure decides (the candidates are the only ones).
        var decides = false
    }

    /// Claims read in order, a stretch of a run: the run and where the first claim falls in it.
    private struct Window: Hashable {
        var run: Int
        var offset: Int
    }

    let catalog: ValueCatalog

    /// The fits of the claims that stand alone in a cell of a row or column of two or more such
    /// cells, by claim index.
    func fits(for claims: [Claim]) -> [Int: Fit] {
        var byCell: [Claim.Cell: [Int]] = [:]
        for (index, claim) in claims.enumerated() {
            if let cell = claim.cell { byCell[cell, default: []].append(index) }
        }
        let single = byCell.compactMap { $0.value.count == 1 && claims[$0.value[0]].numbers.count == 1 ? $0 : nil }
        let rows = Dictionary(grouping: single) { [$0.key.table, $0.key.row] }.values.map {
            $0.sorted { $0.key.column < $1.key.column }.map(\.value[0])
        }
        let columns = Dictionary(grouping: single) { [$0.key.table, $0.key.column] }.values.map {
            $0.sorted { $0.key.row < $1.key.row }.map(\.value[0])
        }
        var fits: [Int: Fit] = [:]
        for sequence in rows + columns where sequence.count >= 2 {
            for (index, fit) in self.fits(for: sequence.map { claims[$0].numbers[0] }).enumerated() {
                guard let fit else { continue }
                fits[sequence[index]] = fits[sequence[index]].map { Self.combined($0, fit) } ?? fit
            }
        }
        return fits
    }

    /// The fit of each number of one row or column, or nil where the structure says nothing.
    private func fits(for numbers: [StatedNumber]) -> [Fit?] {
        var windows: Set<Window> = []
        for (index, number) in numbers.enumerated() {
            for element in catalog.elements(near: number.value, reach: number.reach)
            where number.matches(element.number) {
                guard let run = element.run else { continue }
                let offset = element.position - index
                if offset >= 0, offset + numbers.count <= catalog.runs[run].numbers.count {
                    windows.insert(Window(run: run, offset: offset))
                }
            }
        }
        var exact: [Window] = []
        var near: [Window] = []
        for window in windows {
            let run = catalog.runs[window.run]
            let pairs = numbers.enumerated().map { ($1, run.numbers[window.offset + $0]) }
            let matching = pairs.filter { $0.matches($1) }.count
            if matching == numbers.count {
                exact.append(window)
            } else if matching * 2 >= numbers.count, pairs.allSatisfy({ $0.matches($1) || $0.isNear($1) }) {
                near.append(window)
            }
        }
        // A window as long as its run is the whole vector, row or column.
        let isWhole = { (window: Window) in catalog.runs[window.run].numbers.count == numbers.count }
        let chosen = exact.isEmpty ? near : (exact.contains(where: isWhole) ? exact.filter(isWhole) : exact)
        guard !chosen.isEmpty else { return numbers.map { _ in nil } }
        let decides = chosen.allSatisfy { isWhole($0) || numbers.count >= 3 }
        return numbers.enumerated().map { index, number in
            var fit = Fit(decides: decides)
            for window in chosen {
                let run = catalog.runs[window.run]
                let computed = run.numbers[window.offset + index]
                let expression = run.expressions[window.offset + index]
                let line = catalog.values[run.value].line
                if number.matches(computed) {
                    fit.exact.append(
                        BindingCandidate(
                            expression: expression, shown: expression, isStructural: true, isWhole: false, line: line))
                } else {
                    fit.near.append(
                        BindingCandidate(
                            expression: expression, shown: "\(expression) = \(number.describe(computed))",
                            isStructural: true,
                            isWhole: false, line: line, distance: number.distance(to: computed)))
                }
            }
            return fit
        }
    }

    /// A cell's fits from its row and from its column: where both decide, what both name.
    private static func combined(_ first: Fit, _ second: Fit) -> Fit {
        guard first.decides && second.decides else {
            return first.decides ? first : second.decides ? second : merged(first, second)
        }
        let common = first.exact.filter { candidate in second.exact.contains { $0.expression == candidate.expression } }
        if !common.isEmpty { return Fit(exact: common, near: [], decides: true) }
        return merged(first, second)
    }

    private static func merged(_ first: Fit, _ second: Fit) -> Fit {
        Fit(exact: first.exact + second.exact, near: first.near + second.near, decides: first.decides && second.decides)
    }
}
