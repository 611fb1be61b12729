import Testing

@testable import GalleyFormulas

/// How TeX is read for checking: one test per construct of the LaTeX a course uses, and the
/// constructs that are named rather than read.
@Suite("Checked formulas: reading TeX")
struct FormulaParserTests {
    private func side(_ tex: String) throws -> FormulaNode {
        try FormulaParser.parseSide(tex)
    }

    private func symbol(_ name: String, _ letters: String...) -> FormulaNode {
        .symbol(name, letters.map { .letter($0) })
    }

    private func number(_ digits: String) -> FormulaNode { .number(digits) }

    @Test func numbersAndOperations() throws {
        #expect(try side("4.5369/2") == .binary("/", number("4.5369"), number("2")))
        #expect(try side("1 - 2 + 3") == .binary("+", .binary("-", number("1"), number("2")), number("3")))
        #expect(try side("−x") == .negate(symbol("x")))
        #expect(
            try side(#"2 \cdot 3 \times 4 * 5"#)
                == .binary("*", .binary("*", .binary("*", number("2"), number("3")), number("4")), number("5")))
    }

    @Test func subscriptsIndexSymbols() throws {
        #expect(try side("z_j") == symbol("z", "j"))
        #expect(try side("z_{ij}") == symbol("z", "i", "j"))
        #expect(try side("W_{i,k}") == symbol("W", "i", "k"))
        #expect(try side("z_1") == .symbol("z", [.number(1)]))
        #expect(try side("W_{12}") == .symbol("W", [.number(12)]))
        #expect(try side("z_{i+1}") == .symbol("z", [FormulaIndex(letter: "i", offset: 1)]))
        #expect(try side(#"\mathbf{z}_j"#) == symbol("z", "j"))
    }

    @Test func adjacentFactorsMultiply() throws {
        #expect(try side("a_ia_j") == .binary("*", symbol("a", "i"), symbol("a", "j")))
        #expect(try side("ab") == .binary("*", symbol("a"), symbol("b")))
        #expect(try side(#"2\sqrt{3}"#) == .binary("*", number("2"), .function("sqrt", [number("3")])))
        #expect(
            try side("a_i (1 - a_i)") == .binary("*", symbol("a", "i"), .binary("-", number("1"), symbol("a", "i"))))
    }

    @Test func powersAndEuler() throws {
        #expect(try side("x^2") == .power(symbol("x"), number("2")))
        #expect(try side("e^{z_j}") == .function("exp", [symbol("z", "j")]))
        #expect(try side("e^x") == .function("exp", [symbol("x")]))
        #expect(try side("a_i^2") == .power(symbol("a", "i"), number("2")))
        // TeX reads one digit after ^ without braces.
        #expect(try side("2^10") == .binary("*", .power(number("2"), number("1")), number("0")))
    }

    @Test("a one-token argument is one token, as TeX reads it")
    func oneTokenArguments() throws {
        let onePlusX = FormulaNode.binary("+", number("1"), symbol("x"))
        #expect(try side("e^x(1+x)") == .binary("*", .function("exp", [symbol("x")]), onePlusX))
        #expect(try side(#"\sqrt x(1+x)"#) == .binary("*", .function("sqrt", [symbol("x")]), onePlusX))
        #expect(try side(#"\frac a b(1+x)"#) == .binary("*", .binary("/", symbol("a"), symbol("b")), onePlusX))
    }

    @Test func fractionsAndGroups() throws {
        #expect(try side(#"\frac{1}{2}"#) == .binary("/", number("1"), number("2")))
        #expect(try side(#"\dfrac{a}{b}"#) == .binary("/", symbol("a"), symbol("b")))
        let sum = FormulaNode.binary("+", number("1"), number("2"))
        #expect(try side(#"\left( 1 + 2 \right)"#) == sum)
        #expect(try side("[1 + 2]") == sum)
        #expect(try side("{1 + 2}") == sum)
        #expect(try side(#"\bigl(1 + 2\bigr)"#) == sum)
        #expect(try side(#"\{1 + 2\}"#) == sum)
    }

    @Test func functions() throws {
        #expect(try side(#"\exp(x)"#) == .function("exp", [symbol("x")]))
        #expect(try side("exp(x)") == .function("exp", [symbol("x")]))
        #expect(try side(#"\ln a_j"#) == .function("ln", [symbol("a", "j")]))
        #expect(try side(#"\log 2"#) == .function("log", [number("2")]))
        #expect(try side(#"\sqrt{x}"#) == .function("sqrt", [symbol("x")]))
        #expect(try side(#"\max(0, x)"#) == .function("max", [number("0"), symbol("x")]))
        #expect(try side(#"\tanh^2(x)"#) == .power(.function("tanh", [symbol("x")]), number("2")))
        #expect(try side(#"\operatorname{softmax}(z)"#) == .apply("softmax", symbol("z")))
    }

    @Test func calledSymbolsAndPrimes() throws {
        #expect(try side(#"\sigma(x)"#) == .apply("σ", symbol("x")))
        #expect(try side(#"\sigma'(x)"#) == .functionDerivative(.symbol("σ"), symbol("x")))
        #expect(try side(#"\tanh'(x)"#) == .functionDerivative(.known("tanh"), symbol("x")))
    }

    @Test("a power after parentheses stays with the symbol's parentheses: the value decides what it raises")
    func powerAfterParentheses() throws {
        let growth = FormulaNode.binary("+", number("1"), symbol("r"))
        #expect(try side("P(1 + r)^n") == .apply("P", growth, power: symbol("n")))
        #expect(try side(#"\sigma(x)^2"#) == .apply("σ", symbol("x"), power: number("2")))
        #expect(try side("P(1 + r)^n^2") == .power(.apply("P", growth, power: symbol("n")), number("2")))
    }

    @Test func sumsProductsAndMaxima() throws {
        #expect(
            try side(#"\sum_i e^{z_i}"#)
                == .reduction(FormulaReduction(kind: .sum, index: "i", body: .function("exp", [symbol("z", "i")]))))
        #expect(
            try side(#"\sum_{i=1}^{m} y_i"#)
                == .reduction(
                    FormulaReduction(
                        kind: .sum, index: "i", lower: number("1"), upper: symbol("m"), body: symbol("y", "i"))))
        #expect(
            try side(#"\sum_{j \neq i} a_j"#)
                == .reduction(FormulaReduction(kind: .sum, index: "j", except: .letter("i"), body: symbol("a", "j"))))
        #expect(
            try side(#"\prod_{k=1}^{3} x_k"#)
                == .reduction(
                    FormulaReduction(
                        kind: .product, index: "k", lower: number("1"), upper: number("3"), body: symbol("x", "k"))))
        #expect(
            try side(#"\max_k z_k"#) == .reduction(FormulaReduction(kind: .maximum, index: "k", body: symbol("z", "k")))
        )
        // The body is the product that follows, up to the next + or −.
        #expect(
            try side(#"\sum_j y_j \ln a_j + 1"#)
                == .binary(
                    "+",
                    .reduction(
                        FormulaReduction(
                            kind: .sum, index: "j",
                            body: .binary("*", symbol("y", "j"), .function("ln", [symbol("a", "j")])))),
                    number("1")))
    }

    @Test func kroneckerAndCases() throws {
        #expect(try side(#"\delta_{ij}"#) == .kronecker(.letter("i"), .letter("j")))
        let cases = try side(#"\begin{cases} a_i(1 - a_i) & i = j \\ -a_i a_j & i \neq j \end{cases}"#)
        guard case .cases(let rows) = cases else {
            Issue.record("not cases: \(cases)")
            return
        }
        #expect(rows.count == 2)
        #expect(
            rows[0].condition
                == FormulaCondition(comparisons: [.init(left: symbol("i"), relation: .equal, right: symbol("j"))]))
        #expect(rows[1].condition?.comparisons.first?.relation == .notEqual)
        let otherwise = try side(#"\begin{cases} x & x > 0 \\ 0 & \text{otherwise} \end{cases}"#)
        guard case .cases(let two) = otherwise else { return }
        #expect(two[1].condition == nil)
        let chinese = try side(#"\begin{cases} x & x > 0 \\ 0 & \text{其他} \end{cases}"#)
        #expect(chinese == otherwise)
    }

    @Test("the textbook form of cases: a comma before '&' is punctuation, 'if' is a word, \\ne is ≠")
    func textbookCases() throws {
        let plain = try side(#"\begin{cases} a_j(1 - a_j) & i = j \\ -a_i a_j & i \neq j \end{cases}"#)
        let seed = try side(#"\begin{cases} a_j(1-a_j), & i = j \\ -a_ia_j, & i \neq j \end{cases}"#)
        #expect(seed == plain)
        let words = try side(
            #"\begin{cases} a_j(1-a_j), & \text{if } i = j \\ -a_ia_j, & \text{if } i \ne j \end{cases}"#)
        #expect(words == plain)
        let period = try side(#"\begin{cases} x, & x > 0, \\ 0, & \text{otherwise}. \end{cases}"#)
        guard case .cases(let rows) = period else {
            Issue.record("not cases: \(period)")
            return
        }
        #expect(rows.count == 2)
        #expect(rows[1].condition == nil)
    }

    @Test func derivatives() throws {
        let jacobian = FormulaNode.derivative(of: symbol("a", "j"), variable: "z", indices: [.letter("i")])
        #expect(try side(#"\frac{\partial a_j}{\partial z_i}"#) == jacobian)
        #expect(try side(#"\frac{\partial{a_j}}{\partial{z_i}}"#) == jacobian)
        #expect(try side(#"\frac{dy}{dx}"#) == .derivative(of: symbol("y"), variable: "x", indices: []))
        #expect(
            try side(#"\frac{d}{dx} \tanh(x)"#)
                == .derivative(of: .function("tanh", [symbol("x")]), variable: "x", indices: []))
        // Not a derivative: d is a symbol there.
        #expect(try side(#"\frac{d}{2}"#) == .binary("/", symbol("d"), number("2")))
    }

    @Test func equationsChainsTagsAndSpacing() throws {
        let formula = try FormulaParser.parse(#"a = b \approx c, \qquad x = 1 \tag{2}"#)
        #expect(formula.equations.map { $0.map(\.tex) } == [["a", "b", "c"], ["x", "1"]])
        let spaced = try FormulaParser.parse(#"a\,=\;b \quad\text{and}\quad c = d."#)
        #expect(spaced.equations.map { $0.map(\.tex) } == [["a", "b"], ["c", "d"]])
        // A full stop after a number ends the sentence, not the number.
        #expect(try FormulaParser.parse("a = 1.").equations.map { $0.map(\.tex) } == [["a", "1"]])
        #expect(formula.approximate == [[false, true], [false]])
    }

    @Test(
        "what is not read is named",
        arguments: [
            (#"\int_0^1 x\,dx = 1"#, #"'\int' cannot be checked"#),
            (#"\begin{pmatrix} 1 \end{pmatrix} = 1"#, #"'\begin{pmatrix}' cannot be checked"#),
            (#"x \neq 1"#, #"the relation '\neq' cannot be checked: only = and \approx can"#),
            (#"x \le 1"#, #"the relation '\le' cannot be checked: only = and \approx can"#),
            (#"\frac{\partial^2 y}{\partial x^2} = 0"#, "higher derivatives cannot be checked"),
            (#"\sqrt[3]{8} = 2"#, #"'\sqrt[n]' cannot be checked; write a power"#),
            (#"\partial x = 1"#, #"'\partial' outside \frac{\partial …}{\partial …} cannot be checked"#),
            (#"\sum x = 1"#, #"\sum without an index (\sum_i) cannot be checked"#),
            (
                #"z_{\max} = 1"#,
                #"the subscript '\max' cannot be checked: subscripts are indices such as i, j, 1 or i+1"#
            ),
            (#"\max(z) = 1"#, ""),
            (#"\frac{d}{dx}\frac{dy}{dx} = 0"#, "higher derivatives cannot be checked"),
            (#"\tanh^{-1}(x) = 1"#, #"'\tanh^{-1}' (the inverse function) cannot be checked"#),
            (
                #"\begin{cases} 1 & \text{otherwise} \\ 2 & x > 0 \end{cases} = 1"#,
                "a case without a condition (otherwise) must be the last; is an '&' missing?"
            ),
            (
                #"x^{(i)} = 1"#,
                "a superscript in parentheses such as ^{(i)} is a label, not a power, and cannot be checked"
            ),
            (#"\hat{y} = 1"#, #"'\hat' cannot be checked"#),
        ])
    func unsupported(tex: String, message: String) {
        do {
            let formula = try FormulaParser.parse(tex)
            var translator = FormulaTranslator(comment: CheckComment(bindings: [], text: ""))
            _ = try translator.translate(formula)
            Issue.record("read without complaint: \(tex)")
        } catch {
            if !message.isEmpty { #expect(error.message == message) }
        }
    }

    @Test("deep nesting is refused, not recursed into")
    func deepNesting() {
        let cases: [(tex: String, message: String)] = [
            (
                String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000),
                "the formula is nested too deeply"
            ),
            (String(repeating: "-", count: 10_000) + "1", "the formula is nested too deeply"),
            (String(repeating: #"\ln "#, count: 10_000) + "2", "the formula is nested too deeply"),
            // Found by the fuzzer: a long chain builds a deep tree without deep parsing. As one
            // side, it stops at its `=`.
            ("x = " + String(repeating: "L", count: 3_500), "unexpected '='"),
            (String(repeating: "1 + ", count: 5_000) + "1", "the formula is too long or nested too deeply to check"),
        ]
        for (tex, message) in cases {
            #expect(throws: FormulaError(message)) { try FormulaParser.parseSide(tex) }
        }
        #expect(throws: FormulaError("the formula is too long or nested too deeply to check")) {
            try FormulaParser.parse("x = " + String(repeating: "L", count: 3_500))
        }
    }
}
