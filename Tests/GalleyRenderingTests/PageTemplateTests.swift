import GalleyDiagnostics
import GalleyRendering
import Testing

@Suite("Pages")
struct PageTemplateTests {
    let book = PageTemplate.BookInfo(title: "神经网络中的数学", language: "zh-CN", author: nil)

    static let chapters: [PageTemplate.PageLink] = [
        .init(title: "Softmax", href: "01-softmax.html"), .init(title: "Sigmoid", href: "02-sigmoid.html"),
        .init(title: "交叉熵", href: "03-cross-entropy.html"),
    ]

    @Test("a chapter page: UTF-8, lang, KaTeX and styles from the site itself, relative links")
    func chapterPage() {
        let page = PageTemplate.chapter(
            book: book, title: "Softmax", body: "<p>x</p>\n", diagnostics: [],
            navigation: .init(chapters: Self.chapters, current: 0))
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        #expect(page.contains("<meta charset=\"utf-8\">"))
        #expect(page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(page.contains("<link rel=\"stylesheet\" href=\"katex/katex.min.css\">"))
        #expect(!page.contains("katex.min.js"), "math is typeset when the book is built: pages load no KaTeX script")
        #expect(page.contains("<a rel=\"next\" href=\"02-sigmoid.html\">Sigmoid →</a>"))
        #expect(!page.contains("rel=\"prev\""))
        #expect(
            !page.contains("http:") && !page.contains("https:") && !page.contains("//"), "no address outside the site")
        #expect(
            page.contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            ))
    }

    @Test("every page has the whole book's navigation; the current chapter shows its sections")
    func bookNavigation() {
        let headings: [HTMLFormatter.HeadingAnchor] = [
            .init(level: 1, text: "Sigmoid", anchor: "sigmoid"), .init(level: 2, text: "导数", anchor: "derivative"),
            .init(level: 3, text: "细节", anchor: "details"), .init(level: 2, text: "饱和", anchor: "saturation"),
        ]
        let page = PageTemplate.chapter(
            book: book, title: "Sigmoid", body: "<h1 id=\"sigmoid\">Sigmoid</h1>\n", diagnostics: [],
            navigation: .init(chapters: Self.chapters, current: 1, headings: headings))
        #expect(page.contains("<a class=\"menu\" href=\"#book-nav\">目录</a>"), "the phone's menu opens with a link")
        #expect(
            page.contains(
                """
                <nav class="book" id="book-nav" aria-label="全书目录">
                <a class="close" href="#">关闭目录</a>
                <ol>
                <li><a href="01-softmax.html">Softmax</a></li>
                <li class="current"><a href="02-sigmoid.html" aria-current="page">Sigmoid</a>
                <ol class="sections">
                <li><a href="#derivative">导数</a></li>
                <li><a href="#saturation">饱和</a></li>
                </ol>
                </li>
                <li><a href="03-cross-entropy.html">交叉熵</a></li>
                </ol>
                </nav>
                """))
        #expect(page.contains("<a rel=\"prev\" href=\"01-softmax.html\">← Softmax</a>"))
        #expect(page.contains("<a rel=\"next\" href=\"03-cross-entropy.html\">交叉熵 →</a>"))
        // The page's own contents (second- and third-level headings) beside the text.
        #expect(page.contains("<nav class=\"toc\" aria-label=\"本章目录\">"))
        #expect(page.contains("<li><a href=\"#details\">细节</a></li>"))
        #expect(!page.contains("编辑本页"), "no repository, no edit link")
        let edit = PageTemplate.chapter(
            book: book, title: "Sigmoid", body: "", diagnostics: [],
            navigation: .init(
                chapters: Self.chapters, current: 1,
                editURL: "https://github.com/owner/course/edit/main/Chapters/02-sigmoid.md"))
        #expect(
            edit.contains(
                "<p class=\"edit\"><a href=\"https://github.com/owner/course/edit/main/Chapters/02-sigmoid.md\">编辑本页</a></p>"
            ))
    }

    @Test("the page says where its body went: around the verification line after the title, or whole")
    func bodyRanges() {
        let headings: [HTMLFormatter.HeadingAnchor] = [
            .init(level: 1, text: "链式法则", anchor: "链式法则"), .init(level: 2, text: "一", anchor: "一"),
            .init(level: 2, text: "二", anchor: "二"),
        ]
        let body = "<h1 id=\"链式法则\">链式法则</h1>\n<h2 id=\"一\">一</h2>\n<p>$e^x$</p>\n<h2 id=\"二\">二</h2>\n"
        let verification = PageTemplate.PageLink(title: "本章核对", href: "checks.html")
        for (verification, parts) in [(verification, 2), (nil, 1)] {
            let navigation = PageTemplate.Navigation(chapters: Self.chapters, current: 0, headings: headings)
            let page = PageTemplate.chapterPage(
                book: book, title: "链式法则", body: body, diagnostics: [], navigation: navigation,
                verification: verification)
            let bytes = Array(page.html.utf8)
            let joined = page.bodyRanges.map { String(decoding: bytes[$0], as: UTF8.self) }.joined()
            #expect(page.bodyRanges.count == parts)
            #expect(joined == body)
            #expect(
                page.html
                    == PageTemplate.chapter(
                        book: book, title: "链式法则", body: body, diagnostics: [], navigation: navigation,
                        verification: verification))
        }
    }

    @Test("a chapter's diagnostics show on its page, escaped")
    func diagnosticsOnPage() {
        let diagnostic = Diagnostic(
            path: "Chapters/a.md", location: .init(line: 3, column: 5), identifier: Diagnostic.Identifier("x"),
            summary: "bad <img onerror=x>")
        let page = PageTemplate.chapter(
            book: book, title: "A", body: "", diagnostics: [diagnostic],
            navigation: .init(chapters: Self.chapters, current: 0))
        #expect(page.contains("Chapters/a.md:3:5: error: bad &lt;img onerror=x&gt;"))
    }

    @Test("the front page lists each chapter with its first paragraph and what was checked in it")
    func index() {
        let page = PageTemplate.index(
            book: book, navigation: .init(chapters: Self.chapters),
            entries: [
                .init(
                    link: Self.chapters[0], summary: "<p>概率分布。</p>",
                    verification: .init(title: "本章核对：3 个数已核对，0 个未核对", href: "checks.html#ch-01")),
                .init(link: Self.chapters[1], summary: nil, verification: nil),
            ])
        #expect(page.contains("<h1>神经网络中的数学</h1>"))
        #expect(
            page.contains(
                """
                <ol class="chapters">
                <li><h2><a href="01-softmax.html">Softmax</a></h2>
                <p>概率分布。</p>
                <p class="verification"><a href="checks.html#ch-01">本章核对：3 个数已核对，0 个未核对</a></p>
                </li>
                <li><h2><a href="02-sigmoid.html">Sigmoid</a></h2>
                </li>
                </ol>
                """))
        #expect(page.contains("<nav class=\"book\" id=\"book-nav\""), "the front page has the navigation too")
    }
}
