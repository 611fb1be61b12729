import Foundation
import GalleyTestSupport
import Testing

/// `render --pdf`: the course printed by headless Chromium, read back with Poppler's tools and
/// qpdf as a reader's PDF viewer would read it.
@Suite("The book as a PDF", .serialized)
struct PDFTests {
    /// The course rendered once with `--pdf` for the suite.
    static let course = Result { () throws -> URL in
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("galley-pdf-\(UUID().uuidString)")
        let run = try RenderBinary.run(
            ["Chapters", "--pdf", "--output", output.path, "--cache-dir", TemporaryBook.sharedCache.path],
            in: RenderBinary.packageRoot, environment: ["SOURCE_DATE_EPOCH": "1796256000"])
        guard run.status == 0 else { throw PDFFailure(message: "render --pdf failed: \(run.stderr)") }
        return output
    }

    struct PDFFailure: Error, CustomStringConvertible { var description: String { message }; var message: String }

    /// The course's chapter titles, in order, as the print page lists them.
    static let chapterTitles = [
        "Softmax 及其导数", "Sigmoid 与 tanh", "交叉熵损失", "一步反向传播", "梯度下降", "均方误差与线性回归", "逻辑回归：二分类",
        "训练一个 softmax 分类器",
    ]

    static func tool(_ name: String, _ arguments: [String]) throws -> String {
        let run = try runProgram(URL(fileURLWithPath: "/usr/bin/\(name)"), arguments)
        guard run.status == 0 else { throw PDFFailure(message: "\(name) \(arguments): \(run.stderr)") }
        return run.stdout
    }

    static func text(_ pdf: URL, page: Int? = nil) throws -> String {
        let pages = page.map { ["-f", "\($0)", "-l", "\($0)"] } ?? []
        return try tool("pdftotext", ["-layout"] + pages + [pdf.path, "-"])
    }

    @Test("the whole book: title page with what was checked, contents, every chapter; title, language and tags set")
    func wholeBook() throws {
        let pdf = try Self.course.get().appendingPathComponent("book.pdf")
        let info = try Self.tool("pdfinfo", [pdf.path])
        let pages = try #require(info.firstMatch(of: #/Pages:\s+(\d+)/#).flatMap { Int($0.output.1) })
        // A title page, the contents, and eight chapters of several pages each.
        #expect(pages >= 2 + 8 * 2, "\(info)")
        #expect(info.contains("Title:           神经网络中的数学"), "\(info)")
        #expect(info.contains("Tagged:          yes"), "\(info)")
        #expect(info.contains("(A4)"), "\(info)")
        #expect(try PDFDocument(pdf).language == "zh-CN", "the catalog's /Lang is the book's language")

        let title = try Self.text(pdf, page: 1)
        #expect(title.contains("神经网络中的数学") && title.contains("Galley 课程组"), "\(title)")
        #expect(title.contains("构建于 2026-12-03"), "SOURCE_DATE_EPOCH's day: \(title)")
        #expect(title.contains("已核对 128 个数，0 个有误"), "\(title)")
        let contents = try Self.text(pdf, page: 2)
        #expect(contents.contains("目录"))
        for chapter in Self.chapterTitles { #expect(contents.contains(chapter), "\(chapter) in the contents") }

        // Every chapter starts a page of its own: its title is the first line of that page's text.
        var starts: [Int] = []
        for page in 3...pages {
            let text = try Self.text(pdf, page: page)
            let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
            // The running head comes first, then the chapter's heading.
            if lines.count >= 2, Self.chapterTitles.contains(lines[1]), lines[0] == lines[1] { starts.append(page) }
        }
        #expect(starts.count == 8, "chapters start on pages \(starts)")
    }

    @Test("formulas are typeset, not TeX; computed output is in the text; every font is embedded")
    func typeset() throws {
        let pdf = try Self.course.get().appendingPathComponent("book.pdf")
        let text = try Self.text(pdf)
        // Every formula's TeX, as the pages keep it for screen readers: none is in the PDF's text
        // (a code block may show TeX in a string, escaped as Swift escapes it).
        let page = try String(contentsOf: try Self.course.get().appendingPathComponent("print.html"), encoding: .utf8)
        func squeezed(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let formulas = Set(
            page.matches(of: #/<annotation encoding="application/x-tex">([^<]*)</annotation>/#).map {
                squeezed(String($0.output.1).replacing("&amp;", with: "&").replacing("&gt;", with: ">"))
            }
        ).filter { $0.contains("\\") && $0.count >= 6 }
        // The code blocks' text: there TeX is Swift's to print.
        let code = page.matches(of: #/<pre[^>]*>([\s\S]*?)</pre>/#).map {
            squeezed(String($0.output.1).replacing(#/<[^>]*>/#, with: "").replacing("&amp;", with: "&"))
        }.joined(separator: " ")
        #expect(formulas.count >= 100, "\(formulas.count) formulas")
        let flat = squeezed(text)
        for tex in formulas where !code.contains(tex) {
            #expect(!flat.contains(tex), "raw TeX in the PDF's text: \(tex)")
        }
        // The softmax of 3, 1, −3, as the chapter's code computed it and its table shows.
        #expect(text.contains("0.8789") && text.contains("20.0855"), "computed output")
        let fonts = try Self.tool("pdffonts", [pdf.path]).split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        for font in fonts {
            let columns = font.split(separator: " ", omittingEmptySubsequences: true)
            // name, type (one or two words), encoding, emb, sub, uni, object, generation
            let emb = columns[columns.count - 5]
            #expect(emb == "yes", "not embedded: \(font)")
        }
    }

    @Test("page numbers at the foot of numbered pages, none on the title page; chapter titles in the running head")
    func pageNumbers() throws {
        let pdf = try Self.course.get().appendingPathComponent("book.pdf")
        let title = try Self.text(pdf, page: 1)
        #expect(!title.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "1" })
        for page in [4, 7, 12] {
            let lines = try Self.text(pdf, page: page).split(separator: "\n")
                .map { $0.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\u{0C}"))) }
                .filter { !$0.isEmpty }
            #expect(lines.last == "\(page)", "page \(page) ends with \(lines.last ?? "nothing")")
            #expect(Self.chapterTitles.contains(lines.first ?? ""), "page \(page)'s head: \(lines.first ?? "")")
        }
    }

    @Test("the outline has every chapter and its sections, and leads to their pages")
    func outline() throws {
        let pdf = try Self.course.get().appendingPathComponent("book.pdf")
        let json = try Self.tool("qpdf", ["--json=2", "--json-key=outlines", pdf.path])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        var titles: [(title: String, depth: Int, page: Int)] = []
        func walk(_ items: [[String: Any]], depth: Int) {
            for item in items {
                titles.append((item["title"] as? String ?? "", depth, item["destpageposfrom1"] as? Int ?? 0))
                walk(item["kids"] as? [[String: Any]] ?? [], depth: depth + 1)
            }
        }
        walk(root["outlines"] as? [[String: Any]] ?? [], depth: 0)
        for chapter in Self.chapterTitles {
            let entry = titles.first { $0.title == chapter && $0.depth == 0 }
            #expect(entry != nil, "\(chapter) in \(titles.map(\.title))")
            if let entry { #expect(try Self.text(pdf, page: entry.page).contains(chapter)) }
        }
        // Sections, under their chapters, named as their headings read: the print page's
        // contents list every one; none twice, and a heading's formula as its MathML reads.
        let sections = Self.contentsEntries().filter { $0.id.contains("--") }.map(\.text)
        #expect(sections.count >= 25, "\(sections)")
        for section in sections {
            let named = section == "损失的梯度：a - y" ? "损失的梯度：a−y" : section
            #expect(titles.contains { $0.depth == 1 && $0.title == named }, "\(section) in \(titles.map(\.title))")
        }
        #expect(titles.count == Self.chapterTitles.count + sections.count, "\(titles.map(\.title))")
        #expect(try Self.tool("qpdf", ["--check", pdf.path]).contains("No syntax or stream encoding errors"))
    }

    /// The print page's contents: each entry's target and text.
    static func contentsEntries() -> [(id: String, text: String)] {
        let page = (try? course.get()).flatMap {
            try? String(contentsOf: $0.appendingPathComponent("print.html"), encoding: .utf8)
        }
        return (page ?? "").matches(of: #/<a href="#([^"]+)"><span class="entry">([^<]+)</span>/#).map {
            (String($0.output.1), String($0.output.2))
        }
    }

    @Test("the contents give the page every chapter and section starts on")
    func contentsPages() throws {
        let pdf = try Self.course.get().appendingPathComponent("book.pdf")
        let document = try PDFDocument(pdf)
        let lines = try Self.text(pdf, page: 2).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let entries = Self.contentsEntries()
        #expect(entries.count >= 33, "\(entries)")
        var rest = lines[...]
        for entry in entries {
            // "Softmax 及其导数      3": the entry's text (a formula typeset: "a − y"), its page
            // number at the end of its line; the lines in the entries' order.
            let index = rest.firstIndex { $0.hasPrefix(entry.text.prefix(3)) }
            let line = index.map { rest[$0] }
            if let index { rest = rest[(index + 1)...] }
            let shown = line?.split(separator: " ").last.flatMap { Int($0) }
            let target = document.pagesByID[entry.id]
            #expect(
                shown != nil && shown == target,
                "\(entry.text): contents say \(line ?? "nothing"), its page is \(target ?? 0)")
        }
        // And the chapters' pages are where their titles are.
        for entry in entries where !entry.id.contains("--") {
            if let page = document.pagesByID[entry.id] { #expect(try Self.text(pdf, page: page).contains(entry.text)) }
        }
    }

    @Test("a heading's formula is typeset in the contents and read as text in the outline")
    func formulaHeading() throws {
        let book = try TemporaryBook([
            "01-a.md": "# Sigmoid\n\nText.\n\n## 导数 $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$\n\nMore text.\n"
        ])
        let run = try book.render(["--pdf", "--no-search"])
        #expect(run.status == 0, "\(run.stderr)")
        let pdf = book.output.appendingPathComponent("book.pdf")
        let contents = try Self.text(pdf, page: 2)
        #expect(contents.contains("导数") && !contents.contains("\\sigma"), "\(contents)")
        let json = try Self.tool("qpdf", ["--json=2", "--json-key=outlines", pdf.path])
        // The thin space `\,` stays a space.
        #expect(json.contains("\"title\": \"导数 σ′(z)=σ(z) (1−σ(z))\""), "\(json)")
        #expect(try Self.tool("qpdf", ["--check", pdf.path]).contains("No syntax or stream encoding errors"))
    }

    @Test("a reference to an equation in another chapter is a link to the page that shows the equation")
    func equationLinks() throws {
        let pdf = try Self.course.get().appendingPathComponent("book.pdf")
        let document = try PDFDocument(pdf)
        let references = document.links.filter { $0.destination.contains("--eq-") }
        #expect(references.count >= 5, "\(document.links.map(\.destination))")
        var checked = 0
        for link in references {
            // The link's own text, "(3.2)", is on the page it leads to.
            let shown = try Self.tool(
                "pdftotext",
                [
                    "-f", "\(link.page)", "-l", "\(link.page)", "-x", "\(Int(link.rect[0]))",
                    "-y", "\(Int(document.height - link.rect[3]))", "-W", "\(Int(link.rect[2] - link.rect[0]) + 1)",
                    "-H", "\(Int(link.rect[3] - link.rect[1]) + 1)", pdf.path, "-",
                ]
            ).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let number = shown.firstMatch(of: #/\(\d+\.\d+\)/#)?.output else { continue }
            let target = try #require(document.destinations[link.destination], "\(link.destination) resolves")
            #expect(try Self.text(pdf, page: target).contains(String(number)), "\(number) on page \(target)")
            checked += 1
        }
        #expect(checked >= 3, "references read: \(checked)")
    }

    @Test("an unchanged book is not printed again; an edit, or a damaged kept PDF, prints it anew")
    func keptPDF() throws {
        let book = try TemporaryBook(["01-a.md": "# 第一章\n\n正文，$x^2$。\n", "02-b.md": "# Second\n\nText.\n"])
        // Chromium behind a script that counts how often it is started.
        let count = book.root.appendingPathComponent("prints")
        let wrapper = book.root.appendingPathComponent("chromium")
        try "#!/bin/sh\necho x >> '\(count.path)'\nexec /usr/bin/chromium \"$@\"\n".write(
            to: wrapper, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper.path)
        let cache = book.root.appendingPathComponent("cache")
        func render() throws -> Int {
            let run = try book.render(
                ["--pdf", "--no-search", "--cache-dir", cache.path], environment: ["GALLEY_CHROMIUM": wrapper.path])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try Self.text(book.output.appendingPathComponent("book.pdf")).contains("第一章"))
            return ((try? String(contentsOf: count, encoding: .utf8)) ?? "").split(separator: "\n").count
        }
        #expect(try render() == 1)
        #expect(try render() == 1, "unchanged: the kept PDF")
        try book.write("02-b.md", "# Second\n\nMore text.\n")
        #expect(try render() == 2, "a chapter changed")
        let kept = try FileManager.default.subpathsOfDirectory(atPath: cache.path).filter {
            $0.hasSuffix(".pdf.sealed")
        }
        #expect(kept.count == 2, "this PDF and the one before: \(kept)")
        for path in kept {
            let url = cache.appendingPathComponent(path)
            var data = try Data(contentsOf: url)
            data[data.count / 2] ^= 0xFF
            try data.write(to: url)
        }
        #expect(try render() == 3, "the damaged PDF is printed again, never published")
        #expect(try Self.tool("pdfinfo", [book.output.appendingPathComponent("book.pdf").path]).contains("Pages:"))
    }

    @Test("book.json names the PDF and its paper; a paper Galley does not know is a warning at its key")
    func paperAndName() throws {
        let book = try TemporaryBook(["01-a.md": "# Letter\n\nText.\n"])
        try book.write(
            "book.json", "{\n  \"title\": \"Notes\",\n  \"pdf\": \"notes.pdf\",\n  \"paper\": \"letter\"\n}\n")
        let run = try book.render(["--pdf", "--no-search"])
        #expect(run.status == 0, "\(run.stderr)")
        let info = try Self.tool("pdfinfo", [book.output.appendingPathComponent("notes.pdf").path])
        #expect(info.contains("(letter)") && info.contains("Title:           Notes"), "\(info)")
        #expect(!FileManager.default.fileExists(atPath: book.output.appendingPathComponent("book.pdf").path))
        // The front page links the PDF, in the book's language (English here: no language set).
        let index = try String(contentsOf: book.output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(
            index.contains(
                #"<p class="pdf"><a href="notes.pdf" type="application/pdf">The whole book as a PDF, to print</a>"#),
            "\(index)")
        // Rendered without --pdf, it links none.
        #expect(try book.render(["--no-search"]).status == 0)
        let plain = try String(contentsOf: book.output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!plain.contains("class=\"pdf\""))

        try book.write("book.json", "{\n  \"paper\": \"A5\",\n  \"pdf\": \"../out.pdf\"\n}\n")
        let odd = try book.render(["--pdf", "--no-search"])
        #expect(odd.status == 0, "\(odd.stderr)")
        #expect(odd.stderr.contains("Chapters/book.json:2:3: warning: 'A5' cannot be used for paper"), "\(odd.stderr)")
        #expect(
            odd.stderr.contains("Chapters/book.json:3:3: warning: '../out.pdf' cannot be used for pdf"), "\(odd.stderr)"
        )
        let fallback = try Self.tool("pdfinfo", [book.output.appendingPathComponent("book.pdf").path])
        #expect(fallback.contains("(A4)"), "\(fallback)")
    }

    @Test("--check --pdf is a usage error; without Chromium, --pdf stops at once saying what to install")
    func refusals() throws {
        let root = RenderBinary.packageRoot
        let check = try RenderBinary.run(["Chapters", "--check", "--pdf"], in: root)
        #expect(check.status == 2)
        #expect(check.stderr.contains("--pdf"), "\(check.stderr)")
        let book = try TemporaryBook(["01-a.md": "# A\n\nText.\n"])
        let missing = try book.render(["--pdf"], environment: ["GALLEY_CHROMIUM": "/nonexistent/chromium"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("GALLEY_CHROMIUM"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: book.output.path), "nothing written")
    }
}

/// What the tests read of a PDF's structure, through `qpdf --json`: each link annotation (its
/// page, rectangle and named destination), the page each named destination leads to, and the
/// document's language.
struct PDFDocument {
    struct Link {
        var page: Int
        var rect: [Double]
        var destination: String
    }

    var links: [Link] = []
    var destinations: [String: Int] = [:]
    /// The same pages by the element ids the names stand for (`#25E5…` → `%E5…` → `定…`).
    var pagesByID: [String: Int] = [:]
    /// The catalog's `/Lang`.
    var language: String?
    var height: Double = 842

    init(_ pdf: URL) throws {
        let json = try PDFTests.tool("qpdf", ["--json=2", pdf.path])
        let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
        let objects = ((root["qpdf"] as? [Any])?.last as? [String: Any]) ?? [:]
        func value(_ reference: Any?) -> Any? {
            guard let name = reference as? String, name.hasSuffix(" R") else { return reference }
            return (objects["obj:" + name] as? [String: Any])?["value"]
        }
        let pages = (root["pages"] as? [[String: Any]] ?? []).compactMap { $0["object"] as? String }
        let number = Dictionary(pages.enumerated().map { ($1, $0 + 1) }, uniquingKeysWith: { first, _ in first })
        for (index, page) in pages.enumerated() {
            guard let dictionary = value(page) as? [String: Any] else { continue }
            if index == 0, let box = dictionary["/MediaBox"] as? [Double] { height = box[3] }
            for annotation in (value(dictionary["/Annots"]) as? [Any]) ?? [] {
                guard let link = value(annotation) as? [String: Any], link["/Subtype"] as? String == "/Link",
                    let destination = link["/Dest"] as? String, let rect = link["/Rect"] as? [Double]
                else { continue }
                links.append(Link(page: index + 1, rect: rect, destination: String(destination.dropFirst())))
            }
        }
        // The catalog's /Dests: each name with its [page /XYZ …] array.
        let trailer = (objects["trailer"] as? [String: Any])?["value"] as? [String: Any]
        let catalog = value(trailer?["/Root"]) as? [String: Any] ?? [:]
        language = (catalog["/Lang"] as? String).map { String($0.dropFirst(2)) }
        for (name, target) in (value(catalog["/Dests"]) as? [String: Any]) ?? [:] {
            guard let page = ((value(target) as? [Any])?.first as? String).flatMap({ number[$0] }) else { continue }
            destinations[String(name.dropFirst())] = page
            pagesByID[Self.id(ofName: name.dropFirst())] = page
        }
    }

    static func id(ofName name: Substring) -> String {
        let bytes = name.replacing(#/#([0-9A-Fa-f]{2})/#) { match in
            String(UnicodeScalar(UInt8(match.output.1, radix: 16)!))
        }
        return bytes.removingPercentEncoding ?? String(bytes)
    }
}
