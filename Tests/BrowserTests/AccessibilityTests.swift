import Foundation
import GalleyTestSupport
import Testing

/// Every reader: axe-core finds nothing serious on any kind of page, light or dark, and the pages
/// read well on a phone and on a wide screen.
@Suite("Every reader", .serialized)
struct AccessibilityTests {
    /// A chapter with everything a page can carry: headings, code with a wide line and its output,
    /// a computed table, a chart with a legend, checked, wrong and unchecked numbers, inline values,
    /// checked and unchecked formulas.
    static let chapter = """
        # Softmax

        Softmax turns scores into probabilities.

        ## Computing it

        ```swift run
        let z: [Double] = [3, 1, -3]
        let a = softmax(z)
        let names = ["first class", "second class", "third class"]  // a long comment that makes the line wider than a phone
        table(a.map { [$0] }, rowHeaders: names, columnHeaders: ["p"])
        var chart = Chart(title: "Probabilities of each class by score", xLabel: "class index", yLabel: "probability")
        chart.line([0, 1, 2], a, label: "softmax of the scores")
        chart.line([0, 1, 2], [0.5, 0.3, 0.2], label: "a smoother guess")
        show(chart)
        ```

        The largest probability is [0.88](=a[0]), there are `{swift} a.count` classes, and the rest is about 0.12.
        A regularisation weight such as $\\lambda = 0.1$ barely changes it.

        $$\\frac{4.5}{2} = 2.25$$

        """

    static func book() throws -> TemporaryBook {
        let book = try TemporaryBook([
            "book.json": #"{"title": "A Book", "language": "en", "repository": "https://github.com/owner/book"}"#,
            "01-softmax.md": chapter,
            "02-more.md": "# More\n\nA second chapter, so that the pager has somewhere to go.\n",
        ])
        let run = try book.render(["--cache-dir", TemporaryBook.sharedCache.path])
        #expect(run.status == 0, "\(run.stderr)")
        return book
    }

    @Test(
        "axe-core: no serious or critical violation on the chapter, index, search with results and checks pages, light and dark, phone and desktop"
    )
    func axeOnEveryPage() throws {
        let book = try Self.book()
        let browser = try Browser()
        let server = try SiteServer(book.output)
        let pages = [
            ("01-softmax.html", Browser.loaded),
            ("index.html", Browser.loaded),
            ("checks.html", Browser.loaded),
            ("search.html?q=probability", "/\\d/.test(document.getElementById('search-status').textContent)"),
        ]
        for (page, condition) in pages {
            for dark in [false, true] {
                for width in [390, 1280] {
                    let tab = try browser.open("http://127.0.0.1:\(server.port)/" + page)
                    defer { tab.close() }
                    try tab.emulate(width: width, dark: dark)
                    try tab.wait(until: condition)
                    let serious = try Axe.violations(in: tab).filter(\.isSerious)
                    #expect(serious.isEmpty, "\(page), \(dark ? "dark" : "light"), \(width) px: \(serious)")
                }
            }
        }
    }

    /// Where to write the pages' screenshots, when `GALLEY_SCREENSHOTS` names a folder.
    static let screenshots = ProcessInfo.processInfo.environment["GALLEY_SCREENSHOTS"].map {
        URL(fileURLWithPath: $0)
    }

    /// A number the page computes: `expression` must evaluate to one.
    static func number(_ tab: Browser.Tab, _ expression: String) throws -> Double {
        guard
            let value = try tab.evaluate(expression) as? Double
                ?? (try tab.evaluate(expression) as? Int).map(Double.init)
        else { throw Browser.Failure(description: "not a number: \(expression)") }
        return value
    }

    @Test(
        "on a phone: the chart fits, with its whole title, readable text and the legend below the plot; the page does not scroll sideways"
    )
    func phone() throws {
        let book = try Self.book()
        let browser = try Browser()
        for dark in [false, true] {
            let tab = try browser.open("file://" + book.output.appendingPathComponent("01-softmax.html").path)
            defer { tab.close() }
            try tab.emulate(width: 390, dark: dark)
            try tab.wait(until: "getComputedStyle(document.querySelector('svg.chart.narrow')).display === 'block'")
            #expect(try Self.number(tab, "document.documentElement.scrollWidth") <= 390)
            let figure = "document.querySelector('figure.chart')"
            #expect(
                try Self.number(tab, "\(figure).scrollWidth - \(figure).clientWidth") == 0, "the chart does not scroll")
            #expect(
                try tab.evaluate("getComputedStyle(document.querySelector('svg.chart.wide')).display") as? String
                    == "none")
            let svg = "document.querySelector('svg.chart.narrow')"
            // Every text inside the drawing, the title's lines included.
            let outside = try tab.evaluate(
                "((svg, s) => Array.from(svg.querySelectorAll('text')).filter(t => { const b = t.getBoundingClientRect(); "
                    + "return b.left < s.left - 0.5 || b.right > s.right + 0.5; }).map(t => t.textContent))"
                    + "(\(svg), \(svg).getBoundingClientRect())")
            #expect((outside as? [Any])?.isEmpty == true, "cut at the edge: \(String(describing: outside))")
            // Text at least 11 px on the screen: the drawing is not shrunk below its units.
            let scale = try Self.number(tab, "\(svg).getBoundingClientRect().width / \(svg).viewBox.baseVal.width")
            #expect(scale * 12 >= 11, "tick labels at \(scale * 12) px")
            let legendTop = try Self.number(tab, "\(svg).querySelector('.legend-box').getBBox().y")
            let plotBottom = try Self.number(tab, "(b => b.y + b.height)(\(svg).querySelector('.frame').getBBox())")
            #expect(legendTop > plotBottom, "the legend is below the plot")
            if let folder = Self.screenshots {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                _ = try tab.evaluate("document.querySelector('figure.chart').scrollIntoView()")
                try tab.screenshot().write(
                    to: folder.appendingPathComponent("chapter-390-\(dark ? "dark" : "light").png"))
            }
        }
    }

    @Test(
        "checks.html shows every column at 1280 px; at 390 and 1280 px marks sit by what they mark, inline values are not underlined, the chart fits"
    )
    func desktop() throws {
        let book = try Self.book()
        let browser = try Browser()
        let checks = try browser.open("file://" + book.output.appendingPathComponent("checks.html").path)
        defer { checks.close() }
        try checks.emulate(width: 1280)
        try checks.wait(until: Browser.loaded)
        let wrap =
            "document.querySelector('table.checks').closest('.table-wrap') || document.querySelector('table.checks').parentElement"
        #expect(
            try Self.number(checks, "(w => w.scrollWidth - w.clientWidth)(\(wrap))") == 0,
            "no column behind a scrollbar")

        for width in [390, 1280] {
            try chapterMarks(browser, book: book, width: width)
        }
        if let folder = Self.screenshots {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try checks.screenshot().write(to: folder.appendingPathComponent("checks-1280-light.png"))
        }
    }

    /// At one width: the unchecked inline formula keeps its spaces, a display formula's ✓ follows
    /// it, inline values are not underlined, and the chart drawn for the width fits.
    func chapterMarks(_ browser: Browser, book: TemporaryBook, width: Int) throws {
        let tab = try browser.open("file://" + book.output.appendingPathComponent("01-softmax.html").path)
        defer { tab.close() }
        try tab.emulate(width: width)
        try tab.wait(until: Browser.loaded)
        // The unchecked inline formula keeps the spaces around it: its outline (2 px out, 1 px wide)
        // leaves a gap to the words on both sides.
        let gaps =
            try tab.evaluate(
                """
                (() => {
                  const math = document.querySelector('span.math.claim-unchecked');
                  const box = math.getBoundingClientRect();
                  const before = document.createRange(), after = document.createRange();
                  const prev = math.previousSibling, next = math.nextSibling;
                  before.setStart(prev, 0); before.setEnd(prev, prev.textContent.trimEnd().length);
                  const start = next.textContent.length - next.textContent.trimStart().length;
                  after.setStart(next, start); after.setEnd(next, start + 1);
                  const end = Array.from(before.getClientRects()).pop(), first = after.getClientRects()[0];
                  return [box.left - end.right, first.left - box.right];
                })()
                """) as? [Any]
        let sides = (gaps ?? []).compactMap { ($0 as? Double) ?? ($0 as? Int).map(Double.init) }
        #expect(
            sides.count == 2 && sides.allSatisfy { $0 - 3 >= 3 },
            "\(width) px: space between the outline and the words: \(sides)")
        // The ✓ of a display formula follows the formula, not the column's far corner.
        let mark =
            try tab.evaluate(
                """
                (() => {
                  const div = document.querySelector('div.math.display.formula-checked');
                  const last = div.querySelector('.katex-html > .base:last-child');
                  return [getComputedStyle(div, '::after').content, getComputedStyle(last, '::after').content];
                })()
                """) as? [String]
        #expect(mark == ["none", "\"✓\""], "\(width) px: \(String(describing: mark))")
        // An inline value is set apart from checked numbers: no underline, no border under it.
        let value =
            try tab.evaluate(
                "(s => [s.textDecorationLine, s.borderBottomStyle])(getComputedStyle(document.querySelector('span.computed-value')))"
            ) as? [String]
        let checked =
            try tab.evaluate(
                "getComputedStyle(document.querySelector('span.stated.correct')).textDecorationLine") as? String
        #expect(
            value == ["none", "none"] && checked == "underline",
            "\(String(describing: value)), \(String(describing: checked))")
        // The chart the width shows fits: the page's drawing on a wide screen, the phone's below.
        let shown =
            try tab.evaluate(
                "Array.from(document.querySelectorAll('svg.chart')).filter(s => getComputedStyle(s).display !== 'none').map(s => s.getAttribute('class'))"
            ) as? [String]
        #expect(shown == [width < 600 ? "chart narrow" : "chart wide"], "\(width) px: \(String(describing: shown))")
        let figure = "document.querySelector('figure.chart')"
        #expect(
            try Self.number(tab, "\(figure).scrollWidth - \(figure).clientWidth") == 0, "\(width) px: the chart scrolls"
        )
        if width == 1280, let folder = Self.screenshots {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try tab.screenshot().write(to: folder.appendingPathComponent("chapter-1280-light.png"))
        }
    }
}
