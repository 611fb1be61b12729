import GalleyMarkdown
import Testing

@Suite("Math scanner")
struct MathScannerTests {
    private func scan(_ text: String, at start: Int = 0) -> MathScanner.InlineResult {
        MathScanner.scanInline(BytesSource(text), at: start)
    }

    @Test("inline math: content and end")
    func inlineMath() {
        #expect(scan("$a_1$ rest") == .math(content: 1..<4, end: 5, isDisplay: false))
    }

    @Test("display math inside text")
    func displayMath() {
        #expect(scan("$$x$$") == .math(content: 2..<3, end: 5, isDisplay: true))
    }

    @Test("a closing $ needs a non-space before it and no digit after it")
    func closingRules() {
        #expect(scan("$a $ b$") == .math(content: 1..<6, end: 7, isDisplay: false))
        #expect(scan("$5 and $10") == .notMath)
        #expect(scan("$x$5 $y$") == .math(content: 1..<7, end: 8, isDisplay: false))
    }

    @Test("an opening $ needs a non-space after it")
    func openingRules() {
        #expect(scan("$ 5") == .notMath)
        #expect(scan("$") == .notMath)
        #expect(scan("$$$$") == .notMath)
    }

    @Test("escapes never open or close")
    func escapes() {
        #expect(scan("$a\\$b$") == .math(content: 1..<5, end: 6, isDisplay: false))
        #expect(scan("$a\\\\$") == .math(content: 1..<4, end: 5, isDisplay: false))
    }

    @Test("unterminated: a formula start, not a price")
    func unterminated() {
        #expect(scan("$x + y") == .unterminated(isDisplay: false))
        #expect(scan("$$x + y") == .unterminated(isDisplay: true))
        #expect(scan("$5 only") == .notMath)
    }

    @Test("nested $…$ inside display math does not close it")
    func nested() {
        let text = "$$a \\tag{$n$}$$"
        #expect(scan(text) == .math(content: 2..<13, end: 15, isDisplay: true))
        #expect(MathScanner.findDisplayClose(BytesSource("x $y$$"), from: 0) == 4)
        #expect(MathScanner.findDisplayClose(BytesSource("\\text{$y$}$$"), from: 0) == 10)
    }

    @Test("block openings: one line, open, or text after the close")
    func blockOpenings() {
        #expect(MathScanner.scanBlockOpening(BytesSource("$$a$$  \n"), at: 0) == .complete(content: 2..<3))
        #expect(MathScanner.scanBlockOpening(BytesSource("$$\n"), at: 0) == .open(content: 2..<2))
        #expect(MathScanner.scanBlockOpening(BytesSource("  $$ a =\n"), at: 2) == .open(content: 4..<8))
        #expect(MathScanner.scanBlockOpening(BytesSource("$$a$$ and text\n"), at: 0) == nil)
        // A Quarto equation label may follow the closing `$$`, and nothing else.
        #expect(MathScanner.scanBlockOpening(BytesSource("$$a$$ {#eq-a}\n"), at: 0) == .complete(content: 2..<3))
        #expect(MathScanner.equationLabel(BytesSource("$$ {#eq-soft_max-2}  \n"), from: 2) == 5..<18)
        #expect(MathScanner.equationLabel(BytesSource("$$ {#eq-}\n"), from: 2) == nil)
        #expect(MathScanner.equationLabel(BytesSource("$$ {#eq-a} more\n"), from: 2) == nil)
        #expect(MathScanner.equationLabel(BytesSource("$$ {#fig-a}\n"), from: 2) == nil)
        #expect(MathScanner.scanBlockOpening(BytesSource("$a$\n"), at: 0) == nil)
    }

    @Test("the scanner stops at a NUL and never reads past the end")
    func bounds() {
        #expect(scan("$a\u{0}b$") == .unterminated(isDisplay: false))
        #expect(MathScanner.findDisplayClose(BytesSource("\\"), from: 0) == nil)
        #expect(MathScanner.findDisplayClose(BytesSource("$"), from: 0) == nil)
    }
}
