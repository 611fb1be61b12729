import GalleyDiagnostics
import GalleyMarkdown
import GalleySemantics
import GalleyTestSupport
import Testing

/// Markdown in, claims out, each at its `⚑` marker.
@Suite("Finding the numbers the prose claims")
struct ClaimFinderTests {
    private func claims(_ source: MarkedSource) -> [Claim] {
        ClaimFinder.claims(in: parse(source.text).document)
    }

    @Test("decimals, percentages and exponents, with every sign Galley reads")
    func forms() {
        let source = MarkedSource("损失约为 ⚑0.129，梯度是 ⚑−0.12 或 ⚑-0.12，准确率 ⚑88%，误差 ⚑1.2e-3，增益 ⚑+3.5。\n")
        let found = claims(source)
        #expect(found.map(\.text) == ["0.129", "−0.12", "-0.12", "88%", "1.2e-3", "+3.5"])
        #expect(found.map(\.range.lowerBound) == source.markers)
        #expect(found.map { $0.numbers.map(\.value) } == [[0.129], [-0.12], [-0.12], [0.88], [0.0012], [3.5]])
    }

    @Test("a list of numbers is one claim, whole numbers in it included")
    func lists() {
        let source = MarkedSource("输入 3, 1, −3 时，softmax 给出 ⚑0.88, 0.12, 0；全角 ⚑0.88，0.12，0.00 与顿号 ⚑0.1、0.2。\n")
        let found = claims(source)
        #expect(found.map(\.text) == ["0.88, 0.12, 0", "0.88，0.12，0.00", "0.1、0.2"])
        #expect(found.map(\.range.lowerBound) == source.markers)
        #expect(found.map(\.numbers.count) == [3, 3, 2])
        // The end is just past the last character.
        #expect(found.first?.range.upperBound == SourceLocation(line: 1, column: source.markers[0].column + 13))
    }

    @Test("whole numbers, versions, names and words with digits are no claims")
    func notClaims() {
        let text = "第 3 章，2024 年，共 10 个样本；版本 1.2.3，变量 x1.5 与 w_0.5，1.5x 倍，v2.0 版。\n"
        #expect(ClaimFinder.claims(in: parse(text).document).isEmpty)
    }

    @Test("in paragraphs, list items, table cells, quotes, emphasis and link texts")
    func places() {
        let source = MarkedSource(
            """
            - 第一项 ⚑0.5
            - *强调 ⚑0.25*

            > 引用 ⚑0.75

            | a | b |
            |---|---|
            | ⚑0.1 | [链接 ⚑0.2](https://example.com/0.3) |

            """)
        let found = claims(source)
        #expect(found.map(\.text) == ["0.5", "0.25", "0.75", "0.1", "0.2"])
        #expect(found.map(\.range.lowerBound) == source.markers)
    }

    @Test("not in headings, code, bound or computed numbers, raw HTML or math")
    func notThere() {
        let text = """
            # 标题 0.5

            ```swift
            let a = 0.5
            ```

            代码 `0.5`，已绑定 [0.88](=a[0])，计算值 `{swift} a[0]`，<span title="0.5">HTML</span>，公式 $x = 0.5$。

            <!-- 0.5 -->

            """
        #expect(ClaimFinder.claims(in: parse(text).document).isEmpty)
    }

    @Test("a number at the end of a sentence keeps its point out; one in parentheses is found")
    func punctuation() {
        let source = MarkedSource("The loss is ⚑0.13. Then (⚑0.12) and ⚑12.5%.\n")
        let found = claims(source)
        #expect(found.map(\.text) == ["0.13", "0.12", "12.5%"])
        #expect(found.map(\.range.lowerBound) == source.markers)
    }

    @Test("the not-a-claim mark right after a number, and only there")
    func notAClaimMark() {
        let source = MarkedSource(
            "用 Python 3.12<!-- not a claim --> 和 *NumPy 2.1 <!--not a claim-->* 算出 ⚑0.88<!-- a note -->，价格 9.99 <!-- not a claim -->。\n"
        )
        let found = claims(source)
        #expect(found.map(\.text) == ["0.88"])
        #expect(found.map(\.range.lowerBound) == source.markers)
        // A mark after other words leaves the number before them a claim.
        let text = "误差 ⚑0.5 左右<!-- not a claim -->\n"
        let marked = MarkedSource(text)
        #expect(ClaimFinder.claims(in: parse(marked.text).document).map(\.range.lowerBound) == marked.markers)
        #expect(ClaimFinder.notAClaimMark == "not a claim")
    }
}
