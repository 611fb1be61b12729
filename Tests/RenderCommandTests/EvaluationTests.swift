import Foundation
import GalleyTestSupport
import Testing

/// `swift run` blocks, end to end through the built `render` binary.
@Suite("Running chapter code")
struct EvaluationTests {
    @Test("blocks share state like notebook cells, with NeuralMath and Foundation imported")
    func sharedState() throws {
        let book = try TemporaryBook([
            "a.md": """
            # A

            ```swift run
            let z: [Double] = [3, 1, -3]
            ```

            Text.

            ```swift run
            import NeuralMath
            let a = softmax(z)
            ```

            ```swift
            print("shown, not run")
            ```

            ```swift run
            print(String(format: "%.2f", a[0]), z.count)
            ```
            """
        ])
        let run = try book.render()
        #expect(run.status == 0, "\(run.stderr)")
        let page = try #require(book.output("a.html"))
        #expect(page.contains("<pre class=\"stdout\" tabindex=\"0\">0.88 3\n</pre>"))
        #expect(!page.contains("shown, not run\n</pre>\n</div>"))
    }

    @Test("a compile error is reported at its Markdown line and column, on stderr and on the page")
    func compileErrorLocation() throws {
        let source = MarkedSource(
            """
            # A

            ```swift run
            let x = 1
            ```

            ```swift run
            let y = x + ⚑undefinedName
            ```
            """)
        let book = try TemporaryBook(["a.md": source.text])
        let run = try book.render()
        #expect(run.status == 1)
        let expected =
            "Chapters/a.md:\(source.marker.line):\(source.marker.column): error: cannot find 'undefinedName' in scope"
        #expect(run.stderr.contains(expected), "\(run.stderr)")
        #expect(book.output("a.html")?.contains(expected) == true)
    }

    @Test("a compile error inside a list item points at the indented column")
    func compileErrorInListItem() throws {
        let source = MarkedSource("- step\n\n  ```swift run\n  let y = ⚑nothing\n  ```\n")
        let book = try TemporaryBook(["a.md": source.text])
        let run = try book.render()
        #expect(
            run.stderr.contains("Chapters/a.md:\(source.marker.line):\(source.marker.column): error:"), "\(run.stderr)")
    }

    @Test("a trapping chapter fails with the trap's message while the next chapter renders")
    func trapIsolated() throws {
        let source = MarkedSource(
            """
            # Trap

            ```swift run
            print("before")
            ⚑fatalError("the model diverged")
            ```

            ```swift run
            print("never")
            ```
            """)
        let book = try TemporaryBook([
            "01-trap.md": source.text,
            "02-index.md": "# Index\n\n```swift run\nlet xs = [1, 2]\nprint(xs[5])\n```\n",
            "03-fine.md": "# Fine\n\n```swift run\nprint(\"fine\")\n```\n",
        ])
        let run = try book.render()
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "Chapters/01-trap.md:\(source.marker.line):1: error: block trapped: Fatal error: the model diverged"),
            "\(run.stderr)")
        // The backtrace names the line of the bad index, not just the block.
        #expect(
            run.stderr.contains("Chapters/02-index.md:5:1: error: block trapped: Fatal error: Index out of range"),
            "\(run.stderr)")
        let trap = try #require(book.output("01-trap.html"))
        #expect(trap.contains("<pre class=\"stdout\" tabindex=\"0\">before\n</pre>"))
        #expect(trap.contains("not run: the block at line 4 failed"))
        #expect(!trap.contains("never\n</pre>"))
        #expect(book.output("03-fine.html")?.contains("<pre class=\"stdout\" tabindex=\"0\">fine\n</pre>") == true)
    }

    @Test("a record Galley cannot read is an error naming the chapter, and the rest of the output stays")
    func unreadableRecord() throws {
        // Chapter code can forge a record line: it can read the nonce like the runtime does.
        let book = try TemporaryBook([
            "a.md": """
            ```swift run
            let nonce = ProcessInfo.processInfo.environment["GALLEY_NONCE"] ?? ""
            print("before")
            print("\\u{1E}galley \\(nonce) {\\"bogus\\":{}}")
            print("after")
            ```

            """
        ])
        let run = try book.render()
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                #"Chapters/a.md:1:1: error: the chapter's program sent a record Galley cannot read (unknown record: {"bogus":{}})"#
            ), "\(run.stderr)")
        let page = try #require(book.output("a.html"))
        #expect(page.contains("<pre class=\"stdout\" tabindex=\"0\">before\nafter\n</pre>"))
    }

    @Test("an expression slow to type-check is a warning at its line")
    func slowTypeChecking() throws {
        // Mixed integer and floating-point literals under unary minus: about half a second of
        // type-checking on the development machine. The limit is set to 1 ms, which no machine
        // type-checks this in, so the test does not depend on how fast this one is.
        let source = MarkedSource("```swift run\nlet fine = 1.0\nlet slow = ⚑-(1 + 2) * 3 - (4 + 5) * 6 + 7.5\n```\n")
        let book = try TemporaryBook(["a.md": source.text])
        let run = try book.render(["--slow-type-check", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        let prefix = "Chapters/a.md:\(source.marker.line):\(source.marker.column): warning: expression took "
        #expect(run.stderr.contains(prefix), "\(run.stderr)")
        #expect(book.output("a.html")?.contains(prefix) == true)
        // Whether it comes depends on the machine, so --strict leaves it a warning: a book passes
        // or fails CI alike on a fast machine and a slow one.
        let strict = try book.render(["--check", "--strict", "--slow-type-check", "1"])
        #expect(strict.status == 0, "\(strict.stderr)")
        #expect(strict.stderr.contains(prefix), "\(strict.stderr)")
    }

    @Test("an arithmetic overflow traps like any other trap")
    func overflow() throws {
        let book = try TemporaryBook([
            "a.md": "```swift run\nlet big = Int.max\nlet more = big + CommandLine.arguments.count\nprint(more)\n```\n"
        ])
        let run = try book.render()
        #expect(run.status == 1)
        #expect(
            run.stderr.contains("Chapters/a.md:3:1: error: block trapped: Swift runtime failure: arithmetic overflow"),
            "\(run.stderr)")
        #expect(book.output("a.html")?.contains("cell failed") == true)
    }

    @Test("a chapter past its time limit is stopped with everything it started")
    func timeout() throws {
        let marker = "\(Int.random(in: 100_000...999_999))"
        let book = try TemporaryBook([
            "a.md": """
            # Slow

            ```swift run
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/bin/sleep")
            child.arguments = ["\(marker)"]
            try child.run()
            while true {}
            ```
            """, "b.md": "# B\n\n```swift run\nprint(\"b ran\")\n```\n",
        ])
        // Long enough for the other chapter to run on a loaded machine.
        let run = try book.render(["--timeout", "5"])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "Chapters/a.md:3:1: error: the chapter ran longer than 5 s and was stopped in this block"),
            "\(run.stderr)")
        #expect(book.output("b.html")?.contains("b ran") == true)
        // The child it started went with it: killed, it leaves the process table once the kernel
        // has reaped it; one left behind would sleep for days, so the ceiling is what fails.
        func running() throws -> Bool {
            let check = Process()
            check.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
            check.arguments = ["-f", "sleep \(marker)"]
            check.standardOutput = FileHandle.nullDevice
            try check.run()
            check.waitUntilExit()
            return check.terminationStatus == 0
        }
        let deadline = ContinuousClock.now + .seconds(60)
        while try running(), ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(try !running(), "a 'sleep \(marker)' is still running after 60 s")
    }

    @Test("hide shows the output, not the code; quiet runs and shows nothing")
    func hideAndQuiet() throws {
        let book = try TemporaryBook([
            "a.md": """
            ```swift run hide
            let secret = "hidden code"
            print("visible output")
            ```

            ```swift run quiet
            print("quiet output")
            let q = "quiet code"
            ```
            """
        ])
        let run = try book.render()
        #expect(run.status == 0, "\(run.stderr)")
        let page = try #require(book.output("a.html"))
        #expect(page.contains("visible output"))
        #expect(!page.contains("hidden code"))
        #expect(page.contains("quiet code"))
        #expect(!page.contains("quiet output\n</pre>"))
        let markdown = try #require(book.output("a.md"))
        #expect(!markdown.contains("hidden code"))
        #expect(markdown.contains("```text\nvisible output\n```"))
        #expect(!markdown.contains("```text\nquiet output"))
    }

    @Test("fails: a block that fails to compile or traps is fine; one that runs is an error")
    func fails() throws {
        let book = try TemporaryBook([
            "a.md": """
            ```swift run
            let n = 3
            ```

            ```swift run fails
            let s: String = n
            ```

            ```swift run fails
            let list = [1]
            print(list[n])
            ```

            ```swift run
            print("after", n)
            ```
            """, "b.md": "```swift run fails\nprint(\"works\")\n```\n",
        ])
        let run = try book.render()
        #expect(run.status == 1)
        #expect(!run.stderr.contains("Chapters/a.md"), "\(run.stderr)")
        #expect(run.stderr.contains("Chapters/b.md:1:1: error: block marked 'fails' compiled and ran without failing"))
        let page = try #require(book.output("a.html"))
        #expect(
            page.contains("cannot convert value of type &#39;Int&#39;")
                || page.contains("cannot convert value of type 'Int'"))
        #expect(page.contains("Index out of range"))
        #expect(page.contains("after 3"))
    }

    @Test("tables come out as HTML tables and as GFM tables; math as $$")
    func tables() throws {
        let book = try TemporaryBook([
            "a.md": """
            ```swift run
            let z: [Double] = [3, 1, -3]
            show(softmaxJacobian(z), digits: 3, rowHeaders: ["$a_1$", "$a_2$", "$a_3$"], columnHeaders: ["$z_1$", "$z_2$", "$z_3$"])
            showLaTeX([[1, 0], [0, 1]], digits: 0, name: "I")
            ```
            """
        ])
        let run = try book.render()
        #expect(run.status == 0, "\(run.stderr)")
        let page = try #require(book.output("a.html"))
        #expect(page.contains("<th scope=\"row\"><span class=\"math inline\"><span class=\"katex\">"))
        #expect(page.contains(texAnnotation("a_1") + "</semantics></math></span>"))
        #expect(page.contains("</span></th>\n<td>0.106</td>\n<td>-0.105</td>\n<td>-0.002</td>"))
        // The corner above the row headers is a plain cell: an empty header names nothing.
        #expect(page.contains("<thead>\n<tr>\n<td></td>\n<th>"), "\(page)")
        #expect(!page.contains("<th></th>"))
        #expect(page.contains(texAnnotation("I = \\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix}")))
        let markdown = try #require(book.output("a.md"))
        #expect(
            markdown.contains("|  | $z_1$ | $z_2$ | $z_3$ |\n|---|---:|---:|---:|\n| $a_1$ | 0.106 | -0.105 | -0.002 |")
        )
        #expect(markdown.contains("$$\nI = \\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix}\n$$"))
    }

    @Test("stdout and stderr are kept apart, and everything printed is escaped")
    func streamsAndEscaping() throws {
        let book = try TemporaryBook([
            "a.md": """
            ```swift run
            print("</script><script>alert(1)</script>")
            FileHandle.standardError.write(Data("<img src=x onerror=alert(1)>\\n".utf8))
            ```
            """
        ])
        let run = try book.render()
        #expect(run.status == 0, "\(run.stderr)")
        let page = try #require(book.output("a.html"))
        #expect(
            page.contains(
                "<pre class=\"stdout\" tabindex=\"0\">&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;\n</pre>"))
        #expect(page.contains("<pre class=\"stderr\" tabindex=\"0\">&lt;img src=x onerror=alert(1)&gt;\n</pre>"))
        #expect(!page.contains("<script>alert"))
    }

    @Test("output past the cap is cut with a note")
    func outputCap() throws {
        let book = try TemporaryBook([
            "a.md": """
            ```swift run
            let line = String(repeating: "x", count: 1023)
            for _ in 0..<3000 { print(line) }
            print("the end")
            ```
            """
        ])
        let run = try book.render()
        #expect(run.status == 0, "\(run.stderr)")
        let page = try #require(book.output("a.html"))
        #expect(page.contains("class=\"truncated\""))
        #expect(!page.contains("the end\n</pre>"))
        #expect(page.utf8.count < 1_200_000)
    }

    @Test(
        "chapters are built together; one that does not compile, or needs top-level code, does not hold the others back"
    )
    func builtTogether() throws {
        let book = try TemporaryBook([
            "a.md": "```swift run\nprint(\"a\", softmax([0, 0])[0])\n```\n",
            "b.md": "```swift run\nlet broken: Int = \"text\"\n```\n",
            "c.md": """
            ```swift run
            extension Array where Element == Double {
                func total() -> Double { reduce(0, +) }
            }
            ```

            ```swift run
            print("c", [1.0, 2.0].total())
            ```
            """,
            "d.md": "```swift run\nlet unused = 1\nprint(\"d\")\n```\n",
        ])
        let run = try book.render(["--cache-dir", book.root.appendingPathComponent("cache").path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("(compiled 4)"), "\(run.stdout)")
        #expect(
            run.stderr.contains(
                "Chapters/b.md:2:19: error: cannot convert value of type 'String' to specified type 'Int'"),
            "\(run.stderr)")
        #expect(!run.stderr.contains("never used"), "a warning the function form alone raises leaked: \(run.stderr)")
        #expect(book.output("a.html")?.contains("<pre class=\"stdout\" tabindex=\"0\">a 0.5\n</pre>") == true)
        #expect(book.output("c.html")?.contains("<pre class=\"stdout\" tabindex=\"0\">c 3.0\n</pre>") == true)
        #expect(book.output("d.html")?.contains("<pre class=\"stdout\" tabindex=\"0\">d\n</pre>") == true)
    }

    @Test("an unchanged book compiles nothing; editing one chapter recompiles only it")
    func cache() throws {
        let book = try TemporaryBook([
            "a.md": "```swift run\nprint(\"a\")\n```\n",
            "b.md": "```swift run\nprint(\"b\")\n```\n",
        ])
        let cache = ["--cache-dir", book.root.appendingPathComponent("cache").path]
        let first = try book.render(cache)
        #expect(first.stdout.contains("(compiled 2)"), "\(first.stdout)")
        let second = try book.render(cache)
        #expect(second.status == 0)
        #expect(!second.stdout.contains("compiled"), "\(second.stdout)")
        try book.write("b.md", "```swift run\nprint(\"b, edited\")\n```\n")
        let third = try book.render(cache)
        #expect(third.stdout.contains("(compiled 1)"), "\(third.stdout)")
        #expect(book.output("b.html")?.contains("b, edited") == true)
        #expect(book.output("a.html")?.contains("<pre class=\"stdout\" tabindex=\"0\">a\n</pre>") == true)
    }
}
