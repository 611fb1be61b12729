public import GalleyDiagnostics
public import GalleyMarkdown
import GalleyRecords
public import GalleyResults

/// What ran code blocks add to the GitHub-ready Markdown: their output after the block, as
/// fenced text, GFM tables and `$$` math; a `hide` block is replaced by its output.
public enum BlockOutputMarkdown {
    /// The edits that put each evaluated block's output into the chapter's Markdown, and the
    /// chart files (by output path) that the Markdown refers to.
    public static func edits(
        for document: Document, results: ChapterResults, source: SourceFile, chapterSlug: String,
        strings: SiteStrings = .english
    ) -> (edits: [Replacement], files: [String: String]) {
        var edits: [Replacement] = []
        var charts = ChartFiles(slug: chapterSlug, strings: strings)
        for block in document.blocks {
            guard case .codeBlock(let code) = block, let result = results.block(firstLine: code.firstCodeLine) else {
                continue
            }
            let start = source.byteOffset(of: code.range.lowerBound)
            let end = min(source.byteOffset(of: code.range.upperBound), source.bytes.count)
            let options = code.runOptions ?? RunOptions()
            let output = markdown(for: result, options: options, charts: &charts, strings: strings)
            if options.hide {
                edits.append(Replacement(byteRange: start..<end, text: output.isEmpty ? "" : output))
            } else if !output.isEmpty {
                edits.append(Replacement(byteRange: end..<end, text: "\n\n" + output))
            }
        }
        return (edits, charts.files)
    }

    /// Chart SVG files for one chapter's Markdown: `charts/01-softmax-1.svg`, …
    struct ChartFiles {
        let slug: String
        let strings: SiteStrings
        var files: [String: String] = [:]

        mutating func add(_ chart: Chart) -> String {
            let path = "charts/\(slug)-\(files.count + 1).svg"
            files[path] = ChartSVG.svg(chart, standalone: true, strings: strings) + "\n"
            return path
        }
    }

    /// One block's output as Markdown, without a trailing newline; empty when there is none.
    static func markdown(
        for result: BlockResult, options: RunOptions, charts: inout ChartFiles, strings: SiteStrings = .english
    ) -> String {
        var parts: [String] = []
        if result.showsOutput(options) {
            for item in result.output.items {
                switch item {
                case .text(let text):
                    parts.append(fenced(text))
                case .display(.value(let label, let text)):
                    parts.append(fenced(label.map { "\($0) = \(text)" } ?? text))
                case .display(.math(let tex)):
                    parts.append("$$\n\(tex)\n$$")
                case .display(.table(let table)):
                    parts.append(gfmTable(table))
                case .display(.chart(let chart)):
                    let path = charts.add(chart)
                    parts.append("![\(chart.title.replacingOccurrences(of: "]", with: "\\]"))](\(path))")
                }
            }
            if !result.output.standardError.isEmpty { parts.append(fenced(result.output.standardError)) }
        }
        switch result.status {
        case .succeeded: break
        case .failed(let reason): parts.append("> ✗ \(strings.blockReasons(reason))")
        case .failedAsExpected(let reason):
            parts.append("> ✓ \(strings.expectedFailure) \(strings.blockReasons(reason))")
        case .notRun(let reason): parts.append("> \(strings.blockReasons(reason))")
        }
        return parts.joined(separator: "\n\n")
    }

    /// Text in a fence long enough that no run of backticks inside it can close it.
    private static func fenced(_ text: String) -> String {
        var longest = 0
        var current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        return "\(fence)text\n\(body)\n\(fence)"
    }

    private static func gfmTable(_ table: DisplayTable) -> String {
        func cell(_ text: String) -> String {
            text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }
        var lines: [String] = []
        if let caption = table.caption { lines.append("**\(caption)**\n") }
        lines.append("| " + table.columnHeaders.map(cell).joined(separator: " | ") + " |")
        lines.append(
            "|"
                + table.columnHeaders.enumerated().map { index, _ in
                    index == 0 && table.rowHeaders != nil ? "---|" : "---:|"
                }.joined())
        for (row, cells) in table.cells.enumerated() {
            var values = cells.map(cell)
            if let headers = table.rowHeaders { values.insert(cell(row < headers.count ? headers[row] : ""), at: 0) }
            lines.append("| " + values.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}
