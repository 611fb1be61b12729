import Foundation
import GalleyTestSupport
import Testing

/// End-to-end runs of the built `render` binary on small books.
@Suite("render, end to end")
struct RenderCommandTests {
    static let softmax = """
        # Softmax

        对 $z = (3, 1, -3)$，softmax 给出 $a_j = e^{z_j}/\\sum_i e^{z_i}$。

        $$
        a_j = \\frac{e^{z_j}}{\\sum_i e^{z_i}}
        $$

        """

    @Test("renders every chapter in file-name order, with an index, Markdown copies and KaTeX")
    func rendersBook() throws {
        let book = try TemporaryBook(["02-b.md": "# Second\n", "01-a.md": Self.softmax, "notes.txt": "not a chapter"])
        let run = try book.render()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("rendered 2 chapters"))
        #expect(run.stderr.isEmpty)
        let index = try #require(book.output("index.html"))
        let first = try #require(index.range(of: "01-a.html"))
        let second = try #require(index.range(of: "02-b.html"))
        #expect(first.lowerBound < second.lowerBound)
        #expect(index.contains(">Softmax</a>"))
        let page = try #require(book.output("01-a.html"))
        #expect(
            page.contains("<span class=\"math inline\"><span class=\"katex\"><span class=\"katex-mathml\"><math"),
            "typeset, with MathML")
        #expect(book.output("01-a.md") == Self.softmax)
        #expect(book.output("katex/katex.min.js") == nil, "pages typeset at build time need no script")
        #expect(book.output("katex/katex.min.css") != nil)
        #expect(book.outputFiles().keys.contains { $0.hasPrefix("katex/fonts/") && $0.hasSuffix(".woff2") })
        #expect(book.output("notes.txt.html") == nil)
    }

    @Test("book.json gives title, language, author and order")
    func bookFile() throws {
        let book = try TemporaryBook([
            "a.md": "# A\n", "b.md": "# B\n",
            "book.json": #"{"title": "神经网络中的数学", "language": "zh-CN", "author": "某人", "chapters": ["b.md", "a.md"]}"#,
        ])
        let run = try book.render()
        #expect(run.status == 0, "\(run.stderr)")
        let index = try #require(book.output("index.html"))
        #expect(index.contains("<html lang=\"zh-CN\">"))
        #expect(index.contains("<h1>神经网络中的数学</h1>"))
        #expect(index.contains("某人"))
        let b = try #require(index.range(of: "b.html"))
        let a = try #require(index.range(of: "a.html"))
        #expect(b.lowerBound < a.lowerBound)
        #expect(book.output("b.html")?.contains("<a rel=\"next\" href=\"a.html\">A →</a>") == true)
    }

    @Test("book.json's repository gives each page an edit link to its file in the checkout")
    func editLinks() throws {
        let book = try TemporaryBook([
            "01-a.md": "# A\n\n第一段。\n", "book.json": #"{"repository": "https://github.com/owner/course/"}"#,
        ])
        // The book's folder is Chapters/ in a git checkout.
        try FileManager.default.createDirectory(
            at: book.root.appendingPathComponent(".git"), withIntermediateDirectories: true)
        #expect(try book.render().status == 0)
        #expect(
            book.output("01-a.html")?.contains(
                "<a href=\"https://github.com/owner/course/edit/main/Chapters/01-a.md\">Edit this page</a>") == true)
        try book.write(
            "book.json", #"{"repository": "https://github.com/owner/course", "branch": "gh-pages-source"}"#)
        #expect(try book.render().status == 0)
        #expect(
            book.output("01-a.html")?.contains("https://github.com/owner/course/edit/gh-pages-source/Chapters/01-a.md")
                == true)
        #expect(book.output("index.html")?.contains("<p>第一段。</p>") == true, "the front page shows it")
    }

    @Test("--output chooses another folder")
    func outputOption() throws {
        let book = try TemporaryBook(["a.md": "# A\n"])
        let run = try book.render(["--output", "site/public"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: book.root.appendingPathComponent("site/public/a.html").path))
        #expect(book.output("a.html") == nil)
    }

    @Test("two runs give byte-identical output")
    func deterministic() throws {
        let book = try TemporaryBook([
            "01-a.md": Self.softmax, "02-b.md": "# B\n\n![x](img/x.png)\n", "img/x.png": "PNG",
        ])
        try book.render()
        let first = book.outputFiles()
        try book.render()
        let second = book.outputFiles()
        #expect(!first.isEmpty)
        #expect(first == second)
    }

    @Test("a chapter error is reported at file:line:col, exits 1, and the page and the rest still render")
    func chapterError() throws {
        let book = try TemporaryBook(["01-a.md": "# A\n\nText $x + y never ends.\n", "02-b.md": Self.softmax])
        let run = try book.render()
        #expect(run.status == 1)
        #expect(run.stderr.contains("Chapters/01-a.md:3:6: error: unterminated inline math: no closing '$'"))
        #expect(book.output("01-a.html")?.contains("Text $x + y never ends.") == true)
        #expect(book.output("02-b.html")?.contains("math display") == true)
    }

    @Test(
        "images: the Markdown output rewrites the destination where it was parsed, never a repeat of it in the alt text or title"
    )
    func imageDestinationsInPlace() throws {
        let book = try TemporaryBook([
            "01-a.md": """
            # A

            ![.\\img\\a.png](.\\img\\a.png ".\\img\\a.png")
            > ![在引用里](<.\\img\\a.png>) 和 <img alt=".\\img\\a.png" src=".\\img\\a.png">

            """,
            "img/a.png": "PNG",
        ])
        let run = try book.render()
        #expect(run.status == 0, "\(run.stderr)")
        let markdown = try #require(book.output("01-a.md"))
        #expect(markdown.contains("![.\\img\\a.png](img/a.png \".\\img\\a.png\")"), "\(markdown)")
        #expect(markdown.contains("> ![在引用里](<img/a.png>)"), "\(markdown)")
        #expect(markdown.contains("<img alt=\".\\img\\a.png\" src=\"img/a.png\">"), "\(markdown)")
    }

    @Test("images: Windows-style paths are copied and rewritten; missing and escaping paths are diagnostics")
    func images() throws {
        let book = try TemporaryBook([
            "01-a.md": """
            # A

            ![softmax](.\\Images\\7\\softmax.png)
            <img src=".\\Images\\7\\softmax.png" width="300">
            ![gone](Images/missing.png)
            ![secret](../secret.png)
            ![web](https://example.org/x.png)
            """,
            "Images/7/softmax.png": "PNG-DATA",
        ])
        try Data("SECRET".utf8).write(to: book.root.appendingPathComponent("secret.png"))
        let run = try book.render()
        #expect(run.status == 1)
        #expect(book.output("Images/7/softmax.png") == "PNG-DATA")
        let page = try #require(book.output("01-a.html"))
        #expect(page.contains("<img src=\"Images/7/softmax.png\" alt=\"softmax\" />"))
        #expect(page.contains("<img src=\"Images/7/softmax.png\" width=\"300\">"))
        #expect(page.contains("src=\"https://example.org/x.png\""))
        let markdown = try #require(book.output("01-a.md"))
        #expect(markdown.contains("![softmax](Images/7/softmax.png)"))
        #expect(markdown.contains("<img src=\"Images/7/softmax.png\" width=\"300\">"))
        #expect(run.stderr.contains("Chapters/01-a.md:5:1: error: image not found: 'Images/missing.png'"))
        #expect(
            run.stderr.contains("Chapters/01-a.md:6:1: error: image path leaves the book's folder: '../secret.png'"))
        #expect(!book.outputFiles().values.contains(Data("SECRET".utf8)))
    }

    @Test("a run that cannot finish leaves the previous output as it was")
    func failedRunKeepsOutput() throws {
        let book = try TemporaryBook(["a.md": "# A\n"])
        try book.render()
        let before = book.outputFiles()
        try book.write("a.md", "# Changed\n")
        let run = try book.render(environment: ["GALLEY_KATEX_DIR": "/nonexistent"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("KaTeX is missing"))
        #expect(book.outputFiles() == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: book.root.path).filter {
            $0.contains("galley-staging")
        }
        #expect(leftovers.isEmpty)
    }

    @Test("a run killed at any moment leaves a whole output, old or new")
    func killedRunKeepsOutput() throws {
        var files: [String: String] = [:]
        for index in 1...150 {
            files[String(format: "%03d.md", index)] =
                Self.softmax + String(repeating: "段落 $x_\(index)$ 和 *强调*。\n\n", count: 200)
        }
        let book = try TemporaryBook(files)
        try book.render()
        let complete = book.outputFiles()
        #expect(complete.count > 300)
        // Killed as soon as it starts: before it has written anything.
        let early = try RenderBinary.start(["Chapters"], in: book.root)
        kill(early.processIdentifier, SIGKILL)
        early.waitUntilExit()
        #expect(book.outputFiles() == complete, "after a kill at the start the output changed")
        // Killed while it writes the new output: the moment its staging folder appears. The
        // folder left behind shows that the kill came before the output was swapped in.
        var landed = 0
        for attempt in 1...10 where landed < 3 {
            let process = try RenderBinary.start(["Chapters"], in: book.root)
            let deadline = ContinuousClock.now + .seconds(60)
            while !book.hasStaging && process.isRunning && ContinuousClock.now < deadline { usleep(500) }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if book.hasStaging { landed += 1 }
            #expect(
                book.outputFiles() == complete, "after a kill while writing (attempt \(attempt)) the output changed")
        }
        #expect(landed >= 1, "a kill landed while the output was being written in \(landed) of 10 runs")
        // The next run cleans up what the killed ones left: staging folders, and an output a kill
        // during the swap left under another name.
        try book.render()
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: book.root.path).filter {
            $0.contains("galley-") && $0 != ".galley-cache"
        }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test("--timings: the phases, one after another, add up to no more than the run; per-chapter work is apart")
    func timingsAddUp() throws {
        let book = try TemporaryBook(["a.md": Self.softmax, "b.md": "# B\n\n$x = 1$\n"])
        let run = try book.render(["--timings"])
        #expect(run.status == 0, "\(run.stderr)")
        let line = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("timings: ") }, "\(run.stdout)")
        let phases = try #require(
            line.firstMatch(
                of: #/timings: (.*) = ([0-9.]+) s; work summed over chapters in parallel: (.*); whole run ([0-9.]+) s/#)
        )
        let named = phases.output.1.matches(of: #/([a-z+]+) ([0-9.]+) s/#).map {
            (String($0.output.1), Double($0.output.2)!)
        }
        #expect(named.map(\.0) == ["load", "parse+typeset", "evaluate", "check", "render", "search", "write"])
        let sum = named.reduce(0) { $0 + $1.1 }
        let total = try #require(Double(phases.output.2))
        let whole = try #require(Double(phases.output.4))
        // Each figure is rounded to a millisecond.
        #expect(abs(sum - total) <= 0.004, "\(line)")
        #expect(total <= whole + 0.001, "the phases are parts of the run: \(line)")
        let work = phases.output.3.matches(of: #/([a-z]+) [0-9.]+ s/#).map { String($0.output.1) }
        #expect(work == ["parse", "typeset", "compile", "run", "render"], "\(line)")
    }

    @Test("files in the output that Galley did not write are kept")
    func foreignFilesKept() throws {
        let book = try TemporaryBook(["a.md": "# A\n", "b.md": "# B\n"])
        try book.render()
        try Data("galley.example.org\n".utf8).write(to: book.output.appendingPathComponent("CNAME"))
        // Hidden, and in folders of their own or of Galley's.
        try Data().write(to: book.output.appendingPathComponent(".nojekyll"))
        let notes = book.output.appendingPathComponent("extra/notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data("kept\n".utf8).write(to: notes.appendingPathComponent("readme.txt"))
        try Data("mine\n".utf8).write(to: book.output.appendingPathComponent("katex/mine.css"))
        try FileManager.default.removeItem(at: book.chapters.appendingPathComponent("b.md"))
        try book.render()
        #expect(book.output("CNAME") == "galley.example.org\n")
        #expect(book.output(".nojekyll") == "")
        #expect(book.output("extra/notes/readme.txt") == "kept\n")
        #expect(book.output("katex/mine.css") == "mine\n")
        #expect(book.output("b.html") == nil)  // Galley's own file from the last run is gone
        #expect(book.output("a.html") != nil)
    }

    @Test("usage and environment errors exit 2")
    func usageErrors() throws {
        let book = try TemporaryBook([:])
        do { let status = try RenderBinary.run(["NoSuchFolder"], in: book.root).status; #expect(status == 2) }
        do {
            let status = try RenderBinary.run(["Chapters", "--output", "Chapters"], in: book.root).status;
            #expect(status == 2)
        }
        do { let status = try RenderBinary.run(["--no-such-flag"], in: book.root).status; #expect(status == 2) }
        do {
            let run = try RenderBinary.run(["Chapters", "--settle", "100"], in: book.root)
            #expect(run.status == 2 && run.stderr.contains("--settle is for --serve"), "\(run.stderr)")
        }
        try book.write("book.json", "{ not json")
        let run = try book.render()
        #expect(run.status == 2)
        #expect(run.stderr.contains("book.json"))
    }

    @Test(
        "a render that cannot index its search stops at once with what to install (exit 2); --no-search and --check need no Pagefind"
    )
    func searchNeedsPagefind() throws {
        let book = try TemporaryBook(["a.md": "# A\n\n交叉熵。\n"])
        let missing = ["GALLEY_PAGEFIND": book.root.appendingPathComponent("no-pagefind").path]
        let run = try book.render([], environment: missing)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("GALLEY_PAGEFIND names no executable file"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: book.output.path), "nothing written")
        let check = try book.render(["--check"], environment: missing)
        #expect(check.status == 0, "\(check.stderr)")
        let plain = try book.render(["--no-search"], environment: missing)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(book.output("search.html") != nil)
        #expect(!FileManager.default.fileExists(atPath: book.output.appendingPathComponent("pagefind").path))
        // With Pagefind, the index is there and lists the chapter.
        let indexed = try book.render()
        #expect(indexed.status == 0, "\(indexed.stderr)")
        let fragments = try FileManager.default.contentsOfDirectory(
            atPath: book.output.appendingPathComponent("pagefind/fragment").path)
        #expect(fragments.count == 1, "\(fragments)")
    }
}
