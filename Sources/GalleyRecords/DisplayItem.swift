/// Something a chapter's code shows on the page besides what it prints: a value, a table, a
/// formula. Chapter programs send these to Galley in `ProgramRecord.display` (see `RecordLine`).
public enum DisplayItem: Codable, Equatable, Sendable {
    /// A formatted value on a line of its own, with an optional label: `a = [0.8789, 0.1189]`.
    case value(label: String?, text: String)
    /// A table with optional row headers.
    case table(DisplayTable)
    /// TeX for display math, such as a matrix.
    case math(tex: String)
    /// A chart, drawn by Galley as SVG.
    case chart(Chart)
}

/// A table for the page: HTML gets a real `<table>`, Markdown a GFM table.
///
/// Header texts may hold inline math (`$e^{z_j}$`); cells hold formatted numbers or text.
public struct DisplayTable: Codable, Equatable, Sendable {
    public var caption: String?
    /// One per column of `cells`; when `rowHeaders` is set, the first header names that column.
    public var columnHeaders: [String]
    public var rowHeaders: [String]?
    public var cells: [[String]]

    public init(caption: String? = nil, columnHeaders: [String], rowHeaders: [String]? = nil, cells: [[String]]) {
        self.caption = caption
        self.columnHeaders = columnHeaders
        self.rowHeaders = rowHeaders
        self.cells = cells
    }
}
