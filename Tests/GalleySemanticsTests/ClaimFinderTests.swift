import GalleyDiagnostics
import GalleyMarkdown
import GalleyRecords
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

    @Test("digits in groups of three are one number: 1,234.5 and 10 000.5 are one claim each; (0.88, 0.12) two numbers")
    func digitGroups() {
        let source = MarkedSource("总和 ⚑1,234.5，约 ⚑10\u{202F}000.5，概率 ⚑(0.88, 0.12)，共 36,838 个。\n")
        let found = claims(source)
        #expect(found.map(\.text) == ["1,234.5", "10\u{202F}000.5", "0.88, 0.12"])
        #expect(
            found.map(\.range.lowerBound)
                == source.markers.enumerated().map { index, marker in
                    index == 2 ? SourceLocation(line: marker.line, column: marker.column + 1) : marker
                })
        #expect(found.map { $0.numbers.map(\.value) } == [[1234.5], [10000.5], [0.88, 0.12]])
        let spaced = "Le total est 1 234.5 en tout.\n"
        #expect(
            ClaimFinder.claims(in: parse(spaced).document).map { $0.numbers.map(\.value) } == [[1, 234.5]],
            "a plain space separates a list")
        #expect(
            ClaimFinder.claims(in: parse(spaced).document, digitGroups: .prose(spaces: true)).map {
                $0.numbers.map(\.value)
            } == [[1234.5]], "unless the book's language groups digits with spaces")
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

    @Test("a claim and a reference carry their bytes in the source, past escapes and entities before them")
    func byteRanges() {
        let text = "误差 \\*约\\* &amp; 0.129，另有 **0.5%**、1\\.5e-3 与 @eq-a。\n"
        let document = parse(text).document
        let bytes = Array(text.utf8)
        let written = { (range: Range<Int>?) -> String? in range.map { String(decoding: bytes[$0], as: UTF8.self) } }
        let found = ClaimFinder.claims(in: document)
        #expect(found.map(\.text) == ["0.129", "0.5%", "1.5e-3"])
        // A claim with an escape inside is not written as it reads: it has no bytes to wrap.
        #expect(found.map { written($0.byteRange) } == ["0.129", "0.5%", nil])
        let references = ClaimFinder.prose(of: document).references
        #expect(references.map { written($0.byteRange) } == ["@eq-a"])
    }

    /// The claims the formulas of `markdown` make, as their sides' TeX.
    private func mathClaims(_ markdown: String) -> [String] {
        let document = parse(markdown).document
        let sites = ChapterSemantics.read(document, path: "test.md").sites
        return ClaimFinder.mathClaims(in: document, sites: sites).map(\.text)
    }

    @Test("in math: a side written as a number with a point, a percent sign or an exponent")
    func math() {
        #expect(
            mathClaims("损失 $L = 0.129$，准确率 $p = 88\\%$，误差 $\\epsilon \\approx 1.2e-3$。\n") == [
                "0.129", "88\\%", "1.2e-3",
            ])
        #expect(mathClaims("$$\n\\sum_{i=1}^{3} a_i = 1.0\n$$\n") == ["1.0"])
        let source = MarkedSource("前文。\n\n⚑$$L = -\\ln p = 0.129$$\n")
        let document = parse(source.text).document
        let found = ClaimFinder.mathClaims(in: document, sites: ChapterSemantics.read(document, path: "a.md").sites)
        #expect(found.map(\.range.lowerBound) == source.markers)
    }

    @Test("in math, not: checked formulas, closed-arithmetic pairs, whole numbers, other relations")
    func notInMath() {
        #expect(mathClaims("$$4.5369/2 = 2.26845$$\n").isEmpty)
        #expect(mathClaims("$$\nx = 0.5\n$$\n<!-- check: x = 0.5 -->\n").isEmpty)
        #expect(mathClaims("$k = 2$ 和 $0.5 < x$ 与 $f(0.5)$\n").isEmpty)
        // A pair checks its two sides; a third side of the chain is a claim of its own.
        #expect(mathClaims("$$L = 0.5 + 0.25 = 0.75$$\n").isEmpty)
        #expect(mathClaims("$$a_1 = 0.5, \\quad 1 + 1 = 2$$\n") == ["0.5"])
    }

    @Test(
        "in math, outside equations: a vector or tuple of numbers written alone is a claim; whole numbers stay exempt")
    func mathVectors() {
        let found = mathClaims(
            "$[0.1, 0.6, 0.3]$ 与 $(0.88, 0.12)$ 与 $\\left(0.2; 0.8\\right)$ 与 $0.75$ 与 $p = [0.25, 0.75]$\n")
        #expect(found == ["[0.1, 0.6, 0.3]", "(0.88, 0.12)", "\\left(0.2; 0.8\\right)", "0.75", "[0.25, 0.75]"])
        #expect(
            mathClaims("$$\\begin{bmatrix} 0.1 & 0.9 \\\\ 0.2 & 0.8 \\end{bmatrix}$$\n") == [
                "\\begin{bmatrix} 0.1 & 0.9 \\\\ 0.2 & 0.8 \\end{bmatrix}"
            ])
        let document = parse("$[0.1, 0.6, 0.3]$ 与 $(1{,}000, 2.5)$\n").document
        let claims = ClaimFinder.mathClaims(in: document, sites: ChapterSemantics.read(document, path: "a.md").sites)
        #expect(claims.map { $0.numbers.map(\.value) } == [[0.1, 0.6, 0.3], [1000, 2.5]])
        // Not claims: whole numbers, symbols among the numbers, a function's arguments, the mark.
        #expect(mathClaims("$(1, 2)$ 与 $[0, 1]$ 与 $f(0.5, 1)$ 与 $[0.5x, 1]$ 与 $0.5x + 0.3$ 与 $x_{0.5}$\n").isEmpty)
        #expect(mathClaims("$$[0.1, 0.9]$$\n<!-- not a claim -->\n").isEmpty)
    }

    @Test("in math: every form a side can state a number in, before or after the relation, and the not-a-claim mark")
    func mathForms() {
        #expect(
            mathClaims("$0.5 = p$ 与 $q ≈ 0.25$ 与 $r = −0.75$ 与 $s = {0.125}$ 与 $t \\approx 1.5\\%$\n") == [
                "0.5", "0.25", "−0.75", "{0.125}", "1.5\\%",
            ])
        #expect(mathClaims("$$\\eta = 0.5 \\tag{7.2}$$\n") == ["0.5"])
        #expect(mathClaims("$$\\pi \\approx 3.14$$\n<!-- not a claim -->\n").isEmpty)
        #expect(mathClaims("$$a_j = b_j, \\quad m = \\max_l z_l \\tag{7.2 数值稳定}$$\n").isEmpty)
    }

    @Test("equation references: @eq-name after a non-word character, at their @; not in e-mail addresses or code")
    func equationReferences() {
        let source = MarkedSource("由 ⚑@eq-softmax、⚑@eq-b_2 可知，写信给 me@eq-x.org 或看 `@eq-code`；见 (⚑@eq-last-)。\n")
        let found = ClaimFinder.prose(of: parse(source.text).document).references
        #expect(found.map(\.name) == ["eq-softmax", "eq-b_2", "eq-last"])
        #expect(found.map(\.location) == source.markers)
    }
}
