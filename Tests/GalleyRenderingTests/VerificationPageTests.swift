import GalleyDiagnostics
import GalleyRendering
import GalleyResults
import GalleyTestSupport
import Testing

/// What the reader sees of the checks: unchecked claims marked with anchors on their pages, and
/// the verification page that links to them.
@Suite("The verification page and the marks it links to")
struct VerificationPageTests {
    private func claim(_ text: String, line: Int, column: Int, numbers: Int = 1, inMath: Bool = false) -> UncheckedClaim
    {
        let location = SourceLocation(line: line, column: column)
        return UncheckedClaim(text: text, numberCount: numbers, range: location..<location, inMath: inMath)
    }

    @Test("an unchecked claim in prose is wrapped in a span with its anchor; the text around it is kept, escaped")
    func proseMark() {
        var results = ChapterResults()
        results.coverage.unchecked = [
            // Where the claim finder places them: a column counts the text's characters.
            claim("0.3，0.2", line: 1, column: 9, numbers: 2), claim("88%", line: 1, column: 20),
        ]
        let page = HTMLFormatter.format(
            parse("误差 <约为> 0.3，0.2，约有 88% & 更多。").document,
            options: .init(results: results, strings: .simplifiedChinese))
        #expect(
            page
                == "<p>误差 &lt;约为&gt; <span class=\"claim-unchecked\" id=\"claim-1-9\" title=\"未经核对\">0.3，0.2</span>，约有 <span class=\"claim-unchecked\" id=\"claim-1-20\" title=\"未经核对\">88%</span> &amp; 更多。</p>\n"
        )
    }

    @Test(
        "a claim after an escape is marked where the claim finder placed it: its column counts the text, not the source"
    )
    func afterEscape() {
        var results = ChapterResults()
        results.coverage.unchecked = [claim("0.5", line: 1, column: 4)]
        let page = HTMLFormatter.format(parse("\\*a 0.5").document, options: .init(results: results))
        #expect(page.contains("*a <span class=\"claim-unchecked\" id=\"claim-1-4\""), "\(page)")
    }

    @Test("a formula with an unchecked number carries the anchor and says which number")
    func formulaMark() {
        var results = ChapterResults()
        results.coverage.unchecked = [claim("0.8", line: 1, column: 1, inMath: true)]
        let page = HTMLFormatter.format(
            parse("$$p = 0.8$$\n").document, options: .init(results: results, strings: .simplifiedChinese))
        #expect(page.contains("class=\"math display claim-unchecked\" id=\"claim-1-1\" title=\"公式中的 0.8 未经核对\""))
        let english = HTMLFormatter.format(parse("$$p = 0.8$$\n").document, options: .init(results: results))
        #expect(english.contains("title=\"0.8 in this formula is not checked\""), "English by default")
    }

    @Test("the page: a row of counts per chapter, then each chapter's unchecked claims linked to their anchors")
    func page() {
        var results = ChapterResults()
        results.coverage.statedChecked = 12
        results.coverage.inputsRestated = 5
        results.coverage.statedWrong = 1
        results.coverage.formulasChecked = 2
        results.coverage.formulasWrong = 1
        results.coverage.formulaPoints = 33
        results.coverage.expectations = 4
        results.coverage.expectationsFailed = 1
        results.coverage.unchecked = [
            claim("0.3，0.2", line: 9, column: 5, numbers: 2), claim("0.8", line: 20, column: 1, inMath: true),
        ]
        results.blocks = [
            BlockResult(firstLine: 2, status: .succeeded), BlockResult(firstLine: 30, status: .notRun(reason: "")),
        ]
        let entry = VerificationPage.Entry(results: results)
        #expect(
            entry.summary(.english)
                == "Checked here: 12 numbers (7 computed, 5 restated inputs), 1 wrong, 3 unchecked; 2 formulas at 33 points, 1 wrong; 4 expectations, 1 failed"
        )
        #expect(
            entry.summary(.simplifiedChinese)
                == "本章核对：12 个数已核对（7 个算出的，5 个复述的输入），1 个有误，3 个未核对；2 个公式，核对了 33 处，1 个有误；4 次 expect，1 次失败")
        let html = VerificationPage.page(
            book: .init(title: "书", language: "zh-CN", author: nil),
            navigation: .init(chapters: [.init(title: "第一章 <一>", href: "01.html")]),
            chapters: [(link: .init(title: "第一章 <一>", href: "01.html"), entry: entry)])
        #expect(html.contains("<tr id=\"chapter-01\"><th scope=\"row\"><a href=\"01.html\">第一章 &lt;一&gt;</a></th>"))
        // Stated numbers, of them computed and restated inputs, wrong; then the unchecked ones.
        #expect(
            html.contains(
                "<td class=\"count\">12</td><td class=\"count\">7</td><td class=\"count\">5</td><td class=\"count open\">1</td>"
            ))
        #expect(html.contains("<td class=\"count open\"><a href=\"#unchecked-chapter-01\">3</a></td>"))
        // Formulas agreeing of all, points, blocks run of all, expectations passed of all.
        #expect(
            html.contains(
                "<td class=\"count open\">1 / 2</td><td class=\"count\">33</td><td class=\"count open\">1 / 2</td><td class=\"count open\">3 / 4</td>"
            ))
        #expect(html.contains("<h2 id=\"unchecked-chapter-01\">"))
        #expect(html.contains("<li><a href=\"01.html#claim-9-5\">0.3，0.2</a> <small>第 9 行</small></li>"))
        #expect(html.contains("<li><a href=\"01.html#claim-20-1\">0.8</a> <small>第 20 行，公式中</small></li>"))
    }

    @Test("Galley's reasons for a block are said in the book's language, the line kept; a program's own words are not")
    func blockReasons() {
        #expect(
            SiteStrings.simplifiedChinese.blockReasons("not run: the block at line 12 failed") == "未运行：第 12 行的代码块失败了")
        #expect(SiteStrings.traditionalChinese.blockReasons("does not compile") == "無法編譯")
        #expect(
            SiteStrings.simplifiedChinese.blockReasons("Fatal error: Index out of range")
                == "Fatal error: Index out of range")
        #expect(
            SiteStrings.english.blockReasons("not run: an earlier block failed") == "not run: an earlier block failed")
    }
}
