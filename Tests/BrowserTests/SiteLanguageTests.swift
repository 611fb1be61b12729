import Foundation
import GalleyTestSupport
import Testing

/// The site speaks the book's language: an English book's pages hold no word of Galley's in
/// Chinese, a Traditional Chinese book gets its own table, an unknown language English and a
/// warning.
@Suite("The site in the book's language", .serialized)
struct SiteLanguageTests {
    /// Han characters, kana, CJK punctuation and full-width forms.
    static func cjk(in text: String) -> [Character] {
        text.filter { character in
            character.unicodeScalars.contains { scalar in
                (0x2E80...0x9FFF).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                    || (0xFF00...0xFFEF).contains(scalar.value)
            }
        }.map { $0 }
    }

    @Test(
        "an English book's chapter, index, search with results and checks pages hold no CJK character the author did not write"
    )
    func englishPages() throws {
        let chapter = """
            # Softmax

            ```swift run
            let z: [Double] = [3, 1, -3]
            let a = softmax(z)
            var chart = Chart(title: "Probabilities", xLabel: "class", yLabel: "p")
            chart.line([0, 1, 2], a, label: "softmax")
            show(chart)
            ```

            The largest probability is [0.88](=a[0]) and the input was [3](=z[0]); the rest is about 0.12.

            $$\\frac{4.5}{2} = 2.25$$

            """
        let book = try TemporaryBook([
            "book.json": #"{"title": "A Book", "language": "en", "repository": "https://github.com/owner/book"}"#,
            "01-softmax.md": chapter,
        ])
        let run = try book.render(["--cache-dir", TemporaryBook.sharedCache.path])
        #expect(run.status == 0, "\(run.stderr)")
        let browser = try Browser()
        // Served, as a reader's host serves it: the search fetches its index.
        let server = try SiteServer(book.output)
        func file(_ page: String) -> String { "http://127.0.0.1:\(server.port)/" + page }
        let pages = [
            ("01-softmax.html", Browser.loaded),
            ("index.html", Browser.loaded),
            ("checks.html", Browser.loaded),
            ("search.html?q=probability", "/\\d/.test(document.getElementById('search-status').textContent)"),
            ("search.html", "document.getElementById('search-status').textContent.length > 0"),
        ]
        for (page, condition) in pages {
            let loaded = try browser.load(file(page), until: condition)
            #expect(loaded.console.isEmpty, "\(page): \(loaded.console)")
            #expect(Self.cjk(in: loaded.dom).isEmpty, "\(page) holds \(String(Self.cjk(in: loaded.dom).prefix(40)))")
        }
        let chapterPage = try browser.load(file("01-softmax.html"))
        #expect(chapterPage.dom.contains(">Skip to content</a>"))
        #expect(
            chapterPage.dom.contains(
                "Checked here: 3 numbers (2 computed, 1 restated input), 1 unchecked; 1 formula at 1 point<"))
        #expect(chapterPage.dom.contains(">Edit this page</a>"))
        #expect(chapterPage.dom.contains("title=\"checked: computed value 0.8789\""))
        #expect(
            chapterPage.dom.contains(
                "<desc>Probabilities: horizontal axis class, vertical axis p; legend: softmax</desc>"))
        let search = try browser.load(
            file("search.html?q=probability"), until: "/\\d/.test(document.getElementById('search-status').textContent)"
        )
        #expect(search.dom.contains("places with “probability”:"), "\(search.dom.prefix(3000))")
    }

    @Test("a Traditional Chinese book gets its own words; an unknown language gets English and a warning at book.json")
    func otherLanguages() throws {
        let traditional = try TemporaryBook([
            "book.json": #"{"title": "書", "language": "zh-TW"}"#,
            "01.md": "# 一\n\n```swift run\nlet x: Int = \"a\"\n```\n\n```swift run\nlet y = 1\n```\n",
        ])
        #expect(try traditional.render(["--cache-dir", TemporaryBook.sharedCache.path]).status == 1, "a block fails")
        let page = try #require(traditional.output("01.html"))
        #expect(page.contains(">跳到正文</a>") && page.contains(">目錄</a>") && page.contains("placeholder=\"搜尋（按 / 鍵）\""))
        // Galley's own reasons, in the book's language; the line of the failed block kept.
        #expect(page.contains("<p class=\"cell-status error\">✗ 無法編譯</p>"), "\(page)")
        #expect(page.contains("<p class=\"cell-status not-run\">未執行：第 4 行的程式碼區塊無法編譯</p>"), "\(page)")
        let unknown = try TemporaryBook([
            "book.json": "{\n  \"language\": \"tlh\"\n}\n", "01.md": "# One\n\nText.\n",
        ])
        let run = try unknown.render(["--cache-dir", TemporaryBook.sharedCache.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "Chapters/book.json:2:3: warning: Galley has no words for 'tlh' (it has en, zh-CN and zh-TW): the pages' own words are in English"
            ), "\(run.stderr)")
        #expect(unknown.output("01.html")?.contains(">Skip to content</a>") == true)
        #expect(
            unknown.output("01.html")?.contains("<html lang=\"tlh\">") == true,
            "the pages still say what language they are in")
    }
}
