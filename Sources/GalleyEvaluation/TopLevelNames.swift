import Foundation

/// The constants and variables a block of Swift declares at its top level — `let loss = …`,
/// `var w: [Double] = …`, `let (a, b) = …`, `var i = 0, j = 1` — read by a small lexer that knows
/// Swift's brackets, strings and comments, and no more.
///
/// The names are the values the chapter computed, offered to the claims its prose makes. A name
/// the lexer gets wrong costs nothing: its offer does not compile, and it is left out (see
/// `ChapterProgram.Offer`). Reading the blocks with swift-syntax instead would add minutes to every
/// clean build for no better answer here.
enum TopLevelNames {
    struct Name: Equatable, Sendable {
        var name: String
        /// The 0-based line of the block it is declared on.
        var line: Int
        /// For a `let` of one name, what it is set to, as written: `0.7`, `[0.1, 0.3, 0.6]`,
        /// `softmax(z)`, `p`; nil for a `var`, a tuple pattern, or a `let` set later.
        var constantValue: String?
    }

    static func names(in code: String) -> [Name] {
        var lexer = Lexer(Array(code.utf8))
        return lexer.names()
    }

    private struct Lexer {
        let bytes: [UInt8]
        var position = 0
        var line = 0
        /// Brackets open at the top level: `(`, `[`, `{`.
        var depth = 0
        var found: [Name] = []

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func names() -> [Name] {
            var atStatementStart = true
            while position < bytes.count {
                let byte = bytes[position]
                if atStatementStart && depth == 0 && isIdentifierStart(byte) {
                    atStatementStart = false
                    declaration()
                    continue
                }
                switch byte {
                case UInt8(ascii: "\n"):
                    line += 1
                    position += 1
                    atStatementStart = true
                case UInt8(ascii: ";"):
                    position += 1
                    atStatementStart = depth == 0 || atStatementStart
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    position += 1
                case UInt8(ascii: "@"):
                    // An attribute before a declaration keeps the statement's start.
                    position += 1
                    _ = identifier()
                    if peek() == UInt8(ascii: "(") { skipBracketed() }
                default:
                    atStatementStart = false
                    skipToken()
                }
            }
            return found
        }

        /// At the top level, at a statement's first word: its names, if it declares constants or
        /// variables; otherwise the word is passed over.
        private mutating func declaration() {
            let modifiers: Set<String> = [
                "private", "fileprivate", "internal", "public", "nonisolated", "static", "final",
            ]
            var word = identifier()
            while modifiers.contains(word) {
                if peek() == UInt8(ascii: "(") { skipBracketed() }
                skipSpaces()
                word = identifier()
            }
            guard word == "let" || word == "var" else { return }
            // One or more patterns, separated by commas at the declaration's own level.
            while true {
                skipSpaces()
                if peek() == UInt8(ascii: "(") {
                    tuple()
                    guard skipToNextPattern() else { return }
                } else {
                    let before = found.count
                    add(identifier())
                    let start = position
                    let more = skipToNextPattern()
                    if word == "let", found.count > before {
                        found[before].constantValue = initializer(start..<position)
                    }
                    guard more else { return }
                }
            }
        }

        /// What a pattern is set to: the text after its `=` (past a type annotation), up to its
        /// end, without a trailing comma; nil when it has no `=` or nothing after it.
        private func initializer(_ range: Range<Int>) -> String? {
            var text = bytes[range]
            if text.last == UInt8(ascii: ",") { text = text.dropLast() }
            guard let equals = text.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            let value = String(decoding: text[(equals + 1)...], as: UTF8.self).trimmingCharacters(
                in: .whitespacesAndNewlines)
            return value.isEmpty ? nil : value
        }

        /// `(a, (b, _))`: every name in a tuple pattern.
        private mutating func tuple() {
            var nesting = 0
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "(") {
                    nesting += 1
                    position += 1
                } else if byte == UInt8(ascii: ")") {
                    nesting -= 1
                    position += 1
                    if nesting == 0 { return }
                } else if byte == UInt8(ascii: ":") {
                    // A type annotation inside the pattern: up to the next comma or bracket.
                    position += 1
                    while position < bytes.count, !",()\n".utf8.contains(bytes[position]) { position += 1 }
                } else if isIdentifierStart(byte) || byte == UInt8(ascii: "`") {
                    add(identifier())
                } else if byte == UInt8(ascii: "\n") {
                    return
                } else {
                    position += 1
                }
            }
        }

        private mutating func add(_ name: String) {
            guard !name.isEmpty, name != "_", !name.hasPrefix("_galley"), !name.hasPrefix("_Galley") else { return }
            found.append(Name(name: name, line: line, constantValue: nil))
        }

        /// Passes over a pattern's type and initial value, to the comma that starts the next
        /// pattern (true) or to the end of the statement (false).
        private mutating func skipToNextPattern() -> Bool {
            let start = depth
            while position < bytes.count {
                let byte = bytes[position]
                if depth == start {
                    if byte == UInt8(ascii: ",") {
                        position += 1
                        return true
                    }
                    if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: ";") { return false }
                    if byte == UInt8(ascii: "}") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") {
                        return false
                    }
                }
                skipToken()
            }
            return false
        }

        /// One token, or one bracket (tracking depth), string or comment as a whole.
        private mutating func skipToken() {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                position += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
                position += 1
            case UInt8(ascii: "\""),
                UInt8(ascii: "#") where isStringStart():
                skipString()
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                skipBlockComment()
            case UInt8(ascii: "\n"):
                line += 1
                position += 1
            default:
                if isIdentifierStart(byte) { _ = identifier() } else { position += 1 }
            }
        }

        private func isStringStart() -> Bool {
            var index = position
            while index < bytes.count, bytes[index] == UInt8(ascii: "#") { index += 1 }
            return index < bytes.count && bytes[index] == UInt8(ascii: "\"")
        }

        /// A string literal, single-line or multi-line, raw or not, interpolations included.
        private mutating func skipString() {
            var hashes = 0
            while peek() == UInt8(ascii: "#") {
                hashes += 1
                position += 1
            }
            let multiline =
                peek() == UInt8(ascii: "\"") && peek(1) == UInt8(ascii: "\"") && peek(2) == UInt8(ascii: "\"")
            position += multiline ? 3 : 1
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    position += 1
                    if !multiline { return }  // an unterminated string: the compiler will say so
                    continue
                }
                if byte == UInt8(ascii: "\\") && hasHashes(hashes, at: position + 1) {
                    position += 1 + hashes
                    if peek() == UInt8(ascii: "(") {
                        skipBracketed()
                    } else {
                        // The escaped character; a backslash at the very end escapes nothing.
                        position = min(position + 1, bytes.count)
                    }
                    continue
                }
                if byte == UInt8(ascii: "\"") {
                    let closes =
                        multiline ? peek(1) == UInt8(ascii: "\"") && peek(2) == UInt8(ascii: "\"") : true
                    let length = multiline ? 3 : 1
                    if closes && hasHashes(hashes, at: position + length) {
                        position += length + hashes
                        return
                    }
                }
                position += 1
            }
        }

        private func hasHashes(_ count: Int, at index: Int) -> Bool {
            guard index + count <= bytes.count else { return false }
            return bytes[index..<(index + count)].allSatisfy { $0 == UInt8(ascii: "#") }
        }

        /// From an opening bracket to its match, strings and comments inside included.
        private mutating func skipBracketed() {
            let outer = depth
            skipToken()
            while position < bytes.count, depth > outer { skipToken() }
        }

        private mutating func skipBlockComment() {
            var nesting = 0
            while position < bytes.count {
                if bytes[position] == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
                    nesting += 1
                    position += 2
                } else if bytes[position] == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/") {
                    nesting -= 1
                    position += 2
                    if nesting == 0 { return }
                } else {
                    if bytes[position] == UInt8(ascii: "\n") { line += 1 }
                    position += 1
                }
            }
        }

        private mutating func skipSpaces() {
            while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { position += 1 }
        }

        /// An identifier (with its backticks, if any), or "" when none starts here.
        private mutating func identifier() -> String {
            guard position < bytes.count else { return "" }
            let start = position
            if peek() == UInt8(ascii: "`") {
                position += 1
                while let byte = peek(), byte != UInt8(ascii: "`"), byte != UInt8(ascii: "\n") { position += 1 }
                if peek() == UInt8(ascii: "`") { position += 1 }
            } else {
                while let byte = peek(), isIdentifierPart(byte) { position += 1 }
            }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        private func peek(_ offset: Int = 0) -> UInt8? {
            position + offset < bytes.count ? bytes[position + offset] : nil
        }

        private func isIdentifierStart(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "_") || (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
                || byte >= 0x80
        }

        private func isIdentifierPart(_ byte: UInt8) -> Bool {
            isIdentifierStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
    }
}
