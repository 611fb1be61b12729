import GalleyRecords

/// Splits a TeX formula into tokens, dropping what only changes how it looks: spacing
/// (`\,`, `\quad`), delimiter sizes (`\left`, `\bigl`), font changes (`\mathbf`), `\tag{…}`.
enum FormulaTokenizer {
    /// Functions the checked-formula parser knows, by the names TeX and plain text give them.
    static let functions: Set<String> = [
        "exp", "ln", "log", "sqrt", "max", "min", "tanh", "sinh", "cosh", "sin", "cos", "abs",
    ]

    /// Greek letters, by command name.
    static let greek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
        "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
        "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ",
        "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
        "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "ell": "ℓ",
    ]

    /// Commands that change only the look of what follows.
    static let invisible: Set<String> = [
        ",", ";", ":", "!", " ", "quad", "qquad", "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr",
        "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr", "displaystyle", "textstyle", "limits", "nolimits",
        "mathbf", "boldsymbol", "bm", "mathit", "mathnormal", "nonumber", "notag",
    ]

    /// The Greek letters written as themselves (`σ`), to their names as symbols.
    static let greekLetters: [Unicode.Scalar: String] = Dictionary(
        greek.values.compactMap { letter in letter.unicodeScalars.first.map { ($0, letter) } },
        uniquingKeysWith: { first, _ in first })

    /// Words that join two equations or introduce a condition: text, never a symbol's name.
    static let connectives: Set<String> = ["and", "or", "if", "when", "for", "where", "otherwise", "else"]

    /// Commands whose argument is text: read as it is, not as math.
    static let textual: Set<String> = ["text", "textrm", "textit", "mathrm", "operatorname", "mbox", "textnormal"]

    static func tokens(_ tex: String) -> [FormulaToken] {
        let scalars = Array(tex.unicodeScalars)
        var tokens: [FormulaToken] = []
        var index = 0
        func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A
        }
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }
        /// The text of a `{…}` group starting at `start`, and the index after it.
        func group(from start: Int) -> (String, Int)? {
            var position = start
            while position < scalars.count, scalars[position] == " " { position += 1 }
            guard position < scalars.count, scalars[position] == "{" else { return nil }
            var depth = 0
            var text = String.UnicodeScalarView()
            while position < scalars.count {
                let scalar = scalars[position]
                if scalar == "{" { depth += 1 }
                if scalar == "}" { depth -= 1 }
                position += 1
                if depth == 0 { return (String(text), position) }
                if depth > 1 || scalar != "{" { text.append(scalar) }
            }
            return nil
        }
        while index < scalars.count {
            let scalar = scalars[index]
            let start = index
            let before = tokens.count
            // The step's last token ends where the step ended (a command with its group); letters
            // split from one word keep their one-character ends.
            defer { if tokens.count > before { tokens[tokens.count - 1].end = index } }
            switch scalar {
            case " ", "\t", "\n", "\r":
                index += 1
            case "\\":
                index += 1
                var name = ""
                while index < scalars.count, isLetter(scalars[index]) {
                    name.unicodeScalars.append(scalars[index])
                    index += 1
                }
                if name.isEmpty, index < scalars.count {
                    name = String(scalars[index])
                    index += 1
                }
                if name == "\\" {
                    tokens.append(FormulaToken(kind: .rowBreak, offset: start))
                } else if name == "tag" || name == "label" {
                    if let (_, end) = group(from: index) { index = end }
                } else if invisible.contains(name) {
                    // `\left.` and `\right.` are empty delimiters.
                    if name == "left" || name == "right", index < scalars.count, scalars[index] == "." { index += 1 }
                } else if textual.contains(name), let (text, end) = group(from: index) {
                    index = end
                    let trimmed = text.trimmingSpaces
                    if connectives.contains(trimmed) {
                        tokens.append(FormulaToken(kind: .text(trimmed), offset: start))
                    } else if functions.contains(trimmed) {
                        tokens.append(FormulaToken(kind: .function(trimmed), offset: start))
                    } else if trimmed.isIdentifier {
                        tokens.append(FormulaToken(kind: .name(trimmed), offset: start))
                    } else {
                        tokens.append(FormulaToken(kind: .text(trimmed), offset: start))
                    }
                } else if name == "{" || name == "lbrace" || name == "}" || name == "rbrace" {
                    tokens.append(
                        FormulaToken(kind: .symbol(name == "{" || name == "lbrace" ? "(" : ")"), offset: start))
                } else if let letter = greek[name] {
                    tokens.append(FormulaToken(kind: .name(letter), offset: start))
                } else if functions.contains(name) {
                    tokens.append(FormulaToken(kind: .function(name), offset: start))
                } else {
                    tokens.append(FormulaToken(kind: .command(name), offset: start))
                }
            case _ where isDigit(scalar) || (scalar == "." && index + 1 < scalars.count && isDigit(scalars[index + 1])):
                var number = ""
                var seenPoint = false
                var grouped = false
                while index < scalars.count {
                    if isDigit(scalars[index]) {
                        number.unicodeScalars.append(scalars[index])
                        index += 1
                    } else if scalars[index] == ".", index + 1 < scalars.count, isDigit(scalars[index + 1]) {
                        // A point belongs to the number only with a digit after it: `= 1.` ends a
                        // sentence.
                        seenPoint = true
                        number.unicodeScalars.append(scalars[index])
                        index += 1
                    } else if !seenPoint, grouped || number.unicodeScalars.count <= 3,
                        let length = DigitGroups.math.separator(in: scalars, at: index)
                    {
                        // `37,500`, `36{,}838`, `4\,000`, `4~000`, `10\ 000`: one number.
                        grouped = true
                        index += length
                    } else {
                        break
                    }
                }
                tokens.append(FormulaToken(kind: .number(number), offset: start))
            case _ where isLetter(scalar):
                var word = ""
                while index < scalars.count, isLetter(scalars[index]) {
                    word.unicodeScalars.append(scalars[index])
                    index += 1
                }
                if functions.contains(word) {
                    tokens.append(FormulaToken(kind: .function(word), offset: start))
                } else {
                    // `ab` is a times b in TeX: one name per letter.
                    for (offset, letter) in word.unicodeScalars.enumerated() {
                        tokens.append(FormulaToken(kind: .name(String(letter)), offset: start + offset))
                    }
                }
            default:
                index += 1
                let symbol: FormulaToken.Kind
                switch scalar {
                case "−": symbol = .symbol("-")
                case "·", "⋅": symbol = .command("cdot")
                case "×": symbol = .command("times")
                case "≈": symbol = .command("approx")
                case "≠": symbol = .command("neq")
                case "≤": symbol = .command("le")
                case "≥": symbol = .command("ge")
                case "′": symbol = .symbol("'")
                default:
                    if let letter = greekLetters[scalar] {
                        symbol = .name(letter)
                    } else {
                        symbol = .symbol(Character(scalar))
                    }
                }
                tokens.append(FormulaToken(kind: symbol, offset: start))
            }
        }
        return tokens
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }

    /// Whether the text is a plain ASCII identifier: a letter or `_`, then letters, digits, `_`.
    var isIdentifier: Bool {
        func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || ((scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A)
        }
        guard let first = unicodeScalars.first, isLetter(first) else { return false }
        return unicodeScalars.allSatisfy { isLetter($0) || ($0.value >= 0x30 && $0.value <= 0x39) }
    }
}
