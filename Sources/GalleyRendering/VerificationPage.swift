public import GalleyResults

/// `checks.html`: what the build proved about each chapter, and what it could not — the numbers
/// checked and wrong, the claims nothing checks (each linked to its place on its page), the
/// formulas checked, the blocks run and the expectations passed.
public enum VerificationPage {
    /// One chapter's line of the page, read from its results.
    public struct Entry: Sendable, Equatable, Codable {
        public var numbersChecked: Int
        public var numbersWrong: Int
        public var expectedNumbers: Int
        public var expectedNumbersPassed: Int
        public var formulasChecked: Int
        public var formulasAgreeing: Int
        public var blocksRun: Int
        public var blocks: Int
        public var unchecked: [UncheckedClaim]

        public init(results: ChapterResults) {
            let coverage = results.coverage
            numbersChecked = coverage.numbersChecked
            numbersWrong = coverage.numbersWrong
            expectedNumbers = coverage.expectedNumbers
            expectedNumbersPassed = coverage.expectedNumbersPassed
            formulasChecked = results.formulas.count
            formulasAgreeing = results.formulas.values.filter { $0 == .agrees }.count
            blocks = results.blocks.count
            blocksRun =
                results.blocks.filter {
                    switch $0.status {
                    case .succeeded, .failedAsExpected: true
                    case .failed, .notRun: false
                    }
                }.count
            self.unchecked = coverage.unchecked
        }

        public var uncheckedNumbers: Int { unchecked.reduce(0) { $0 + $1.numberCount } }

        /// The line under a chapter's title: `本章核对：118 个数已核对，2 个未核对`.
        public var summary: String {
            var line = "本章核对：\(numbersChecked) 个数已核对"
            if numbersWrong > 0 { line += "，\(numbersWrong) 个有误" }
            line += "，\(uncheckedNumbers) 个未核对"
            return line
        }
    }

    /// The anchor of a chapter's section on the page.
    public static func anchor(forPage page: String) -> String {
        "chapter-" + (page.hasSuffix(".html") ? String(page.dropLast(5)) : page)
    }

    /// The page.
    public static func page(
        book: PageTemplate.BookInfo, navigation: PageTemplate.Navigation,
        chapters: [(link: PageTemplate.PageLink, entry: Entry)]
    ) -> String {
        var html = PageTemplate.head(book: book, title: "核对 · \(book.title)", navigation: navigation)
        html += "<main class=\"checks\" id=\"content\">\n<h1>核对</h1>\n"
        html +=
            "<p>构建这本书时，Galley 运行了每章的代码，把正文写出的每个数与代码算出的值按作者写的精度比较，并核对了公式的两边。"
            + "下表是核对的结果；“未核对”的数既没有绑定到计算值，也不在核对过的公式里，读者应当自己验证。</p>\n"
        html += "<div class=\"table-wrap\"><table class=\"checks\">\n<thead><tr>"
        for header in ["章节", "已核对的数", "有误", "未核对的数", "核对的公式", "运行的代码块", "通过的 expect"] {
            html += "<th scope=\"col\">\(header)</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for (link, entry) in chapters {
            let href = HTMLEscaping.escapeURL(link.href)
            html += "<tr id=\"\(anchor(forPage: link.href))\">"
            html += "<th scope=\"row\"><a href=\"\(href)\">\(HTMLEscaping.escape(link.title))</a></th>"
            html += cell(entry.numbersChecked)
            html += cell(entry.numbersWrong, open: entry.numbersWrong > 0)
            let uncheckedText =
                entry.unchecked.isEmpty
                ? "0" : "<a href=\"#unchecked-\(anchor(forPage: link.href))\">\(entry.uncheckedNumbers)</a>"
            html += "<td class=\"count\(entry.unchecked.isEmpty ? "" : " open")\">\(uncheckedText)</td>"
            html += cell(
                entry.formulasChecked, of: entry.formulasAgreeing, open: entry.formulasAgreeing < entry.formulasChecked)
            html += cell(entry.blocks, of: entry.blocksRun, open: entry.blocksRun < entry.blocks)
            html += cell(
                entry.expectedNumbers, of: entry.expectedNumbersPassed,
                open: entry.expectedNumbersPassed < entry.expectedNumbers)
            html += "</tr>\n"
        }
        html += "</tbody>\n</table></div>\n"
        for (link, entry) in chapters where !entry.unchecked.isEmpty {
            html += "<h2 id=\"unchecked-\(anchor(forPage: link.href))\">\(HTMLEscaping.escape(link.title))：未核对的数</h2>\n"
            html += "<ul class=\"unchecked-claims\">\n"
            for claim in entry.unchecked {
                let target = HTMLEscaping.escapeURL(link.href) + "#" + claim.anchor
                let place = "第 \(claim.range.lowerBound.line) 行" + (claim.inMath ? "，公式中" : "")
                html +=
                    "<li><a href=\"\(target)\">\(HTMLEscaping.escape(claim.text))</a> <small>\(place)</small></li>\n"
            }
            html += "</ul>\n"
        }
        html += "</main>\n"
        html += PageTemplate.foot(book: book)
        return html
    }

    /// A count, or `passed / all` when `of` is given.
    private static func cell(_ all: Int, of passed: Int? = nil, open: Bool = false) -> String {
        let text = passed.map { all == 0 ? "0" : "\($0) / \(all)" } ?? "\(all)"
        return "<td class=\"count\(open ? " open" : "")\">\(text)</td>"
    }
}
