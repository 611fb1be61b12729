import GalleyChecks
import GalleyResults
import GalleySemantics
import GalleyTestSupport
import Testing

/// Suggestions: which computed value each unchecked claim states, ranked, ambiguous or nearly.
@Suite("Bindings suggested from computed values")
struct BindingSuggesterTests {
    static let values = [
        ComputedValue(name: "z", line: 2, numbers: [3, 1, -3], isScalar: false),
        ComputedValue(name: "a", line: 3, numbers: [0.8789, 0.1189, 0.002179], isScalar: false),
        ComputedValue(name: "loss", line: 4, numbers: [0.12909], isScalar: true),
        ComputedValue(name: "w", line: 5, numbers: [0.5, 0.25, 0.75, 0.6225], columns: 2, isScalar: false),
        ComputedValue(name: "total", line: 6, numbers: [150.2466], isScalar: true),
        ComputedValue(name: "p", line: 7, numbers: [0.3, 0.7, 0.3], isScalar: false),
    ]

    /// The suggestion for the one claim of a line of prose, at Markdown line 10.
    private func suggest(_ prose: String, values: [ComputedValue] = values) throws -> UncheckedClaim.Suggestion {
        let document = parse(String(repeating: "\n", count: 9) + prose).document
        let claim = try #require(ClaimFinder.claims(in: document).first)
        return BindingSuggester(values: values).suggestion(for: claim).suggestion
    }

    @Test("a number, a list and an element each find their value: 0.129 → loss, 0.88，0.12，0.00 → a, 0.6225 → w[1][1]")
    func matches() throws {
        #expect(try suggest("交叉熵约为 0.129。") == .binding("loss"))
        #expect(try suggest("概率是 0.88，0.12，0.00。") == .binding("a"))
        #expect(try suggest("右下角是 0.6225。") == .binding("w[1][1]"))
        #expect(try suggest("第二行是 0.75，0.6225。") == .binding("w[1]"))
        #expect(try suggest("最大的概率是 88%。") == .binding("a[0]"))
    }

    @Test("a whole value ranks before an element; then the value declared nearest before the claim")
    func ranking() throws {
        let values = [
            ComputedValue(name: "early", line: 1, numbers: [0.25], isScalar: true),
            ComputedValue(name: "v", line: 2, numbers: [0.25, 0.5], isScalar: false),
            ComputedValue(name: "late", line: 8, numbers: [0.25], isScalar: true),
            ComputedValue(name: "after", line: 20, numbers: [0.25], isScalar: true),
        ]
        #expect(try suggest("四分之一是 0.25。", values: values) == .binding("late"))
        let afterOnly = [values[1], values[3]]
        #expect(try suggest("四分之一是 0.25。", values: afterOnly) == .binding("after"), "whole, though declared after")
    }

    @Test("elements of one value that tie are ambiguous, and listed")
    func ambiguous() throws {
        #expect(try suggest("有两个 0.3。") == .ambiguous(["p[0]", "p[2]"]))
    }

    @Test("no match, but a value the claim truncates or is one off from: a near miss; nothing near: none")
    func nearMisses() throws {
        #expect(try suggest("总和约为 150.246。") == .nearMisses(["total = 150.24660"]))
        #expect(try suggest("交叉熵约为 0.128。") == .nearMisses(["loss = 0.12909"]))
        #expect(try suggest("概率是 0.88，0.13，0.00。") == .nearMisses(["a = (0.8789, 0.1189, 0.002179)"]))
        #expect(try suggest("圆周率约为 3.14。") == .none)
    }
}
