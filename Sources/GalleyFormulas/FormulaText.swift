/// A formula's side as a diagnostic shows it: with the free indices' values put in
/// (`a_j` at j = 2 is `a_2`) and long groups elided (`\frac{e^{z_1}}{…}`).
public enum FormulaText {
    /// Replaces index letters in subscripts (`_j`, `_{ij}`, `_{i+1}`) by their values.
    public static func instantiate(_ tex: String, _ values: [String: Int]) -> String {
        guard !values.isEmpty else { return tex }
        var result = ""
        var characters = Array(tex)[...]
        while let character = characters.popFirst() {
            result.append(character)
            guard character == "_", let next = characters.first else { continue }
            if next == "{", let close = characters.firstIndex(of: "}") {
                let group = characters[characters.index(after: characters.startIndex)..<close]
                // Only a subscript of indices: `{ij}`, `{i,k}`, `{i+1}`; not `{\text{max}}`.
                let isIndices = group.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || ",+- ".contains($0) }
                result +=
                    "{"
                    + group.map { isIndices ? values[String($0)].map(String.init) ?? String($0) : String($0) }.joined()
                    + "}"
                characters = characters[characters.index(after: close)...]
            } else if let value = values[String(next)] {
                characters.removeFirst()
                result += String(value)
            }
        }
        return result
    }

    /// The side, shortened past `limit` characters by eliding its last top-level groups.
    public static func abbreviated(_ tex: String, limit: Int = 40) -> String {
        var text = tex
        while text.count > limit {
            guard let group = lastFullGroup(in: text) else {
                // Cut where a term or a command starts, never inside a number or a name.
                var cut = text.prefix(limit)
                if let boundary = cut.lastIndex(where: { $0 == " " || $0 == "\\" }),
                    cut.distance(from: cut.startIndex, to: boundary) > limit / 2
                {
                    cut = cut[..<boundary]
                }
                return String(cut).trimmingCharacters(in: " ") + " …"
            }
            text.replaceSubrange(group, with: "…")
        }
        return text
    }

    /// The contents of the last top-level `{…}` group that is not already `…`.
    private static func lastFullGroup(in text: String) -> Range<String.Index>? {
        var depth = 0
        var start: String.Index?
        var last: Range<String.Index>?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "{" {
                if depth == 0 { start = text.index(after: index) }
                depth += 1
            } else if character == "}" {
                depth -= 1
                if depth == 0, let open = start, text[open..<index] != "…", open < index {
                    last = open..<index
                }
            }
            index = text.index(after: index)
        }
        return last
    }
}
