import Foundation
import GalleyTestSupport
import Testing

/// Formulas followed by `<!-- check -->` are checked whole: symbols take the chapter's values or
/// the comment's bindings, free indices run over every value, derivatives are computed by central
/// differences. Each test is a chapter in, diagnostics (at ⚑) and pages out.
@Suite("Checked formulas: symbolic, on request")
struct CheckedSymbolicFormulaTests {
    private static let softmaxCode = """
        ```swift run
        let z: [Double] = [3, 1, -3]
        let a = softmax(z)
        ```

        """

    @Test("the softmax and derivative typos from the issue are caught at their lines; the corrections pass")
    func issueExamples() throws {
        let source = MarkedSource(
            Self.softmaxCode + """
                ⚑$$
                a_j = \\frac{e^{z_1}}{\\sum_i e^{z_i}}
                $$
                <!-- check -->

                ⚑$$
                \\frac{\\partial a_1}{\\partial z_1} = -a_1 a_2
                $$
                <!-- check: a = softmax(z) -->
                """)
        let book = try TemporaryBook(["07-softmax.md": source.text])
        let wrong = try book.render(["--check"])
        #expect(wrong.status == 1)
        let lines = source.markers.map(\.line)
        #expect(
            wrong.stderr.contains(
                "Chapters/07-softmax.md:\(lines[0]):1: error: sides differ at j = 2: a_2 = 0.1189, \\frac{e^{z_1}}{\\sum_i e^{z_i}} = 0.8789 (and 1 more value) (with a = (0.8789, 0.1189, 0.002179), z = (3, 1, -3))"
            ),
            "\(wrong.stderr)")
        #expect(
            wrong.stderr.contains(
                "Chapters/07-softmax.md:\(lines[1]):1: error: sides differ: \\frac{\\partial a_1}{\\partial z_1} = 0.1065, -a_1 a_2 = -0.1045 (with a = softmax(z))"
            ),
            "\(wrong.stderr)")

        try book.write(
            "07-softmax.md",
            source.text
                .replacingOccurrences(of: "e^{z_1}}{\\sum_i", with: "e^{z_j}}{\\sum_i")
                .replacingOccurrences(of: "= -a_1 a_2", with: "= a_1 (1 - a_1)"))
        let right = try book.render(["--check"])
        #expect(right.status == 0, "\(right.stderr)")
        // Three values of j, one derivative.
        #expect(
            right.stdout.contains(
                "0 stated numbers checked in 1 chapter, 0 wrong; 2 formulas checked at 4 points, 0 wrong; 0 of 0 stated numbers unchecked"
            ), "\(right.stdout)")
    }

    @Test("the summary counts each error once: a formula wrong at three values, and a missing image as one other error")
    func summaryCountsEachErrorOnce() throws {
        let book = try TemporaryBook([
            "01-a.md": """
            # 一

            ```swift run
            let z: [Double] = [4, 3, 1, -3]
            let a = softmax(z)
            ```

            $$
            a_j = \\frac{e^{z_1}}{\\sum_i e^{z_i}}
            $$
            <!-- check -->

            ![图](missing.png)

            """
        ])
        let run = try book.render(["--check"])
        #expect(run.status == 1)
        // One diagnostic for the formula (wrong at j = 2, 3, 4) and one for the image.
        #expect(run.stderr.components(separatedBy: ": error: ").count - 1 == 2, "\(run.stderr)")
        #expect(
            run.stdout.contains(
                "0 stated numbers checked in 1 chapter, 0 wrong; 1 formula checked at 4 points, 1 wrong; 0 of 0 stated numbers unchecked; 1 other error"
            ),
            "\(run.stdout)")
    }

    @Test("symbols are the chapter's variables unless the comment binds them; bindings run in order")
    func bindings() throws {
        let source = MarkedSource(
            Self.softmaxCode + """
                $$z_1 = 3$$
                <!-- check -->

                $$z_1 = 5$$
                <!-- check: z = [5, 0]; a = softmax(z) -->

                $$a_2 = \\frac{1}{1 + e^{5}}$$
                <!-- check: z = [5, 0]; a = softmax(z) -->

                ⚑$$z_2 = 0$$
                <!-- check: z = [5, 1] -->
                """)
        let book = try TemporaryBook(["a.md": source.text])
        let run = try book.render(["--check"])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains("a.md:\(source.marker.line):1: error: z_2 = 1, written 0 (with z = [5, 1])"),
            "\(run.stderr)")
        #expect(run.stderr.components(separatedBy: "error:").count == 2, "\(run.stderr)")
    }

    @Test("a free index is checked at every value, and the comment can restrict it")
    func freeIndices() throws {
        let source = MarkedSource(
            Self.softmaxCode + """
                情形二：

                ⚑$$
                \\frac{\\partial a_i}{\\partial z_j} = -a_i a_j
                $$
                <!-- check: a = softmax(z) -->

                $$
                \\frac{\\partial a_i}{\\partial z_j} = -a_i a_j
                $$
                <!-- check: a = softmax(z); i != j -->
                """)
        let book = try TemporaryBook(["a.md": source.text])
        let run = try book.render(["--check"])
        #expect(
            run.stderr.contains(
                "a.md:\(source.marker.line):1: error: sides differ at i = 1, j = 1: \\frac{\\partial a_1}{\\partial z_1} = 0.1065, -a_1 a_1 = -0.7724 (and 2 more values)"
            ),
            "\(run.stderr)")
        // 9 values for the first formula (3 of them wrong), 6 for the second.
        #expect(
            run.stdout.contains(
                "0 stated numbers checked in 1 chapter, 0 wrong; 2 formulas checked at 15 points, 1 wrong; 0 of 0 stated numbers unchecked"
            ), "\(run.stdout)")
    }

    @Test("derivatives re-run the bindings that depend on the variable")
    func derivatives() throws {
        let source = MarkedSource(
            Self.softmaxCode + """
                ```swift run
                let y: [Double] = [1, 0, 0]
                let L = crossEntropy(probabilities: a, labels: y)
                ```

                $$\\frac{\\partial L}{\\partial z_i} = a_i - y_i$$
                <!-- check: a = softmax(z); L = crossEntropy(probabilities: a, labels: y) -->

                $$\\sigma'(x) = \\sigma(x)(1 - \\sigma(x)), \\qquad \\frac{d}{dx} \\tanh(x) = 1 - \\tanh^2(x)$$
                <!-- check: x = 0.7; \\sigma = sigmoid -->

                ⚑$$\\frac{\\partial L}{\\partial z_i} = a_i - y_i$$
                <!-- check -->
                """)
        let book = try TemporaryBook(["a.md": source.text])
        let run = try book.render(["--check"])
        #expect(
            run.stderr.contains(
                "a.md:\(source.marker.line):1: error: cannot check this formula: the derivative with respect to z cannot be computed: 'L' does not depend on 'z' through the check comment's bindings"
            ),
            "\(run.stderr)")
        #expect(run.stderr.components(separatedBy: "error:").count == 2, "\(run.stderr)")
        #expect(
            run.stdout.contains(
                "0 stated numbers checked in 1 chapter, 0 wrong; 2 formulas checked at 5 points, 0 wrong; 0 of 0 stated numbers unchecked; 1 other error"
            ), "\(run.stdout)")
    }

    @Test("the LaTeX a course uses: every construct in one passing chapter")
    func constructs() throws {
        let text = """
            ```swift run
            let z: [Double] = [3, 1, -3]
            let a = softmax(z)
            let y: [Double] = [0, 1, 0]
            let W: [[Double]] = [[1, 2], [3, 4]]
            let x = 0.5
            let m = 3
            ```

            $$a_j = \\frac{e^{z_j}}{\\sum_{i=1}^{m} e^{z_i}} = \\frac{\\exp(z_j)}{\\sum_i exp(z_i)} \\tag{1}$$
            <!-- check -->

            $$1 - a_j = \\sum_{k \\neq j} a_k, \\qquad \\prod_{i=1}^{3} e^{z_i} = e^{\\sum_i z_i}$$
            <!-- check -->

            $$\\ln a_1 = z_1 - \\log \\sum_k e^{z_k} = z_1 - \\max_k z_k - \\ln\\left(\\sum_k e^{z_k - \\max(z_1, z_2)}\\right)$$
            <!-- check -->

            $$\\sqrt{W_{22}} \\cdot W_{1,2} = 2 \\times 2 = 2 * 2 = [W_{11} + 1]\\,\\{2\\} = W_{21} + 1$$
            <!-- check -->

            $$a_ia_j = a_i \\cdot a_j \\quad\\text{and}\\quad (\\delta_{ij} - a_j) a_i = \\begin{cases} a_i(1 - a_i) & i = j \\\\ -a_i a_j & \\text{otherwise} \\end{cases}$$
            <!-- check -->

            $$\\max(0, x) = \\begin{cases} x & x > 0 \\\\ 0 & x \\le 0 \\end{cases} = 0.5$$
            <!-- check -->
            """
        let book = try TemporaryBook(["a.md": text])
        let run = try book.render(["--check"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        // 6 + 4 + 2 + 4 + 18 + 2 values: every pair of sides, at every value of its free indices.
        #expect(
            run.stdout.contains(
                "1 stated number checked in 1 chapter (1 computed, 0 restated inputs), 0 wrong; 6 formulas checked at 36 points, 0 wrong; 0 of 1 stated number unchecked"
            ), "\(run.stdout)")

        // The same chapter with one number changed in each formula: each is caught.
        let broken =
            text
            .replacingOccurrences(of: "\\tag{1}", with: "+ 0.1")
            .replacingOccurrences(of: "\\sum_{k \\neq j} a_k", with: "\\sum_{k \\neq j} a_k + 0.1")
            .replacingOccurrences(of: "\\max(z_1, z_2)}\\right)", with: "\\max(z_1, z_2)}\\right) + 0.1")
            .replacingOccurrences(of: "= W_{21} + 1", with: "= W_{21} + 1.1")
            .replacingOccurrences(of: "-a_i a_j & \\text{otherwise}", with: "-a_i a_j + 0.1 & \\text{otherwise}")
            .replacingOccurrences(of: "= 0.5$$", with: "= 0.6$$")
        try book.write("a.md", broken)
        let caught = try book.render(["--check"])
        for line in [10, 13, 16, 19, 22, 25] {
            #expect(caught.stderr.contains("a.md:\(line):1: error:"), "line \(line)\n\(caught.stderr)")
        }
    }

    @Test("no silent passes: whole numbers are exact, a condition never empties a pair, steps fit small values")
    func noSilentPasses() throws {
        let source = MarkedSource(
            Self.softmaxCode + """
                ⚑$$\\sigma(0) = 0$$
                <!-- check: \\sigma = sigmoid -->

                $$\\sum_j a_j = 1$$
                <!-- check -->

                ⚑$$\\sum_i a_i = 1, \\quad a_i = a_j$$
                <!-- check: i == j && i != j -->

                $$\\frac{dy}{dp} = \\frac{1}{p}, \\qquad \\frac{\\partial L}{\\partial a_3} = -\\frac{1}{a_3}$$
                <!-- check: p = 0.0005; y = Foundation.log(p); L = -Foundation.log(a[2]) -->

                $$\\frac{\\partial L}{\\partial W_{12}} = 2 W_{12}$$
                <!-- check: W = [[1, 3], [2, 4]]; L = W[0][1] * W[0][1] -->

                Inline, with a line break before the comment: $e^{z_1} = 20.09$
                <!-- check -->
                """)
        let book = try TemporaryBook(["a.md": source.text])
        let run = try book.render(["--check"])
        #expect(
            run.stderr.contains("a.md:\(source.markers[0].line):1: error: \\sigma(0) = 0.5, written 0"), "\(run.stderr)"
        )
        #expect(
            run.stderr.contains(
                "a.md:\(source.markers[1].line):1: error: cannot check the formula: no values of the free indices satisfy the check comment's condition"
            ),
            "\(run.stderr)")
        #expect(run.stderr.components(separatedBy: "error:").count == 3, "\(run.stderr)")
        // 1 + 1 + 3 rows of the formula whose condition holds nowhere (one problem row) + 2 + 1 + 1.
        #expect(
            run.stdout.contains(
                "3 stated numbers checked in 1 chapter (3 computed, 0 restated inputs), 1 wrong; 5 formulas checked at 7 points, 2 wrong; 1 of 4 stated numbers unchecked"
            ), "\(run.stdout)")
    }

    @Test("what cannot be checked is named, never passed silently")
    func unsupported() throws {
        let source = MarkedSource(
            """
            ```swift run
            let x = 0.5
            let s = "text"
            ```

            ⚑$$\\int_0^1 x \\, dx = 0.5$$
            <!-- check -->

            ⚑$$\\begin{pmatrix} 1 \\end{pmatrix} = 1$$
            <!-- check -->

            ⚑$$x \\neq 1$$
            <!-- check -->

            ⚑$$\\frac{\\partial^2 x}{\\partial x^2} = 0$$
            <!-- check -->

            ⚑$$q = 1$$
            <!-- check -->

            ⚑$$s = 1$$
            <!-- check -->

            ⚑$$\\sum_i x = 1$$
            <!-- check -->
            """)
        let book = try TemporaryBook(["a.md": source.text])
        let run = try book.render(["--check"])
        #expect(run.status == 1)
        let expected = [
            "cannot check this formula: '\\int' cannot be checked",
            "cannot check this formula: '\\begin{pmatrix}' cannot be checked",
            "cannot check this formula: the relation '\\neq' cannot be checked: only = and \\approx can",
            "cannot check this formula: higher derivatives cannot be checked",
            "checking the formula: 'q' is not a variable of the chapter; bind it in the check comment",
            "checking the formula: 's' must be a number, a vector, a matrix (of Doubles) or a function of one number",
            "cannot check this formula: the index i of a sum indexes no vector in it",
        ]
        for (marker, message) in zip(source.markers, expected) {
            #expect(run.stderr.contains("a.md:\(marker.line):1: error: \(message)"), "\(message)\n\(run.stderr)")
        }
    }

    @Test("a checked formula carries the mark on the page, inline and displayed")
    func pageMarks() throws {
        let source = MarkedSource(
            Self.softmaxCode + """
                $$a_j = \\frac{e^{z_j}}{\\sum_i e^{z_i}}$$
                <!-- check -->

                行内：⚑$a_1 = 0.5$<!-- check --> 不对。
                """)
        let book = try TemporaryBook(["a.md": source.text])
        let run = try book.render()
        #expect(run.status == 1)
        #expect(
            run.stderr.contains("a.md:\(source.marker.line):\(source.marker.column): error: a_1 = 0.9, written 0.5"),
            "\(run.stderr)")
        let page = try #require(book.output("a.html"))
        #expect(
            page.contains(
                "<div class=\"math display formula-checked\" title=\"formula checked\"><span class=\"katex-display\">"
            ), "\(page)")
        #expect(
            page.contains("<span class=\"math inline formula-wrong\" title=\"formula wrong\"><span class=\"katex\">"),
            "\(page)")
    }
}
