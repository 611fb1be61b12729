import GalleyDiagnostics
import GalleyMarkdown
import GalleyResults
import GalleyTestSupport
import Testing

@testable import GalleyRendering

@Suite("Search index")
struct SearchIndexTests {
    @Test("a chapter is cut into sections at its headings, with their anchors; headings are titles, not text")
    func sections() {
        let document = parse("# 标题\n\n引言 $a_j$。\n\n## 导数\n\n正文\n一行\n\n| 表 | 格 |\n|---|---|\n| x | y |\n").document
        let formatter = HTMLFormatter.render(document)
        var index = SearchIndex()
        index.add(document, headings: formatter.headings)
        #expect(index.sections.map(\.anchor) == ["标题", "导数"])
        #expect(index.sections.map(\.title) == ["标题", "导数"])
        #expect(index.sections[0].text == "引言 \u{E000}a_j\u{E001}。")
        #expect(index.sections[1].text == "正文一行 表 格 x y")
    }

    @Test(
        "the page Pagefind indexes: the book's language, the title as metadata, a heading per section; the MathML after it"
    )
    func pageForPagefind() {
        let markdown =
            "前言 $x<y$ 与 & 符号。\n\n# 标题\n\n由 $a_j$ 与\n\n$$\nb  =  1\n$$\n\n```swift run hide\nlet secret = 42\n```\n\n```swift run\nlet shown = 1\n```\n"
        let document = parse(markdown).document
        var results = ChapterResults()
        results.typesetMath[.init(tex: "a_j", display: false)] = TypesetMath(
            html:
                "<span class=\"katex\"><span class=\"katex-mathml\"><math><semantics><msub><mi>a</mi><mi>j</mi></msub><annotation encoding=\"application/x-tex\">a_j</annotation></semantics></math></span></span>"
        )
        results.typesetMath[.init(tex: "\nb  =  1\n", display: true)] = TypesetMath(
            html: "<span class=\"katex-display\"><math display=\"block\"><mi>b</mi></math></span>")
        var index = SearchIndex()
        index.add(document, headings: HTMLFormatter.render(document).headings, results: results)
        #expect(
            index.math == [
                "a_j": "<math><semantics><msub><mi>a</mi><mi>j</mi></msub></semantics></math>",
                "b = 1": "<math><mi>b</mi></math>",
            ])
        let page = index.page(title: "第一章 <标题>", language: "zh-CN")
        let expected = """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>第一章 &lt;标题&gt;</title></head>
            <body><main data-pagefind-body>
            <p data-pagefind-meta="title" data-pagefind-ignore>第一章 &lt;标题&gt;</p>
            <p>前 言 \u{E000}x&lt;y\u{E001} 与 &amp; 符 号 。</p>
            <h2 id="标题">标 题</h2>
            <p>由 \u{E000}a_j\u{E001} 与 \u{E000}b = 1\u{E001} let shown = 1</p>
            </main></body></html>
            <!-- galley-math -->
            {"a_j":"\\u003cmath>\\u003csemantics>\\u003cmsub>\\u003cmi>a\\u003c/mi>\\u003cmi>j\\u003c/mi>\\u003c/msub>\\u003c/semantics>\\u003c/math>","b = 1":"\\u003cmath>\\u003cmi>b\\u003c/mi>\\u003c/math>"}
            """
        #expect(page == expected, "\(page)")
        #expect(!page.contains("secret"), "hidden code is not indexed")
    }

    @Test("Chinese and Japanese characters stand one a word, formulas and other scripts as written")
    func spacing() {
        #expect(SearchIndex.spacingIdeographs("导数的两种情形") == "导 数 的 两 种 情 形")
        #expect(
            SearchIndex.spacingIdeographs("用 softmax 分类器，在\u{E000}\\text{交叉熵}\u{E001}里")
                == "用 softmax 分 类 器 ， 在 \u{E000}\\text{交叉熵}\u{E001} 里")
        #expect(SearchIndex.spacingIdeographs("ひらがな 한국어 English") == "ひ ら が な 한국어 English")
    }

    @Test("the metadata is JSON that no text can break out of")
    func scriptEscaping() {
        var bytes: [UInt8] = []
        SearchIndex.appendJSONString("a\"b\\c\n</script>\u{2028}\u{1}中", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #""a\"b\\c\n\u003c/script>\u2028\u0001中""#)
    }

    @Test("equation references read as the page shows them: their numbers, not their labels")
    func equationReferences() {
        let document = parse("# 标题\n\n由 @eq-a 和 @eq-missing 可知，再看 @eq-a。\n").document
        var results = ChapterResults()
        results.equations.targets["eq-a"] = .init(number: "1.1", page: "01.html", markdownPage: "01.md")
        results.equations.references[SourceLocation(line: 3, column: 3)] = "eq-a"
        results.equations.references[SourceLocation(line: 3, column: 29)] = "eq-a"
        var index = SearchIndex()
        index.add(document, headings: HTMLFormatter.render(document).headings, results: results)
        #expect(index.sections[0].text == "由 (1.1) 和 @eq-missing 可知，再看 (1.1)。")
    }

    @Test("white space collapses, Chinese and ideographic spaces included")
    func whitespace() {
        #expect(SearchIndex.collapsingWhitespace("  a \n\t b\u{3000}\u{3000}中\u{00A0}文  ") == "a b 中 文")
        #expect(SearchIndex.collapsingWhitespace("") == "")
    }
}

@Suite("HTML escaping")
struct HTMLEscapingTests {
    @Test("the four characters, in any script; text without them comes back as it is")
    func escaping() {
        #expect(HTMLEscaping.escape("<a href=\"x\">&</a> 中文") == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt; 中文")
        #expect(HTMLEscaping.escape("交叉熵 L = -ln p") == "交叉熵 L = -ln p")
    }
}

@Suite("A formula's MathML in the search index, and the pages' templates filled")
struct MathMLAndTemplateTests {
    @Test("the <math> element of KaTeX's output, inline, without its TeX and its namespace")
    func mathML() {
        let katex =
            #"<span class="katex-display"><span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics><mrow><mi>σ</mi><mo>(</mo><mi>z</mi><mo>)</mo></mrow><annotation encoding="application/x-tex">\sigma(z)</annotation></semantics></math></span><span class="katex-html" aria-hidden="true">σ(z)</span></span></span>"#
        #expect(
            SearchIndex.mathML(katex)
                == "<math><semantics><mrow><mi>σ</mi><mo>(</mo><mi>z</mi><mo>)</mo></mrow></semantics></math>")
        #expect(SearchIndex.mathML("<span>no formula</span>") == nil)
        #expect(SearchIndex.mathML("<math><mi>x</mi>") == nil, "an element never closed")
        #expect(SearchIndex.mathML(nil) == nil)
    }

    @Test("each {name} filled once; a value is not filled in turn; an unknown name stays")
    func fill() {
        #expect(SiteStrings.fill("第 {line} 行", ["line": "12"]) == "第 12 行")
        #expect(SiteStrings.fill("{title}：{line}", ["title": "{line}", "line": "3"]) == "{line}：3")
        #expect(SiteStrings.fill("{unknown} {x", ["x": "1"]) == "{unknown} {x")
        #expect(SiteStrings.fill("", [:]) == "")
    }
}
