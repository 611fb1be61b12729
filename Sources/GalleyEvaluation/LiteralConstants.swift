/// The top-level constants a chapter's code writes as literals — `let p = 0.7`,
/// `let z: [Double] = [3, 1, -3]`, or `let q = p` of such a constant — whose values a stated number
/// can only restate: an input, not a result.
enum LiteralConstants {
    /// The names, from the blocks' code in order.
    static func names(in blocks: [String]) -> Set<String> {
        var literals: Set<String> = []
        for code in blocks {
            for name in TopLevelNames.names(in: code) {
                guard let value = name.constantValue else { continue }
                if isLiteral(value) || literals.contains(value) { literals.insert(name.name) }
            }
        }
        return literals
    }

    /// Whether Swift source is a number literal (`0.7`, `-3`, `1_000`, `1.2e-3`) or an array
    /// literal of them, nested or not (`[[0.1, 0.9], [0.2, 0.8]]`).
    static func isLiteral(_ source: String) -> Bool {
        var reader = Reader(Array(source.utf8))
        guard reader.value() else { return false }
        reader.skipSpaces()
        return reader.atEnd
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { position == bytes.count }

        mutating func value() -> Bool {
            skipSpaces()
            guard position < bytes.count else { return false }
            if bytes[position] == UInt8(ascii: "[") { return array() }
            return number()
        }

        private mutating func array() -> Bool {
            position += 1
            skipSpaces()
            if peek == UInt8(ascii: "]") {
                position += 1
                return true
            }
            while true {
                guard value() else { return false }
                skipSpaces()
                if peek == UInt8(ascii: ",") {
                    position += 1
                    skipSpaces()
                    if peek == UInt8(ascii: "]") {
                        position += 1
                        return true
                    }
                } else if peek == UInt8(ascii: "]") {
                    position += 1
                    return true
                } else {
                    return false
                }
            }
        }

        /// A sign, digits and underscores, at most one point, an exponent.
        private mutating func number() -> Bool {
            if peek == UInt8(ascii: "-") || peek == UInt8(ascii: "+") { position += 1 }
            let start = position
            var sawDigit = false
            var sawPoint = false
            while let byte = peek {
                if isDigit(byte) {
                    sawDigit = true
                } else if byte == UInt8(ascii: "_"), sawDigit {
                } else if byte == UInt8(ascii: "."), sawDigit, !sawPoint, position + 1 < bytes.count,
                    isDigit(bytes[position + 1])
                {
                    sawPoint = true
                } else {
                    break
                }
                position += 1
            }
            guard sawDigit, position > start else { return false }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                position += 1
                if peek == UInt8(ascii: "-") || peek == UInt8(ascii: "+") { position += 1 }
                let digits = position
                while let byte = peek, isDigit(byte) { position += 1 }
                return position > digits
            }
            return true
        }

        /// White space and comments (`// 输入`, `/* … */`).
        mutating func skipSpaces() {
            while let byte = peek {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
                    || byte == UInt8(ascii: "\r")
                {
                    position += 1
                } else if byte == UInt8(ascii: "/"), position + 1 < bytes.count,
                    bytes[position + 1] == UInt8(ascii: "/")
                {
                    while let byte = peek, byte != UInt8(ascii: "\n") { position += 1 }
                } else if byte == UInt8(ascii: "/"), position + 1 < bytes.count,
                    bytes[position + 1] == UInt8(ascii: "*")
                {
                    position += 2
                    while position + 1 < bytes.count,
                        !(bytes[position] == UInt8(ascii: "*") && bytes[position + 1] == UInt8(ascii: "/"))
                    {
                        position += 1
                    }
                    position = min(position + 2, bytes.count)
                } else {
                    return
                }
            }
        }

        private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    }
}
