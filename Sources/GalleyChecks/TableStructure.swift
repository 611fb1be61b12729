import GalleyRecords
import GalleySemantics

/// The claims of a table row or column read together: when their numbers are, in order, the
/// numbers of one vector (or a row or column of rows), each cell names that vector's element —
/// `|预测2|0.1|0.3|0.6|` is `prediction2[0]`, `[1]`, `[2]`, whatever else happens to hold 0.6.
///
/// Cells keep their places: a label, a whole number or an empty cell between two claims stands for
/// an element too (`|2|4.243|7.344|` is elements 0, 1, 2 of one vector, the first unchecked).
///
/// A stretch decides when it covers a whole vector, or at least three claims of one; a shorter
/// stretch only adds its elements to the candidates. A stretch in which at least half the claims
/// match exactly, and each other one is near its element or (in a deciding stretch) sits between
/// cells that match, is still the cells' meaning: their near misses come from that stretch alone
/// (`history[4][0] = 9.65571` for a cell written 9.665), never from another row of a history or
/// a value that happens to be close.
struct TableStructure {
    /// What the structure says about one claim.
    struct Fit {
        var exact: [BindingCandidate] = []
        var near: [BindingCandidate] = []
        /// Whether the structure decides (the candidates are the only ones).
        var decides = false
    }

    /// A claim of a row or column: its place there (the cell's column in a row, its row in a
    /// column) and its number.
    private struct Cell {
        var claim: Int
        var place: Int
        var number: StatedNumber
    }

    /// Where a row or column lies along a run: the run's element at `place + shift` is the cell's.
    private struct Window: Hashable {
        var run: Int
        var shift: Int
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
        let rows = Dictionary(grouping: single) { [$0.key.table, $0.key.row] }.values.map { cells in
            cells.map { Cell(claim: $0.value[0], place: $0.key.column, number: claims[$0.value[0]].numbers[0]) }
        }
        let columns = Dictionary(grouping: single) { [$0.key.table, $0.key.column] }.values.map { cells in
            cells.map { Cell(claim: $0.value[0], place: $0.key.row, number: claims[$0.value[0]].numbers[0]) }
        }
        var fits: [Int: Fit] = [:]
        for line in rows + columns where line.count >= 2 {
            let cells = line.sorted { $0.place < $1.place }
            for (cell, fit) in zip(cells, self.fits(for: cells)) {
                guard let fit else { continue }
                fits[cell.claim] = fits[cell.claim].map { Self.combined($0, fit) } ?? fit
            }
        }
        return fits
    }

    /// The fit of each cell of one row or column, or nil where the structure says nothing.
    private func fits(for cells: [Cell]) -> [Fit?] {
        let span = cells[cells.count - 1].place - cells[0].place + 1
        var exact: [Window] = []
        var near: [Window] = []
        for window in windows(for: cells) {
            let numbers = catalog.runs[window.run].numbers
            let matches = cells.map { $0.number.matches(numbers[$0.place + window.shift]) }
            let matching = matches.filter { $0 }.count
            let decides = numbers.count == span || cells.count >= 3
            if matching == cells.count {
                exact.append(window)
            } else if matching * 2 >= cells.count, matching > 0,
                cells.indices.allSatisfy({ index in
                    // A cell that does not match is near its element, or, where the stretch
                    // decides, sits between cells that match (a miscopied value, not a row the
                    // vector does not have).
                    matches[index] || cells[index].number.isNear(numbers[cells[index].place + window.shift])
                        || (decides && (index == 0 || matches[index - 1])
                            && (index == cells.count - 1 || matches[index + 1]))
                })
            {
                near.append(window)
            }
        }
        // A window as long as its run is the whole vector, row or column.
        let isWhole = { (window: Window) in catalog.runs[window.run].numbers.count == span }
        let chosen = exact.isEmpty ? near : (exact.contains(where: isWhole) ? exact.filter(isWhole) : exact)
        guard !chosen.isEmpty else { return cells.map { _ in nil } }
        let decides = chosen.allSatisfy { isWhole($0) || cells.count >= 3 }
        return cells.map { cell in
            var fit = Fit(decides: decides)
            for window in chosen {
                let run = catalog.runs[window.run]
                let position = cell.place + window.shift
                let (computed, expression) = (run.numbers[position], run.expressions[position])
                let line = catalog.values[run.value].line
                if cell.number.matches(computed) {
                    fit.exact.append(
                        BindingCandidate(
                            expression: expression, shown: expression, isStructural: true, isWhole: false, line: line))
                } else {
                    fit.near.append(
                        BindingCandidate(
                            expression: expression, shown: "\(expression) = \(cell.number.describe(computed))",
                            isStructural: true, isWhole: false, line: line, distance: cell.number.distance(to: computed)
                        ))
                }
            }
            return fit
        }
    }

    /// Every placing of the cells along a run that one cell's exact match suggests, with every
    /// cell inside the run.
    private func windows(for cells: [Cell]) -> Set<Window> {
        var windows: Set<Window> = []
        for cell in cells {
            for element in catalog.elements(near: cell.number.value, reach: cell.number.reach)
            where cell.number.matches(element.number) {
                guard let run = element.run else { continue }
                let shift = element.position - cell.place
                if cells[0].place + shift >= 0, cells[cells.count - 1].place + shift < catalog.runs[run].numbers.count {
                    windows.insert(Window(run: run, shift: shift))
                }
            }
        }
        return windows
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
