import Foundation
import GalleyPipeline
import GalleyTestSupport
import Testing

/// Math typeset by KaTeX when the book is built: HTML and MathML on the page, TeX errors as
/// diagnostics at the formula, remarks in the report, book-wide macros, and a cache that spares an
/// unchanged re-render the JavaScript engine.
@Suite("Math typeset when the book is built")
struct TypesetMathTests {
    @Test("a formula KaTeX cannot typeset is an error at the very character, with KaTeX's message; --check fails")
    func texErrors() throws {
        let source = MarkedSource(
            """
            # 错误

            未闭合的分式 $\\frac{a}{b⚑$，未知的命令 $x + ⚑\\foo$。

            $$
            a = b
            \\bar
            ⚑$$

            """)
        let book = try TemporaryBook(["01.md": source.text])
        let check = try book.render(["--check"])
        #expect(check.status == 1)
        let errors = check.stderr.split(separator: "\n").filter { $0.contains(": error: TeX error:") }
        #expect(errors.count == 3, "\(check.stderr)")
        for (marker, message) in zip(
            source.markers,
            [
                "Unexpected end of input in a macro argument, expected '}' at end of input",
                "Undefined control sequence: \\foo",
                "Unexpected end of input in a macro argument, expected '}' at end of input",
            ])
        {
            #expect(
                check.stderr.contains("Chapters/01.md:\(marker.line):\(marker.column): error: TeX error: \(message)"),
                "\(check.stderr)")
        }
        let render = try book.render()
        #expect(render.status == 1)
        let page = try #require(book.output("01.html"))
        #expect(page.contains("<span class=\"math inline math-error\" role=\"note\"><code>\\frac{a}{b</code>"))
        #expect(page.contains("TeX error: Undefined control sequence: \\foo"))
    }

    @Test("a TeX error in what a block shows (a table's header) fails --check at the block, as one in the prose does")
    func errorsInOutput() throws {
        let source = MarkedSource(
            "# 输出\n\n```swift run\n⚑table([[1.0, 2.0]], columnHeaders: [\"$a_1$\", \"$\\\\foo$\"])\n```\n")
        let book = try TemporaryBook(["01.md": source.text])
        let check = try book.render(["--check"])
        #expect(check.status == 1)
        #expect(
            check.stderr.contains(
                "Chapters/01.md:\(source.marker.line):1: error: TeX error in what this block shows (\\foo): Undefined control sequence: \\foo"
            ), "\(check.stderr)")
        let render = try book.render()
        #expect(render.status == 1)
        let page = try #require(book.output("01.html"))
        #expect(page.contains(texAnnotation("a_1")), "the good header is typeset")
        #expect(page.contains("TeX error: Undefined control sequence: \\foo"), "the bad one shows its error in place")
    }

    @Test("pages carry HTML and MathML; KaTeX's strict-mode remarks go to the report, not to the terminal")
    func mathMLAndRemarks() throws {
        let book = try TemporaryBook(["01.md": "$$a_j = \\frac{e^{z_j}}{\\sum_l e^{z_l}} = 概率 \\tag{7.1 定义}$$\n"])
        let report = book.root.appendingPathComponent("report.json")
        let run = try book.render(["--report", report.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "a remark is no problem: \(run.stderr)")
        let page = try #require(book.output("01.html"))
        #expect(
            page.contains(
                "<div class=\"math display\"><span class=\"katex-display\"><span class=\"katex\"><span class=\"katex-mathml\"><math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\">"
            ))
        #expect(page.contains("<annotation encoding=\"application/x-tex\">"))
        #expect(page.contains("<span class=\"katex-html\" aria-hidden=\"true\">"))
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        let remarks = try #require(json["remarks"] as? [[String: Any]])
        #expect(
            remarks.contains { ($0["message"] as? String)?.contains("Unicode text character") == true }, "\(remarks)")
    }

    @Test("book.json's macros apply to every formula")
    func macros() throws {
        let book = try TemporaryBook([
            "book.json": #"{"macros": {"\\R": "\\mathbb{R}", "\\vec": "\\mathbf{#1}"}}"#,
            "01.md": "设 $x \\in \\R^n$，$\\vec{v}$ 是向量。\n",
        ])
        let run = try book.render()
        #expect(run.status == 0, "\(run.stderr)")
        let page = try #require(book.output("01.html"))
        #expect(page.contains("<mi mathvariant=\"double-struck\">R</mi>"), "\\R became \\mathbb{R}")
        #expect(page.contains("<mi mathvariant=\"bold\">v</mi>"), "\\vec{v} became \\mathbf{v}")
    }

    @Test("checked formulas and closed arithmetic are read after the book's macros are expanded")
    func macrosInChecks() throws {
        let source = MarkedSource("# 宏\n\n⚑$$\\half + \\half = 1.5$$\n\n$$\\sq{3} = 9$$\n")
        let book = try TemporaryBook([
            "book.json": #"{"macros": {"\\half": "\\frac{1}{2}", "\\sq": "{#1}^{2}"}}"#, "01.md": source.text,
        ])
        let run = try book.render(["--check"])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "Chapters/01.md:\(source.marker.line):\(source.marker.column): error: \\frac{1}{2} + \\frac{1}{2} = 1.0, written 1.5"
            ), "\(run.stderr)")
        #expect(
            run.stdout.contains(
                "2 stated numbers checked in 1 chapter (2 computed, 0 restated inputs), 1 wrong; 2 formulas checked at 2 points, 1 wrong; 0 of 2 stated numbers unchecked"
            ), "\(run.stdout)")
    }

    @Test(
        "identical formulas are typeset once; an edited chapter's formulas come from the cache with no engine started")
    func cache() throws {
        let book = try TemporaryBook(["01.md": "$a$ 和 $a$ 和 $b$\n\n$$a$$\n", "02.md": "$a$ 与 $c$\n"])
        let cache = book.root.appendingPathComponent("cache")
        let report = book.root.appendingPathComponent("report.json")
        // Read with the report's own schema, as any reader of `--report` may.
        func math() throws -> [String: Int] {
            let math = try JSONDecoder().decode(Pipeline.Report.Document.self, from: Data(contentsOf: report)).math
            return [
                "fromCache": math.fromCache, "typeset": math.typeset, "repeated": math.repeated,
                "enginesStarted": math.enginesStarted,
            ]
        }
        let first = try book.render(["--cache-dir", cache.path, "--report", report.path])
        #expect(first.status == 0, "\(first.stderr)")
        let cold = try math()
        #expect(cold["typeset"] == 4, "$a$, $b$, $$a$$ and $c$: \(cold)")
        #expect((cold["enginesStarted"] ?? 0) >= 1)
        #expect(cold["fromCache"] == 0, "nothing is read from a cache file that is not there: \(cold)")
        // The prose changes, the formulas do not: the chapter is rendered again (the render cache
        // does not have it), its formulas are read from the math cache.
        try book.write("01.md", "$a$ 和 $a$ 和 $b$\n\n$$a$$\n\n新的一段。\n")
        let second = try book.render(["--cache-dir", cache.path, "--report", report.path])
        #expect(second.status == 0, "\(second.stderr)")
        let warm = try math()
        #expect(warm["typeset"] == 0 && warm["enginesStarted"] == 0, "\(warm)")
        #expect(warm["fromCache"] == 3, "the edited chapter's distinct formulas: \(warm)")
        #expect(book.output("01.html")?.contains("class=\"katex\"") == true)
        // Nothing changed: both chapters come from the render cache, no formula is asked for.
        let third = try book.render(["--cache-dir", cache.path, "--report", report.path])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(try math() == ["fromCache": 0, "typeset": 0, "repeated": 0, "enginesStarted": 0])
    }
}
