import Foundation
import GalleyTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `render --serve`, run as an author runs it: the built binary on a free port, read with plain
/// HTTP requests and an event stream.
@Suite("Live preview")
struct PreviewTests {
    /// A running `render --serve` on a book of its own.
    final class Server {
        let book: TemporaryBook
        let process = Process()
        let output = Pipe()
        private(set) var port = 0
        private(set) var log = ""

        /// Starts `render --serve` on `book`; with `descriptorLimit`, under `ulimit -n` of that many.
        init(_ book: TemporaryBook, arguments: [String] = [], descriptorLimit: Int? = nil) throws {
            self.book = book
            let command =
                [
                    RenderBinary.url.path, "Chapters", "--serve", "--port", "0", "--cache-dir",
                    book.root.appendingPathComponent("cache").path,
                ] + arguments
            if let descriptorLimit {
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", "ulimit -n \(descriptorLimit) && exec \"$0\" \"$@\""] + command
            } else {
                process.executableURL = RenderBinary.url
                process.arguments = Array(command.dropFirst())
            }
            process.currentDirectoryURL = book.root
            process.standardOutput = output
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: errors)
            try process.run()
            // It prints the address once it listens; until then its output is read as it comes,
            // with a ceiling.
            port =
                SiteServer.port(
                    in: output.fileHandleForReading.fileDescriptor, said: &log, ceiling: .seconds(120),
                    pattern: #/http://127\.0\.0\.1:(\d+)/#) ?? 0
            if port == 0 {
                throw HTTPProbe.Failure(
                    description: "render --serve gave no address within 120 s; it printed: \(log); stderr: \(stderr)")
            }
        }

        deinit {
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
        }

        func get(_ path: String) throws -> HTTPProbe.Response { try HTTPProbe.get(path, port: port) }

        /// Where the server's standard error goes.
        var errors: URL { book.root.appendingPathComponent("serve-stderr.txt") }

        /// What the server said on standard error so far.
        var stderr: String { (try? String(contentsOf: errors, encoding: .utf8)) ?? "" }

        /// How many file descriptors the server holds open now.
        var openDescriptors: Int {
            ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(process.processIdentifier)/fd")) ?? [])
                .count
        }
    }

    static let chapters = [
        "01-a.md": "# 第一章\n\n最初的一段。\n", "02-b.md": "# 第二章\n\n$$a = 1$$\n",
    ]

    @Test("it renders, prints the URL, serves pages with the live script, and Output/ has none")
    func serves() throws {
        let server = try Server(try TemporaryBook(Self.chapters))
        #expect(server.port > 0, "\(server.log)")
        #expect(server.log.contains("serving Output/ at http://127.0.0.1:\(server.port)/"))
        let page = try server.get("/01-a.html")
        #expect(page.status == 200)
        #expect(page.head.contains("text/html; charset=utf-8"))
        #expect(page.body.contains("最初的一段。"))
        #expect(page.body.contains("<script src=\"/__galley/live.js\"></script>\n</body>"))
        #expect(try server.get("/").body.contains("第二章"), "the folder's index.html")
        #expect(try server.get("/__galley/live.js").body.contains("EventSource"))
        #expect(try server.get("/katex/katex.min.css").status == 200)
        #expect(try server.get("/nothing.html").status == 404)
        // What is published is the site alone: two chapters, the index, search and checks pages
        // and their assets, KaTeX's stylesheet and fonts.
        let published = server.book.outputFiles()
        #expect(published.count >= 10 && published["01-a.html"] != nil, "\(published.keys.sorted())")
        for (path, data) in published {
            #expect(!String(decoding: data, as: UTF8.self).contains("__galley"), "\(path)")
        }
    }

    @Test("it serves only the site's files: no traversal, plain, encoded or through a symbolic link")
    func traversal() throws {
        let server = try Server(try TemporaryBook(Self.chapters))
        let secret = server.book.root.appendingPathComponent("secret.txt")
        try Data("秘密".utf8).write(to: secret)
        try FileManager.default.createSymbolicLink(
            at: server.book.output.appendingPathComponent("link.txt"), withDestinationURL: secret)
        for path in [
            "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/etc/passwd", "/..%2fsecret.txt",
            "/katex/../../secret.txt", "/link.txt", "/.galley-manifest", "/%2e%2e%2fsecret.txt",
        ] {
            let response = try server.get(path)
            #expect([403, 404].contains(response.status), "\(path): \(response.status)")
            #expect(!response.body.contains("秘密"), "\(path)")
        }
        #expect(try HTTPProbe.get("/01-a.html", port: server.port, method: "POST").status == 405)
    }

    @Test("an edit is rendered, served, and announced on the event stream; an atomic save too")
    func editAndReload() throws {
        let server = try Server(try TemporaryBook(Self.chapters))
        let events = try HTTPProbe.events("/__galley/events", port: server.port, until: "event: reload") {
            try server.book.write("01-a.md", "# 第一章\n\n改过的一段。\n")
        }
        #expect(events.contains("text/event-stream"))
        #expect(events.contains("event: reload"))
        #expect(try server.get("/01-a.html").body.contains("改过的一段。"))
        // An editor's safe save: a temporary file, renamed over the chapter.
        let again = try HTTPProbe.events("/__galley/events", port: server.port, until: "event: reload") {
            let temporary = server.book.chapters.appendingPathComponent("01-a.md.tmp-save")
            try Data("# 第一章\n\n原子保存的一段。\n".utf8).write(to: temporary)
            _ = rename(temporary.path, server.book.chapters.appendingPathComponent("01-a.md").path)
        }
        #expect(again.contains("event: reload"))
        #expect(try server.get("/01-a.html").body.contains("原子保存的一段。"))
        // A chapter deleted, then created again; and a new chapter.
        _ = try HTTPProbe.events("/__galley/events", port: server.port, until: "event: reload") {
            try FileManager.default.removeItem(at: server.book.chapters.appendingPathComponent("02-b.md"))
            try server.book.write("02-b.md", "# 第二章\n\n重新写过。\n")
            try server.book.write("03-c.md", "# 第三章\n\n新的一章。\n")
        }
        #expect(try server.get("/02-b.html").body.contains("重新写过。"))
        #expect(try server.get("/03-c.html").body.contains("新的一章。"))
        #expect(try server.get("/02-b.html").body.contains("第三章"), "the new chapter is the next one")
    }

    @Test(
        "an edit reaches its page without waiting for the search index; the index follows, and no page reloads for it")
    func searchFollows() throws {
        let server = try Server(try TemporaryBook(Self.chapters))
        let browser = try Browser()
        // Asks the served search page until it finds `word` (the index is built in the
        // background), with a ceiling; says what it saw last.
        func waitUntilFound(_ word: String) throws {
            let deadline = ContinuousClock.now + .seconds(120)
            var last = ""
            while ContinuousClock.now < deadline {
                let page = try browser.load(
                    "http://127.0.0.1:\(server.port)/search.html?q=" + word.addingPercentEncoding(
                        withAllowedCharacters: .urlQueryAllowed)!,
                    until: "document.getElementById('search-status').textContent.length > 0")
                if page.dom.contains("class=\"search-result\"") { return }
                last = String(page.dom.prefix(2000))
            }
            Issue.record("the search did not find \(word) within 120 s; last page: \(last)")
        }
        try waitUntilFound("最初")
        let stream = try HTTPProbe.EventStream("/__galley/events", port: server.port)
        // Each reload carries the number of renders that were announced.
        func nextReload() throws -> Int? {
            _ = try stream.read(until: "event: reload\n")
            let data = try stream.read(until: "\n\n")
            return data.firstMatch(of: #/data: (\d+)/#).flatMap { Int($0.output.1) }
        }
        try server.book.write("01-a.md", "# 第一章\n\n改过的一段：独一无二的词。\n")
        let edited = try #require(try nextReload())
        #expect(try server.get("/01-a.html").body.contains("独一无二的词"))
        try waitUntilFound("独一无二")
        // The index came with a render of its own, which announced nothing: the next edit's
        // reload is the next number.
        try server.book.write("02-b.md", "# 第二章\n\n又一次编辑。\n")
        #expect(try nextReload() == edited + 1)
    }

    @Test(
        "an edit's page is announced first; the front and checks pages follow, named to reload only when they changed")
    func bookPagesFollow() throws {
        // Without the search index, whose background renders would take edits up too.
        let server = try Server(try TemporaryBook(Self.chapters), arguments: ["--no-search"])
        let stream = try HTTPProbe.EventStream("/__galley/events", port: server.port)
        // The front page shows each chapter's first paragraph: this edit changes it.
        try server.book.write("01-a.md", "# 第一章\n\n改过的第一段。\n")
        let first = try stream.read(until: "event: reload-pages")
        #expect(first.contains("event: reload\n"), "the edited page is announced before the front page: \(first)")
        #expect(try stream.read(until: "\n\n").contains(#"data: ["index.html","checks.html"]"#))
        #expect(try server.get("/index.html").body.contains("改过的第一段"))
        #expect(try server.get("/01-a.html").body.contains("改过的第一段"))
        // A second paragraph changes neither page: its render is announced, and no page after it;
        // the edit after that changes the front page again, and is the next to name it.
        try server.book.write("01-a.md", "# 第一章\n\n改过的第一段。\n\n第二段。\n")
        _ = try stream.read(until: "event: reload\n")
        try server.book.write("01-a.md", "# 第一章\n\n又改了第一段。\n\n第二段。\n")
        let next = try stream.read(until: "event: reload-pages")
        #expect(next.components(separatedBy: "event: reload\n").count == 2, "one render, and no pages between: \(next)")
        #expect(try server.get("/index.html").body.contains("又改了第一段"))
    }

    @Test("the preview serves the whole book as it prints, and an edit reaches it with the render")
    func printPage() throws {
        let server = try Server(try TemporaryBook(Self.chapters))
        // Written after the render announces its pages: asked for until it holds `text`, with
        // a ceiling; says what it got last.
        func waitForPrintPage(holding text: String) throws -> String {
            let deadline = ContinuousClock.now + .seconds(60)
            var last = ""
            while ContinuousClock.now < deadline {
                let response = try server.get("/print.html")
                last = "\(response.status): \(response.body.prefix(1500))"
                if response.status == 200 && response.body.contains(text) { return response.body }
                Thread.sleep(forTimeInterval: 0.05)
            }
            Issue.record("print.html did not hold \(text) within 60 s; last: \(last)")
            return ""
        }
        let first = try waitForPrintPage(holding: "<article class=\"chapter\" id=\"02-b\"")
        #expect(first.contains("<article class=\"chapter\" id=\"01-a\""), "\(first.prefix(2000))")
        try server.book.write("01-a.md", "# 第一章\n\n印出来看看。\n")
        _ = try waitForPrintPage(holding: "印出来看看。")
        // Only the page: the preview prints no PDF.
        #expect(try server.get("/book.pdf").status == 404)
    }

    @Test("a burst of saves is rendered once: the next save is the next render")
    func burstIsOneRender() throws {
        // The book must stay still for 5 s before it is rendered: eight saves in a row (a few
        // milliseconds), as an editor saving several files or a formatter makes, fall well inside
        // that even on a loaded machine.
        let server = try Server(try TemporaryBook(Self.chapters), arguments: ["--settle", "5000"])
        let stream = try HTTPProbe.EventStream("/__galley/events", port: server.port)
        for step in 1...8 { try server.book.write("01-a.md", "# 第一章\n\n第 \(step) 次保存。\n") }
        let burst = try stream.read(until: "event: diagnostics")
        #expect(try server.get("/01-a.html").body.contains("第 8 次保存。"))
        try server.book.write("01-a.md", "# 第一章\n\n再存一次。\n")
        let next = try stream.read(until: "event: diagnostics")
        #expect(try server.get("/01-a.html").body.contains("再存一次。"))
        // The one stream saw every render since the burst: the burst's, then the save's.
        let renders = (burst + next).matches(of: #/event: reload\ndata: (\d+)/#).compactMap { Int($0.output.1) }
        #expect(renders == [2, 3], "the first render is the one at start-up; the burst is the second: \(stream.text)")
    }

    @Test("a problem shows in the terminal and as an overlay's lines; fixed, the overlay clears")
    func diagnosticsOverlay() throws {
        let server = try Server(try TemporaryBook(Self.chapters))
        let broken = try HTTPProbe.events(
            "/__galley/events", port: server.port, until: "unterminated"
        ) {
            try server.book.write("02-b.md", "# 第二章\n\n$$a = 1\n")
        }
        #expect(broken.contains("Chapters/02-b.md:3:1: error:"), "\(broken)")
        let fixed = try HTTPProbe.events("/__galley/events", port: server.port, until: "data: []") {
            try server.book.write("02-b.md", "# 第二章\n\n$$a = 1$$\n")
        }
        #expect(fixed.contains("event: reload\ndata: 3\n\nevent: diagnostics\ndata: []"), "\(fixed)")
        // Every page heard that the book was being rendered before it heard the result.
        let announced = try #require(fixed.range(of: "event: rendering\ndata: 3\n"), "\(fixed)")
        #expect(announced.upperBound <= fixed.range(of: "event: reload\ndata: 3")!.lowerBound)
    }

    @Test("in Chromium the overlay shows the problem where the author wrote it, and leaves the open page once fixed")
    func overlayInBrowser() throws {
        var chapters = Self.chapters
        chapters["02-b.md"] = "# 第二章\n\n$$a = 1\n"
        let server = try Server(try TemporaryBook(chapters))
        let browser = try Browser()
        let tab = try browser.open("http://127.0.0.1:\(server.port)/02-b.html")
        defer { tab.close() }
        // live.js marks the page with the number of problems it last heard of.
        try tab.wait(until: "document.documentElement.dataset.galleyProblems === \"1\"")
        let broken = try tab.page().dom
        let overlay = try #require(
            broken.firstMatch(of: #/<div id="galley-overlay"[^>]*>(.*?)</div>/#.dotMatchesNewlines()))
        #expect(
            overlay.output.1.contains("Problems: 1 — fix them and save"), "in the book's language: \(overlay.output.1)")
        #expect(overlay.output.1.contains("Chapters/02-b.md:3:1: error:"), "\(overlay.output.1)")
        #expect(overlay.output.1.contains("<button type=\"button\""), "it can be put away")
        // axe-core finds nothing serious in the overlay, light or dark.
        for dark in [false, true] {
            try tab.emulate(width: 1280, dark: dark)
            let serious = try Axe.violations(in: tab).filter(\.isSerious)
            #expect(serious.isEmpty, "the overlay, \(dark ? "dark" : "light"): \(serious)")
        }
        // The page that is open is reloaded by its script, and then hears that nothing is wrong.
        _ = try tab.evaluate("window.galleyBeforeFix = true")
        try server.book.write("02-b.md", "# 第二章\n\n$$a = 1$$\n")
        try tab.wait(
            until: "window.galleyBeforeFix === undefined && document.documentElement.dataset.galleyProblems === \"0\"")
        let fixed = try tab.page()
        #expect(fixed.dom.contains("<span class=\"katex\">"), "the fixed page is shown")
        #expect(!fixed.dom.contains("galley-overlay"))
        #expect(fixed.console.isEmpty, "\(fixed.console)")
    }

    @Test("under ulimit -n 256, 1,000 page views with their event streams leave it answering, its descriptors let go")
    func closedStreamsAreLetGo() throws {
        let server = try Server(try TemporaryBook(Self.chapters), descriptorLimit: 256)
        #expect(server.port > 0, "\(server.log)")
        let before = server.openDescriptors
        var failures: [String] = []
        for view in 1...1000 {
            // A reader opens a page, its script opens the event stream, the reader goes on.
            let page = try server.get("/01-a.html")
            if page.status != 200 { failures.append("view \(view): \(page.status)") }
            _ = try HTTPProbe.EventStream("/__galley/events", port: server.port)
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
        // The server notices the closed streams at its next heartbeat (or ended the oldest ones).
        let deadline = ContinuousClock.now + .seconds(60)
        while server.openDescriptors > before + 8 && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(
            server.openDescriptors <= before + 8, "\(before) descriptors at the start, \(server.openDescriptors) now")
        #expect(try server.get("/").status == 200)
        #expect(server.stderr.isEmpty, "\(server.stderr)")
    }

    @Test("out of descriptors, it keeps listening: it says so once, and answers again once clients let go")
    func outOfDescriptors() throws {
        let server = try Server(try TemporaryBook(Self.chapters), descriptorLimit: 256)
        #expect(server.port > 0, "\(server.log)")
        // Three hundred idle connections: more than the server may hold open.
        var held: [Int32] = []
        defer { held.forEach { close($0) } }
        // While it is out of descriptors the server starts listening again, so a connection may
        // be refused in that moment: those are not held, and the flood goes on.
        var refused = 0
        for _ in 1...300 {
            if let socket = try? HTTPProbe.connect(port: server.port) { held.append(socket) } else { refused += 1 }
        }
        // More connections than it may hold, or refusals while it started listening again: either
        // way it ran out.
        #expect(held.count > 256 || refused > 0, "the flood did not reach its limit")
        let deadline = ContinuousClock.now + .seconds(60)
        while !server.stderr.contains("file descriptors") && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(server.stderr.contains("ran out of file descriptors"), "\(server.stderr)")
        held.forEach { close($0) }
        held = []
        // It listens again: a page is served, and so are many more.
        var status = 0
        while status != 200 && ContinuousClock.now < deadline + .seconds(60) {
            status = (try? server.get("/01-a.html").status) ?? 0
            if status != 200 { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(status == 200, "it does not answer again: \(server.stderr)")
        for _ in 1...300 { #expect(try server.get("/").status == 200) }
        let said = server.stderr.components(separatedBy: "ran out of file descriptors").count - 1
        #expect(said == 1, "\(server.stderr)")
    }

    @Test("SIGTERM stops it and every process a render started; nothing is written into the book")
    func stops() throws {
        let book = try TemporaryBook(Self.chapters)
        let server = try Server(book)
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: book.chapters.path))
        // A chapter whose code runs for a long time: the render is under way when the signal comes.
        _ = try HTTPProbe.events("/__galley/events", port: server.port, until: "event: reload") {
            try book.write("01-a.md", "# 第一章\n\n```swift run\nlet x = 1\n```\n")
        }
        try book.write(
            "01-a.md",
            "# 第一章\n\n```swift run\nwhile true { sleepForever() }\nfunc sleepForever() { Thread.sleep(forTimeInterval: 1) }\n```\n"
        )
        // Wait until the render runs the chapter's program (compiled into the cache, in the book's
        // test folder): a process of the render's own that would not end by itself.
        let pid = server.process.processIdentifier
        let programs = book.root.appendingPathComponent("cache/programs").path
        let deadline = ContinuousClock.now + .seconds(120)
        func running() -> Bool {
            Self.processes(mentioning: programs, except: pid).contains { command in
                // The chapter host, running the chapter's program (not a compiler building it).
                command.hasPrefix(programs) || (command.contains("chapter-host") && command.contains("/program"))
            }
        }
        while !running() && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(running(), "the chapter's program runs")
        kill(pid, SIGTERM)
        // It has exited once /proc shows it gone or a zombie (`Process` only reaps it once every
        // holder of its output has let go, which a process left behind would not).
        let stopped = ContinuousClock.now + .seconds(60)
        while Self.isAlive(pid) && ContinuousClock.now < stopped { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!Self.isAlive(pid), "it stops")
        // What it killed is gone once the kernel has reaped it: a process it left behind would
        // wait forever, so the ceiling is what fails the test.
        let reaped = ContinuousClock.now + .seconds(60)
        var left = Self.processes(mentioning: book.root.path, except: pid)
        while !left.isEmpty && ContinuousClock.now < reaped {
            Thread.sleep(forTimeInterval: 0.05)
            left = Self.processes(mentioning: book.root.path, except: pid)
        }
        #expect(left.isEmpty, "still running after 60 s: \(left)")
        // Whatever is left is ended here, so that a failure is a failure and not a hang.
        for (pid, _) in Self.processEntries(mentioning: book.root.path, except: pid) { kill(pid, SIGKILL) }
        server.process.waitUntilExit()
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: book.chapters.path))
        #expect(after == before.union(["01-a.md"]))
    }

    /// Whether a process runs (and is not a zombie waiting to be reaped).
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return false }
        let text = String(decoding: stat, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return false }
        return text[text.index(after: close)...].split(separator: " ").first != "Z"
    }

    /// The command lines of the running processes that name `path` (the book's folder holds the
    /// cache, where compiled programs live), this test's server itself excepted.
    static func processes(mentioning path: String, except server: Int32) -> [String] {
        processEntries(mentioning: path, except: server).map(\.command)
    }

    static func processEntries(mentioning path: String, except server: Int32) -> [(pid: Int32, command: String)] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> (pid: Int32, command: String)? in
            guard let pid = Int32(entry), pid != server, Self.isAlive(pid),
                let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { return nil }
            let command = String(decoding: data, as: UTF8.self)
            return command.contains(path) ? (pid, command) : nil
        }
    }
}
