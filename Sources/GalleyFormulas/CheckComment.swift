/// `<!-- check -->` or `<!-- check: z = [3, 1, -3]; a = softmax(z) -->` right after a formula: the
/// author asks for the whole formula to be checked, with these Swift bindings run first, in order,
/// in the chapter's scope.
public struct CheckComment: Equatable, Sendable {
    public struct Binding: Equatable, Sendable {
        /// The Swift name: `z`, or `σ` for a binding written `\sigma = sigmoid`.
        public var name: String
        public var expression: String
    }

    public var bindings: [Binding]
    /// Conditions on the free indices, in Swift (`i != j`): the formula is checked only where
    /// they hold, as a derivation that says "for i ≠ j" is.
    public var conditions: [String] = []
    /// The bindings as the author wrote them, for messages.
    public var text: String

    init(bindings: [Binding], text: String) {
        self.bindings = bindings
        self.text = text
    }

    /// Reads an HTML comment; nil when it is not a check comment at all.
    /// - Throws: a `FormulaError` when it is one but a binding cannot be read.
    public init?(html: String) throws(FormulaError) {
        // The comment at the start; text after it on the line is not part of it.
        let comment = Substring(html.trimmingCharacters(in: " \n\t"))
        guard comment.hasPrefix("<!--"), let end = comment.firstRange(of: "-->") else { return nil }
        let body = comment[comment.index(comment.startIndex, offsetBy: 4)..<end.lowerBound]
        let trimmed = String(body).trimmingCharacters(in: " \n\t")
        guard trimmed.hasPrefix("check") else { return nil }
        var rest = trimmed.dropFirst(5)
        guard rest.isEmpty || rest.first == ":" || rest.first == " " else { return nil }
        rest = rest.drop(while: { $0 == " " })
        if rest.first == ":" { rest = rest.dropFirst() }
        text = String(rest).trimmingCharacters(in: " \n\t")
        bindings = []
        for statement in Self.statements(text) {
            if Self.isCondition(statement) {
                conditions.append(statement)
            } else {
                bindings.append(try Self.binding(statement))
            }
        }
    }

    /// The statements of the bindings, split at `;` and line ends outside brackets and strings.
    static func statements(_ text: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var depth = 0
        var inString = false
        for character in text {
            if character == "\"" { inString.toggle() }
            if !inString {
                if "([{".contains(character) { depth += 1 }
                if ")]}".contains(character) { depth -= 1 }
                if depth == 0 && (character == ";" || character == "\n") {
                    statements.append(current)
                    current = ""
                    continue
                }
            }
            current.append(character)
        }
        statements.append(current)
        return statements.map { $0.trimmingCharacters(in: " \t") }.filter { !$0.isEmpty }
    }

    /// A comparison of indices, `i != j` or `i < j`, rather than a binding.
    static func isCondition(_ statement: String) -> Bool {
        let characters = Array(statement)
        let hasAssignment = characters.indices.contains { position in
            characters[position] == "=" && (position + 1 == characters.count || characters[position + 1] != "=")
                && (position == 0 || !"=!<>".contains(characters[position - 1]))
        }
        return !hasAssignment
            && (statement.contains("==") || statement.contains("!=") || statement.contains("<")
                || statement.contains(">"))
    }

    /// `name = expression`, where the name may be written as TeX (`\sigma`) or as Swift (`σ`).
    static func binding(_ statement: String) throws(FormulaError) -> Binding {
        let characters = Array(statement)
        guard
            let equals = characters.indices.first(where: { position in
                characters[position] == "=" && (position + 1 == characters.count || characters[position + 1] != "=")
                    && (position == 0 || !"=!<>".contains(characters[position - 1]))
            })
        else {
            throw FormulaError("'\(statement)' in the check comment is not a binding: write name = Swift expression")
        }
        var name = String(characters[..<equals]).trimmingCharacters(in: " \t")
        let expression = String(characters[(equals + 1)...]).trimmingCharacters(in: " \t")
        if name.hasPrefix("\\"), let letter = FormulaTokenizer.greek[String(name.dropFirst())] { name = letter }
        guard name.isSwiftName, !expression.isEmpty else {
            throw FormulaError("'\(statement)' in the check comment is not a binding: write name = Swift expression")
        }
        return Binding(name: name, expression: expression)
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }

    /// A name a formula's symbol can have in Swift: an ASCII identifier or one Greek letter.
    var isSwiftName: Bool {
        isIdentifier || (unicodeScalars.count == 1 && FormulaTokenizer.greek.values.contains(self))
    }
}
