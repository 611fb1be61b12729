/// Text written into generated Swift source as a string literal.
public enum SwiftLiteral {
    /// `text` between double quotes, with what would end or bend the literal escaped: the
    /// backslash, the quote, and every control character (a newline in a path, say) as `\u{…}`.
    public static func string(_ text: String) -> String {
        "\"" + escaped(text) + "\""
    }

    /// What goes between the quotes: `text` with the backslash, the quote and control characters
    /// escaped.
    public static func escaped(_ text: String) -> String {
        var literal = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": literal += "\\\\"
            case "\"": literal += "\\\""
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                literal += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return literal
    }
}
