import Foundation
import GalleyTestSupport
import Testing

/// Stated numbers, inline values, `expect`, `--check` and `--fix`, end to end.
@Suite("Checked numbers")
struct CheckedNumbersTests {
    static let code = """
        ```swift run
        let z: [Double] = [3, 1, -3]
        let a = softmax(z)
        let e = z.map { exp($0) }
        ```

        """

    @Test("a wrong number fails --check at its line and column; --fix repairs it and only it; --check then passes")
    func checkFixCheck() throws {
        let source = MarkedSource(
            Self.code + "输出是[0.88，0.12，0](=a)，第一项约为 [⚑0.89](=a[0])，指数之和为 [22.85](=e.reduce(0,+))。\n")
        let book = try TemporaryBook(["01-softmax.md": source.text])
        let first = try book.render(["--check"])
        #expect(first.status == 1)
        #expect(
            first.stderr.contains(
                "Chapters/01-softmax.md:\(source.marker.line):\(source.marker.column): error: stated 0.89, computed 0.8789 (0.88 at 2 decimals)"
            ),
            "\(first.stderr)")
        #expect(
            first.stdout.contains(
                "5 stated numbers checked in 1 chapter (5 computed, 0 restated inputs), 1 wrong; 0 of 5 stated numbers unchecked"
            ), "\(first.stdout)")
        #expect(book.output("01-softmax.html") == nil, "--check writes nothing")

        let fix = try book.render(["--fix"])
        #expect(fix.status == 0, "\(fix.stderr)")
        #expect(fix.stdout.contains("fixed 1 number in Chapters/01-softmax.md"), "\(fix.stdout)")
        let fixed = try String(contentsOf: book.chapters.appendingPathComponent("01-softmax.md"), encoding: .utf8)
        #expect(fixed == source.text.replacingOccurrences(of: "[0.89](=a[0])", with: "[0.88](=a[0])"))

        let second = try book.render(["--check"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(
            second.stdout.contains(
                "5 stated numbers checked in 1 chapter (5 computed, 0 restated inputs), 0 wrong; 0 of 5 stated numbers unchecked"
            ))
    }

    @Test("a truncated number is a warning at the number; --strict fails on it; --fix rounds it")
    func truncated() throws {
        let source = MarkedSource("```swift run\nlet total = 150.2466\n```\n\n总和为 [⚑150.246](=total)。\n")
        let book = try TemporaryBook(["a.md": source.text])
        let check = try book.render(["--check"])
        #expect(check.status == 0, "a warning, not an error: \(check.stderr)")
        #expect(
            check.stderr.contains(
                "Chapters/a.md:\(source.marker.line):\(source.marker.column): warning: stated 150.246, computed 150.2466: truncated, rounds to 150.247"
            ), "\(check.stderr)")
        #expect(
            check.stdout.contains(
                "1 stated number checked in 1 chapter (0 computed, 1 restated input), 0 wrong; 0 of 1 stated number unchecked"
            ), "\(check.stdout)")
        #expect(try book.render(["--check", "--strict"]).status == 1)
        let fix = try book.render(["--fix"])
        #expect(fix.status == 0, "\(fix.stderr)")
        let fixed = try String(contentsOf: book.chapters.appendingPathComponent("a.md"), encoding: .utf8)
        #expect(fixed == source.text.replacingOccurrences(of: "[150.246]", with: "[150.247]"))
        let strict = try book.render(["--check", "--strict"])
        #expect(strict.status == 0, "\(strict.stderr)")
    }

    @Test("--fix keeps the author's style: percent, decimals, the Unicode minus, full-width separators")
    func fixStyle() throws {
        // An expression has no spaces: a Markdown link destination cannot hold one.
        let text = Self.code + "[90%](=a[0])、[−0.1](=-a[1] \"±0.001\")；[0.870，0.12](=[a[0],a[1]])\n"
        let book = try TemporaryBook(["a.md": text])
        let run = try book.render(["--fix"])
        #expect(run.status == 0, "\(run.stderr)")
        let fixed = try String(contentsOf: book.chapters.appendingPathComponent("a.md"), encoding: .utf8)
        // An explicit tolerance of ±0.001 needs three decimals to hold.
        #expect(fixed == Self.code + "[88%](=a[0])、[−0.119](=-a[1] \"±0.001\")；[0.879，0.12](=[a[0],a[1]])\n")
        let check = try book.render(["--check"])
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test(
        "numbers in groups of three are one number in prose and in links, checked right and wrong; --fix keeps the groups"
    )
    func digitGroups() throws {
        let code = "```swift run\nlet count = 36838.0\nlet total = 1234.5\nlet big = 4000.25\n```\n\n"
        // Right: a comma, a narrow no-break space (U+202F); wrong: a comma; `(0.5, 1,234.5)` is two.
        let source = MarkedSource(
            code
                + "共 [36,838](=count) 个，总和 [1,234.5](=total)，约 [4\u{202F}000.25](=big)；错的是 [⚑36,839](=count)，"
                + "[(0.5, 1,234.5)](=[0.5,total])。\n")
        let book = try TemporaryBook(["a.md": source.text])
        let check = try book.render(["--check"])
        #expect(check.status == 1)
        #expect(
            check.stderr.contains(
                "Chapters/a.md:\(source.marker.line):\(source.marker.column): error: stated 36,839, computed 36838"),
            "\(check.stderr)")
        #expect(
            check.stdout.contains(
                "6 stated numbers checked in 1 chapter (2 computed, 4 restated inputs), 1 wrong; 0 of 6 stated numbers unchecked"
            ), "\(check.stdout)")
        #expect(try book.render(["--fix"]).status == 0)
        let fixed = try String(contentsOf: book.chapters.appendingPathComponent("a.md"), encoding: .utf8)
        #expect(fixed == source.text.replacingOccurrences(of: "[36,839](=count)，", with: "[36,838](=count)，"))
        #expect(try book.render(["--check"]).status == 0)

        // `1 000` with a plain space is one number where the book's language writes it so.
        let french = try TemporaryBook([
            "book.json": #"{"title": "Essai", "language": "fr"}"#,
            "a.md": code + "Le total est [1 234.5](=total), soit 1 234.5 en tout.\n",
        ])
        let report = french.root.appendingPathComponent("report.json")
        let run = try french.render(["--check", "--report", report.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout.contains(
                "1 stated number checked in 1 chapter (0 computed, 1 restated input), 0 wrong; 1 of 2 stated numbers unchecked; 1 claim can be bound: render --bind"
            ),
            "\(run.stdout)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        let suggestions = try #require(json["suggestions"] as? [[String: Any]])
        #expect(suggestions.first?["text"] as? String == "1 234.5")
        #expect(suggestions.first?["binding"] as? String == "total")
    }

    @Test(
        "the page shows the author's text, marked checked or wrong, with the computed value for hover and screen readers"
    )
    func pageMarks() throws {
        let book = try TemporaryBook(["a.md": Self.code + "对 [0.88](=a[0])，错 [0.5](=a[1])。\n"])
        let run = try book.render()
        #expect(run.status == 1)
        let page = try #require(book.output("a.html"))
        #expect(
            page.contains(
                "<span class=\"stated correct\" title=\"checked: computed value 0.8789\">0.88<span class=\"visually-hidden\"> (checked: computed value 0.8789)</span></span>"
            ))
        #expect(page.contains("<span class=\"stated wrong\" title=\"differs from the computed value 0.1189\">0.5"))
        #expect(!page.contains("href=\"=a"))
        let markdown = try #require(book.output("a.md"))
        #expect(markdown.contains("对 0.88，错 0.5。"))
    }

    @Test("inline values are replaced by the computed value, formatted for prose")
    func inlineValues() throws {
        let book = try TemporaryBook([
            "a.md": Self.code + "最大的概率是 `{swift} a[0]`，共 `{swift} z.count` 类，向量 `{swift} a`，名字 `{swift} \"softmax\"`。\n"
        ])
        let run = try book.render()
        #expect(run.status == 0, "\(run.stderr)")
        let page = try #require(book.output("a.html"))
        #expect(page.contains("<span class=\"computed-value\" title=\"a[0]\">0.8789</span>"))
        #expect(page.contains(">3</span> 类"))
        #expect(page.contains(">(0.8789, 0.1189, 0.002179)</span>"))
        #expect(page.contains(">softmax</span>"))
        #expect(book.output("a.md")?.contains("最大的概率是 0.8789，共 3 类，向量 (0.8789, 0.1189, 0.002179)，名字 softmax。") == true)
    }

    @Test("expect() checks with the same rule and reports at the Markdown line of the call")
    func expectations() throws {
        let source = MarkedSource(
            """
            ```swift run
            let a = softmax([3, 1, -3])
            expect(a, "0.88, 0.12, 0")
            ⚑expect(a[0], "0.89")
            expect(a, "0.88, 0.12")
            print("still running")
            ```
            """)
        let book = try TemporaryBook(["a.md": source.text])
        let run = try book.render(["--check"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("Chapters/a.md:\(source.marker.line):"), "\(run.stderr)")
        #expect(run.stderr.contains("error: expectation failed: stated 0.89, computed 0.8789 (0.88 at 2 decimals)"))
        #expect(run.stderr.contains("Chapters/a.md:\(source.marker.line + 1):"))
        #expect(run.stderr.contains("expectation failed: sizes differ: 2 stated, 3 computed"))
        #expect(
            run.stdout.contains(
                "0 stated numbers checked in 1 chapter, 0 wrong; 3 expectations run, 2 failed; 0 of 0 stated numbers unchecked"
            ), "\(run.stdout)")
    }

    @Test("an expression that does not compile is an error at the link; the blocks still run")
    func expressionDoesNotCompile() throws {
        let source = MarkedSource(
            Self.code + "```swift run\nprint(\"ran\")\n```\n\n值为 [0.88](=⚑nothing[0])，[0.88](=a[0])。\n")
        let book = try TemporaryBook(["a.md": source.text])
        let run = try book.render()
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "Chapters/a.md:\(source.marker.line):\(source.marker.column): error: cannot find 'nothing' in scope"),
            "\(run.stderr)")
        let page = try #require(book.output("a.html"))
        #expect(page.contains("<pre class=\"stdout\" tabindex=\"0\">ran\n</pre>"))
        #expect(page.contains("stated correct"))
        #expect(page.contains("stated unchecked"))
    }

    @Test("values that are not numbers, lists of the wrong size, text that is not a number")
    func wrongShapes() throws {
        let source = MarkedSource(Self.code + "⚑[0.88, 0.12](=a)，[1](=⚑\"text\")，[abc](=a[0])\n")
        let book = try TemporaryBook(["a.md": source.text])
        let run = try book.render(["--check"])
        #expect(run.status == 1)
        let line = source.marker.line
        #expect(
            run.stderr.contains("Chapters/a.md:\(line):1: error: sizes differ: 2 numbers stated, 3 computed by 'a'"),
            "\(run.stderr)")
        #expect(run.stderr.contains("error: '\"text\"' is a String, not a number or a vector of numbers"))
        #expect(run.stderr.contains("error: 'abc' is not a number"))
    }

    @Test("--format github prints annotations; --report writes JSON")
    func ciFormats() throws {
        let book = try TemporaryBook(["a.md": Self.code + "[0.5](=a[0])\n"])
        let run = try book.render(["--check", "--format", "github", "--report", "report.json"])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "::error file=Chapters/a.md,line=6,col=2::stated 0.5, computed 0.879 (0.9 at 1 decimal)"),
            "\(run.stderr)")
        let data = try Data(contentsOf: book.root.appendingPathComponent("report.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["statedChecked"] as? Int == 1)
        #expect(json["statedWrong"] as? Int == 1)
        #expect((json["diagnostics"] as? [[String: Any]])?.first?["identifier"] as? String == "number.wrong")
    }
}
