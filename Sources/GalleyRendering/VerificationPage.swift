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

        /// The line under a chapter's title, in the book's language:
        /// `本章核对：18 个数已核对（12 个算出的，6 个复述的输入），2 个未核对；3 个公式，核对了 40 处；5 次 expect`.
        public func summary(_ strings: SiteStrings) -> String { strings.counts(coverage) }
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
        let strings = book.strings
        var html = PageTemplate.head(book: book, title: "\(strings.checks) · \(book.title)", navigation: navigation)
        html += "<main class=\"checks\" id=\"content\">\n<h1>\(HTMLEscaping.escape(strings.checks))</h1>\n"
        html += "<p>\(HTMLEscaping.escape(strings.checksIntroduction))</p>\n"
        html += "<div class=\"table-wrap\"><table class=\"checks\">\n<thead><tr>"
        for header in strings.checksColumns {
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
            let heading = SiteStrings.fill(strings.uncheckedHeading, ["title": link.title])
            html += "<h2 id=\"unchecked-\(anchor(forPage: link.href))\">\(HTMLEscaping.escape(heading))</h2>\n"
            html += "<ul class=\"unchecked-claims\">\n"
            for claim in entry.unchecked {
                let target = HTMLEscaping.escapeURL(link.href) + "#" + claim.anchor
                let place =
                    SiteStrings.fill(strings.lineOf, ["line": "\(claim.range.lowerBound.line)"])
                    + (claim.inMath ? strings.inFormula : "")
                html +=
                    "<li><a href=\"\(target)\">\(HTMLEscaping.escape(claim.text))</a> <small>\(HTMLEscaping.escape(place))</small></li>\n"
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
