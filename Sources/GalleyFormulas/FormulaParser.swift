/// Recursive descent over the TeX a course writes: sums (+ −), products (× · * / and
/// implicit), signs, powers and subscripts, and atoms (numbers, symbols, `\frac`, `\sqrt`, known
/// functions, `\sum`/`\prod`/`\max`, `\delta_{ij}`, `cases`, derivatives). Anything else is an
/// error naming it.
struct FormulaParser {
    /// The formula's tokens; ``FormulaSides`` finds the sides on them before any is parsed.
    private(set) var tokens: [FormulaToken]
    private let scalars: [Unicode.Scalar]
    /// The next token to read; ``FormulaSides`` sets it to the start of each side it has parsed.
    var index = 0
    private var depth = 0

    init(_ tex: String) {
        scalars = Array(tex.unicodeScalars)
        tokens = FormulaTokenizer.tokens(tex)
    }

    /// The deepest tree a formula may build: walks of it recurse once per level.
    static let maximumDepth = 300

    static func parse(_ tex: String) throws(FormulaError) -> ParsedFormula {
        var parser = FormulaParser(tex)
        let formula = try parser.formula()
        for side in formula.equations.joined() where side.node.depth > maximumDepth {
            throw FormulaError("the formula is too long or nested too deeply to check")
        }
        return formula
    }

    /// Parses one side alone (closed arithmetic uses this): nil when tokens remain.
    static func parseSide(_ tex: String) throws(FormulaError) -> FormulaNode {
        var parser = FormulaParser(tex)
        let node = try parser.expression()
        guard parser.current == nil else { throw FormulaError("unexpected \(parser.describe(parser.current!))") }
        guard node.depth <= maximumDepth else {
            throw FormulaError("the formula is too long or nested too deeply to check")
        }
        return node
    }

    private var current: FormulaToken? { index < tokens.count ? tokens[index] : nil }
    private var next: FormulaToken? { index + 1 < tokens.count ? tokens[index + 1] : nil }

    private func isSymbol(_ character: Character) -> Bool {
        if case .symbol(character)? = current?.kind { return true }
        return false
    }

    private func isCommand(_ names: Set<String>) -> Bool {
        if case .command(let name)? = current?.kind { return names.contains(name) }
        return false
    }

    private mutating func expect(_ character: Character, _ context: String) throws(FormulaError) {
        guard isSymbol(character) else {
            throw FormulaError(
                "expected '\(character)' \(context), found \(current.map(describe) ?? "the end of the formula")")
        }
        index += 1
    }

    /// The formula as written from token `start` up to token `end`, without the spaces after it.
    func text(from start: Int, to end: Int) -> String {
        let lower = start < tokens.count ? tokens[start].offset : scalars.count
        let upper = end > start ? tokens[end - 1].end : lower
        var text = String(String.UnicodeScalarView(scalars[lower..<max(lower, upper)]))
        while let last = text.last, last == " " || last == "\n" { text.removeLast() }
        return text
    }

    func describe(_ token: FormulaToken) -> String {
        switch token.kind {
        case .number(let digits): "'\(digits)'"
        case .name(let name): "'\(name)'"
        case .function(let name): "'\\\(name)'"
        case .command(let name): "'\\\(name)'"
        case .text(let text): "'\\text{\(text)}'"
        case .symbol(let symbol): "'\(symbol)'"
        case .rowBreak: "'\\\\'"
        }
    }

    // MARK: - Equations

    private static let relations: Set<String> = ["approx"]
    static let otherRelations: Set<String> = [
        "neq", "ne", "le", "leq", "ge", "geq", "lt", "gt", "leftarrow", "rightarrow", "to", "equiv", "propto", "sim",
        "mapsto", "Rightarrow", "implies", "in",
    ]

    /// Whether a token ends an equation: `z = Wx + b, \qquad y = \sigma(z)` holds two.
    static func endsEquation(_ token: FormulaToken) -> Bool {
        switch token.kind {
        case .symbol(","), .symbol("."), .symbol(";"), .symbol("，"), .symbol("。"), .symbol("；"),
            .text("and"), .text("且"), .text("以及"):
            true
        default:
            false
        }
    }

    mutating func formula() throws(FormulaError) -> ParsedFormula {
        var equations: [[ParsedFormula.Side]] = []
        var sides: [ParsedFormula.Side] = []
        var approximate: [[Bool]] = []
        var relations: [Bool] = []
        while true {
            let start = index
            let node = try expression()
            sides.append(ParsedFormula.Side(node: node, tex: text(from: start, to: index)))
            guard let token = current else { break }
            switch token.kind {
            case .symbol("="), .command("approx"):
                relations.append(token.kind == .command("approx"))
                index += 1
            case _ where Self.endsEquation(token):
                index += 1
                equations.append(sides)
                approximate.append(relations)
                sides = []
                relations = []
                // A comma or full stop that ends the formula ends nothing more.
                if current == nil { return ParsedFormula(equations: equations, approximate: approximate) }
            case .symbol("<"), .symbol(">"):
                throw FormulaError("the relation \(describe(token)) cannot be checked: only = and \\approx can")
            case .command(let name) where Self.otherRelations.contains(name):
                throw FormulaError("the relation '\\\(name)' cannot be checked: only = and \\approx can")
            default:
                throw FormulaError("\(describe(token)) cannot be checked here")
            }
        }
        equations.append(sides)
        approximate.append(relations)
        return ParsedFormula(equations: equations, approximate: approximate)
    }

    // MARK: - Expressions

    mutating func expression() throws(FormulaError) -> FormulaNode {
        depth += 1
        defer { depth -= 1 }
        guard depth < 200 else { throw FormulaError("the formula is nested too deeply") }
        var result = try term()
        while case .symbol(let operation)? = current?.kind, operation == "+" || operation == "-" {
            index += 1
            result = .binary(operation, result, try term())
        }
        return result
    }

    private mutating func term() throws(FormulaError) -> FormulaNode {
        var result = try unary()
        while let token = current {
            switch token.kind {
            case .symbol("*"), .symbol("/"), .command("times"), .command("cdot"):
                index += 1
                result = .binary(token.kind == .symbol("/") ? "/" : "*", result, try unary())
            case .number, .name, .function, .symbol("("), .symbol("["), .symbol("{"),
                .command("frac"), .command("dfrac"), .command("tfrac"), .command("sum"), .command("prod"),
                .command("begin"), .command("partial"):
                // Implicit product: `2\sqrt{3}`, `a_i a_j`, `y \ln p`.
                result = .binary("*", result, try unary())
            default:
                return result
            }
        }
        return result
    }

    private mutating func unary() throws(FormulaError) -> FormulaNode {
        depth += 1
        defer { depth -= 1 }
        guard depth < 200 else { throw FormulaError("the formula is nested too deeply") }
        if isSymbol("-") {
            index += 1
            return .negate(try unary())
        }
        if isSymbol("+") {
            index += 1
            return try unary()
        }
        return try postfix()
    }

    /// An atom with the powers that follow it.
    private mutating func postfix() throws(FormulaError) -> FormulaNode {
        var node = try atom()
        // `\mathbf{z}_j`: a subscript on a symbol in a group.
        if case .symbol(let name, let indices) = node, indices.isEmpty, isSymbol("_") {
            index += 1
            node = .symbol(name, try subscriptIndices())
        }
        while isSymbol("^") {
            index += 1
            // `x^{(i)}` labels the i-th sample or layer; reading it as a power would be wrong.
            if case .symbol("{")? = current?.kind, case .symbol("(")? = next?.kind, case .symbol(let name, _) = node,
                name != "e"
            {
                throw FormulaError(
                    "a superscript in parentheses such as ^{(i)} is a label, not a power, and cannot be checked")
            }
            let exponent = try argument()
            if case .symbol("e", let indices) = node, indices.isEmpty {
                node = .function("exp", [exponent])
            } else if case .apply(let name, let inner, .none) = node {
                // Whether the power raises the call or only the parentheses depends on the value.
                node = .apply(name, inner, power: exponent)
            } else {
                node = .power(node, exponent)
            }
        }
        if isSymbol("_") { throw FormulaError("a subscript on something that is not a symbol cannot be checked") }
        return node
    }

    /// A command's or a power's argument: `{…}`, or one token (`x^2`, `e^x`, `\frac12`).
    private mutating func argument() throws(FormulaError) -> FormulaNode {
        guard let token = current else { throw FormulaError("the formula ends where an argument was expected") }
        switch token.kind {
        case .symbol("{"):
            index += 1
            let inner = try expression()
            try expect("}", "to close a group")
            return inner
        case .number(let digits) where digits.count > 1:
            // TeX reads one digit: `x^23` is x² · 3.
            index += 1
            let first = String(digits.prefix(1))
            tokens.insert(FormulaToken(kind: .number(String(digits.dropFirst())), offset: token.offset + 1), at: index)
            return .number(first)
        case .name(let name):
            // One symbol, nothing after it: `e^x(1+x)` is e^x · (1 + x), as TeX reads it.
            index += 1
            return .symbol(name, [])
        default:
            return try atom()
        }
    }

    private mutating func atom() throws(FormulaError) -> FormulaNode {
        depth += 1
        defer { depth -= 1 }
        guard depth < 200 else { throw FormulaError("the formula is nested too deeply") }
        guard let token = current else { throw FormulaError("the formula ends where a value was expected") }
        switch token.kind {
        case .number(let digits):
            index += 1
            return .number(digits)
        case .name(let name):
            index += 1
            return try named(name)
        case .function(let name):
            index += 1
            return try function(name)
        case .symbol("("), .symbol("["), .symbol("{"):
            index += 1
            let inner = try expression()
            guard case .symbol(let close)? = current?.kind, close == ")" || close == "]" || close == "}" else {
                throw FormulaError("an unclosed \(describe(token))")
            }
            index += 1
            return inner
        case .symbol("|"):
            index += 1
            let inner = try expression()
            try expect("|", "to close |…|")
            return .function("abs", [inner])
        case .command("frac"), .command("dfrac"), .command("tfrac"):
            index += 1
            return try fraction()
        case .command("sum"), .command("prod"):
            index += 1
            guard case .command(let name) = token.kind else { fatalError() }
            return try reduction(name == "sum" ? .sum : .product)
        case .command("begin"):
            index += 1
            return try environment()
        case .command("partial"):
            throw FormulaError("'\\partial' outside \\frac{\\partial …}{\\partial …} cannot be checked")
        default:
            throw FormulaError("\(describe(token)) cannot be checked")
        }
    }

    // MARK: - Symbols

    /// A symbol, with its subscripts, a prime, or the parentheses of a call.
    private mutating func named(_ name: String) throws(FormulaError) -> FormulaNode {
        var indices: [FormulaIndex] = []
        if isSymbol("_") {
            index += 1
            indices = try subscriptIndices()
            if name == "δ" {
                guard indices.count == 2 else { throw FormulaError("\\delta takes two indices, as in \\delta_{ij}") }
                return .kronecker(indices[0], indices[1])
            }
        }
        if isSymbol("'") {
            guard indices.isEmpty else { throw FormulaError("a prime on a subscripted symbol cannot be checked") }
            index += 1
            return .functionDerivative(.symbol(name), try parenthesized("\(name)'"))
        }
        if indices.isEmpty, isSymbol("(") {
            return .apply(name, try parenthesized(name))
        }
        return .symbol(name, indices)
    }

    private mutating func parenthesized(_ context: String) throws(FormulaError) -> FormulaNode {
        guard isSymbol("(") else { throw FormulaError("expected '(' after \(context)") }
        index += 1
        let inner = try expression()
        try expect(")", "after the argument of \(context)")
        return inner
    }

    /// `_j`, `_1`, `_{ij}`, `_{i,j}`, `_{i+1}`.
    private mutating func subscriptIndices() throws(FormulaError) -> [FormulaIndex] {
        guard let token = current else { throw FormulaError("a subscript is missing") }
        switch token.kind {
        case .name(let letter) where letter.isIndexLetter:
            index += 1
            return [.letter(letter)]
        case .number(let digits):
            index += 1
            if digits.count > 1 {
                tokens.insert(
                    FormulaToken(kind: .number(String(digits.dropFirst())), offset: token.offset + 1), at: index)
            }
            return [.number(Int(String(digits.prefix(1))) ?? 0)]
        case .symbol("{"):
            index += 1
            var indices: [FormulaIndex] = []
            while !isSymbol("}") {
                guard let item = current else { throw FormulaError("an unclosed subscript") }
                switch item.kind {
                case .name(let letter) where letter.isIndexLetter:
                    index += 1
                    var offset = 0
                    if case .symbol(let sign)? = current?.kind, sign == "+" || sign == "-",
                        case .number(let digits)? = next?.kind, let value = Int(digits)
                    {
                        index += 2
                        offset = sign == "+" ? value : -value
                    }
                    indices.append(FormulaIndex(letter: letter, offset: offset))
                case .number(let digits):
                    index += 1
                    guard let value = Int(digits) else {
                        throw FormulaError("the subscript '\(digits)' is not a whole number")
                    }
                    indices.append(.number(value))
                case .symbol(","):
                    index += 1
                default:
                    throw FormulaError(
                        "the subscript \(describe(item)) cannot be checked: subscripts are indices such as i, j, 1 or i+1"
                    )
                }
            }
            index += 1
            guard !indices.isEmpty else { throw FormulaError("an empty subscript") }
            return indices
        default:
            throw FormulaError(
                "the subscript \(describe(token)) cannot be checked: subscripts are indices such as i, j, 1 or i+1")
        }
    }

    // MARK: - Functions

    private mutating func function(_ name: String) throws(FormulaError) -> FormulaNode {
        switch name {
        case "sqrt":
            if isSymbol("[") { throw FormulaError("'\\sqrt[n]' cannot be checked; write a power") }
            return .function("sqrt", [try argument()])
        case "max", "min":
            if isSymbol("_") {
                index += 1
                return try reduction(name == "max" ? .maximum : .minimum, subscriptRead: true)
            }
            guard isSymbol("(") else {
                throw FormulaError(
                    "\\\(name) takes its values in parentheses, as in \\\(name)(0, x), or an index, as in \\\(name)_i")
            }
            index += 1
            var arguments = [try expression()]
            while isSymbol(",") {
                index += 1
                arguments.append(try expression())
            }
            try expect(")", "after the values of \\\(name)")
            return .function(name, arguments)
        default:
            // `\tanh^2(x)` is (tanh x)²; `\tanh'(x)` its derivative.
            var exponent: FormulaNode?
            if isSymbol("^") {
                index += 1
                exponent = try argument()
                if exponent == .negate(.number("1")) {
                    throw FormulaError("'\\\(name)^{-1}' (the inverse function) cannot be checked")
                }
            }
            if isSymbol("'") {
                index += 1
                let derivative = FormulaNode.functionDerivative(.known(name), try parenthesized("\\\(name)'"))
                return exponent.map { .power(derivative, $0) } ?? derivative
            }
            let value: FormulaNode
            if isSymbol("(") || isSymbol("{") {
                value = .function(name, [try argument()])
            } else {
                // `\ln a_j`, `\exp x`, `\ln 0.879`: the next factor with its powers.
                value = .function(name, [try postfix()])
            }
            return exponent.map { .power(value, $0) } ?? value
        }
    }

    // MARK: - Fractions and derivatives

    private mutating func fraction() throws(FormulaError) -> FormulaNode {
        if let derivative = try derivative() { return derivative }
        let numerator = try argument()
        let denominator = try argument()
        return .binary("/", numerator, denominator)
    }

    /// `\frac{\partial a_j}{\partial z_i}`, `\frac{dy}{dx}`, `\frac{\partial}{\partial x} f(x)`;
    /// nil when the fraction is not a derivative.
    private mutating func derivative() throws(FormulaError) -> FormulaNode? {
        guard isSymbol("{"), let marker = next, Self.isDifferential(marker) else { return nil }
        // The denominator must be a differential too; find it after the numerator's group.
        var position = index
        var level = 0
        repeat {
            if case .symbol("{") = tokens[position].kind { level += 1 }
            if case .symbol("}") = tokens[position].kind { level -= 1 }
            position += 1
        } while level > 0 && position < tokens.count
        guard position + 1 < tokens.count, case .symbol("{") = tokens[position].kind,
            Self.isDifferential(tokens[position + 1])
        else { return nil }

        index += 2  // `{` and `\partial` or `d`
        if isSymbol("^") { throw FormulaError("higher derivatives cannot be checked") }
        var numerator: FormulaNode?
        if !isSymbol("}") { numerator = try expression() }
        try expect("}", "after the numerator of a derivative")
        try expect("{", "before the denominator of a derivative")
        index += 1
        let braced = isSymbol("{")
        if braced { index += 1 }
        guard case .name(let variable)? = current?.kind else {
            throw FormulaError("a derivative is taken with respect to a symbol, as in \\partial z_i")
        }
        index += 1
        var indices: [FormulaIndex] = []
        if isSymbol("_") {
            index += 1
            indices = try subscriptIndices()
        }
        if braced { try expect("}", "after the variable of a derivative") }
        if isSymbol("^") { throw FormulaError("higher derivatives cannot be checked") }
        try expect("}", "after the denominator of a derivative")
        // `\frac{\partial}{\partial x} f(x)`: the derivative of what follows.
        let body: FormulaNode
        if let numerator { body = numerator } else { body = try term() }
        // The variation of an inner derivative would replace the outer one's.
        if body.containsDerivative { throw FormulaError("higher derivatives cannot be checked") }
        return .derivative(of: body, variable: variable, indices: indices)
    }

    private static func isDifferential(_ token: FormulaToken) -> Bool {
        switch token.kind {
        case .command("partial"), .name("d"): true
        default: false
        }
    }

    // MARK: - Sums, products, maxima

    /// `\sum_i`, `\sum_{i=1}^{m}`, `\sum_{j \neq i}`, and the same for `\prod`, `\max_i`, `\min_i`;
    /// the body is the product that follows.
    private mutating func reduction(_ kind: FormulaReduction.Kind, subscriptRead: Bool = false) throws(FormulaError)
        -> FormulaNode
    {
        let name = "\\" + (kind == .sum ? "sum" : kind == .product ? "prod" : kind == .maximum ? "max" : "min")
        if !subscriptRead {
            guard isSymbol("_") else { throw FormulaError("\(name) without an index (\(name)_i) cannot be checked") }
            index += 1
        }
        var variable: String
        var lower: FormulaNode?
        var upper: FormulaNode?
        var except: FormulaIndex?
        if case .name(let letter)? = current?.kind, letter.isIndexLetter {
            index += 1
            variable = letter
        } else {
            try expect("{", "after \(name)_")
            guard case .name(let letter)? = current?.kind, letter.isIndexLetter else {
                throw FormulaError("\(name) runs over an index such as i or j")
            }
            index += 1
            variable = letter
            if isSymbol("=") {
                index += 1
                lower = try expression()
            } else if isCommand(["neq", "ne"]) {
                index += 1
                guard case .name(let other)? = current?.kind, other.isIndexLetter else {
                    throw FormulaError("\(name)_{\(variable) \\neq …} leaves out an index such as i")
                }
                index += 1
                except = .letter(other)
            }
            try expect("}", "after the index of \(name)")
        }
        if isSymbol("^") {
            index += 1
            upper = try argument()
            if lower == nil {
                throw FormulaError("\(name) with an upper bound needs a lower one, as in \(name)_{\(variable)=1}^{m}")
            }
        } else if lower != nil {
            throw FormulaError("\(name)_{\(variable)=…} needs an upper bound, as in \(name)_{\(variable)=1}^{m}")
        }
        let body = try term()
        return .reduction(
            FormulaReduction(kind: kind, index: variable, lower: lower, upper: upper, except: except, body: body))
    }

    // MARK: - cases

    private mutating func environment() throws(FormulaError) -> FormulaNode {
        let name = try environmentName()
        guard name == "cases" else { throw FormulaError("'\\begin{\(name)}' cannot be checked") }
        var rows: [FormulaCase] = []
        while true {
            if isCommand(["end"]) {
                index += 1
                _ = try environmentName()
                break
            }
            guard current != nil else { throw FormulaError("\\begin{cases} without \\end{cases}") }
            let value = try expression()
            // `a_j(1 - a_j), & i = j`: the comma before `&` is punctuation, as textbooks write it.
            while isSymbol(",") || isSymbol(";") { index += 1 }
            var condition: FormulaCondition?
            if isSymbol("&") {
                index += 1
                condition = try caseCondition()
            }
            rows.append(FormulaCase(value: value, condition: condition))
            while isSymbol(",") || isSymbol(";") || isSymbol(".") { index += 1 }
            if case .rowBreak? = current?.kind { index += 1 }
        }
        guard !rows.isEmpty else { throw FormulaError("an empty \\begin{cases}") }
        if rows.dropLast().contains(where: { $0.condition == nil }) {
            throw FormulaError("a case without a condition (otherwise) must be the last; is an '&' missing?")
        }
        return .cases(rows)
    }

    private mutating func environmentName() throws(FormulaError) -> String {
        try expect("{", "after \\begin or \\end")
        var name = ""
        while let token = current, !isSymbol("}") {
            if case .name(let letter) = token.kind {
                name += letter
            } else if case .symbol(let symbol) = token.kind {
                name.append(symbol)
            }
            index += 1
        }
        try expect("}", "after an environment's name")
        return name
    }

    private static let otherwise: Set<String> = ["otherwise", "else", "其他", "其它", "否则", "其余"]
    private static let conditionWords: Set<String> = ["if", "when", "for", "and", "当", "若", "如果", "且", "时"]

    /// `i = j`, `i \neq j`, `x > 0`, `\text{otherwise}`; nil for otherwise (or nothing).
    private mutating func caseCondition() throws(FormulaError) -> FormulaCondition? {
        var comparisons: [FormulaCondition.Comparison] = []
        while let token = current {
            if case .rowBreak = token.kind { break }
            if isCommand(["end"]) { break }
            var words: [String]?
            switch token.kind {
            case .text(let text): words = text.split(separator: " ").map(String.init)
            case .name(let name) where name.unicodeScalars.count > 1: words = [name]
            case .symbol(","), .symbol(";"), .symbol("."):
                // Punctuation between or after conditions: `x > 0,` or `\text{otherwise}.`
                index += 1
                continue
            default: break
            }
            if let words {
                if words.contains(where: { Self.otherwise.contains($0) }) {
                    index += 1
                    return nil
                }
                guard words.allSatisfy({ Self.conditionWords.contains($0) }) else {
                    throw FormulaError("the condition \(describe(token)) cannot be checked")
                }
                index += 1
                continue
            }
            let left = try expression()
            guard let relation = conditionRelation() else {
                throw FormulaError(
                    "a case's condition compares two values, as in i = j or x > 0; found \(current.map(describe) ?? "the end")"
                )
            }
            let right = try expression()
            comparisons.append(.init(left: left, relation: relation, right: right))
        }
        return comparisons.isEmpty ? nil : FormulaCondition(comparisons: comparisons)
    }

    private mutating func conditionRelation() -> FormulaCondition.Relation? {
        guard let token = current else { return nil }
        let relation: FormulaCondition.Relation?
        switch token.kind {
        case .symbol("="): relation = .equal
        case .symbol("<"), .command("lt"): relation = .less
        case .symbol(">"), .command("gt"): relation = .greater
        case .command("neq"), .command("ne"): relation = .notEqual
        case .command("le"), .command("leq"): relation = .lessOrEqual
        case .command("ge"), .command("geq"): relation = .greaterOrEqual
        default: relation = nil
        }
        if relation != nil { index += 1 }
        return relation
    }
}

extension String {
    /// Index letters are single Latin letters (i, j, k, m, n…).
    var isIndexLetter: Bool {
        unicodeScalars.count == 1
            && ((unicodeScalars.first!.value | 0x20) >= 0x61 && (unicodeScalars.first!.value | 0x20) <= 0x7A)
    }
}
