import GalleyMarkdown
import GalleyRendering
import GalleyTestSupport
import Testing

/// Math reaches the page exactly as written: Markdown never turns `*` into emphasis, `_` into
/// anything, `\\` into `\`, `|` into a table or `<` into a tag inside `$…$` and `$$…$$`.
@Suite("Math survives Markdown")
struct MathSurvivesMarkdownTests {
    @Test("underscores inside inline math")
    func underscores() {
        #expect(
            html("Let $a_i + b_j$ and $z_{ij}$ be _given_.") == """
                <p>Let <span class="math inline">a_i + b_j</span> and <span class="math inline">z_{ij}</span> be <em>given</em>.</p>

                """)
    }

    @Test("asterisks inside math, as in x*y*z")
    func asterisks() {
        #expect(
            html("$x*y*z$ and *this*\n\n$$x*y*z$$") == """
                <p><span class="math inline">x*y*z</span> and <em>this</em></p>
                <div class="math display">x*y*z</div>

                """)
    }

    @Test("a double backslash stays double")
    func doubleBackslash() {
        #expect(
            html("$$\\begin{matrix} a \\\\ b \\end{matrix}$$") == """
                <div class="math display">\\begin{matrix} a \\\\ b \\end{matrix}</div>

                """)
        #expect(html("inline $a \\\\ b$ too") == "<p>inline <span class=\"math inline\">a \\\\ b</span> too</p>\n")
    }

    @Test("a pipe inside math in a paragraph")
    func pipe() {
        #expect(
            html("$|x| = \\lvert x \\rvert$ and $$p(a|b)$$") == """
                <p><span class="math inline">|x| = \\lvert x \\rvert</span> and <span class="math display">p(a|b)</span></p>

                """)
    }

    @Test("a less-than sign is escaped, never a tag")
    func lessThan() {
        #expect(
            html("$a<b$ and $x <y> z$") == """
                <p><span class="math inline">a&lt;b</span> and <span class="math inline">x &lt;y&gt; z</span></p>

                """)
    }

    @Test("a $$ block over several lines keeps every line")
    func multiLineDisplay() {
        let markdown = """
            $$
            a_j = \\frac{e^{z_j}}{\\sum_{i=1}^{n} e^{z_i}} \\\\
            - \\log a_1
            $$
            """
        #expect(
            html(markdown) == """
                <div class="math display">
                a_j = \\frac{e^{z_j}}{\\sum_{i=1}^{n} e^{z_i}} \\\\
                - \\log a_1
                </div>

                """)
    }

    @Test("one-line $$ blocks in a row with no blank line between")
    func consecutiveOneLineBlocks() {
        #expect(
            html("$$a_1 = 1$$\n$$b_2 = 2$$\n$$c*d$$\nafter") == """
                <div class="math display">a_1 = 1</div>
                <div class="math display">b_2 = 2</div>
                <div class="math display">c*d</div>
                <p>after</p>

                """)
    }

    @Test("a $$ block right after a line of text")
    func displayAfterText() {
        #expect(html("text\n$$x_1$$") == "<p>text</p>\n<div class=\"math display\">x_1</div>\n")
    }

    @Test("math inside a block quote, with and without a space after >")
    func blockQuote() {
        let markdown = """
            > $$c_1 = d_1$$
            >$e_1$ and *f*
            > $$
            > g_2
            > $$
            """
        #expect(
            html(markdown) == """
                <blockquote>
                <div class="math display">c_1 = d_1</div>
                <p><span class="math inline">e_1</span> and <em>f</em></p>
                <div class="math display">
                g_2
                </div>
                </blockquote>

                """)
    }

    @Test("math inside list items")
    func listItems() {
        let markdown = """
            - item $h_1$
            - item two
              $$
              i_2 * j
              $$
            """
        #expect(
            html(markdown) == """
                <ul>
                <li>item <span class="math inline">h_1</span></li>
                <li>item two
                <div class="math display">
                i_2 * j
                </div>
                </li>
                </ul>

                """)
    }

    @Test("math inside GFM table cells")
    func tableCells() {
        let markdown = """
            | $z_i$ | $a_i$ |
            |---|---:|
            | $3$ | $e^{z_1}/\\sum_j e^{z_j}$ |
            """
        #expect(
            html(markdown) == """
                <div class="table-wrap"><table>
                <thead>
                <tr>
                <th><span class="math inline">z_i</span></th>
                <th align="right"><span class="math inline">a_i</span></th>
                </tr>
                </thead>
                <tbody>
                <tr>
                <td><span class="math inline">3</span></td>
                <td align="right"><span class="math inline">e^{z_1}/\\sum_j e^{z_j}</span></td>
                </tr>
                </tbody>
                </table></div>

                """)
    }

    @Test("\\tag with Chinese text and a nested $…$")
    func tagWithChineseAndNestedMath() {
        #expect(
            html("$$L = -\\sum_j y_j \\ln a_j \\tag{交叉熵，$j$ 取遍各类}$$") == """
                <div class="math display">L = -\\sum_j y_j \\ln a_j \\tag{交叉熵，$j$ 取遍各类}</div>

                """)
        #expect(
            html("$$\n\\frac{\\partial a_i}{\\partial z_j} \\tag{当 $i=j$ 时}\n$$") == """
                <div class="math display">
                \\frac{\\partial a_i}{\\partial z_j} \\tag{当 $i=j$ 时}
                </div>

                """)
    }

    @Test("a $ inside a code span is code")
    func codeSpan() {
        #expect(html("`let s = \"$x$\"` and `$`") == "<p><code>let s = &quot;$x$&quot;</code> and <code>$</code></p>\n")
    }

    @Test("a $ inside a code block is code")
    func codeBlock() {
        #expect(
            html("```text\nlet price = \"$5 and $x$\"\n```\n\n    $$indented$$") == """
                <pre tabindex="0"><code class="language-text">let price = &quot;$5 and $x$&quot;
                </code></pre>
                <pre tabindex="0"><code>$$indented$$
                </code></pre>

                """)
    }

    @Test("an escaped \\$ is a dollar sign")
    func escapedDollar() {
        #expect(
            html("It costs \\$3 or \\$4, not $x$.")
                == "<p>It costs $3 or $4, not <span class=\"math inline\">x</span>.</p>\n")
    }

    @Test("a lone $ as in 5 $ each, and prices, are not math")
    func loneDollar() {
        #expect(html("Apples are 5 $ each.") == "<p>Apples are 5 $ each.</p>\n")
        #expect(html("From $5 to $10.") == "<p>From $5 to $10.</p>\n")
        let result = parse("Apples are 5 $ each, from $5 to $10.")
        #expect(result.diagnostics.isEmpty)
    }

    @Test("inline math may run over a line break")
    func inlineOverLineBreak() {
        #expect(html("see $a +\nb$ here") == "<p>see <span class=\"math inline\">a +\nb</span> here</p>\n")
    }
}
