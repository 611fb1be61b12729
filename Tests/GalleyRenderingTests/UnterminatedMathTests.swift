import GalleyDiagnostics
import GalleyMarkdown
import GalleyRendering
import GalleyTestSupport
import Testing

/// Unterminated math is an error at the opening delimiter, and the page still renders, with the
/// author's text shown as written.
@Suite("Unterminated math")
struct UnterminatedMathTests {
    @Test("an inline $ without its partner")
    func inline() {
        let source = MarkedSource("# Title\n\nThe sum ⚑$x + y has no end.\n\nNext paragraph $z$.")
        let result = parse(source.text, path: "Chapters/01.md")
        #expect(
            result.diagnostics.map(\.description) == [
                "Chapters/01.md:\(source.marker.line):\(source.marker.column): error: unterminated inline math: no closing '$'"
            ])
        #expect(
            HTMLFormatter.format(result.document).contains(
                "<p>The sum $x + y has no end.</p>\n<p>Next paragraph <span class=\"math inline\">z</span>.</p>"))
    }

    @Test("a $$ block that never closes stops at the blank line")
    func displayBlock() {
        let source = MarkedSource("Intro.\n\n⚑$$\na = b\n\nThe rest *renders*.\n\n$$c$$")
        let result = parse(source.text)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.location == source.marker)
        #expect(result.diagnostics.first?.identifier == .mathUnterminated)
        let page = HTMLFormatter.format(result.document)
        #expect(page.contains("<p>The rest <em>renders</em>.</p>"))
        #expect(page.contains("<div class=\"math display\">c</div>"))
    }

    @Test("a $$ inside a line without its partner, in a block quote")
    func inlineDisplayInQuote() {
        let source = MarkedSource("> quoted\n> text ⚑$$x_1 and more")
        let result = parse(source.text)
        #expect(result.diagnostics.map(\.location) == [source.marker])
        #expect(HTMLFormatter.format(result.document).contains("text $$x_1 and more"))
    }

    @Test("columns count characters, not bytes, in Chinese text")
    func chineseColumns() {
        let source = MarkedSource("交叉熵的定义是 ⚑$L = -\\ln a")
        let result = parse(source.text)
        #expect(result.diagnostics.first?.location == source.marker)
        #expect(source.marker.column == 9)
    }
}
