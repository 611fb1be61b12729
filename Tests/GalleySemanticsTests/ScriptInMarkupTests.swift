import GalleyDiagnostics
import GalleyMarkdown
import GalleySemantics
import GalleyTestSupport
import Testing

/// Markdown in, a warning at each place that would run script if the page let it.
@Suite("Script in a chapter's markup")
struct ScriptInMarkupTests {
    private func warnings(_ source: MarkedSource) -> [GalleyDiagnostics.SourceLocation] {
        ScriptInMarkup.diagnostics(in: parse(source.text).document, path: "a.md").map(\.location)
    }

    @Test("event handlers and javascript: URLs in raw HTML, links and images, at their places")
    func found() {
        let source = MarkedSource(
            """
            ⚑<svg onload=alert(1)></svg>

            文字 ⚑<img src="x.png" ONERROR = "alert(2)"> 与 ⚑[链接](  JavaScript:alert(3)) 和 ⚑![图](javascript:alert(4))。

            ⚑<a href="javascript:alert(5)">链接</a>
            """)
        #expect(warnings(source) == source.markers)
    }

    @Test("not: plain HTML, words in quoted values, ordinary links, an attribute that only starts with on, text")
    func notFound() {
        let text = """
            <span class="x" title="click onclick=1 here">文字</span> [链接](https://example.com/on=1)
            <p data-one="1">一</p> <img src="online.png" alt="on">

            <svg/onload=alert(1)> is no tag to cmark-gfm: it is text, escaped on the page.
            """
        #expect(ScriptInMarkup.diagnostics(in: parse(text).document, path: "a.md").isEmpty)
    }
}
