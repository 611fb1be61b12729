import Foundation
import GalleyTestSupport
import Testing

/// Broken and hostile chapters: each one gets a clear `path:line:col` diagnostic or a correct
/// render — never a crash or a hang — and the chapter beside it still renders.
@Suite("Hostile input")
struct HostileInputTests {
    /// A chapter that must render beside every hostile one.
    static let neighbour = ["zz-fine.md": "# Fine\n\n```swift run\nprint(\"neighbour ran\")\n```\n"]

    private func book(_ files: [String: String]) throws -> TemporaryBook {
        try TemporaryBook(files.merging(Self.neighbour) { $1 })
    }

    private func expectNeighbourRendered(_ book: TemporaryBook, _ run: RenderRun) {
        #expect(
            run.status == 0 || run.status == 1,
            "render crashed or failed to start: \(run.status) \(run.stderr.suffix(2000))")
        #expect(
            book.output("zz-fine.html")?.contains("neighbour ran") == true, "the neighbouring chapter did not render")
    }

    @Test("hostile TeX: a macro that expands forever, 100 KB formulas flat and nested, 10,000 formulas in a chapter")
    func hostileTeX() throws {
        let forever = MarkedSource("# 宏\n\n无限展开 ⚑$\\def\\a{\\a}\\a$ 之后的文字。\n")
        let flat = "$$" + String(repeating: "x_{1} + ", count: 12_500) + "y$$\n"
        let nested = "$$" + String(repeating: "{", count: 50_000) + "x" + String(repeating: "}", count: 50_000) + "$$\n"
        let many = (0..<10_000).map { "$x_{\($0)}$" }.joined(separator: " ") + "\n"
        let book = try book(["a.md": forever.text, "b.md": "# 长\n\n" + flat + "\n" + nested, "c.md": "# 多\n\n" + many])
        let run = try book.render()
        expectNeighbourRendered(book, run)
        #expect(
            run.stderr.contains(
                "Chapters/a.md:\(forever.marker.line):\(forever.marker.column): error: TeX error: Too many expansions"),
            "\(run.stderr.prefix(3000))")
        #expect(book.output("a.html")?.contains("之后的文字") == true)
        let long = try #require(book.output("b.html"))
        #expect(long.contains("class=\"katex-display\"") || long.contains("math-error"), "typeset or reported")
        #expect(run.stderr.contains("Chapters/b.md:") || long.contains("class=\"katex-display\""))
        let page = try #require(book.output("c.html"))
        #expect(page.components(separatedBy: "<span class=\"math inline\"><span class=\"katex\">").count == 10_001)
    }

    @Test("invalid UTF-8 and NUL bytes")
    func invalidBytes() throws {
        let book = try book([:])
        var bytes = Array("# Bytes\n\nbefore ".utf8)
        bytes += [0xFF, 0xFE, 0x00, 0xC3, 0x28, 0xE2, 0x82] + Array(" after $x_1$\n".utf8)
        try book.write("a.md", Data(bytes))
        let run = try book.render()
        expectNeighbourRendered(book, run)
        let page = try #require(book.output("a.html"))
        #expect(page.contains("before \u{FFFD}"))
        #expect(page.contains("after <span class=\"math inline\"><span class=\"katex\">"))
        #expect(page.contains(texAnnotation("x_1")))
    }

    @Test("a 10 MB line")
    func hugeLine() throws {
        let line = String(repeating: "长句 $a_i*b$ and *emphasis* ", count: 10_000_000 / 34)
        let book = try book(["a.md": "# Long\n\n" + line + "\n"])
        let run = try book.render()
        expectNeighbourRendered(book, run)
        #expect((book.output("a.html")?.utf8.count ?? 0) > 10_000_000)
    }

    @Test("10,000 nested block quotes and 10,000 nested lists")
    func deepNesting() throws {
        let quotes = String(repeating: ">", count: 10_000) + " deep $q$\n"
        let lists =
            (0..<10_000).map { String(repeating: "  ", count: $0) + "- item \($0)" }.joined(separator: "\n") + "\n"
        let book = try book(["a.md": "# Quotes\n\n" + quotes, "b.md": "# Lists\n\n" + lists])
        let run = try book.render()
        expectNeighbourRendered(book, run)
        #expect(book.output("a.html")?.contains(texAnnotation("q")) == true)
        #expect(book.output("b.html")?.contains("item 9999") == true)
    }

    @Test("unterminated $, $$ and code fences")
    func unterminated() throws {
        let book = try book([
            "a.md": "# A\n\nOpen $x + y\n\n$$\na = b\n\nrest\n",
            "b.md": "# B\n\n```swift run\nprint(\"fence never closes\")\n",
        ])
        let run = try book.render()
        expectNeighbourRendered(book, run)
        #expect(run.stderr.contains("Chapters/a.md:3:6: error: unterminated inline math"))
        #expect(run.stderr.contains("Chapters/a.md:5:1: error: unterminated display math"))
        // An unclosed fence runs to the end of the file, as CommonMark says: the code still runs.
        #expect(
            book.output("b.html")?.contains("<pre class=\"stdout\" tabindex=\"0\">fence never closes\n</pre>") == true)
    }

    @Test("5,000 blocks in one chapter")
    func manyBlocks() throws {
        var text = "# Many\n\n"
        for index in 0..<5_000 { text += "Block \(index):\n\n```swift run\nlet v\(index) = \(index)\n```\n\n" }
        text += "```swift run\nprint(\"last\", v4999 + v0)\n```\n"
        let book = try book(["a.md": text])
        let run = try book.render(["--timeout", "120"])
        expectNeighbourRendered(book, run)
        #expect(run.status == 0, "\(run.stderr.prefix(2000))")
        #expect(book.output("a.html")?.contains("<pre class=\"stdout\" tabindex=\"0\">last 4999\n</pre>") == true)
    }

    @Test("a block that prints 100 MB is cut at the cap")
    func hugeOutput() throws {
        let book = try book([
            "a.md": """
            ```swift run
            let line = String(repeating: "y", count: 1023)
            for _ in 0..<102_400 { print(line) }
            ```
            """
        ])
        let run = try book.render()
        expectNeighbourRendered(book, run)
        let page = try #require(book.output("a.html"))
        #expect(page.contains("class=\"truncated\""))
        #expect(page.utf8.count < 2_000_000)
    }

    @Test("a block that loops forever, and one whose child process does")
    func endlessLoops() throws {
        let book = try book([
            "a.md": "```swift run\nvar n = 0\nwhile true { n &+= 1 }\n```\n",
            "b.md":
                "```swift run\nlet child = Process()\nchild.executableURL = URL(fileURLWithPath: \"/bin/sh\")\nchild.arguments = [\"-c\", \"while :; do :; done\"]\ntry child.run()\nchild.waitUntilExit()\n```\n",
        ])
        let run = try book.render(["--timeout", "2"])
        expectNeighbourRendered(book, run)
        #expect(run.stderr.contains("Chapters/a.md:1:1: error: the chapter ran longer than 2 s"))
        #expect(run.stderr.contains("Chapters/b.md:1:1: error: the chapter ran longer than 2 s"))
    }

    @Test("a block that calls exit(0) halfway: the blocks it skipped are an error, not silence")
    func exitHalfway() throws {
        let book = try book([
            "a.md": "```swift run\nprint(\"one\")\nexit(0)\n```\n\n```swift run\nprint(\"two\")\n```\n"
        ])
        let run = try book.render()
        expectNeighbourRendered(book, run)
        #expect(run.status == 1)
        #expect(run.stderr.contains("Chapters/a.md:1:1: error: the chapter's program exited in this block"))
        #expect(book.output("a.html")?.contains("not run: the block at line 2 failed") == true)
    }

    @Test("stated-number links with garbage in them")
    func garbageLinks() throws {
        let book = try book([
            "a.md": """
            ```swift run
            let a = [0.5]
            ```

            [0.5](=a[0) [](=a[0]) [0.5](=) [1e999](=a[0]) [0.5](=a[0]"x") [--](=a) [0.5](=a[0]+"s")
            """
        ])
        let run = try book.render()
        expectNeighbourRendered(book, run)
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n").filter { $0.hasPrefix("Chapters/a.md:5:") }
        // The empty link, the empty expression, the two that do not compile, the text that is no
        // number; the unbalanced one is no link to cmark-gfm, and the rest are left unchecked.
        #expect(lines.map { $0.split(separator: ":")[2] } == ["13", "30", "58", "64", "83"], "\(run.stderr)")
        #expect(book.output("a.html") != nil)
    }

    @Test("nothing is injected: a block's output, an inline value, a diagnostic, raw HTML")
    func nothingInjected() throws {
        let payload = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
        let book = try book([
            "a.md": """
            ```swift run
            let evil = "\(payload)"
            print(evil)
            ```

            Inline: `{swift} evil`.

            ```swift run
            let broken: Int = "\(payload)"
            ```

            <script>alert(3)</script>
            <iframe src="https://example.org"></iframe>
            """
        ])
        let run = try book.render()
        expectNeighbourRendered(book, run)
        let page = try #require(book.output("a.html"))
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("<img src=x onerror"))
        #expect(!page.contains("<iframe"))
        #expect(page.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("&lt;script>alert(3)&lt;/script>"))
    }

    @Test("--no-run renders a draft without compiling or running anything")
    func noRun() throws {
        let book = try book(["a.md": "```swift run\nprint(\"should not run\")\n```\n\n[0.5](=x)\n"])
        let run = try book.render(["--no-run"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("compiled"))
        let page = try #require(book.output("a.html"))
        #expect(!page.contains("should not run\n</pre>"))
        #expect(page.contains("stated unchecked"))
        #expect(book.output("zz-fine.html")?.contains("neighbour ran\n</pre>") == false)
    }

    @Test("two renders of the same book at once corrupt neither the cache nor the output")
    func concurrentRenders() throws {
        let book = try book(["a.md": "# A\n\n```swift run\nprint(\"a\")\n```\n", "b.md": "# B\n\n[0.5](=0.5)\n"])
        let cache = book.root.appendingPathComponent("cache").path
        let first = try RenderBinary.start(["Chapters", "--cache-dir", cache], in: book.root)
        let second = try RenderBinary.start(["Chapters", "--cache-dir", cache], in: book.root)
        first.waitUntilExit()
        second.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(second.terminationStatus == 0)
        let afterBoth = book.outputFiles()
        let third = try book.render(["--cache-dir", cache])
        #expect(third.status == 0)
        #expect(!third.stdout.contains("compiled"), "the cache both wrote is whole: \(third.stdout)")
        #expect(book.outputFiles() == afterBoth)
        #expect(book.output("a.html")?.contains("<pre class=\"stdout\" tabindex=\"0\">a\n</pre>") == true)
    }
}
