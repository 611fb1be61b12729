import GalleyDiagnostics
import GalleyRendering
import Testing

@Suite("Pages")
struct PageTemplateTests {
    let book = PageTemplate.BookInfo(title: "神经网络中的数学", language: "zh-CN", author: nil)

    @Test("a chapter page: UTF-8, lang, KaTeX and styles from the site itself, relative links")
    func chapterPage() {
        let page = PageTemplate.chapter(
            book: book, title: "Softmax", body: "<p>x</p>\n", diagnostics: [],
            previous: nil, next: .init(title: "Sigmoid", href: "02-sigmoid.html"))
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        #expect(page.contains("<meta charset=\"utf-8\">"))
        #expect(page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(page.contains("<link rel=\"stylesheet\" href=\"katex/katex.min.css\">"))
        #expect(!page.contains("katex.min.js"), "math is typeset when the book is built: pages load no KaTeX script")
        #expect(page.contains("<a rel=\"next\" href=\"02-sigmoid.html\">Sigmoid →</a>"))
        #expect(!page.contains("http"))
    }

    @Test("the page says where its body went: around the table of contents after the title, or whole")
    func bodyRanges() {
        let headings: [HTMLFormatter.HeadingAnchor] = [
            .init(level: 1, text: "链式法则", anchor: "链式法则"), .init(level: 2, text: "一", anchor: "一"),
            .init(level: 2, text: "二", anchor: "二"),
        ]
        let body = "<h1 id=\"链式法则\">链式法则</h1>\n<h2 id=\"一\">一</h2>\n<p>$e^x$</p>\n<h2 id=\"二\">二</h2>\n"
        let verification = PageTemplate.PageLink(title: "本章核对", href: "checks.html")
        for (headings, verification, parts) in [(headings, verification, 2), ([], nil, 1)] {
            let page = PageTemplate.chapterPage(
                book: book, title: "链式法则", body: body, diagnostics: [], previous: nil, next: nil,
                headings: headings, verification: verification)
            let bytes = Array(page.html.utf8)
            let joined = page.bodyRanges.map { String(decoding: bytes[$0], as: UTF8.self) }.joined()
            #expect(page.bodyRanges.count == parts)
            #expect(joined == body)
            #expect(
                page.html
                    == PageTemplate.chapter(
                        book: book, title: "链式法则", body: body, diagnostics: [], previous: nil, next: nil,
                        headings: headings, verification: verification))
        }
    }

    @Test("a chapter's diagnostics show on its page, escaped")
    func diagnosticsOnPage() {
        let diagnostic = Diagnostic(
            path: "Chapters/a.md", location: .init(line: 3, column: 5), identifier: "x",
            summary: "bad <img onerror=x>")
        let page = PageTemplate.chapter(
            book: book, title: "A", body: "", diagnostics: [diagnostic], previous: nil, next: nil)
        #expect(page.contains("Chapters/a.md:3:5: error: bad &lt;img onerror=x&gt;"))
    }

    @Test("the index lists the chapters in order")
    func index() {
        let page = PageTemplate.index(
            book: book,
            chapters: [
                .init(title: "Softmax", href: "01-softmax.html"), .init(title: "Sigmoid", href: "02-sigmoid.html"),
            ])
        #expect(page.contains("<h1>神经网络中的数学</h1>"))
        #expect(
            page.contains(
                "<ol class=\"chapters\">\n<li><a href=\"01-softmax.html\">Softmax</a></li>\n<li><a href=\"02-sigmoid.html\">Sigmoid</a></li>\n</ol>"
            ))
    }
}
