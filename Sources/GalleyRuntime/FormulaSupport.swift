import Foundation

// What the Swift that Galley writes for a checked formula calls: symbols' values as numbers,
// vectors, matrices or functions; sums and products over indices; derivatives by central
// differences; and the loop over the free indices. The names start with `_galley` because
// chapter code never calls them.

/// A small move of one input, for a derivative: `z_2` by `delta`.
public struct _GalleyVary: Sendable {
    public var name: String
    /// 1-based, as the formula writes them; empty for a number.
    public var index: [Int]
    public var delta: Double
}

/// What went wrong while the current row was computed; read and cleared per row.
nonisolated(unsafe) private var problems: [String] = []

private func report(_ problem: String) {
    if !problems.contains(problem) { problems.append(problem) }
}

// MARK: - Bindings

/// A binding of a check comment, or an input a derivative moves: the value, moved when `vary`
/// names it. Integer literals become `Double`s: `z = [3, 1, -3]` is a vector of numbers.
public func _galleyBinding(_ value: Double, _ name: String, _ vary: _GalleyVary?) -> Double {
    guard let vary, vary.name == name else { return value }
    guard vary.index.isEmpty else {
        report("\(name) is a number, so \(name)_\(vary.index.map(String.init).joined(separator: ",")) has no value")
        return .nan
    }
    return value + vary.delta
}

public func _galleyBinding(_ value: [Double], _ name: String, _ vary: _GalleyVary?) -> [Double] {
    guard let vary, vary.name == name else { return value }
    guard vary.index.count == 1, value.indices.contains(vary.index[0] - 1) else {
        report(
            "\(name) has \(value.count) values; \(name)_\(vary.index.map(String.init).joined(separator: ",")) is not one of them"
        )
        return value.map { _ in .nan }
    }
    var moved = value
    moved[vary.index[0] - 1] += vary.delta
    return moved
}

public func _galleyBinding(_ value: [[Double]], _ name: String, _ vary: _GalleyVary?) -> [[Double]] {
    guard var vary, vary.name == name else { return value }
    vary.index = matrixIndices(vary.index)
    guard vary.index.count == 2, value.indices.contains(vary.index[0] - 1),
        value[vary.index[0] - 1].indices.contains(vary.index[1] - 1)
    else {
        report(
            "\(name) is a matrix of \(value.count) rows; \(name)_{\(vary.index.map(String.init).joined(separator: ","))} is not one of its entries"
        )
        return value.map { $0.map { _ in .nan } }
    }
    var moved = value
    moved[vary.index[0] - 1][vary.index[1] - 1] += vary.delta
    return moved
}

public func _galleyBinding(_ value: @escaping (Double) -> Double, _ name: String, _ vary: _GalleyVary?) -> (Double) ->
    Double
{
    if let vary, vary.name == name { report("\(name) is a function; a derivative is taken with respect to a number") }
    return value
}

/// Whole numbers stay whole (`n = z.count`), but a literal prefers `Double`.
@_disfavoredOverload
public func _galleyBinding<T: BinaryInteger>(_ value: T, _ name: String, _ vary: _GalleyVary?) -> T {
    if let vary, vary.name == name {
        report("\(name) is a whole number (\(T.self)); a derivative is taken with respect to a Double")
    }
    return value
}

@_disfavoredOverload
public func _galleyBinding<T: BinaryInteger>(_ value: [T], _ name: String, _ vary: _GalleyVary?) -> [T] {
    if let vary, vary.name == name {
        report("\(name) holds whole numbers (\(T.self)); a derivative is taken with respect to Doubles")
    }
    return value
}

/// A matrix's entry written with one two-digit subscript, `W_{12}`, is row 1, column 2, as
/// courses write it; other subscripts stay as they are.
private func matrixIndices(_ indices: [Int]) -> [Int] {
    guard indices.count == 1, (11...99).contains(indices[0]), indices[0] % 10 != 0 else { return indices }
    return [indices[0] / 10, indices[0] % 10]
}

// MARK: - Values

/// A symbol's value as a formula uses it.
public struct _GalleyValue {
    enum Storage {
        case scalar(Double)
        case vector([Double])
        case matrix([[Double]])
        case function((Double) -> Double)
    }

    let name: String
    let storage: Storage

    public init(_ value: some BinaryFloatingPoint, _ name: String) { self.init(name, .scalar(Double(value))) }
    public init(_ value: some BinaryInteger, _ name: String) { self.init(name, .scalar(Double(value))) }
    public init<S: Sequence>(_ value: S, _ name: String) where S.Element: BinaryFloatingPoint {
        self.init(name, .vector(value.map { Double($0) }))
    }
    public init<S: Sequence>(_ value: S, _ name: String) where S.Element: BinaryInteger {
        self.init(name, .vector(value.map { Double($0) }))
    }
    public init(_ value: [[Double]], _ name: String) { self.init(name, .matrix(value)) }
    public init(_ value: @escaping (Double) -> Double, _ name: String) { self.init(name, .function(value)) }

    private init(_ name: String, _ storage: Storage) {
        self.name = name
        self.storage = storage
    }

    /// The value of a symbol written without a subscript.
    public var scalar: Double {
        switch storage {
        case .scalar(let value): return value
        case .vector(let values):
            report("\(name) is a vector of \(values.count) values; write \(name)_i for one of them")
        case .matrix: report("\(name) is a matrix; write \(name)_{ij} for one of its entries")
        case .function: report("\(name) is a function; write \(name)(x) for its value")
        }
        return .nan
    }

    /// `z_j` is `at([j])`, `W_{ik}` is `at([i, k])`; indices start at 1.
    public func at(_ subscripts: [Int]) -> Double {
        var indices = subscripts
        if case .matrix = storage { indices = matrixIndices(subscripts) }
        let written =
            "\(name)_\(indices.count == 1 ? String(indices[0]) : "{" + indices.map(String.init).joined(separator: ",") + "}")"
        switch (storage, indices.count) {
        case (.vector(let values), 1):
            guard values.indices.contains(indices[0] - 1) else {
                report("\(written): \(name) has \(values.count) values, indexed 1 to \(values.count)")
                return .nan
            }
            return values[indices[0] - 1]
        case (.matrix(let rows), 2):
            guard rows.indices.contains(indices[0] - 1), rows[indices[0] - 1].indices.contains(indices[1] - 1) else {
                report("\(written) is outside \(name), a \(rows.count)×\(rows.first?.count ?? 0) matrix")
                return .nan
            }
            return rows[indices[0] - 1][indices[1] - 1]
        case (.scalar, _):
            report("\(written): \(name) is a number, not a vector")
        case (.function, _):
            report("\(written): \(name) is a function, not a vector")
        default:
            report(
                "\(written): \(name) is \(shape), so it takes \(dimensions) \(dimensions == 1 ? "index" : "indices")")
        }
        return .nan
    }

    /// How many values an index of this symbol runs over, in one dimension.
    public func count(_ dimension: Int) -> Int {
        switch (storage, dimension) {
        case (.vector(let values), 0): return values.count
        case (.matrix(let rows), 0): return rows.count
        case (.matrix(let rows), 1): return rows.first?.count ?? 0
        default:
            report("\(name) is \(shape), so it has no index \(dimension + 1)")
            return 0
        }
    }

    /// `σ(x)` calls a function; `a(1 - a)` multiplies a number.
    public func apply(_ argument: Double) -> Double {
        switch storage {
        case .function(let function): return function(argument)
        case .scalar(let value): return value * argument
        default: return scalar * argument
        }
    }

    /// `σ(x)^2` squares the call; `P(1 + r)^n` multiplies a number by the power of the
    /// parentheses, as a reader reads it.
    public func apply(_ argument: Double, power: Double) -> Double {
        switch storage {
        case .function(let function): return Foundation.pow(function(argument), power)
        case .scalar(let value): return value * Foundation.pow(argument, power)
        default: return scalar * Foundation.pow(argument, power)
        }
    }

    /// Calls a function; anything else is a problem.
    public func call(_ argument: Double) -> Double {
        if case .function(let function) = storage { return function(argument) }
        report("\(name)' needs \(name) to be a function, but it is \(shape)")
        return .nan
    }

    private var shape: String {
        switch storage {
        case .scalar: "a number"
        case .vector(let values): "a vector of \(values.count) values"
        case .matrix(let rows): "a \(rows.count)×\(rows.first?.count ?? 0) matrix"
        case .function: "a function"
        }
    }

    private var dimensions: Int {
        switch storage {
        case .matrix: 2
        case .vector: 1
        default: 0
        }
    }

    /// `z = (3, 1, −3)`, or nil for a function.
    var description: String? {
        switch storage {
        case .scalar(let value): "\(name) = \(proseFormat(value))"
        case .vector(let values): "\(name) = (\(values.map(proseFormat).joined(separator: ", ")))"
        case .matrix(let rows):
            "\(name) = (\(rows.map { "(" + $0.map(proseFormat).joined(separator: ", ") + ")" }.joined(separator: ", ")))"
        case .function: nil
        }
    }
}

// MARK: - Indices, sums, cases

/// How many values an index runs over: the size of what it indexes, which must agree.
public func _galleyCount(_ letter: String, _ sizes: [(String, Int)]) -> Int {
    let counts = sizes.map(\.1)
    guard let smallest = counts.min() else { return 0 }
    if counts.contains(where: { $0 != smallest }) {
        var seen = Set<String>()
        let named = sizes.filter { seen.insert($0.0).inserted }.map { "\($0.0) (\($0.1))" }.joined(separator: ", ")
        report("the index \(letter) indexes vectors of different sizes: \(named)")
    }
    return smallest
}

/// A bound such as the m of `\sum_{i=1}^{m}`, which must be a whole number.
public func _galleyWhole(_ value: Double) -> Int {
    guard value.isFinite, value == value.rounded(), value.magnitude < 1e9 else {
        report("a bound of a sum must be a whole number, not \(proseFormat(value))")
        return 0
    }
    return Int(value)
}

public enum _GalleyReduction {
    case sum, product, maximum, minimum
}

/// `\sum`, `\prod`, `\max_i`, `\min_i` over `lower…upper`, leaving out `except`.
public func _galleyReduce(
    _ kind: _GalleyReduction, _ lower: Int, _ upper: Int, except: Int? = nil, _ body: (Int) -> Double
) -> Double {
    var result: Double
    switch kind {
    case .sum: result = 0
    case .product: result = 1
    case .maximum: result = -.infinity
    case .minimum: result = .infinity
    }
    guard lower <= upper else { return kind == .maximum || kind == .minimum ? .nan : result }
    for index in lower...upper where index != except {
        let value = body(index)
        switch kind {
        case .sum: result += value
        case .product: result *= value
        case .maximum: result = max(result, value)
        case .minimum: result = min(result, value)
        }
    }
    return result
}

/// The value of `cases` when no condition holds.
public func _galleyNoCase() -> Double {
    report("no case of \\begin{cases} applies")
    return .nan
}

// MARK: - Derivatives

/// The derivative of `value` with respect to one input, by central differences with one step of
/// Richardson extrapolation (error of order h⁴): the input is moved, the check comment's
/// bindings computed again, and the value read.
public func _galleyDerivative(_ value: (_GalleyVary?) -> Double, _ name: String, _ index: [Int], at point: Double)
    -> Double
{
    centralDifference(at: point) { delta in value(_GalleyVary(name: name, index: index, delta: delta)) }
}

/// The slope of a function of one number: `\sigma'(x)`, `\tanh'(x)`.
public func _galleySlope(_ function: (Double) -> Double, at point: Double) -> Double {
    centralDifference(at: point) { delta in function(point + delta) }
}

private func centralDifference(at point: Double, _ moved: (Double) -> Double) -> Double {
    // Relative to the point's size, but never more than 10⁻³: a probability of 0.002 is not
    // moved by half itself, nor a logit of 1000 by a whole unit.
    let h = 1e-3 * min(max(point.magnitude, 1e-3), 1)
    let wide = (moved(h) - moved(-h)) / (2 * h)
    let narrow = (moved(h / 2) - moved(-h / 2)) / h
    return (4 * narrow - wide) / 3
}

// MARK: - The check

/// One pair of sides, by the numbers of their cases in the generated evaluating function.
public struct _GalleyFormulaPair {
    let left: Int
    let right: Int
    /// The free indices' positions among all the formula's indices, and the cases that count
    /// their values.
    let free: [Int]
    let counts: [Int]
    /// The case that says whether a row is checked at all (the comment's `i != j`), or -1.
    let condition: Int

    public init(left: Int, right: Int, free: [Int], counts: [Int], condition: Int = -1) {
        self.left = left
        self.right = right
        self.free = free
        self.counts = counts
        self.condition = condition
    }
}

/// Computes both sides of every pair for every value of its free indices.
public func _galleyCheckFormula(
    _ environment: (_GalleyVary?) -> [_GalleyValue], _ evaluate: ([_GalleyValue], Int, [Int]) -> Double,
    indexCount: Int, pairs: [_GalleyFormulaPair]
) -> FormulaValues {
    let limit = 10_000
    problems = []
    let values = environment(nil)
    var result = FormulaValues(rows: [], inputs: values.compactMap(\.description), problem: nil)
    if !problems.isEmpty {
        result.problem = problems.joined(separator: "; ")
        return result
    }
    for (number, pair) in pairs.enumerated() {
        var indices = Array(repeating: 1, count: indexCount)
        problems = []
        let counts = pair.counts.map { Int(evaluate(values, $0, indices)) }
        if !problems.isEmpty || counts.contains(0) {
            let reason = problems.isEmpty ? "an index has no values" : problems.joined(separator: "; ")
            result.rows.append(.init(pair: number, indices: [], left: .nan, right: .nan, problem: reason))
            continue
        }
        var current = Array(repeating: 1, count: counts.count)
        let rowsBefore = result.rows.count
        defer {
            if result.rows.count == rowsBefore {
                result.rows.append(
                    .init(
                        pair: number, indices: [], left: .nan, right: .nan,
                        problem: "no values of the free indices satisfy the check comment's condition"))
            }
        }
        while true {
            for (position, slot) in pair.free.enumerated() { indices[slot] = current[position] }
            problems = []
            if pair.condition >= 0, evaluate(values, pair.condition, indices) == 0 {
                if !advance(&current, within: counts) { break }
                continue
            }
            let left = evaluate(values, pair.left, indices)
            let right = evaluate(values, pair.right, indices)
            result.rows.append(
                .init(
                    pair: number, indices: current, left: left, right: right,
                    problem: problems.isEmpty ? nil : problems.joined(separator: "; ")))
            if result.rows.count >= limit {
                result.problem = "more than \(limit) values to check; only the first \(limit) were"
                return result
            }
            if !advance(&current, within: counts) { break }
        }
    }
    return result
}

/// The next combination of the free indices' values, the last one fastest; false after the last.
private func advance(_ current: inout [Int], within counts: [Int]) -> Bool {
    var position = current.count - 1
    while position >= 0 {
        current[position] += 1
        if current[position] <= counts[position] { return true }
        current[position] = 1
        position -= 1
    }
    return false
}
