import GalleyRecords

/// A formula the author asked to be checked, translated into one Swift expression that the
/// chapter's program evaluates after its blocks: it computes every pair of neighbouring sides for
/// every value of their free indices and reports the values to Galley, which compares them.
///
/// Nothing is evaluated here: the Swift is compiled with the chapter, like its blocks.
public struct FormulaCheck: Equatable, Sendable {
    /// Two neighbouring sides of a relation.
    public struct Pair: Equatable, Sendable {
        public var leftTeX: String
        public var rightTeX: String
        /// The indices free in the pair (j in `a_j = …`), checked for every value, in the order
        /// the reported rows give their values.
        public var freeIndices: [String]
        /// Whether a side takes a derivative, computed by central differences (compared to a
        /// relative 10⁻⁶ rather than 10⁻⁹).
        public var hasDerivative: Bool
        /// A side written as a bare number (`0.123`, `1`), if one is.
        public var written: Written?

        /// The number a side is written as, and how it is compared.
        public struct Written: Equatable, Sendable {
            public var text: String
            public var isRight: Bool
            /// True for a number with decimals or after `\approx`: its decimals set the
            /// precision. A whole number after `=` is compared exactly.
            public var setsPrecision: Bool
        }

        /// The written number whose decimals set the precision, if there is one.
        public var writtenNumber: String? { written?.setsPrecision == true ? written?.text : nil }
        public var writtenIsRight: Bool { written?.isRight ?? false }
    }

    public var pairs: [Pair]
    /// The formula's last side as written, which a formula after it that starts with `=` continues.
    public var lastSide: String
    /// A Swift expression of type `FormulaValues`.
    public var swift: String
    public var comment: CheckComment

    /// Translates a formula and the bindings of its check comment.
    /// - Parameter previousSide: the last side of the formula before, which a formula that
    ///   starts with `=` continues.
    public static func translate(_ tex: String, comment: CheckComment, previousSide: String? = nil) throws(FormulaError)
        -> FormulaCheck
    {
        var tex = tex
        if let previousSide, tex.trimmingCharacters(in: " \n\t").hasPrefix("=") { tex = previousSide + " " + tex }
        let formula = try FormulaParser.parse(tex)
        var translator = FormulaTranslator(comment: comment)
        return try translator.translate(formula)
    }
}

/// Works out the symbols, indices and derivatives of a parsed formula and writes its Swift.
struct FormulaTranslator {
    let comment: CheckComment
    /// Value symbols in order of first use; a symbol's position is its slot in the environment.
    private var slots: [String] = []
    /// Letters used as indices anywhere in the formula, in order of first use.
    private var indexLetters: [String] = []
    /// The `switch` cases of the evaluating function, by number.
    private var cases: [String] = []

    init(comment: CheckComment) { self.comment = comment }

    mutating func translate(_ formula: ParsedFormula) throws(FormulaError) -> FormulaCheck {
        var names = Set<String>()
        for binding in comment.bindings {
            guard names.insert(binding.name).inserted else {
                throw FormulaError("'\(binding.name)' is bound twice in the check comment")
            }
        }
        let sides = formula.equations.flatMap { $0 }
        for side in sides { collectIndexLetters(side.node) }
        for side in sides { try collectSymbols(side.node) }

        var pairs: [FormulaCheck.Pair] = []
        var pairSwift: [String] = []
        // A condition of the comment (`i != j`) applies to the pairs in which all its indices are free.
        let conditionLetters = comment.conditions.map { Self.identifiers($0).intersection(indexLetters) }
        var conditionUsed = Array(repeating: false, count: comment.conditions.count)
        for (number, equation) in formula.equations.enumerated() {
            for (position, (left, right)) in zip(equation, equation.dropFirst()).enumerated() {
                let free = freeLetters(left.node, bound: []).union(freeLetters(right.node, bound: []))
                let ordered = free.sorted()
                var countCases: [Int] = []
                for letter in ordered {
                    let uses = usages(of: letter, in: left.node) + usages(of: letter, in: right.node)
                    guard !uses.isEmpty else {
                        throw FormulaError(
                            "the index \(letter) indexes no vector in '\(left.tex) = \(right.tex)', so its values are unknown"
                        )
                    }
                    countCases.append(addCase("return Double(\(countExpression(letter, uses)))"))
                }
                let applying = comment.conditions.indices.filter {
                    !conditionLetters[$0].isEmpty && conditionLetters[$0].isSubset(of: free)
                }
                for condition in applying { conditionUsed[condition] = true }
                let conditionCase =
                    applying.isEmpty
                    ? -1
                    : addCase(
                        "return (\(applying.map { "(\(comment.conditions[$0]))" }.joined(separator: " && "))) ? 1 : 0")
                let leftCase = addCase("return \(try swift(left.node))")
                let rightCase = addCase("return \(try swift(right.node))")
                // A number written with decimals (or after \approx) is checked at its precision; a
                // whole number after `=` is exact: `\sum_j a_j = 1` must not pass at 1.4.
                let isApproximate = formula.approximate[number][position]
                let written =
                    (ClosedArithmetic.bareNumber(right.tex).map { ($0, true) }
                    ?? ClosedArithmetic.bareNumber(left.tex).map { ($0, false) })
                    .map { text, isRight in
                        FormulaCheck.Pair.Written(
                            text: text, isRight: isRight,
                            setsPrecision: isApproximate
                                || text.contains(where: { $0 == "." || $0 == "%" || $0 == "e" || $0 == "E" }))
                    }
                pairs.append(
                    FormulaCheck.Pair(
                        leftTeX: left.tex, rightTeX: right.tex, freeIndices: ordered,
                        hasDerivative: left.node.containsDerivative || right.node.containsDerivative, written: written))
                let positions = ordered.map { letter in indexLetters.firstIndex(of: letter)! }
                pairSwift.append(
                    "\(GeneratedName.formulaPairType)(left: \(leftCase), right: \(rightCase), free: \(positions), counts: \(countCases), condition: \(conditionCase))"
                )
            }
        }
        guard !pairs.isEmpty else {
            throw FormulaError("the formula relates nothing: there is no = or \\approx to check")
        }
        if let unused = conditionUsed.firstIndex(of: false) {
            throw FormulaError(
                "the condition '\(comment.conditions[unused])' names no index that is free in a pair of sides")
        }
        return FormulaCheck(
            pairs: pairs, lastSide: formula.equations.last?.last?.tex ?? "", swift: program(pairs: pairSwift),
            comment: comment)
    }

    // MARK: - The program

    private func program(pairs: [String]) -> String {
        let environment = environmentFunction()
        let indices = indexLetters.enumerated().map { "let `\($1)` = \(GeneratedName.indices)[\($0)]" }
        let body = (indices.isEmpty ? ["_ = \(GeneratedName.indices)"] : indices).joined(separator: "; ")
        let switchCases = cases.enumerated().map { "case \($0): \($1)" }.joined(separator: "; ")
        let evaluate =
            "func \(GeneratedName.evaluate)(_ \(GeneratedName.values): [\(GeneratedName.valueType)], _ \(GeneratedName.caseNumber): Int, _ \(GeneratedName.indices): [Int]) -> Double { \(body); switch \(GeneratedName.caseNumber) { \(switchCases); default: return .nan } }"
        let check =
            "return \(GeneratedName.checkFormula)(\(GeneratedName.environment), \(GeneratedName.evaluate), indexCount: \(indexLetters.count), pairs: [\(pairs.joined(separator: ", "))])"
        return "{ () -> FormulaValues in \(environment); \(evaluate); \(check) }()"
    }

    /// The function that computes every symbol's value, the check comment's bindings run in
    /// order; with a variation, one input is moved by a small step first, for a derivative.
    private func environmentFunction() -> String {
        var statements: [String] = []
        let bound = Set(comment.bindings.map(\.name))
        for variable in derivativeVariables where !bound.contains(variable) {
            statements.append(
                "let `\(variable)` = \(GeneratedName.binding)(`\(variable)`, \(SwiftLiteral.string(variable)), \(GeneratedName.variation))"
            )
        }
        for binding in comment.bindings {
            statements.append(
                "let `\(binding.name)` = \(GeneratedName.binding)(\(binding.expression), \(SwiftLiteral.string(binding.name)), \(GeneratedName.variation))"
            )
        }
        let values = slots.map { "\(GeneratedName.valueType)(`\($0)`, \(SwiftLiteral.string($0)))" }.joined(
            separator: ", ")
        statements.append("return [\(values)]")
        return
            "func \(GeneratedName.environment)(_ \(GeneratedName.variation): \(GeneratedName.variationType)?) -> [\(GeneratedName.valueType)] { \(statements.joined(separator: "; ")) }"
    }

    private var derivativeVariables: [String] = []

    private mutating func addCase(_ statement: String) -> Int {
        cases.append(statement)
        return cases.count - 1
    }

    // MARK: - Symbols and indices

    private mutating func collectIndexLetters(_ node: FormulaNode) {
        func add(_ index: FormulaIndex) {
            if let letter = index.letter, !indexLetters.contains(letter) { indexLetters.append(letter) }
        }
        switch node {
        case .symbol(_, let indices):
            indices.forEach(add)
        case .kronecker(let a, let b):
            add(a)
            add(b)
        case .reduction(let reduction):
            add(.letter(reduction.index))
            reduction.except.map(add)
        case .derivative(_, _, let indices):
            indices.forEach(add)
        default:
            break
        }
        node.children.forEach { collectIndexLetters($0) }
    }

    private func isIndex(_ name: String) -> Bool { indexLetters.contains(name) }

    private mutating func collectSymbols(_ node: FormulaNode) throws(FormulaError) {
        func use(_ name: String) {
            if !slots.contains(name) { slots.append(name) }
        }
        switch node {
        case .symbol(let name, let indices):
            if !(indices.isEmpty && isIndex(name)) { use(name) }
        case .apply(let name, _, _):
            if !isIndex(name) { use(name) }
        case .functionDerivative(.symbol(let name), _):
            use(name)
        case .derivative(let body, let variable, _):
            use(variable)
            if !derivativeVariables.contains(variable) { derivativeVariables.append(variable) }
            try checkDependence(body, on: variable)
        default:
            break
        }
        for child in node.children { try collectSymbols(child) }
    }

    /// A derivative is computed by moving the variable and computing the numerator again, so the
    /// numerator must depend on the variable through the check comment's bindings: the chapter's
    /// own code does not run again.
    private func checkDependence(_ body: FormulaNode, on variable: String) throws(FormulaError) {
        var dependents: Set<String> = [variable]
        for binding in comment.bindings where binding.name != variable {
            if !Self.identifiers(binding.expression).isDisjoint(with: dependents) { dependents.insert(binding.name) }
        }
        let used = body.valueNames.filter { !isIndex($0) }
        guard used.isDisjoint(with: dependents) else { return }
        let names = used.sorted().map { "'\($0)'" }.joined(separator: ", ")
        let example = used.sorted().first ?? "a"
        throw FormulaError(
            "the derivative with respect to \(variable) cannot be computed: \(names.isEmpty ? "nothing" : names) does not depend on '\(variable)' through the check comment's bindings; bind it there, as in <!-- check: \(example) = f(\(variable)) -->"
        )
    }

    /// Index letters free in a node: used and not bound by a sum around them.
    private func freeLetters(_ node: FormulaNode, bound: Set<String>) -> Set<String> {
        var free = Set<String>()
        func add(_ index: FormulaIndex) {
            if let letter = index.letter, !bound.contains(letter) { free.insert(letter) }
        }
        switch node {
        case .symbol(let name, let indices):
            indices.forEach(add)
            if indices.isEmpty, isIndex(name), !bound.contains(name) { free.insert(name) }
        case .apply(let name, _, _):
            if isIndex(name), !bound.contains(name) { free.insert(name) }
        case .kronecker(let a, let b):
            add(a)
            add(b)
        case .derivative(let body, _, let indices):
            indices.forEach(add)
            return free.union(freeLetters(body, bound: bound))
        case .reduction(let reduction):
            reduction.except.map(add)
            var inner = bound
            inner.insert(reduction.index)
            for limit in [reduction.lower, reduction.upper].compactMap({ $0 }) {
                free.formUnion(freeLetters(limit, bound: bound))
            }
            return free.union(freeLetters(reduction.body, bound: inner))
        default:
            break
        }
        for child in node.children { free.formUnion(freeLetters(child, bound: bound)) }
        return free
    }

    /// Where a letter indexes a symbol, as (slot, dimension), outside sums that bind it again.
    private func usages(of letter: String, in node: FormulaNode) -> [(slot: Int, dimension: Int)] {
        var found: [(Int, Int)] = []
        switch node {
        case .symbol(let name, let indices), .derivative(_, let name, let indices):
            if let slot = slots.firstIndex(of: name) {
                for (dimension, index) in indices.enumerated() where index.letter == letter && index.offset == 0 {
                    found.append((slot, dimension))
                }
            }
        case .reduction(let reduction) where reduction.index == letter:
            return found
        default:
            break
        }
        for child in node.children { found += usages(of: letter, in: child) }
        return found
    }

    private func countExpression(_ letter: String, _ uses: [(slot: Int, dimension: Int)]) -> String {
        let sizes = uses.map {
            "(\(SwiftLiteral.string(slots[$0.slot])), \(GeneratedName.values)[\($0.slot)].count(\($0.dimension)))"
        }
        return "\(GeneratedName.count)(\(SwiftLiteral.string(letter)), [\(sizes.joined(separator: ", "))])"
    }

    // MARK: - Swift

    mutating func swift(_ node: FormulaNode) throws(FormulaError) -> String {
        switch node {
        case .number(let digits):
            return "Double(\(digits.hasPrefix(".") ? "0" + digits : digits))"
        case .symbol(let name, let indices):
            if indices.isEmpty, isIndex(name) { return "Double(`\(name)`)" }
            let slot = slots.firstIndex(of: name)!
            return indices.isEmpty
                ? "\(GeneratedName.values)[\(slot)].scalar"
                : "\(GeneratedName.values)[\(slot)].at(\(indexList(indices)))"
        case .negate(let value):
            return "(-\(try swift(value)))"
        case .binary(let operation, let left, let right):
            return "(\(try swift(left)) \(operation) \(try swift(right)))"
        case .power(let base, let exponent):
            return "Foundation.pow(\(try swift(base)), \(try swift(exponent)))"
        case .function(let name, let arguments):
            var values: [String] = []
            for argument in arguments { values.append(try swift(argument)) }
            switch name {
            case "max", "min":
                guard values.count >= 2 else {
                    throw FormulaError("\\\(name) of one value; write \\\(name)(a, b) or \\\(name)_i")
                }
                return "Swift.\(name)(\(values.joined(separator: ", ")))"
            default:
                return "\(Self.swiftFunction(name))(\(values[0]))"
            }
        case .apply(let name, let argument, let power):
            // `i(i + 1)` with i an index is a product.
            if isIndex(name) {
                var factor = try swift(argument)
                if let power { factor = "Foundation.pow(\(factor), \(try swift(power)))" }
                return "(Double(`\(name)`) * \(factor))"
            }
            let slot = "\(GeneratedName.values)[\(slots.firstIndex(of: name)!)]"
            if let power { return "\(slot).apply(\(try swift(argument)), power: \(try swift(power)))" }
            return "\(slot).apply(\(try swift(argument)))"
        case .functionDerivative(let function, let argument):
            let body: String
            switch function {
            case .known(let name): body = "\(Self.swiftFunction(name))($0)"
            case .symbol(let name): body = "\(GeneratedName.values)[\(slots.firstIndex(of: name)!)].call($0)"
            }
            return "\(GeneratedName.slope)({ \(body) }, at: \(try swift(argument)))"
        case .reduction(let reduction):
            let range: String
            if let lower = reduction.lower, let upper = reduction.upper {
                range = "\(GeneratedName.whole)(\(try swift(lower))), \(GeneratedName.whole)(\(try swift(upper)))"
            } else {
                let uses = usages(of: reduction.index, in: reduction.body)
                guard !uses.isEmpty else {
                    throw FormulaError(
                        "the index \(reduction.index) of a sum indexes no vector in it, so its values are unknown; give bounds, as in \\sum_{\(reduction.index)=1}^{n}"
                    )
                }
                range = "1, \(countExpression(reduction.index, uses))"
            }
            let except = reduction.except.map { ", except: \(indexExpression($0))" } ?? ""
            return
                "\(GeneratedName.reduce)(.\(reduction.kind.rawValue), \(range)\(except)) { (`\(reduction.index)`: Int) -> Double in \(try swift(reduction.body)) }"
        case .kronecker(let a, let b):
            return "(\(indexExpression(a)) == \(indexExpression(b)) ? 1.0 : 0.0)"
        case .cases(let rows):
            var result = "\(GeneratedName.noCase)()"
            for row in rows.reversed() {
                let value = try swift(row.value)
                guard let condition = row.condition else {
                    result = value
                    continue
                }
                var tests: [String] = []
                for comparison in condition.comparisons {
                    tests.append(
                        "\(try swift(comparison.left)) \(comparison.relation.rawValue) \(try swift(comparison.right))")
                }
                result = "(\(tests.joined(separator: " && ")) ? \(value) : \(result))"
            }
            return result
        case .derivative(let body, let variable, let indices):
            let numerator = addCase("return \(try swift(body))")
            let slot = slots.firstIndex(of: variable)!
            let current = indexLetters.map { "`\($0)`" }.joined(separator: ", ")
            let point =
                indices.isEmpty
                ? "\(GeneratedName.values)[\(slot)].scalar"
                : "\(GeneratedName.values)[\(slot)].at(\(indexList(indices)))"
            return
                "\(GeneratedName.derivative)({ \(GeneratedName.evaluate)(\(GeneratedName.environment)($0), \(numerator), [\(current)]) }, \(SwiftLiteral.string(variable)), \(indexList(indices)), at: \(point))"
        }
    }

    private func indexExpression(_ index: FormulaIndex) -> String {
        guard let letter = index.letter else { return String(index.offset) }
        return index.offset == 0 ? "`\(letter)`" : "(`\(letter)` \(index.offset > 0 ? "+" : "-") \(abs(index.offset)))"
    }

    private func indexList(_ indices: [FormulaIndex]) -> String {
        "[" + indices.map(indexExpression).joined(separator: ", ") + "]"
    }

    static func swiftFunction(_ name: String) -> String {
        switch name {
        case "ln", "log": "Foundation.log"
        case "abs": "Swift.abs"
        default: "Foundation.\(name)"
        }
    }

    /// The Swift identifiers in an expression.
    static func identifiers(_ expression: String) -> Set<String> {
        var names = Set<String>()
        var current = ""
        for scalar in expression.unicodeScalars {
            if scalar == "_" || scalar.properties.isAlphabetic || (scalar.value >= 0x30 && scalar.value <= 0x39) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                names.insert(current)
                current = ""
            }
        }
        if !current.isEmpty { names.insert(current) }
        return names
    }
}

extension FormulaNode {
    /// The nodes directly inside this one.
    var children: [FormulaNode] {
        switch self {
        case .number, .symbol, .kronecker: []
        case .negate(let value): [value]
        case .binary(_, let left, let right): [left, right]
        case .power(let base, let exponent): [base, exponent]
        case .function(_, let arguments): arguments
        case .apply(_, let argument, let power): [argument] + (power.map { [$0] } ?? [])
        case .functionDerivative(_, let argument): [argument]
        case .reduction(let reduction): [reduction.lower, reduction.upper, reduction.body].compactMap { $0 }
        case .cases(let rows):
            rows.flatMap { row in [row.value] + (row.condition?.comparisons.flatMap { [$0.left, $0.right] } ?? []) }
        case .derivative(let body, _, _): [body]
        }
    }

    /// The names of the symbols a node uses.
    var valueNames: Set<String> {
        var names = Set<String>()
        switch self {
        case .symbol(let name, _), .apply(let name, _, _), .functionDerivative(.symbol(let name), _): names.insert(name)
        case .derivative(_, let variable, _): names.insert(variable)
        default: break
        }
        for child in children { names.formUnion(child.valueNames) }
        return names
    }

}
