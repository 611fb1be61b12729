import Foundation
import GalleyTestSupport
import Testing

/// Closed arithmetic in formulas is checked, always, at the precision of the written number.
@Suite("Checked formulas: closed arithmetic")
struct CheckedFormulaTests {
    @Test(
        "a book without code compiles nothing: its arithmetic is computed in-process, wrong sides caught all the same")
    func noCompiler() throws {
        let source = MarkedSource(
            """
            # 只有公式

            $$\\sqrt{2} \\approx 1.4142$$

            ⚑$$e^{-1} + \\max(0.5, 0.25) = 0.8697$$

            $$\\frac{\\exp(1)}{2} \\approx 1.359, \\quad \\tanh(0.5) \\approx 0.4621, \\quad |{-2}|^{3} = 8$$

            """)
        let book = try TemporaryBook(["a.md": source.text])
        let cache = book.root.appendingPathComponent("cache")
        let run = try book.render(["--check", "--cache-dir", cache.path])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "Chapters/a.md:\(source.marker.line):\(source.marker.column): error: e^{-1} + \\max(0.5, 0.25) = 0.8679, written 0.8697"
            ),
            "\(run.stderr)")
        #expect(
            run.stdout.contains(
                "5 stated numbers checked in 1 chapter (5 computed, 0 restated inputs), 1 wrong; 3 formulas checked at 5 points, 1 wrong; 0 of 5 stated numbers unchecked"
            ), "\(run.stdout)")
        let cached = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        #expect(cached == ["math"], "no chapter program was built: \(cached)")
    }

    @Test(
        "numbers in groups of three are one number, in every form authors write them: right ones pass, wrong ones are caught"
    )
    func digitGroups() throws {
        let right = """
            # 千位分隔

            $$150 \\times 250 = 37,500$$

            $$3 \\times 12{,}279 = 36{,}837$$

            $$2.5 \\times 4\\,000 = 10\\,000$$

            $$4~000 / 2 = 2~000$$

            $$10\\ 000 - 1 = 9\\ 999$$

            $$1 + 1 = 2, \\quad 500 + 500 = 1000$$

            """
        let book = try TemporaryBook(["a.md": right])
        let passes = try book.render(["--check"])
        #expect(passes.status == 0, "\(passes.stderr)")
        #expect(
            passes.stdout.contains(
                "7 stated numbers checked in 1 chapter (7 computed, 0 restated inputs), 0 wrong; 6 formulas checked at 7 points, 0 wrong; 0 of 7 stated numbers unchecked"
            ), "\(passes.stdout)")
        let wrong = right.replacingOccurrences(of: "37,500", with: "37,600")
            .replacingOccurrences(of: "36{,}837", with: "36{,}838")
            .replacingOccurrences(of: "10\\,000$$", with: "10\\,100$$")
            .replacingOccurrences(of: "2~000", with: "2~001")
            .replacingOccurrences(of: "9\\ 999", with: "9\\ 998")
        try book.write("a.md", wrong)
        let fails = try book.render(["--check"])
        #expect(fails.status == 1)
        #expect(
            fails.stdout.contains(
                "7 stated numbers checked in 1 chapter (7 computed, 0 restated inputs), 5 wrong; 6 formulas checked at 7 points, 5 wrong; 0 of 7 stated numbers unchecked"
            ), "\(fails.stdout)")
        for (line, computed) in [(3, "37500"), (5, "36837"), (7, "10000"), (9, "2000"), (11, "9999")] {
            #expect(fails.stderr.contains("Chapters/a.md:\(line):1: error:"), "line \(line): \(fails.stderr)")
            #expect(fails.stderr.contains(computed), "line \(line) computes \(computed): \(fails.stderr)")
        }
    }

    @Test("the wrong arithmetic is caught at the formula's line, the right version passes")
    func closedArithmetic() throws {
        let source = MarkedSource(
            """
            # Formulas

            ⚑$$\\ln x = 4.5369/2 = 2.26854$$

            损失为 $-\\ln 0.879 \\approx 0.129$，$\\frac{1}{2} = 0.5$，$2^{10} = 1024$，$z_1 = 3$ 跳过。
            """)
        let book = try TemporaryBook(["a.md": source.text])
        let wrong = try book.render(["--check"])
        #expect(wrong.status == 1)
        #expect(
            wrong.stderr.contains(
                "Chapters/a.md:\(source.marker.line):\(source.marker.column): error: 4.5369/2 = 2.26845, written 2.26854"
            ), "\(wrong.stderr)")
        #expect(
            wrong.stdout.contains(
                "4 stated numbers checked in 1 chapter (4 computed, 0 restated inputs), 1 wrong; 4 formulas checked at 4 points, 1 wrong; 0 of 4 stated numbers unchecked"
            ), "\(wrong.stdout)")

        // --check writes nothing; a render shows the marks.
        _ = try book.render()
        let page = try #require(book.output("a.html"))
        #expect(
            page.contains(
                "<div class=\"math display formula-wrong\" title=\"formula wrong\"><span class=\"katex-display\">"))
        #expect(page.contains(texAnnotation("\\ln x = 4.5369/2 = 2.26854")))
        #expect(
            page.contains(
                "<span class=\"math inline formula-checked\" title=\"formula checked\"><span class=\"katex\">"))
        #expect(page.contains(texAnnotation("\\frac{1}{2} = 0.5")))
        #expect(page.contains(texAnnotation("z_1 = 3")))

        try book.write("a.md", source.text.replacingOccurrences(of: "2.26854", with: "2.26845"))
        let right = try book.render(["--check"])
        #expect(right.status == 0, "\(right.stderr)")
    }

    @Test("a power after parentheses raises the call of a function, and only the parentheses after a number")
    func powerAfterParentheses() throws {
        let book = try TemporaryBook([
            "a.md": """
            Compound interest: $A = P(1 + r)^n$<!-- check: P = 1000; r = 0.05; n = 10; A = 1000 * pow(1.05, 10) -->,
            and a square: $\\sigma(x)^2 = s$<!-- check: x = 0.7; \\sigma = sigmoid; s = sigmoid(0.7) * sigmoid(0.7) -->.

            """
        ])
        let check = try book.render(["--check"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("2 formulas checked at 2 points, 0 wrong"), "\(check.stdout)")
    }

    @Test("a loss written too small: −ln 0.879 = 0.123 is 0.129")
    func loss() throws {
        let source = MarkedSource("交叉熵 ⚑$-\\ln 0.879 = 0.123$。\n")
        let book = try TemporaryBook(["a.md": source.text])
        let run = try book.render(["--check"])
        #expect(
            run.stderr.contains("Chapters/a.md:1:\(source.marker.column): error: -\\ln 0.879 = 0.129, written 0.123"),
            "\(run.stderr)")

        try book.write("a.md", source.text.replacingOccurrences(of: "0.123", with: "0.129"))
        let right = try book.render(["--check"])
        #expect(right.status == 0, "\(right.stderr)")
        #expect(
            right.stdout.contains(
                "1 stated number checked in 1 chapter (1 computed, 0 restated inputs), 0 wrong; 1 formula checked at 1 point, 0 wrong; 0 of 1 stated number unchecked"
            ), "\(right.stdout)")
    }

    @Test("a display formula that begins with = continues the one before it; tags are ignored")
    func continuation() throws {
        let text = """
            $$
            e^{3} + e^{1} + e^{-3} = 22.8536 \\tag{指数之和}
            $$
            $$
            = 20.0855 + 2.7183 + 0.0498
            $$
            $$
            = 22.95
            $$
            """
        let book = try TemporaryBook(["a.md": text])
        let run = try book.render(["--check"])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains("Chapters/a.md:7:1: error: 20.0855 + 2.7183 + 0.0498 = 22.85, written 22.95"),
            "\(run.stderr)")
        #expect(
            run.stdout.contains(
                "3 stated numbers checked in 1 chapter (3 computed, 0 restated inputs), 1 wrong; 3 formulas checked at 3 points, 1 wrong; 0 of 3 stated numbers unchecked"
            ), "\(run.stdout)")
    }
}
