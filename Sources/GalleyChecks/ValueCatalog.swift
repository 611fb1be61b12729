import GalleyRecords
import GalleyResults

/// The computed values of a chapter as the suggester reads them: every number with the expression
/// that names it, and the runs of numbers a table row, a table column or a list may state in
/// order — each vector, and each column of rows that share a prefix (`m[0]`, `m[1]`, …).
struct ValueCatalog {
    /// A number of a value and the expression that names it: `loss`, `a[2]`, `history[3][1]`.
    struct Element {
        var number: Double
        var expression: String
        /// The value it belongs to, by position in `values`.
        var value: Int
        /// Whether it is a named number (`loss`, `layer.bias`) rather than an element of a vector.
        var isNamed: Bool
        /// The run it stands in and its position there; nil for a named number.
        var run: Int?
        var position: Int
    }

    /// Numbers in order that one structure of the prose may state: a vector, or a column.
    struct Run {
        var value: Int
        var numbers: [Double]
        var expressions: [String]
        /// The expression of the whole run when it is a vector (`a`, `m[1]`); nil for a column.
        var whole: String?
    }

    let values: [ComputedValue]
    private(set) var runs: [Run] = []
    /// Every element of every run and every named number, sorted by number.
    private(set) var elements: [Element] = []

    init(values: [ComputedValue]) {
        self.values = values
        var elements: [Element] = []
        for (valueIndex, value) in values.enumerated() {
            for part in value.parts where !part.isVector {
                elements.append(
                    Element(
                        number: part.numbers[0], expression: value.name + part.path, value: valueIndex, isNamed: true,
                        run: nil, position: 0))
            }
            for run in Self.runs(of: value, at: valueIndex) {
                for (position, number) in run.numbers.enumerated() {
                    elements.append(
                        Element(
                            number: number, expression: run.expressions[position], value: valueIndex, isNamed: false,
                            run: runs.count, position: position))
                }
                runs.append(run)
            }
        }
        // By number; equal numbers in the order of the values and their elements.
        self.elements = elements.enumerated().filter(\.element.number.isFinite)
            .sorted { ($0.element.number, $0.offset) < ($1.element.number, $1.offset) }.map(\.element)
    }

    /// A value's vectors, then the columns of each group of rows with one prefix.
    private static func runs(of value: ComputedValue, at index: Int) -> [Run] {
        var runs: [Run] = []
        var group: (prefix: Substring, rows: [[Double]])?
        // Column j of rows: the rows from the first that are long enough to have a j-th element
        // (a history's last, shorter rows end it).
        func closeGroup() {
            guard let current = group, current.rows.count >= 2 else { return }
            for column in 0..<(current.rows.map(\.count).max() ?? 0) {
                let rows = current.rows.prefix { $0.count > column }
                guard rows.count >= 2 else { continue }
                runs.append(
                    Run(
                        value: index, numbers: rows.map { $0[column] },
                        expressions: rows.indices.map { "\(value.name)\(current.prefix)[\($0)][\(column)]" },
                        whole: nil))
            }
        }
        for part in value.parts where part.isVector {
            let whole = value.name + part.path
            runs.append(
                Run(
                    value: index, numbers: part.numbers, expressions: part.numbers.indices.map { "\(whole)[\($0)]" },
                    whole: whole))
            let (prefix, row) = Self.splitRow(part.path)
            if let row, let current = group, current.prefix == prefix, current.rows.count == row {
                group!.rows.append(part.numbers)
            } else {
                closeGroup()
                group = row == 0 ? (prefix, [part.numbers]) : nil
            }
        }
        closeGroup()
        return runs
    }

    /// `.w[3]` → (`.w`, 3); a path not ending in a subscript has no row.
    private static func splitRow(_ path: String) -> (prefix: Substring, row: Int?) {
        guard path.hasSuffix("]"), let open = path.lastIndex(of: "[") else { return (path[...], nil) }
        let digits = path[path.index(after: open)..<path.index(before: path.endIndex)]
        return (path[..<open], Int(digits))
    }

    /// The elements within `reach` of `number`.
    func elements(near number: Double, reach: Double) -> ArraySlice<Element> {
        var low = 0
        var high = elements.count
        while low < high {
            let middle = (low + high) / 2
            if elements[middle].number < number - reach { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < elements.count, elements[end].number <= number + reach { end += 1 }
        return elements[low..<end]
    }
}
