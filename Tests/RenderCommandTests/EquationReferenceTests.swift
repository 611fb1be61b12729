import Foundation
import GalleyTestSupport
import Testing

/// Equation labels and references in Quarto's syntax, across chapters: numbered (chapter.n) in
/// book order, an explicit \tag winning; unknown and doubled labels are errors at their lines.
@Suite("Equation labels and references")
struct EquationReferenceTests {
    static let first = """
        # 一

        $$a_j = \\frac{e^{z_j}}{\\sum_l e^{z_l}}$$ {#eq-softmax}

        $$
        \\sigma(x) = \\frac{1}{1 + e^{-x}}
        $$ {#eq-sigmoid}

        $$L = -\\ln a_c \\tag{交叉熵}$$ {#eq-loss}

        由 @eq-softmax 可知。

        """
    static let second = """
        # 二

        $$z = Wx + b$$ {#eq-affine}

        回顾 @eq-softmax、@eq-sigmoid 与 @eq-loss，再看 @eq-affine。

        """

    @Test("labelled formulas are numbered per chapter and shown as tags; references across chapters link to them")
    func numbersAndLinks() throws {
        let book = try TemporaryBook(["01.md": Self.first, "02.md": Self.second])
        let run = try book.render()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let one = try #require(book.output("01.html"))
        #expect(one.contains("<div class=\"math display\" id=\"eq-softmax\">"))
        #expect(one.contains("<div class=\"math display\" id=\"eq-sigmoid\">"))
        #expect(one.contains(texAnnotation("a_j = \\frac{e^{z_j}}{\\sum_l e^{z_l}} \\tag{1.1}")))
        #expect(one.contains(texAnnotation("\n\\sigma(x) = \\frac{1}{1 + e^{-x}}\n \\tag{1.2}")))
        #expect(one.contains(texAnnotation("L = -\\ln a_c \\tag{交叉熵}")), "an explicit tag wins")
        #expect(one.contains("由 <a class=\"equation-reference\" href=\"01.html#eq-softmax\">(1.1)</a> 可知"))
        let two = try #require(book.output("02.html"))
        #expect(two.contains(texAnnotation("z = Wx + b \\tag{2.1}")))
        #expect(
            two.contains(
                "回顾 <a class=\"equation-reference\" href=\"01.html#eq-softmax\">(1.1)</a>、<a class=\"equation-reference\" href=\"01.html#eq-sigmoid\">(1.2)</a> 与 <a class=\"equation-reference\" href=\"01.html#eq-loss\">(交叉熵)</a>，再看 <a class=\"equation-reference\" href=\"02.html#eq-affine\">(2.1)</a>。"
            ), "\(two)")
    }

    @Test("the Markdown output writes each reference as a link with its number, and each label as an anchor and a tag")
    func markdown() throws {
        let book = try TemporaryBook(["01.md": Self.first, "02.md": Self.second])
        #expect(try book.render().status == 0)
        let one = try #require(book.output("01.md"))
        #expect(one.contains("<a id=\"eq-softmax\"></a>\n\n$$a_j = \\frac{e^{z_j}}{\\sum_l e^{z_l}} \\tag{1.1}$$\n"))
        #expect(one.contains("<a id=\"eq-sigmoid\"></a>\n\n$$\n\\sigma(x) = \\frac{1}{1 + e^{-x}}\n\\tag{1.2}\n$$\n"))
        #expect(one.contains("<a id=\"eq-loss\"></a>\n\n$$L = -\\ln a_c \\tag{交叉熵}$$\n"))
        #expect(one.contains("由 [(1.1)](01.md#eq-softmax) 可知"))
        #expect(!one.contains("{#eq-"))
        let two = try #require(book.output("02.md"))
        #expect(two.contains("回顾 [(1.1)](01.md#eq-softmax)、[(1.2)](01.md#eq-sigmoid) 与 [(交叉熵)](01.md#eq-loss)"))
    }

    @Test("a reference to no label, and a label used twice, are errors at their lines")
    func errors() throws {
        let first = MarkedSource("# 一\n\n$$a = 1$$ {#eq-a}\n\n见 ⚑@eq-missing。\n")
        let second = MarkedSource("# 二\n\n⚑$$b = 2$$ {#eq-a}\n")
        let book = try TemporaryBook(["01.md": first.text, "02.md": second.text])
        let run = try book.render(["--check"])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "Chapters/01.md:\(first.marker.line):\(first.marker.column): error: no equation is labelled 'eq-missing'"
            ),
            "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "Chapters/02.md:\(second.marker.line):\(second.marker.column): error: the equation label 'eq-a' is used twice; first at Chapters/01.md:3"
            ), "\(run.stderr)")
        let render = try book.render()
        #expect(render.status == 1, "rendering reports them too, early-rendered chapters included")
        #expect(render.stderr.contains("used twice"), "\(render.stderr)")
    }

    @Test("a labelled formula KaTeX cannot typeset keeps its anchor, so a reference leads to the error")
    func brokenLabelledFormula() throws {
        let book = try TemporaryBook(["01.md": "# 一\n\n$$\\frac{a}{b$$ {#eq-broken}\n\n见 @eq-broken。\n"])
        let run = try book.render()
        #expect(run.status == 1)
        let page = try #require(book.output("01.html"))
        #expect(page.contains("<div class=\"math display math-error\" role=\"note\" id=\"eq-broken\">"), "\(page)")
        #expect(page.contains("见 <a class=\"equation-reference\" href=\"01.html#eq-broken\">(1.1)</a>。"))
    }
}
