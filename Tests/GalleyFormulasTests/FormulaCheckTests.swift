import Testing

@testable import GalleyFormulas

/// The check comment, the analysis of indices and derivatives, and the text of diagnostics.
@Suite("Checked formulas: comments, indices, messages")
struct FormulaCheckTests {
    @Test func checkComments() throws {
        #expect(try CheckComment(html: "<!-- check -->")?.bindings == [])
        let comment = try #require(
            try CheckComment(html: "<!-- check: z = [3, 1, -3]; a = softmax(z)\n  \\sigma = sigmoid; i != j -->"))
        #expect(comment.bindings.map(\.name) == ["z", "a", "σ"])
        #expect(comment.bindings.map(\.expression) == ["[3, 1, -3]", "softmax(z)", "sigmoid"])
        #expect(comment.conditions == ["i != j"])
        #expect(try CheckComment(html: "<!-- checked by hand -->") == nil)
        #expect(try CheckComment(html: "<!-- a note -->") == nil)
        #expect(try CheckComment(html: "<!-- check: x = 1 --> and a remark")?.bindings.map(\.name) == ["x"])
        #expect(
            throws: FormulaError("'softmax(z)' in the check comment is not a binding: write name = Swift expression")
        ) {
            try CheckComment(html: "<!-- check: softmax(z) -->")
        }
        #expect(throws: FormulaError("'2x = 1' in the check comment is not a binding: write name = Swift expression")) {
            try CheckComment(html: "<!-- check: 2x = 1 -->")
        }
    }

    private func check(_ tex: String, _ comment: String = "<!-- check -->") throws -> FormulaCheck {
        try FormulaCheck.translate(tex, comment: try #require(try CheckComment(html: comment)))
    }

    @Test func freeIndicesPerPair() throws {
        let formula = try check(
            #"\frac{\partial a_i}{\partial z_j} = a_i (\delta_{ij} - a_j) = \sum_k a_k"#,
            "<!-- check: a = softmax(z) -->")
        #expect(formula.pairs.map(\.freeIndices) == [["i", "j"], ["i", "j"]])
        #expect(formula.pairs.map(\.hasDerivative) == [true, false])
        #expect(formula.swift.contains("_galleyDerivative("))
        #expect(formula.swift.contains("let `a` = _galleyBinding(softmax(z), \"a\", _galleyVary)"))
        // z is the chapter's, moved for the derivative.
        #expect(formula.swift.contains("let `z` = _galleyBinding(`z`, \"z\", _galleyVary)"))
    }

    @Test("a number with decimals sets the precision; a whole number after = is exact")
    func writtenNumbers() throws {
        let formula = try check("a_1 = 0.880")
        #expect(formula.pairs[0].writtenNumber == "0.880")
        #expect(formula.pairs[0].writtenIsRight)
        #expect(try check(#"\sum_j a_j = 1"#).pairs[0].writtenNumber == nil)
        #expect(try check(#"\sum_j a_j \approx 1"#).pairs[0].writtenNumber == "1")
    }

    @Test("a condition applies to the pairs where its indices are free")
    func conditions() throws {
        let formula = try check(
            #"\sum_j a_j = 1, \quad \frac{\partial a_i}{\partial z_j} = -a_i a_j"#,
            "<!-- check: a = softmax(z); i != j -->")
        #expect(formula.swift.contains("condition: -1"))
        #expect(formula.swift.contains("((i != j)) ? 1 : 0"))
        #expect(throws: FormulaError("the condition 'k != 1' names no index that is free in a pair of sides")) {
            try check(#"\sum_j a_j = 1"#, "<!-- check: k != 1 -->")
        }
    }

    @Test("an index before parentheses multiplies")
    func indexTimesParentheses() throws {
        let formula = try check(#"\sum_{i=1}^{3} i(i+1) = 20"#)
        #expect(formula.swift.contains("(Double(`i`) * "))
    }

    @Test("an index that indexes nothing, a derivative through the chapter's code, an empty relation")
    func refusals() throws {
        #expect(throws: FormulaError("the index i indexes no vector in 'x = \\delta_{ij}', so its values are unknown"))
        {
            try check(#"x = \delta_{ij}"#)
        }
        #expect(
            throws: FormulaError(
                "the derivative with respect to z cannot be computed: 'L' does not depend on 'z' through the check comment's bindings; bind it there, as in <!-- check: L = f(z) -->"
            )
        ) { try check(#"\frac{\partial L}{\partial z_i} = a_i - y_i"#) }
        #expect(throws: FormulaError("the formula relates nothing: there is no = or \\approx to check")) {
            try check("a_i")
        }
        #expect(throws: FormulaError("'z' is bound twice in the check comment")) {
            try check("z = 1", "<!-- check: z = 1; z = 2 -->")
        }
    }

    @Test func continuation() throws {
        let formula = try FormulaCheck.translate(
            "= 2 a", comment: CheckComment(bindings: [], text: ""), previousSide: "a + a")
        #expect(formula.pairs.map(\.leftTeX) == ["a + a"])
        // A continuation's own last side continues the chain.
        #expect(ClosedArithmetic.pairs(in: "= 2 a = 2a").lastSide == "2a")
    }

    @Test func messagesShowIndexValuesAndElideLongGroups() {
        #expect(FormulaText.instantiate("a_j", ["j": 2]) == "a_2")
        #expect(
            FormulaText.instantiate(#"\frac{\partial a_i}{\partial z_j}"#, ["i": 1, "j": 3])
                == #"\frac{\partial a_1}{\partial z_3}"#)
        #expect(FormulaText.instantiate(#"W_{ik} x_k"#, ["i": 2, "k": 1]) == #"W_{21} x_1"#)
        #expect(FormulaText.instantiate(#"z_{\max}"#, ["a": 1]) == #"z_{\max}"#)
        #expect(FormulaText.abbreviated(#"\frac{e^{z_1}}{\sum_{i=1}^{n} e^{z_i}}"#, limit: 20) == #"\frac{e^{z_1}}{…}"#)
        #expect(FormulaText.abbreviated("a_1", limit: 20) == "a_1")
    }

    @Test func closedArithmeticUsesTheSameParser() {
        #expect(ClosedArithmetic.swift("4.5369/2") == "(Double(4.5369) / Double(2))")
        #expect(ClosedArithmetic.swift("z_1") == nil)
        #expect(ClosedArithmetic.swift(#"\sum_{i=1}^{3} i"#) == nil)
        #expect(ClosedArithmetic.bareNumber("88%") == "88%")
    }
}
