import GalleyRendering
import Testing

@Suite("Swift highlighting at build time")
struct SwiftHighlighterTests {
    @Test("keywords, types, numbers, strings, comments, attributes")
    func tokens() {
        #expect(
            SwiftHighlighter.html("let z: [Double] = [3, -1.5] // 分数") == """
                <span class="hl-keyword">let</span> z: [<span class="hl-type">Double</span>] = [<span class="hl-number">3</span>, -<span class="hl-number">1.5</span>] <span class="hl-comment">// 分数</span>
                """)
        #expect(
            SwiftHighlighter.html("@MainActor func f() {}") == """
                <span class="hl-attribute">@MainActor</span> <span class="hl-keyword">func</span> f() {}
                """)
    }

    @Test("strings with escapes and interpolation stay one token; their text is escaped")
    func strings() {
        #expect(
            SwiftHighlighter.html(#"print("a \"<b>\" \(x + 1)")"#) == """
                print(<span class="hl-string">&quot;a \\&quot;&lt;b&gt;\\&quot; \\(x + 1)&quot;</span>)
                """)
        #expect(
            SwiftHighlighter.html("let s = \"\"\"\nline \"quoted\"\n\"\"\"") == """
                <span class="hl-keyword">let</span> s = <span class="hl-string">&quot;&quot;&quot;
                line &quot;quoted&quot;
                &quot;&quot;&quot;</span>
                """)
    }

    @Test("nested block comments and unterminated literals do not run away")
    func edges() {
        #expect(SwiftHighlighter.html("/* a /* b */ c */ x") == "<span class=\"hl-comment\">/* a /* b */ c */</span> x")
        #expect(SwiftHighlighter.html("\"open\nnext") == "<span class=\"hl-string\">&quot;open</span>\nnext")
        #expect(SwiftHighlighter.html("") == "")
    }
}
