import Foundation
import GalleyTestSupport
import Testing

/// The rendered site, opened in a real headless Chromium: every page, its formulas, its links and
/// its search. The course in `Chapters/` and a chapter in the style of a public course are rendered
/// once into temporary folders for the whole suite.
@Suite("The site in a browser", .serialized)
struct SiteInBrowserTests {
    /// A rendered book and its pages.
    struct Site: Sendable {
        let folder: URL
        var pages: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".html") }
                .sorted()
        }
        func url(_ page: String, query: String? = nil) -> String {
            var components = URLComponents()
            components.scheme = "file"
            components.path = folder.appendingPathComponent(page).path
            if let query { components.queryItems = [URLQueryItem(name: "q", value: query)] }
            return components.string!
        }
    }

    static func render(_ book: String, options: [String] = []) throws -> Site {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("galley-site-\(UUID().uuidString)")
        let run = try RenderBinary.run(
            [book, "--output", folder.path, "--cache-dir", TemporaryBook.sharedCache.path] + options,
            in: RenderBinary.packageRoot)
        #expect(run.status == 0, "\(run.stderr)")
        return Site(folder: folder)
    }

    static let course = Result { try render("Chapters") }
    static let publicCourse = Result { try render("Tests/Fixtures/public-course") }

    @Test(
        "every page loads with no console error, no KaTeX error, and every formula typeset",
        arguments: ["course", "public course"])
    func pagesLoadCleanly(book: String) throws {
        let site = try (book == "course" ? Self.course : Self.publicCourse).get()
        // Each chapter's page, the index, the search page and the verification page.
        #expect(site.pages.count == (book == "course" ? 8 : 1) + 3, "\(site.pages)")
        let browser = try Browser()
        for page in site.pages {
            let loaded = try browser.load(site.url(page))
            #expect(loaded.dom.contains("</html>"), "\(page) did not load")
            #expect(loaded.console.isEmpty, "\(page) wrote to the console: \(loaded.console)")
            #expect(!loaded.dom.contains("katex-error"), "\(page) has a KaTeX error")
            let formulas = occurrences(of: "class=\"math ", in: loaded.dom)
            let typeset = occurrences(of: "class=\"katex\"", in: loaded.dom)
            #expect(typeset >= formulas, "\(page): \(formulas) formulas, \(typeset) typeset")
        }
    }

    @Test("the console check sees a page that logs, throws, or misses a file; a quiet page is clean")
    func consoleCheckCanFail() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "galley-console-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pages = [
            "quiet.html": "<p>安静的一页。</p>",
            "logs.html": "<script>console.log(\"hello from the page\")</script>",
            "throws.html": "<script>undefinedFunction()</script>",
            "missing.html": "<img src=\"nowhere.png\" alt=\"\">",
        ]
        let browser = try Browser()
        for (name, body) in pages.sorted(by: { $0.key < $1.key }) {
            try Data("<!doctype html><html lang=\"zh\"><title>t</title><body>\(body)</body></html>".utf8)
                .write(to: folder.appendingPathComponent(name))
        }
        let loaded = try pages.keys.sorted().map { ($0, try browser.load("file://" + folder.path + "/" + $0)) }
        #expect(loaded.count == 4)
        for (name, page) in loaded {
            #expect(page.console.isEmpty == (name == "quiet.html"), "\(name): \(page.console)")
        }
        let log = Dictionary(uniqueKeysWithValues: loaded).mapValues { $0.console.joined(separator: "\n") }
        #expect(log["logs.html"]?.contains("hello from the page") == true)
        #expect(log["throws.html"]?.contains("undefinedFunction") == true)
        #expect(log["missing.html"]?.contains("nowhere.png") == true)
    }

    @Test(
        "checks.html lists each chapter's counts and links every unchecked claim to its anchor on its page; the index and each chapter link to it"
    )
    func verificationPage() throws {
        let book = try TemporaryBook([
            "01-loss.md": """
            # 损失

            ```swift run
            let p = [0.8, 0.3]
            let loss = -log(p[0])
            ```

            损失是 [0.22](=loss)，而另一类的概率是 0.3，约 30%。

            $$q = 0.75$$

            """,
            "02-empty.md": "# 空章\n\n没有数字。\n",
        ])
        let run = try book.render(["--cache-dir", TemporaryBook.sharedCache.path])
        #expect(run.status == 0, "\(run.stderr)")
        func url(_ page: String) -> String { "file://" + book.output.appendingPathComponent(page).path }
        let checks = try Browser.load(url("checks.html"))
        #expect(checks.console.isEmpty, "\(checks.console)")
        #expect(checks.dom.contains("<table class=\"checks\">"))
        #expect(checks.dom.contains("<tr id=\"chapter-01-loss\">"), "a row per chapter")
        #expect(checks.dom.contains("<tr id=\"chapter-02-empty\">"), "a row per chapter")
        let links = matches(of: #"href="(01-loss\.html#claim-[0-9]+-[0-9]+)""#, in: checks.dom)
        #expect(links.count == 3, "0.3, 30% and the formula's 0.75: \(links)")
        let page = try Browser.load(url("01-loss.html"))
        #expect(page.console.isEmpty, "\(page.console)")
        for link in links {
            let anchor = String(link.split(separator: "#")[1])
            #expect(page.dom.contains("id=\"\(anchor)\""), "\(anchor) is not on the page")
        }
        #expect(page.dom.contains("<span class=\"claim-unchecked\" id=\"claim-8-28\" title=\"not checked\">0.3</span>"))
        #expect(
            page.dom.contains(
                "<a href=\"checks.html#chapter-01-loss\">Checked here: 1 number (1 computed, 0 restated inputs), 3 unchecked</a>"
            ))
        let index = try Browser.load(url("index.html"))
        #expect(
            index.dom.contains("<a href=\"checks.html\">Checks: 1 number checked, 3 unchecked</a>"),
            "the index links to it")
    }

    @Test("with JavaScript off, every formula of the course reads typeset, with MathML for screen readers")
    func mathWithoutJavaScript() throws {
        let site = try Self.course.get()
        // Headless Chromium cannot dump a page with scripts turned off, so the pages are opened
        // without their scripts: a copy of the site with every <script> element taken out.
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("galley-noscript-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: site.folder, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let scripts = try NSRegularExpression(pattern: "<script[^>]*>[\\s\\S]*?</script>")
        let chapters = site.pages.filter { $0.hasPrefix("0") }
        #expect(chapters.count == 8, "\(chapters)")
        let browser = try Browser()
        for page in chapters {
            let url = copy.appendingPathComponent(page)
            let html = try String(contentsOf: url, encoding: .utf8)
            let stripped = scripts.stringByReplacingMatches(
                in: html, range: NSRange(html.startIndex..., in: html), withTemplate: "")
            #expect(!stripped.contains("<script"))
            try stripped.write(to: url, atomically: true, encoding: .utf8)
            let loaded = try browser.load("file://" + url.path)
            let formulas = occurrences(of: "class=\"math ", in: loaded.dom)
            #expect(formulas > 0, "\(page) has formulas")
            #expect(occurrences(of: "class=\"katex\"", in: loaded.dom) >= formulas, "\(page): typeset without a script")
            #expect(occurrences(of: "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"", in: loaded.dom) >= formulas)
            #expect(!loaded.dom.contains("katex-error") && !loaded.dom.contains("math-error"), "\(page)")
        }
    }

    @Test("equation references across chapters lead to formulas that carry the number they show")
    func equationReferences() throws {
        let book = try TemporaryBook([
            "01-a.md": "# 一\n\n$$a_j = \\frac{e^{z_j}}{\\sum_l e^{z_l}}$$ {#eq-softmax}\n\n$$b = 1$$ {#eq-b}\n",
            "02-b.md": "# 二\n\n由 @eq-softmax 与 @eq-b 可知。\n",
        ])
        let run = try book.render(["--cache-dir", TemporaryBook.sharedCache.path])
        #expect(run.status == 0, "\(run.stderr)")
        func url(_ page: String) -> String { "file://" + book.output.appendingPathComponent(page).path }
        let referring = try Browser.load(url("02-b.html"))
        let links = matches(of: #"class="equation-reference" href="([^"]+)">\(([0-9.]+)\)</a>"#, in: referring.dom)
        #expect(links == ["01-a.html#eq-softmax", "01-a.html#eq-b"], "\(referring.dom)")
        let target = try Browser.load(url("01-a.html"))
        #expect(target.console.isEmpty, "\(target.console)")
        for link in links {
            let anchor = String(link.split(separator: "#")[1])
            #expect(target.dom.contains("id=\"\(anchor)\""), "\(anchor) is not on its page")
        }
        // KaTeX typeset Galley's numbers as tags, at the formulas' right.
        #expect(target.dom.contains("(1.1)") && target.dom.contains("(1.2)"))
        #expect(occurrences(of: "class=\"tag\"", in: target.dom) == 2)
    }

    @Test("equation tags are kept, Chinese text and nested math included")
    func equationTags() throws {
        let site = try Self.publicCourse.get()
        let loaded = try Browser.load(site.url("07-softmax.html"))
        // The chapter writes four \tag{…}s; KaTeX typesets each as one element of class "tag".
        #expect(occurrences(of: "class=\"tag\"", in: loaded.dom) == 4)
        #expect(loaded.dom.contains("雅可比矩阵的元素"))
    }

    @Test(
        "every internal link and asset resolves, anchors included, and nothing comes from the network",
        arguments: ["course", "public course"])
    func linksResolve(book: String) throws {
        let site = try (book == "course" ? Self.course : Self.publicCourse).get()
        #expect(site.pages.count == (book == "course" ? 8 : 1) + 3, "\(site.pages)")
        for page in site.pages {
            let html = try String(contentsOf: site.folder.appendingPathComponent(page), encoding: .utf8)
            let links = attributeValues(in: html)
            // Every page links at least its stylesheet, the index and the search page.
            #expect(links.count >= 3, "\(page): \(links)")
            for link in links {
                #expect(
                    !link.hasPrefix("http:") && !link.hasPrefix("https:") && !link.hasPrefix("//"),
                    "\(page) loads \(link) from the network")
                if link.hasPrefix("mailto:") || link.hasPrefix("http") || link.hasPrefix("data:") { continue }
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let path = String(parts[0]).removingPercentEncoding ?? String(parts[0])
                let target =
                    path.isEmpty ? site.folder.appendingPathComponent(page) : site.folder.appendingPathComponent(path)
                #expect(FileManager.default.fileExists(atPath: target.path), "\(page) links to missing \(link)")
                if parts.count == 2, !parts[1].isEmpty, target.pathExtension == "html" {
                    let anchor = String(parts[1]).removingPercentEncoding ?? String(parts[1])
                    let targetHTML = (try? String(contentsOf: target, encoding: .utf8)) ?? ""
                    #expect(targetHTML.contains("id=\"\(anchor)\""), "\(page) links to missing anchor \(link)")
                }
            }
        }
        // The fonts KaTeX's stylesheet asks a current browser for.
        let css = try String(contentsOf: site.folder.appendingPathComponent("katex/katex.min.css"), encoding: .utf8)
        let fonts = css.matches(of: #/url\((fonts/[^)]+\.woff2)\)/#)
        #expect(fonts.count >= 20, "KaTeX's stylesheet asks for its fonts: \(fonts.count)")
        for font in fonts {
            let path = site.folder.appendingPathComponent("katex").appendingPathComponent(String(font.output.1)).path
            #expect(FileManager.default.fileExists(atPath: path), "missing \(font.output.1)")
        }
    }

    @Test("every chapter is reachable from every page: the sidebar lists them all")
    func everyChapterFromEveryPage() throws {
        let site = try Self.course.get()
        let chapters = site.pages.filter { $0.first?.isNumber == true }
        #expect(chapters.count == 8)
        #expect(site.pages.count == 8 + 3, "\(site.pages)")
        let browser = try Browser()
        for page in site.pages {
            let loaded = try browser.load(site.url(page))
            let navigation = try #require(
                loaded.dom.firstRange(of: "<nav class=\"book\"").map { loaded.dom[$0.lowerBound...] }, "\(page)")
            let sidebar = navigation[..<(navigation.firstRange(of: "</nav>")?.upperBound ?? navigation.endIndex)]
            for chapter in chapters {
                #expect(sidebar.contains("href=\"\(chapter)\""), "\(page) does not link to \(chapter)")
            }
            #expect(sidebar.contains("aria-current=\"page\"") == chapters.contains(page), "\(page)")
        }
    }

    @Test("← and → go to the previous and the next chapter")
    func arrowKeys() throws {
        let site = try Self.course.get()
        let page = try String(contentsOf: site.folder.appendingPathComponent("02-sigmoid-tanh.html"), encoding: .utf8)
        for (key, expected) in [("ArrowRight", "03-cross-entropy"), ("ArrowLeft", "01-softmax")] {
            // The same page, with a script that presses the key once it has loaded: a file of the
            // site, since the page's policy runs no inline script.
            let script = "press-\(key).js"
            try Data(
                ("window.addEventListener(\"load\", function () { document.body.dispatchEvent("
                    + "new KeyboardEvent(\"keydown\", { key: \"\(key)\", bubbles: true })); });").utf8
            ).write(to: site.folder.appendingPathComponent(script))
            let name = "press-\(key).html"
            try Data(
                page.replacingOccurrences(of: "</body>", with: "<script src=\"\(script)\"></script>\n</body>").utf8
            )
            .write(to: site.folder.appendingPathComponent(name))
            defer {
                for file in [name, script] {
                    try? FileManager.default.removeItem(at: site.folder.appendingPathComponent(file))
                }
            }
            let loaded = try Browser.load(site.url(name), until: "location.pathname.endsWith(\"/\(expected).html\")")
            let expectedPage = try String(
                contentsOf: site.folder.appendingPathComponent(expected + ".html"), encoding: .utf8)
            let title = try #require(expectedPage.firstMatch(of: #/<title>([^<]*)</title>/#)?.output.1)
            #expect(loaded.dom.contains("<title>\(title)</title>"), "\(key) did not lead to \(expected)")
        }
    }

    @Test(
        "on a phone, formulas keep their numbers clear, table headings unbroken, charts readable, and no line starts with 。"
    )
    func phoneLayout() throws {
        let site = try Self.course.get()
        // Measured in the page once it has laid out at 390 px. Headless Chromium's window is at
        // least 500 px wide, so the page is opened in a frame of a phone's width, which passes
        // what it measured to the page around it.
        // A file of the site, since the page's policy runs no inline script.
        let measure = """
            window.addEventListener("load", function () {
              var found = { width: window.innerWidth, tags: 0, tableFormulas: 0, charts: 0, punctuation: 0, problems: [] };
              document.querySelectorAll(".katex-html > .tag").forEach(function (tag) {
                found.tags += 1;
                var t = tag.getBoundingClientRect();
                tag.parentElement.querySelectorAll(":scope > .base").forEach(function (base) {
                  var b = base.getBoundingClientRect();
                  if (b.right > t.left + 1 && b.left < t.right - 1) found.problems.push("number over formula " + tag.textContent);
                });
              });
              document.querySelectorAll("table.computed .katex-html").forEach(function (math) {
                found.tableFormulas += 1;
                var tops = Array.from(math.querySelectorAll(":scope > .base")).map(function (b) { return Math.round(b.getBoundingClientRect().top); });
                if (new Set(tops).size > 1) found.problems.push("table formula broken over lines: " + math.textContent);
              });
              document.querySelectorAll("svg.chart").forEach(function (svg) {
                if (getComputedStyle(svg).display === "none") return;  // the drawing for the other width
                found.charts += 1;
                var scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                if (scale * 12 < 11) found.problems.push("chart labels shrunk to " + (scale * 12) + " px");
                if (svg.parentElement.scrollWidth > svg.parentElement.clientWidth) found.problems.push("chart scrolls sideways");
              });
              document.querySelectorAll("main p, main li").forEach(function (block) {
                var left = block.getBoundingClientRect().left + parseFloat(getComputedStyle(block).paddingLeft);
                var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
                for (var node = walker.nextNode(); node; node = walker.nextNode()) {
                  if (node.parentElement.closest(".katex, .visually-hidden")) continue;
                  for (var i = 0; i < node.data.length; i++) {
                    if ("。，、；：！？）".indexOf(node.data[i]) < 0) continue;
                    found.punctuation += 1;
                    var range = document.createRange();
                    range.setStart(node, i);
                    range.setEnd(node, i + 1);
                    var box = range.getBoundingClientRect();
                    if (Math.abs(box.left - left) < 2) found.problems.push("line starts with " + node.data.slice(i, i + 12));
                  }
                }
              });
              parent.postMessage(JSON.stringify(found), "*");
            });
            """
        struct Measured: Decodable {
            var width: Int
            var tags: Int
            var tableFormulas: Int
            var charts: Int
            var punctuation: Int
            var problems: [String]
        }
        var totals = (tags: 0, tableFormulas: 0, charts: 0, punctuation: 0)
        let chapters = site.pages.filter { $0.first?.isNumber == true }
        #expect(chapters.count == 8, "\(chapters)")
        let browser = try Browser()
        try Data(measure.utf8).write(to: site.folder.appendingPathComponent("phone-measure.js"))
        defer { try? FileManager.default.removeItem(at: site.folder.appendingPathComponent("phone-measure.js")) }
        for chapter in chapters {
            let page = try String(contentsOf: site.folder.appendingPathComponent(chapter), encoding: .utf8)
            let name = "phone-\(chapter)"
            let frame = "phone-frame-\(chapter)"
            try Data(
                page.replacingOccurrences(of: "</body>", with: "<script src=\"phone-measure.js\"></script>\n</body>")
                    .utf8
            ).write(to: site.folder.appendingPathComponent(name))
            try Data(
                """
                <!doctype html><html><body><iframe src="\(name)" width="390" height="800"></iframe>
                <pre id="measured"></pre><script>window.addEventListener("message", function (event) {
                  document.getElementById("measured").textContent = event.data; });</script></body></html>
                """.utf8
            ).write(to: site.folder.appendingPathComponent(frame))
            defer {
                for file in [name, frame] {
                    try? FileManager.default.removeItem(at: site.folder.appendingPathComponent(file))
                }
            }
            let loaded = try browser.load(
                site.url(frame), until: "document.getElementById(\"measured\").textContent.length > 0")
            let json = try #require(
                loaded.dom.firstMatch(of: #/<pre id="measured">([^<]*)</pre>/#)?.output.1, "\(chapter)")
            let measured = try JSONDecoder().decode(
                Measured.self, from: Data(String(json).replacingOccurrences(of: "&amp;", with: "&").utf8))
            #expect(measured.width == 390, "\(chapter) was laid out at \(measured.width) px")
            #expect(measured.problems.isEmpty, "\(chapter): \(measured.problems)")
            totals.tags += measured.tags
            totals.tableFormulas += measured.tableFormulas
            totals.charts += measured.charts
            totals.punctuation += measured.punctuation
        }
        // The course has numbered formulas, formulas in computed tables, charts and punctuation to measure.
        #expect(
            totals.tags >= 10 && totals.tableFormulas >= 20 && totals.charts >= 8 && totals.punctuation >= 500,
            "\(totals)")
    }

    @Test(
        "search, served over HTTP, finds Chinese words and phrases, English terms and formula names; nonsense finds nothing"
    )
    func search() throws {
        let site = try Self.course.get()
        let server = try SiteServer(site.folder)
        let browser = try Browser()
        // search.js writes its status line once the results are shown.
        func search(_ query: String) throws -> Browser.Page {
            try browser.load(
                server.url("search.html", query: query),
                until: "document.getElementById(\"search-status\").textContent.length > 0")
        }
        for query in ["雅可比矩阵", "概率分布", "导数的两种情形", "logit", "softmax", "frac", "交叉熵"] {
            let loaded = try search(query)
            #expect(loaded.console.isEmpty, "\(loaded.console)")
            #expect(occurrences(of: "class=\"search-result\"", in: loaded.dom) > 0, "no hit for \(query)")
        }
        // Formulas in results are typeset (MathML made when the book was built), not TeX; a hit
        // inside a formula marks the whole formula.
        let formula = try search("frac")
        #expect(formula.dom.contains("<mark><span class=\"search-math\"><math"), "\(formula.dom.prefix(3000))")
        #expect(!formula.dom.contains("\u{E000}") && !formula.dom.contains("\u{E001}"))
        #expect(!formula.dom.contains("\\frac"), "no TeX left in the results")
        // The words a section shows link to its heading on its page.
        let words = try search("雅可比矩阵")
        #expect(words.dom.contains("href=\"01-softmax.html#"), "\(words.dom.prefix(3000))")
        let nothing = try search("量子色动力学")
        #expect(occurrences(of: "class=\"search-result\"", in: nothing.dom) == 0)
        #expect(nothing.dom.contains("没有找到"))
    }

    @Test("a long book's index is built in parts, and a search finds in every part what one index finds")
    func searchInParts() throws {
        let whole = try Self.course.get()
        // A chapter or so a part: the course's eight chapters in several indexes.
        let parted = try Self.render("Chapters", options: ["--search-part-size", "20000"])
        defer { try? FileManager.default.removeItem(at: parted.folder) }
        let list = try String(contentsOf: parted.folder.appendingPathComponent("pagefind/parts.json"), encoding: .utf8)
        let parts = try JSONDecoder().decode([String].self, from: Data(list.utf8))
        #expect(parts.count >= 2, "three parts at least: \(parts)")
        for part in parts {
            let folder = parted.folder.appendingPathComponent("pagefind/" + part)
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("pagefind-entry.json").path))
            // The first part's script and WebAssembly search them all.
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("pagefind.js").path))
        }
        let browser = try Browser()
        func found(_ site: Site, _ query: String) throws -> (status: String, chapters: Set<String>) {
            let server = try SiteServer(site.folder)
            let page = try browser.load(
                server.url("search.html", query: query),
                until: "document.getElementById(\"search-status\").textContent.length > 0")
            #expect(page.console.isEmpty, "\(page.console)")
            let status = try #require(page.dom.firstMatch(of: #/id="search-status"[^>]*>([^<]*)</#)).output.1
            let chapters = page.dom.matches(of: #/class="search-result"><a href="([^"#]+)/#).map { String($0.output.1) }
            return (String(status), Set(chapters))
        }
        for query in ["交叉熵", "softmax", "导数的两种情形", "量子色动力学"] {
            let one = try found(whole, query)
            let inParts = try found(parted, query)
            #expect(one.status == inParts.status, "\(query): \(one.status) / \(inParts.status)")
            // Five chapters are shown at first; which five depends on ranking across the parts.
            #expect(one.chapters.count == inParts.chapters.count, "\(query)")
        }
    }

    @Test("opened from a file, the search page says to serve the site, in the book's language")
    func searchFromFile() throws {
        let site = try Self.course.get()
        let loaded = try Browser.load(
            site.url("search.html", query: "交叉熵"),
            until: "document.getElementById(\"search-status\").textContent.length > 0")
        #expect(loaded.dom.contains("通过 HTTP 访问本站时才能搜索"), "\(loaded.dom.prefix(3000))")
        #expect(loaded.console.isEmpty, "\(loaded.console)")
    }

    @Test("Swift is highlighted at build time: the page needs no script for it")
    func highlighting() throws {
        let site = try Self.course.get()
        let html = try String(contentsOf: site.folder.appendingPathComponent("01-softmax.html"), encoding: .utf8)
        #expect(html.contains("<span class=\"hl-keyword\">let</span> z: [<span class=\"hl-type\">Double</span>]"))
        #expect(html.contains("<span class=\"hl-comment\">"))
    }

    @Test("images carry the alt text the chapter gave them")
    func altText() throws {
        let site = try Self.publicCourse.get()
        let html = try String(contentsOf: site.folder.appendingPathComponent("07-softmax.html"), encoding: .utf8)
        #expect(html.contains("<img src=\"Images/7/softmax.png\" alt=\"softmax 把分数映射为概率的示意图\" width=\"320\">"))
        #expect(
            FileManager.default.fileExists(atPath: site.folder.appendingPathComponent("Images/7/jacobian.png").path))
    }

    // MARK: - Helpers

    private func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// `href` and `src` values of a page.
    private func attributeValues(in html: String) -> [String] {
        html.matches(of: #/(?:href|src)="([^"]*)"/#).map { String($0.output.1) }
            .map { $0.replacingOccurrences(of: "&amp;", with: "&") }
    }

    /// The first capture group of every match of a pattern.
    private func matches(of pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
