extension Diagnostic {
    /// A stable name for a kind of problem, `math.unterminated`: what tests, reports and the
    /// summary line compare, never the words of a diagnostic.
    ///
    /// Identifiers are declared only in the catalogs of the modules that raise them
    /// (`MarkdownDiagnostics.swift`, `CheckDiagnostics.swift`, …), as static constants beside the
    /// factories that make the diagnostics — the way swift-format keeps each `Finding.Message`
    /// beside its rule — so code compares `.numberWrong`, not a string. That is why this type is
    /// not `ExpressibleByStringLiteral`.
    public struct Identifier: Hashable, Sendable, Comparable, CustomStringConvertible {
        /// The name as reports and the JSON cache write it: `number.wrong`.
        public let rawValue: String

        public init(_ rawValue: String) {
            self.rawValue = rawValue
        }

        public var description: String { rawValue }

        public static func < (lhs: Identifier, rhs: Identifier) -> Bool { lhs.rawValue < rhs.rawValue }
    }
}

// MARK: - Codable

/// A bare string, as the identifier was before it had a type of its own, so that cached
/// diagnostics and `--report` JSON read and write alike.
extension Diagnostic.Identifier: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(try container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
