/// Turns the arithmetic in a TeX formula into a Swift expression, when it holds only numbers and
/// functions of numbers: `\frac{4.5369}{2}`, `-\ln 0.879`, `e^{3} + e^{1}`, `\sqrt{2} \cdot 3`.
///
/// This is a translator, not an evaluator: the Swift it writes is compiled with the chapter's
/// program, like the blocks. Anything else — a symbol such as `x` or `z_j`, a command it does not
/// know — makes the side "not closed", and the side is skipped.
public enum LaTeXArithmetic {
    /// The sides of a formula, split at `=`, `\approx` and `≈` outside braces and brackets.
    /// Works on UTF-8 bytes and slices the text, building no string character by character.
    public static func sides(_ tex: String) -> [String] {
        let bytes = Array(tex.utf8)
        let approx = Array("\\approx".utf8)
        var sides: [String] = []
        var start = 0
        var depth = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "("), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
            var width = 0
            if depth == 0 {
                if byte == UInt8(ascii: "=") {
                    width = 1
                } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x89, bytes[index + 2] == 0x88 {
                    width = 3  // ≈
                } else if byte == UInt8(ascii: "\\"), index + approx.count <= bytes.count,
                    bytes[index..<(index + approx.count)].elementsEqual(approx),
                    !(index + approx.count < bytes.count && isLetter(bytes[index + approx.count]))
                {
                    width = approx.count
                }
            }
            if width > 0 {
                sides.append(String(decoding: bytes[start..<index], as: UTF8.self))
                index += width
                start = index
            } else {
                index += 1
            }
        }
        sides.append(String(decoding: bytes[start...], as: UTF8.self))
        return sides
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// A quick look at the bytes: false when a side holds a letter that is neither part of a
    /// command (`\frac`) nor Euler's `e`, or any non-ASCII character — then it cannot be closed,
    /// and the tokenizer need not run. Most formulas in a chapter end here.
    public static func mightBeClosed(_ tex: String) -> Bool {
        let bytes = Array(tex.utf8)
        var index = 0
        var sawDigit = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x80 { return false }
            if byte == UInt8(ascii: "\\") {
                index += 1
                while index < bytes.count, (bytes[index] | 0x20) >= UInt8(ascii: "a"), (bytes[index] | 0x20) <= UInt8(ascii: "z") {
                    index += 1
                }
                continue
            }
            if (byte | 0x20) >= UInt8(ascii: "a"), (byte | 0x20) <= UInt8(ascii: "z"), byte != UInt8(ascii: "e") && byte != UInt8(ascii: "E") {
                return false
            }
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { sawDigit = true }
            index += 1
        }
        return sawDigit
    }

    /// The Swift expression for a side, or nil when it is not closed arithmetic.
    public static func swift(_ tex: String) -> String? {
        var parser = Parser(tokens: tokenize(tex))
        guard let expression = parser.expression(), parser.atEnd else { return nil }
        return expression
    }

    /// The number a side is, when it is nothing but one number as written (`0.123`, `-2.5`,
    /// `88%`, `1.2e-3`): a sign, digits with at most one point, an exponent, a percent sign.
    public static func bareNumber(_ tex: String) -> String? {
        let text = String(tex.split(separator: "\\,").joined().split(separator: "\\").joined())
            .filter { $0 != " " && $0 != "{" && $0 != "}" && $0 != "\n" }
        var characters = Substring(text)
        if let first = characters.first, first == "-" || first == "−" || first == "+" { characters.removeFirst() }
        if characters.last == "%" { characters.removeLast() }
        var mantissa = characters
        var exponent: Substring?
        if let e = characters.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = characters[..<e]
            exponent = characters[characters.index(after: e)...]
        }
        let digits = mantissa.filter(\.isASCIIDigit)
        guard !digits.isEmpty, mantissa.allSatisfy({ $0.isASCIIDigit || $0 == "." }),
            mantissa.filter({ $0 == "." }).count <= 1
        else { return nil }
        if var exponent {
            if let sign = exponent.first, sign == "-" || sign == "+" || sign == "−" { exponent.removeFirst() }
            guard !exponent.isEmpty, exponent.allSatisfy(\.isASCIIDigit) else { return nil }
        }
        return text
    }

    // MARK: - Tokens

    enum Token: Equatable {
        case number(String)
        case command(String)
        case symbol(Character)
        case word(String)
    }

    static func tokenize(_ tex: String) -> [Token] {
        var tokens: [Token] = []
        var characters = Array(tex)[...]
        while let character = characters.first {
            if character == " " || character == "\t" || character == "\n" {
                characters.removeFirst()
            } else if character.isNumber || (character == "." && characters.dropFirst().first?.isNumber == true) {
                var number = ""
                while let next = characters.first, next.isNumber || next == "." {
                    number.append(next)
                    characters.removeFirst()
                }
                tokens.append(.number(number))
            } else if character == "\\" {
                characters.removeFirst()
                var name = ""
                while let next = characters.first, next.isLetter {
                    name.append(next)
                    characters.removeFirst()
                }
                if name.isEmpty, let next = characters.first {
                    name = String(next)  // `\,`, `\!`, `\ `: spacing
                    characters.removeFirst()
                }
                tokens.append(.command(name))
            } else if character.isLetter {
                var word = ""
                while let next = characters.first, next.isLetter {
                    word.append(next)
                    characters.removeFirst()
                }
                tokens.append(.word(word))
            } else {
                tokens.append(.symbol(character == "−" ? "-" : character))
                characters.removeFirst()
            }
        }
        return tokens.filter { token in
            // Spacing and sizing commands say nothing about the value.
            if case .command(let name) = token { return ![",", "!", " ", ";", ":", "quad", "qquad", "left", "right", "big", "Big"].contains(name) }
            return true
        }
    }

    // MARK: - Parser

    /// Recursive descent over + − (sums), × · * / and implicit products (terms), unary minus,
    /// powers, and atoms: numbers, (…), {…}, \frac, \sqrt, \ln, \log, \exp, e^{…}.
    struct Parser {
        var tokens: [Token]
        var index = 0
        /// How deep the parser is: a formula nested deeper than this is not read (no recursion
        /// of ours may overflow the stack).
        var depth = 0

        var atEnd: Bool { index == tokens.count }

        private var current: Token? { index < tokens.count ? tokens[index] : nil }

        mutating func expression() -> String? {
            depth += 1
            defer { depth -= 1 }
            guard depth < 200, var result = term() else { return nil }
            while case .symbol(let operation)? = current, operation == "+" || operation == "-" {
                index += 1
                guard let right = term() else { return nil }
                result = "(\(result) \(operation) \(right))"
            }
            return result
        }

        private mutating func term() -> String? {
            guard var result = unary() else { return nil }
            while let token = current {
                switch token {
                case .symbol("*"), .symbol("/"), .command("times"), .command("cdot"):
                    index += 1
                    let operation = token == .symbol("/") ? "/" : "*"
                    guard let right = unary() else { return nil }
                    result = "(\(result) \(operation) \(right))"
                case .number, .symbol("("), .symbol("{"), .command("frac"), .command("sqrt"), .command("ln"),
                    .command("log"), .command("exp"), .word("e"):
                    // Implicit product: `2\sqrt{3}`, `3(1 + 2)`.
                    guard let right = unary() else { return nil }
                    result = "(\(result) * \(right))"
                default:
                    return result
                }
            }
            return result
        }

        private mutating func unary() -> String? {
            if case .symbol("-")? = current {
                index += 1
                return unary().map { "(-\($0))" }
            }
            if case .symbol("+")? = current {
                index += 1
                return unary()
            }
            return power()
        }

        private mutating func power() -> String? {
            guard let base = atom() else { return nil }
            if case .symbol("^")? = current {
                index += 1
                guard let exponent = exponentAtom() else { return nil }
                return "Foundation.pow(\(base), \(exponent))"
            }
            return base
        }

        /// `^2` takes one digit; `^{…}` a group.
        private mutating func exponentAtom() -> String? {
            if case .number(let digits)? = current {
                index += 1
                // `e^23` is e² · 3 in TeX: the exponent is the first digit only.
                if digits.count > 1 {
                    tokens.insert(.number(String(digits.dropFirst())), at: index)
                    return "Double(\(digits.prefix(1)))"
                }
                return "Double(\(digits))"
            }
            return atom()
        }

        private mutating func atom() -> String? {
            guard let token = current else { return nil }
            switch token {
            case .number(let digits):
                index += 1
                return "Double(\(digits.hasPrefix(".") ? "0" + digits : digits))"
            case .symbol("("), .symbol("["):
                index += 1
                guard let inner = expression(), case .symbol(let close)? = current, close == ")" || close == "]" else { return nil }
                index += 1
                return "(\(inner))"
            case .symbol("{"):
                index += 1
                guard let inner = expression(), case .symbol("}")? = current else { return nil }
                index += 1
                return "(\(inner))"
            case .command("frac"):
                index += 1
                guard let numerator = group(), let denominator = group() else { return nil }
                return "(\(numerator) / \(denominator))"
            case .command("sqrt"):
                index += 1
                guard let radicand = group() else { return nil }
                return "Foundation.sqrt(\(radicand))"
            case .command("ln"), .command("log"), .command("exp"):
                index += 1
                guard case .command(let name) = token, let argument = power() else { return nil }
                return name == "exp" ? "Foundation.exp(\(argument))" : "Foundation.log(\(argument))"
            case .word("e"):
                // Euler's number, almost always as e^{…}.
                index += 1
                if case .symbol("^")? = current {
                    index += 1
                    guard let exponent = exponentAtom() else { return nil }
                    return "Foundation.exp(\(exponent))"
                }
                return "M_E"
            default:
                return nil
            }
        }

        /// `{…}` or a single atom, as TeX reads a command's argument.
        private mutating func group() -> String? {
            if case .symbol("{")? = current { return atom() }
            return atom()
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
