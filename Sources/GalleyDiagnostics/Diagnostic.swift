/// One problem found in a chapter, at a place in its Markdown source.
///
/// Every stage reports problems in a chapter's content as diagnostics and goes on, so that one
/// broken formula or image never stops the rest of the book. `description` prints the form that
/// editors and CI annotators understand: `path:line:col: error: summary`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How bad the problem is.
    public enum Severity: String, Hashable, Sendable, Comparable, Codable {
        case note
        case warning
        case error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// The file the problem is in, as the user named it (relative paths stay relative).
    public var path: String
    public var location: SourceLocation
    public var severity: Severity
    /// A stable name for the kind of problem, for tests and reports: `math.unterminated`, declared
    /// in the catalog of the module that raises it.
    public var identifier: Identifier
    /// A terse headline, no trailing period: `unterminated display math`.
    public var summary: String
    /// Optional further text: why it is a problem, what to do.
    public var explanation: String?
    /// Ways to fix the problem by editing the source, when Galley knows one.
    public var solutions: [Solution]

    public init(
        path: String,
        location: SourceLocation,
        severity: Severity = .error,
        identifier: Identifier,
        summary: String,
        explanation: String? = nil,
        solutions: [Solution] = []
    ) {
        self.path = path
        self.location = location
        self.severity = severity
        self.identifier = identifier
        self.summary = summary
        self.explanation = explanation
        self.solutions = solutions
    }

    /// `path:line:col: severity: summary`, the form compilers print.
    public var description: String {
        "\(path):\(location.line):\(location.column): \(severity.rawValue): \(summary)"
    }
}

extension Diagnostic {
    /// The order diagnostics are listed in: by file, line and column, then by summary, so that
    /// two runs list them alike.
    public static func sourceOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.path, a.location.line, a.location.column, a.summary) < (
            b.path, b.location.line, b.location.column, b.summary
        )
    }
}
