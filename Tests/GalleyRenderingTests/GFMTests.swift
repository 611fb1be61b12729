import GalleyRendering
import GalleyTestSupport
import Testing

/// The GFM extensions are on: table, strikethrough, autolink, tasklist and tagfilter.
@Suite("GitHub-flavoured Markdown")
struct GFMTests {
    @Test("strikethrough")
    func strikethrough() {
        #expect(html("~~old~~ new") == "<p><del>old</del> new</p>\n")
    }

    @Test("autolinks without angle brackets")
    func autolink() {
        #expect(
            html("see www.example.com and https://example.org/a?b=1.") == """
                <p>see <a href="http://www.example.com">www.example.com</a> and <a href="https://example.org/a?b=1">https://example.org/a?b=1</a>.</p>

                """)
    }

    @Test("footnotes as GitHub renders them: numbered by first reference, with a link back to each reference")
    func footnotes() {
        // The expected HTML is cmark-gfm's own (its HTML renderer, CMARK_OPT_FOOTNOTES) for this input.
        let markdown = """
            Text[^a] and again[^a], other[^b] and [^missing].

            [^b]: Bee.
            [^a]: Aye with *em*.

                more

            [^unused]: never.
            """
        #expect(
            html(markdown) == """
                <p>Text<sup class="footnote-ref"><a href="#fn-a" id="fnref-a" data-footnote-ref>1</a></sup> and again<sup class="footnote-ref"><a href="#fn-a" id="fnref-a-2" data-footnote-ref>1</a></sup>, other<sup class="footnote-ref"><a href="#fn-b" id="fnref-b" data-footnote-ref>2</a></sup> and [^missing].</p>
                <section class="footnotes" data-footnotes>
                <ol>
                <li id="fn-a">
                <p>Aye with <em>em</em>.</p>
                <p>more <a href="#fnref-a" class="footnote-backref" data-footnote-backref aria-label="Back to content">↩</a> <a href="#fnref-a-2" class="footnote-backref" data-footnote-backref aria-label="Back to content">↩<sup class="footnote-ref">2</sup></a></p>
                </li>
                <li id="fn-b">
                <p>Bee. <a href="#fnref-b" class="footnote-backref" data-footnote-backref aria-label="Back to content">↩</a></p>
                </li>
                </ol>
                </section>

                """)
    }

    @Test("task lists")
    func taskList() {
        #expect(
            html("- [x] done\n- [ ] open") == """
                <ul>
                <li class="task"><input type="checkbox" checked="" disabled="" /> done</li>
                <li class="task"><input type="checkbox" disabled="" /> open</li>
                </ul>

                """)
    }

    @Test("the tagfilter disarms <script> and friends in raw HTML, block and inline")
    func tagfilter() {
        #expect(
            html("<script>alert(1)</script>\n\ntext <style>p{}</style> <b>bold</b>") == """
                &lt;script>alert(1)&lt;/script>
                <p>text &lt;style>p{}&lt;/style> <b>bold</b></p>

                """)
    }

    @Test("headings get anchors, GitHub style, Chinese kept")
    func headingAnchors() {
        #expect(
            html("# Softmax 的导数\n\n## 导数\n\n## 导数") == """
                <h1 id="softmax-的导数"><a class="anchor" href="#softmax-%E7%9A%84%E5%AF%BC%E6%95%B0" aria-label="Link to the section “Softmax 的导数”">#</a>Softmax 的导数</h1>
                <h2 id="导数"><a class="anchor" href="#%E5%AF%BC%E6%95%B0" aria-label="Link to the section “导数”">#</a>导数</h2>
                <h2 id="导数-1"><a class="anchor" href="#%E5%AF%BC%E6%95%B0-1" aria-label="Link to the section “导数”">#</a>导数</h2>

                """)
    }

    @Test("loose and tight lists, nested")
    func lists() {
        #expect(html("- a\n- b\n  - c\n") == "<ul>\n<li>a</li>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n")
        #expect(html("1. a\n\n2. b\n") == "<ol>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ol>\n")
    }

    @Test("text is escaped")
    func escaping() {
        #expect(html("a < b & \"c\"") == "<p>a &lt; b &amp; &quot;c&quot;</p>\n")
    }
}
