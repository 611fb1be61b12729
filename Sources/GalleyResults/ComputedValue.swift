public import GalleyRecords

/// A top-level constant or variable of a chapter's blocks and the numbers it held when the blocks
/// had run: what Galley looks among for the claims nothing checks.
public struct ComputedValue: Sendable, Codable, Equatable {
    /// Its name in the chapter's code: `loss`.
    public var name: String
    /// The Markdown line it is declared on.
    public var line: Int
    /// Its numbers and vectors, at the paths that name them (`OfferedValue.Part`).
    public var parts: [OfferedValue.Part]
    /// Why it holds numbers but offers none by name, said at its declaration.
    public var notOffered: String?

    public init(name: String, line: Int, parts: [OfferedValue.Part], notOffered: String? = nil) {
        self.name = name
        self.line = line
        self.parts = parts
        self.notOffered = notOffered
    }

    public init(name: String, line: Int, value: OfferedValue) {
        self.init(name: name, line: line, parts: value.parts, notOffered: value.notOffered)
    }

    /// A number: `let loss = 0.129`.
    public static func number(_ name: String, line: Int, _ value: Double) -> ComputedValue {
        ComputedValue(name: name, line: line, parts: [.init(path: "", numbers: [value], isVector: false)])
    }

    /// A vector: `let a = softmax(z)`.
    public static func vector(_ name: String, line: Int, _ values: [Double]) -> ComputedValue {
        ComputedValue(name: name, line: line, parts: [.init(path: "", numbers: values, isVector: true)])
    }

    /// Rows, of one length (a matrix) or not (a history): `var history: [[Double]]`.
    public static func rows(_ name: String, line: Int, _ rows: [[Double]]) -> ComputedValue {
        ComputedValue(
            name: name, line: line,
            parts: rows.enumerated().map { .init(path: "[\($0.offset)]", numbers: $0.element, isVector: true) })
    }
}
