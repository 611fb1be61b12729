import GalleyMarkdown
import GalleyRendering
import GalleyResults
import GalleyTestSupport
import Testing

/// A formula and the punctuation after it stay on one line, so that no line of a page starts with
/// "。" or "，" (Chromium breaks after a formula's box even before closing punctuation).
@Suite("Punctuation after a formula")
struct FormulaPunctuationTests {
    /// `markdown` as HTML, its inline formulas typeset as KaTeX would: one box each, or one more
    /// for each `=` (KaTeX may break a line between its boxes).
    func page(_ markdown: String) -> String {
        let document = parse(markdown).document
        var results = ChapterResults()
        for tex in ["x", "e^{z_j}", "a = b", Self.long, Self.longOneBox] {
            let boxes = tex.split(separator: "=").map { "<span class=\"base\">\($0)</span>" }
            results.typesetMath[.init(tex: tex, display: false)] = TypesetMath(
                html: "<span class=\"katex\"><span class=\"katex-mathml\"><math>\(tex)</math></span>"
                    + "<span class=\"katex-html\" aria-hidden=\"true\">\(boxes.joined(separator: "="))</span></span>")
        }
        return HTMLFormatter.format(document, options: .init(results: results))
    }

    static let long = "L = -\\sum_j y_j \\ln a_j = -\\ln a_c"
    static let longOneBox = "\\frac{\\partial L}{\\partial z_i}"

    @Test("a one-box formula is glued to the punctuation after it, not to the text beyond")
    func glued() {
        #expect(
            page("代替 $e^{z_j}$。分子分母") == """
                <p>代替 <span class="nobr"><span class="math inline"><span class="katex"><span class="katex-mathml"><math>e^{z_j}</math></span><span class="katex-html" aria-hidden="true"><span class="base">e^{z_j}</span></span></span></span>。</span>分子分母</p>

                """)
        #expect(
            page("取 $x$，") == """
                <p>取 <span class="nobr"><span class="math inline"><span class="katex"><span class="katex-mathml"><math>x</math></span><span class="katex-html" aria-hidden="true"><span class="base">x</span></span></span></span>，</span></p>

                """)
    }

    @Test("a formula short on the page is glued even when KaTeX could break it; a long one of one box too")
    func short() {
        #expect(page("于是 $a = b$。").contains("<span class=\"nobr\"><span class=\"math inline\">"))
        #expect(page("求 $\(Self.longOneBox)$，").contains("<span class=\"nobr\"><span class=\"math inline\">"))
    }

    @Test("a long formula KaTeX may break, or one followed by a word or an opening bracket, stands alone")
    func notGlued() {
        #expect(!page("于是 $\(Self.long)$。").contains("nobr"), "gluing would take away its breaks after =")
        #expect(!page("取 $x$ 为").contains("nobr"))
        #expect(!page("取 $x$（见上）").contains("nobr"))
        #expect(!page("取 $x$/2 与 $x$@eq-a").contains("nobr"), "a slash or an @ may start a line")
        #expect(!page("取 $y$。").contains("nobr"), "not typeset: no box to keep together")
    }
}
