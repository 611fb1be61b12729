import Foundation

// The display API chapter code calls. Everything here formats with a fixed number of decimals
// (`digits`), so the page shows the precision the author chose and two runs show the same text.

/// Shows a number on the page.
///
///     show(loss, label: "L")          // L = 0.1291
///     show(a[0], digits: 2)           // 0.88
public func show(_ value: Double, digits: Int = 4, label: String? = nil) {
    RecordChannel.send(.display(.value(label: label, text: format(value, digits: digits))))
}

/// Shows a vector on the page, as `[0.8789, 0.1189, 0.0022]`.
public func show(_ vector: [Double], digits: Int = 4, label: String? = nil) {
    RecordChannel.send(.display(.value(label: label, text: format(vector, digits: digits))))
}

/// Shows a matrix (given as rows) on the page as a table, with 1-based row and column numbers or
/// the headers given.
///
///     show(softmaxJacobian(z), rowHeaders: ["$a_1$", "$a_2$", "$a_3$"],
///          columnHeaders: ["$z_1$", "$z_2$", "$z_3$"])
public func show(
    _ matrix: [[Double]], digits: Int = 4, label: String? = nil,
    rowHeaders: [String]? = nil, columnHeaders: [String]? = nil
) {
    let columns = matrix.map(\.count).max() ?? 0
    table(
        matrix, digits: digits, caption: label,
        rowHeaders: rowHeaders ?? (0..<matrix.count).map { String($0 + 1) },
        columnHeaders: columnHeaders ?? (0..<columns).map { String($0 + 1) })
}

/// Shows a table of numbers with headers: a derivative table, a worked example.
///
/// - Parameters:
///   - rows: The numbers, one array per row.
///   - rowHeaders: A header for each row, shown in a first column; nil for none.
///   - columnHeaders: A header for each column of numbers. Headers may contain inline math.
///   - corner: The header above the row headers.
public func table(
    _ rows: [[Double]], digits: Int = 4, caption: String? = nil,
    rowHeaders: [String]? = nil, columnHeaders: [String], corner: String = ""
) {
    table(
        rows.map { $0.map { format($0, digits: digits) } }, caption: caption,
        rowHeaders: rowHeaders, columnHeaders: columnHeaders, corner: corner)
}

/// Shows a table of texts with headers, for rows that mix words and numbers.
public func table(
    _ rows: [[String]], caption: String? = nil,
    rowHeaders: [String]? = nil, columnHeaders: [String], corner: String = ""
) {
    RecordChannel.send(
        .display(
            .table(
                DisplayTable(
                    caption: caption,
                    columnHeaders: rowHeaders == nil ? columnHeaders : [corner] + columnHeaders,
                    rowHeaders: rowHeaders, cells: rows))))
}

/// Shows a worked example as a table whose columns are the steps: each step is a name (which may
/// hold math) and its values, one per row.
///
///     steps([("$z_j$", z), ("$e^{z_j}$", e), ("$a_j$", a)], rowHeaders: ["1", "2", "3"])
public func steps(
    _ columns: [(name: String, values: [Double])], digits: Int = 4, caption: String? = nil,
    rowHeaders: [String]? = nil, corner: String = ""
) {
    let count = columns.map(\.values.count).max() ?? 0
    let rows = (0..<count).map { row in
        columns.map { row < $0.values.count ? format($0.values[row], digits: digits) : "" }
    }
    table(rows, caption: caption, rowHeaders: rowHeaders, columnHeaders: columns.map(\.name), corner: corner)
}

/// Shows a matrix as typeset math: `name = \begin{pmatrix} … \end{pmatrix}`.
public func showLaTeX(_ matrix: [[Double]], digits: Int = 4, name: String? = nil) {
    RecordChannel.send(.display(.math(tex: latex(matrix, digits: digits, name: name))))
}

/// Shows a vector as a typeset column vector.
public func showLaTeX(_ vector: [Double], digits: Int = 4, name: String? = nil) {
    showLaTeX(vector.map { [$0] }, digits: digits, name: name)
}

/// Shows any TeX as display math.
public func showMath(_ tex: String) {
    RecordChannel.send(.display(.math(tex: tex)))
}

/// The TeX for a matrix: `name = \begin{pmatrix} a & b \\ c & d \end{pmatrix}`.
public func latex(_ matrix: [[Double]], digits: Int = 4, name: String? = nil) -> String {
    let body = matrix.map { row in row.map { format($0, digits: digits) }.joined(separator: " & ") }
        .joined(separator: " \\\\ ")
    let prefix = name.map { "\($0) = " } ?? ""
    return "\(prefix)\\begin{pmatrix} \(body) \\end{pmatrix}"
}

// MARK: - Formatting

/// A number with `digits` decimals; `-0.0000` is written `0.0000`, and NaN and the infinities as
/// `nan`, `inf` and `-inf`.
public func format(_ value: Double, digits: Int = 4) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    let places = max(0, min(digits, 17))
    let text = String(format: "%.\(places)f", value)
    if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
        return String(text.dropFirst())
    }
    return text
}

/// A vector as `[x, y, z]` with `digits` decimals each.
public func format(_ vector: [Double], digits: Int = 4) -> String {
    "[" + vector.map { format($0, digits: digits) }.joined(separator: ", ") + "]"
}
