import GalleyChecks
import GalleyResults
import GalleySemantics
import GalleyTestSupport
import Testing

/// Suggestions: which computed value each unchecked claim states; structure decides, nearness
/// only orders; several candidates are ambiguous and listed; near misses when nothing matches.
@Suite("Bindings suggested from computed values")
struct BindingSuggesterTests {
    static let values: [ComputedValue] = [
        .vector("z", line: 2, [3, 1, -3]),
        .vector("a", line: 3, [0.8789, 0.1189, 0.002179]),
        .number("loss", line: 4, 0.12909),
        .rows("w", line: 5, [[0.5, 0.25], [0.75, 0.6225]]),
        .number("total", line: 6, 150.2466),
        .vector("p", line: 7, [0.3, 0.7, 0.3]),
    ]

    /// The suggestions for the claims of some Markdown that starts at line 10.
    private func suggestions(_ markdown: String, values: [ComputedValue] = values) -> [UncheckedClaim.Suggestion] {
        let document = parse(String(repeating: "\n", count: 9) + markdown).document
        return BindingSuggester(values: values).suggestions(for: ClaimFinder.claims(in: document)).map(\.suggestion)
    }

    /// The suggestion for the one claim of a line of prose, at Markdown line 10.
    private func suggest(_ prose: String, values: [ComputedValue] = values) throws -> UncheckedClaim.Suggestion {
        try #require(suggestions(prose, values: values).first)
    }

    @Test("a number, a list and an element each find their value: 0.129 → loss, 0.88，0.12，0.00 → a, 0.6225 → w[1][1]")
    func matches() throws {
        #expect(try suggest("交叉熵约为 0.129。") == .binding("loss"))
        #expect(try suggest("概率是 0.88，0.12，0.00。") == .binding("a"))
        #expect(try suggest("概率是 0.88、0.12、0.00。") == .binding("a"))
        #expect(try suggest("右下角是 0.6225。") == .binding("w[1][1]"))
        #expect(try suggest("第二行是 0.75，0.6225。") == .binding("w[1]"))
        #expect(try suggest("最大的概率是 88%。") == .binding("a[0]"))
    }

    @Test("a value several variables hold is ambiguous: nearness orders the candidates, it never picks one")
    func proximityNeverDecides() throws {
        let values: [ComputedValue] = [
            .number("early", line: 1, 0.25),
            .vector("v", line: 2, [0.25, 0.5]),
            .number("late", line: 8, 0.25),
            .number("after", line: 20, 0.25),
        ]
        #expect(try suggest("四分之一是 0.25。", values: values) == .ambiguous(["late", "early", "after", "v[0]"]))
        #expect(
            try suggest("四分之一是 0.25。", values: [values[1], values[3]]) == .ambiguous(["after", "v[0]"]),
            "a named number and an element are two meanings")
        #expect(
            try suggest("四分之一是 0.25。", values: [values[3]]) == .binding("after"), "one candidate, wherever declared")
        #expect(
            try suggest("有两个 0.3。", values: [Self.values[5]]) == .ambiguous(["p[0]", "p[2]"]),
            "two elements of one vector")
        #expect(
            try suggest("有两个 0.3。") == .ambiguous(["p[0]", "p[2]", "w[0][1]"]),
            "0.25 rounds to 0.3 too: every candidate is listed")
        let twins: [ComputedValue] = [.vector("a", line: 3, [0.88, 0.12]), .vector("b", line: 30, [0.88, 0.12])]
        #expect(try suggest("概率是 0.88，0.12。", values: twins) == .ambiguous(["a", "b"]), "a list two vectors hold")
    }

    @Test("a table row that states one vector in order binds to its elements, whatever else holds the numbers")
    func tableRowDecides() {
        // An unrelated vector holding the same numbers is declared before the table, the
        // predictions after it: nearness would pick the wrong one.
        let values: [ComputedValue] = [
            .vector("weights", line: 2, [0.6, 0.3, 0.1, 0.2, 0.5]),
            .vector("prediction1", line: 20, [0.2, 0.5, 0.3]),
            .vector("prediction2", line: 21, [0.1, 0.3, 0.6]),
        ]
        let table = """
            | | 类别1 | 类别2 | 类别3 |
            |---|---|---|---|
            | 预测1 | 0.2 | 0.5 | 0.3 |
            | 预测2 | 0.1 | 0.3 | 0.6 |
            """
        #expect(
            suggestions(table, values: values) == [
                .binding("prediction1[0]"), .binding("prediction1[1]"), .binding("prediction1[2]"),
                .binding("prediction2[0]"), .binding("prediction2[1]"), .binding("prediction2[2]"),
            ])
        // Rows of one matrix: the row and the column agree on one element.
        #expect(
            suggestions(
                table, values: [values[0], .rows("predictions", line: 20, [[0.2, 0.5, 0.3], [0.1, 0.3, 0.6]])])
                == [
                    .binding("predictions[0][0]"), .binding("predictions[0][1]"), .binding("predictions[0][2]"),
                    .binding("predictions[1][0]"), .binding("predictions[1][1]"), .binding("predictions[1][2]"),
                ])
        // Two variables that hold the row alike: structure cannot decide, so each cell is ambiguous.
        let both = suggestions(table, values: values + [.vector("copy", line: 22, [0.1, 0.3, 0.6])])
        #expect(both[3] == .ambiguous(["prediction2[0]", "copy[0]"]))
        #expect(both[0] == .binding("prediction1[0]"))
    }

    @Test("rows of different lengths are offered element by element; a column of a history names its rows")
    func raggedHistory() {
        let values: [ComputedValue] = [
            .rows("history", line: 2, [[0, 1.0, 1.0], [1, 1.5, 0.25], [2, 1.41667, 0.00694], [3, 1.414216]]),
            .number("x", line: 3, 1.4142136),
        ]
        let table = """
            | k | x | f |
            |---|---|---|
            | 1 | 1.5 | 0.25 |
            | 2 | 1.41667 | 0.00694 |
            | 3 | 1.41421 | |
            """
        #expect(
            suggestions(table, values: values) == [
                .binding("history[1][1]"), .binding("history[1][2]"),
                .binding("history[2][1]"), .binding("history[2][2]"),
                // The cell belongs to the history's column: its near miss comes from that row, not
                // from the final value that happens to equal it.
                .nearMisses(["history[3][1] = 1.4142160"]),
            ])
    }

    @Test(
        "cells keep their places: labels and whole numbers stand for elements; a far-off cell's near miss is its own element"
    )
    func tableAsWritten() {
        // As real chapters write an iteration table: a label column, a whole number first, equal
        // values in two rows, the last iteration shorter, one cell miscopied (9.665 for 9.656)
        // and a value elsewhere that the miscopied cell is one off from.
        let values: [ComputedValue] = [
            .rows(
                "history", line: 2,
                [[2, -2.243, -2.243], [4.2426, -1.462, -3.101], [7.344, -0.531, -1.951], [9.65571]]),
            .number("exactX", line: 3, 9.6644),
        ]
        let table = """
            | | 迭代1 | 迭代2 | 迭代3 | 迭代4 |
            |---|---|---|---|---|
            | x | 2 | 4.243 | 7.344 | 9.665 |
            | Δb | -2.243 | -1.462 | -0.531 | |
            | Δx | -2.243 | -3.101 | -1.951 | |
            """
        #expect(
            suggestions(table, values: values) == [
                .binding("history[1][0]"), .binding("history[2][0]"), .nearMisses(["history[3][0] = 9.65571"]),
                .binding("history[0][1]"), .binding("history[1][1]"), .binding("history[2][1]"),
                .binding("history[0][2]"), .binding("history[1][2]"), .binding("history[2][2]"),
            ])
    }

    @Test("no match, but a value the claim truncates or is one off from: a near miss; nothing near: none")
    func nearMisses() throws {
        #expect(try suggest("总和约为 150.246。") == .nearMisses(["total = 150.24660"]))
        #expect(try suggest("交叉熵约为 0.128。") == .nearMisses(["loss = 0.12909"]))
        #expect(try suggest("概率是 0.88，0.13，0.00。") == .nearMisses(["a = (0.8789, 0.1189, 0.002179)"]))
        #expect(try suggest("圆周率约为 3.14。") == .none)
    }

    @Test("near misses rank as matches do: whole values, then the nearest declaration, then the nearest number")
    func nearMissRanking() throws {
        let values: [ComputedValue] = [
            .vector("path", line: 2, [2.0361, 2.0359, 2.0338, 2.0362, 2.0357, 2.0339]),
            .vector("ridgeW", line: 9, [0.5, 2.03423]),
            .number("far", line: 40, 2.0343),
            .number("near", line: 12, 2.0344),
        ]
        let ranked = try suggest("岭回归的权重约为 2.035。", values: values)
        #expect(
            ranked
                == .nearMisses([
                    "near = 2.03440", "far = 2.03430", "ridgeW[1] = 2.03423", "path[4] = 2.03570", "path[1] = 2.03590",
                ]))
    }
}
