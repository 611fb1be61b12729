public import GalleyResults

/// `checks.html`: what the build proved about each chapter, and what it could not — the stated
/// numbers checked (computed results and restated inputs apart) and wrong, the claims nothing
/// checks (each linked to its place on its page), the formulas checked and at how many points,
/// the blocks run and the expectations passed.
public enum VerificationPage {
    /// One chapter's line of the page, read from its results: each count as `Coverage` defines it.
    public struct Entry: Sendable, Equatable, Codable {
        public var coverage: Coverage
        public var blocksRun: Int
        public var blocks: Int

        public init(results: ChapterResults) {
            coverage = results.coverage
            blocks = results.blocks.count
            blocksRun =
                results.blocks.filter {
                    switch $0.status {
                    case .succeeded, .failedAsExpected: true
                    case .failed, .notRun: false
                    }
                }.count
        }

        public var unchecked: [UncheckedClaim] { coverage.unchecked }
        public var uncheckedNumbers: Int { coverage.uncheckedNumbers }

        /// The line under a chapter's title:
        /// `本章核对：18 个数已核对（12 个算出的，6 个复述的输入），2 个未核对；3 个公式，核对了 40 处；5 个 expect`.
        public var summary: String {
            var line = "本章核对：\(coverage.statedChecked) 个数已核对"
            if coverage.statedChecked > 0 {
                line += "（\(coverage.computedChecked) 个算出的，\(coverage.inputsRestated) 个复述的输入）"
            }
            if coverage.statedWrong > 0 { line += "，\(coverage.statedWrong) 个有误" }
            line += "，\(uncheckedNumbers) 个未核对"
            if coverage.formulasChecked > 0 {
                line += "；\(coverage.formulasChecked) 个公式，核对了 \(coverage.formulaPoints) 处"
                if coverage.formulasWrong > 0 { line += "，\(coverage.formulasWrong) 个有误" }
            }
            if coverage.expectations > 0 {
                line += "；\(coverage.expectations) 次 expect"
                if coverage.expectationsFailed > 0 { line += "，\(coverage.expectationsFailed) 次失败" }
            }
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
        for header in [
            "章节", "已核对的数", "算出的", "复述的输入", "有误", "未核对的数", "核对的公式", "核对处", "运行的代码块", "通过的 expect",
        ] {
            html += "<th scope=\"col\">\(header)</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for (link, entry) in chapters {
            let href = HTMLEscaping.escapeURL(link.href)
            html += "<tr id=\"\(anchor(forPage: link.href))\">"
            html += "<th scope=\"row\"><a href=\"\(href)\">\(HTMLEscaping.escape(link.title))</a></th>"
            let coverage = entry.coverage
            html += cell(coverage.statedChecked)
            html += cell(coverage.computedChecked)
            html += cell(coverage.inputsRestated)
            html += cell(coverage.statedWrong, open: coverage.statedWrong > 0)
            let uncheckedText =
                entry.unchecked.isEmpty
                ? "0" : "<a href=\"#unchecked-\(anchor(forPage: link.href))\">\(entry.uncheckedNumbers)</a>"
            html += "<td class=\"count\(entry.unchecked.isEmpty ? "" : " open")\">\(uncheckedText)</td>"
            let formulasAgreeing = coverage.formulasChecked - coverage.formulasWrong
            html += cell(coverage.formulasChecked, of: formulasAgreeing, open: coverage.formulasWrong > 0)
            html += cell(coverage.formulaPoints)
            html += cell(entry.blocks, of: entry.blocksRun, open: entry.blocksRun < entry.blocks)
            let expectationsPassed = coverage.expectations - coverage.expectationsFailed
            html += cell(coverage.expectations, of: expectationsPassed, open: coverage.expectationsFailed > 0)
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
