/// Highlights Swift code at build time, so a page needs no script to show coloured code.
///
/// A small lexer, not a parser: comments (nested block comments included), string literals (with
/// escapes, interpolation and multi-line `"""`), numbers, keywords, attributes, `#` directives
/// and capitalised names (types, by Swift convention). Everything it does not recognise is plain
/// text, so code it cannot classify still reads exactly as written. The output is HTML-escaped.
public enum SwiftHighlighter {
    /// The code as HTML, with `<span class="hl-…">` around the tokens it classifies.
    public static func html(_ code: String) -> String {
        var lexer = Lexer(Array(code.unicodeScalars))
        var output = ""
        while let token = lexer.next() {
            let text = HTMLEscaping.escape(String(String.UnicodeScalarView(token.scalars)))
            if let kind = token.kind {
                output += "<span class=\"hl-\(kind.rawValue)\">\(text)</span>"
            } else {
                output += text
            }
        }
        return output
    }

    enum Kind: String {
        case comment, string, number, keyword, attribute, directive, type
    }

    struct Token {
        var scalars: ArraySlice<Unicode.Scalar>
        var kind: Kind?
    }

    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "as", "Any", "await", "false", "is", "nil", "self", "Self",
        "super", "throws", "true", "try", "async", "some", "any", "mutating", "nonmutating", "lazy", "weak",
        "unowned", "final", "override", "required", "convenience", "indirect", "consuming", "borrowing",
    ]

    struct Lexer {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }

        mutating func next() -> Token? {
            guard let first = peek() else { return nil }
            let start = index
            func token(_ kind: Kind?) -> Token { Token(scalars: scalars[start..<index], kind: kind) }

            if first == "/", peek(1) == "/" {
                while let scalar = peek(), scalar != "\n" { index += 1 }
                return token(.comment)
            }
            if first == "/", peek(1) == "*" {
                index += 2
                var depth = 1
                while depth > 0, peek() != nil {
                    if peek() == "/", peek(1) == "*" {
                        depth += 1; index += 2
                    } else if peek() == "*", peek(1) == "/" {
                        depth -= 1; index += 2
                    } else {
                        index += 1
                    }
                }
                return token(.comment)
            }
            if first == "\"" {
                lexString()
                return token(.string)
            }
            if isDigit(first) {
                index += 1
                while let scalar = peek(),
                    isIdentifier(scalar)
                        || scalar == "."
                            && peek(1).map(isDigit) == true
                {
                    index += 1
                }
                return token(.number)
            }
            if first == "@", let next = peek(1), isIdentifierStart(next) {
                index += 1
                while let scalar = peek(), isIdentifier(scalar) { index += 1 }
                return token(.attribute)
            }
            if first == "#", let next = peek(1), isIdentifierStart(next) {
                index += 1
                while let scalar = peek(), isIdentifier(scalar) { index += 1 }
                return token(.directive)
            }
            if isIdentifierStart(first) || first == "`" {
                let quoted = first == "`"
                index += 1
                while let scalar = peek(), isIdentifier(scalar) { index += 1 }
                if quoted, peek() == "`" { index += 1 }
                let word = String(String.UnicodeScalarView(scalars[start..<index]))
                if !quoted, SwiftHighlighter.keywords.contains(word) { return token(.keyword) }
                if !quoted, let initial = word.unicodeScalars.first, initial.properties.isUppercase {
                    return token(.type)
                }
                return token(nil)
            }
            // Anything else, one run of it.
            index += 1
            while let scalar = peek(), !startsToken(scalar) { index += 1 }
            return token(nil)
        }

        /// A string literal from its opening quote: `"…"` or `"""…"""`, escapes and `\(…)` included.
        private mutating func lexString() {
            let multiline = peek(1) == "\"" && peek(2) == "\""
            index += multiline ? 3 : 1
            while let scalar = peek() {
                if scalar == "\\" {
                    if peek(1) == "(" {
                        // Skip the interpolation, parentheses balanced.
                        index += 2
                        var depth = 1
                        while depth > 0, let inner = peek() {
                            if inner == "(" { depth += 1 } else if inner == ")" { depth -= 1 }
                            index += 1
                        }
                    } else {
                        index += 2
                    }
                    continue
                }
                if !multiline, scalar == "\n" { return }
                if scalar == "\"" {
                    if !multiline { index += 1; return }
                    if peek(1) == "\"", peek(2) == "\"" { index += 3; return }
                }
                index += 1
            }
        }

        private func startsToken(_ scalar: Unicode.Scalar) -> Bool {
            isIdentifierStart(scalar) || isDigit(scalar) || scalar == "\"" || scalar == "/" || scalar == "@"
                || scalar == "#" || scalar == "`"
        }
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic
    }

    static func isIdentifier(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || isDigit(scalar) || scalar.properties.generalCategory == .nonspacingMark
    }
}
