import Foundation
import GalleyTestSupport
import Testing

/// Readers are safe on every page: a strict Content-Security-Policy keeps script in a chapter's raw
/// HTML inert, the author is warned at its line, and a URL in `book.json` must be a web address.
@Suite("Pages that run no script but the site's own", .serialized)
struct ContentSecurityTests {
    /// Counts the alerts a page raises, installed before any of the page's own script.
    static let alertCounter = "window.__alerts = 0; window.alert = function () { window.__alerts += 1; };"

    @Test(
        "script in raw HTML and javascript: links stays inert in Chromium, the console says it was blocked, and the author is warned at each line"
    )
    func scriptStaysInert() throws {
        let source = MarkedSource(
            """
            # 安全

            ⚑<svg onload="alert(1)"><circle r="4"/></svg>

            一张图 ⚑<img src="data:," onerror="alert(2)">，一个 ⚑[链接](javascript:alert(3)) 和 ⚑<a href="javascript:alert(4)">另一个</a>。

            <span class="safe">没有脚本。</span>

            """)
        let book = try TemporaryBook(["01.md": source.text])
        let run = try book.render(["--cache-dir", TemporaryBook.sharedCache.path])
        #expect(run.status == 0, "warnings only: \(run.stderr)")
        let warnings = run.stderr.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(
            warnings.map { String($0.prefix { $0 != " " }) }
                == source.markers.map { "Chapters/01.md:\($0.line):\($0.column):" }, "\(run.stderr)")
        #expect(run.stderr.contains("raw HTML with the event handler 'onload' will not run"), "\(run.stderr)")
        #expect(run.stderr.contains("a link to a javascript: URL will not run"), "\(run.stderr)")
        #expect(try book.render(["--check", "--strict"]).status == 1, "--strict makes them errors")

        let browser = try Browser()
        let tab = try browser.open(
            "file://" + book.output.appendingPathComponent("01.html").path, beforeLoad: Self.alertCounter)
        defer { tab.close() }
        try tab.waitForLog(containing: "Content Security Policy")
        // A reader who clicks the links: nothing runs, and the browser says why.
        _ = try tab.evaluate("document.querySelectorAll('a[href^=\"javascript:\"]').forEach(a => a.click())")
        try tab.wait(until: "document.readyState === 'complete'")
        _ = try tab.evaluate("document.querySelector('svg').dispatchEvent(new Event('load'))")
        #expect(try tab.evaluate("window.__alerts") as? Int == 0, "no alert fired: \(tab.console)")
        #expect(tab.console.contains { $0.contains("inline event handler") }, "\(tab.console)")
        #expect(try tab.evaluate("document.querySelector('span.safe') !== null") as? Bool == true, "plain HTML stays")
    }

    @Test("every page carries the policy; the site's own script and styles still work under it")
    func policyOnEveryPage() throws {
        let book = try TemporaryBook([
            "01.md": "# 一\n\n```swift run\nlet a = softmax([3, 1, -3])\n```\n\n最大的是 [0.88](=a[0])，$e^{z_j}$。\n"
        ])
        let run = try book.render(["--cache-dir", TemporaryBook.sharedCache.path])
        #expect(run.status == 0, "\(run.stderr)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: book.output.path).filter {
            $0.hasSuffix(".html")
        }
        #expect(pages.count >= 4, "\(pages)")
        for page in pages {
            let html = try #require(book.output(page))
            // The search page alone lets WebAssembly compile (Pagefind's), and nothing more.
            let scripts = page == "search.html" ? "script-src 'self' 'wasm-unsafe-eval';" : "script-src 'self';"
            #expect(
                html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; \(scripts)"),
                "\(page)")
            #expect(!html.contains("<script>") && !html.contains(" onload="), "no inline script in \(page)")
        }
        let browser = try Browser()
        // Pagefind's WebAssembly runs under the search page's policy, served as a host serves it.
        let server = try SiteServer(book.output)
        let search = try browser.load(
            server.url("search.html", query: "最大"),
            until:
                "document.querySelector('#search-status') && /\\d/.test(document.querySelector('#search-status').textContent)"
        )
        #expect(search.console.isEmpty, "search works under the policy: \(search.console)")
        #expect(search.dom.contains("class=\"search-result\""), "\(search.dom.prefix(3000))")
        let chapter = try browser.load("file://" + book.output.appendingPathComponent("01.html").path)
        #expect(chapter.console.isEmpty, "\(chapter.console)")
    }

    @Test(
        "a repository in book.json that is not an https: or http: URL is an error at its key, and no page links to it")
    func bookURLChecked() throws {
        let manifest = "{\n  \"title\": \"书\",\n  \"repository\": \"javascript:alert(1)//\"\n}\n"
        let book = try TemporaryBook(["book.json": manifest, "01.md": "# 一\n\n正文。\n"])
        let run = try book.render(["--cache-dir", TemporaryBook.sharedCache.path])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "Chapters/book.json:3:3: error: 'repository' must be an https: or http: URL, not 'javascript:alert(1)//'"
            ),
            "\(run.stderr)")
        let page = try #require(book.output("01.html"))
        #expect(!page.contains("javascript:"), "the rest renders, without the link")
        let tab = try Browser().open(
            "file://" + book.output.appendingPathComponent("01.html").path, beforeLoad: Self.alertCounter)
        defer { tab.close() }
        #expect(try tab.evaluate("document.querySelectorAll('a[href^=\"javascript:\"]').length") as? Int == 0)
        #expect(try tab.evaluate("window.__alerts") as? Int == 0)
        #expect(tab.console.isEmpty, "\(tab.console)")
        let good = try TemporaryBook([
            "book.json": "{\"repository\": \"https://github.com/owner/course\"}", "01.md": "# 一\n",
        ])
        #expect(try good.render(["--cache-dir", TemporaryBook.sharedCache.path]).status == 0)
        #expect(good.output("01.html")?.contains("href=\"https://github.com/owner/course/edit/main/") == true)
    }
}
