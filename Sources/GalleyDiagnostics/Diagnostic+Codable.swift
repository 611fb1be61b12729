extension Diagnostic: Codable {
    enum CodingKeys: String, CodingKey {
        case path, line, column, severity, identifier, summary, explanation, solutions
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            path: try container.decode(String.self, forKey: .path),
            location: SourceLocation(
                line: try container.decode(Int.self, forKey: .line),
                column: try container.decode(Int.self, forKey: .column)),
            severity: Severity(rawValue: try container.decode(String.self, forKey: .severity)) ?? .error,
            identifier: try container.decode(Identifier.self, forKey: .identifier),
            summary: try container.decode(String.self, forKey: .summary),
            explanation: try container.decodeIfPresent(String.self, forKey: .explanation),
            solutions: try container.decodeIfPresent([Solution].self, forKey: .solutions) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(location.line, forKey: .line)
        try container.encode(location.column, forKey: .column)
        try container.encode(severity.rawValue, forKey: .severity)
        try container.encode(identifier, forKey: .identifier)
        try container.encode(summary, forKey: .summary)
        try container.encodeIfPresent(explanation, forKey: .explanation)
        if !solutions.isEmpty { try container.encode(solutions, forKey: .solutions) }
    }
}
