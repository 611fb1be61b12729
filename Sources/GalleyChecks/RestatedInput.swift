/// Whether a stated number restates an input: its binding names a constant the chapter's code
/// writes as a literal (`p`, `z[2]`, `w[1][0]` for `let p = 0.7`, `let z = [3, 1, -3]`), so that the
/// check compares the prose with the code's own typing, not with a result.
enum RestatedInput {
    /// - Parameter literals: the constants written as literals (`ChapterEvaluation.literalConstants`).
    static func isRestated(_ expression: String, literals: Set<String>) -> Bool {
        let text = Substring(expression.filter { $0 != " " })
        let root = text.prefix { $0 == "_" || $0.isLetter || $0.isNumber }
        guard !root.isEmpty, !(root.first?.isNumber ?? true), literals.contains(String(root)) else { return false }
        // Only subscripts by whole numbers may follow: `[2]`, `[1][0]`.
        var rest = text.dropFirst(root.count)
        while !rest.isEmpty {
            guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return false }
            let index = rest[rest.index(after: rest.startIndex)..<close]
            guard !index.isEmpty, index.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            rest = rest[rest.index(after: close)...]
        }
        return true
    }
}
