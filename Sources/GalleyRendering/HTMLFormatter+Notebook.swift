import GalleyMarkdown
import GalleyRecords
import GalleyResults

/// The cells of the notebook: a `swift run` block as it ran, with what it printed and displayed.
extension HTMLFormatter {
    /// A block that ran: its code (unless hidden), what it printed and displayed (unless quiet),
    /// and how it fared when it did not simply succeed.
    mutating func writeCell(_ code: CodeBlock, _ result: BlockResult) {
        let state: String
        switch result.status {
        case .succeeded: state = "ran"
        case .failed: state = "failed"
        case .failedAsExpected: state = "failed-as-expected"
        case .notRun: state = "not-run"
        }
        html += "<div class=\"cell \(state)\">\n"
        let runOptions = code.runOptions ?? RunOptions()
        if !runOptions.hide { writeCode(code) }
        if result.showsOutput(runOptions), !result.output.isEmpty {
            html += "<div class=\"output\" data-label=\"\(HTMLEscaping.escape(options.strings.output))\">\n"
            for item in result.output.items {
                switch item {
                case .text(let text):
                    html += "<pre class=\"stdout\" tabindex=\"0\">\(HTMLEscaping.escape(text))</pre>\n"
                case .display(let display):
                    writeDisplay(display)
                }
            }
            if !result.output.standardError.isEmpty {
                html +=
                    "<pre class=\"stderr\" tabindex=\"0\">\(HTMLEscaping.escape(result.output.standardError))</pre>\n"
            }
            if result.output.truncated {
                html += "<p class=\"truncated\">\(HTMLEscaping.escape(options.strings.outputCut))</p>\n"
            }
            html += "</div>\n"
        }
        switch result.status {
        case .succeeded:
            break
        case .failed(let reason):
            html +=
                "<p class=\"cell-status error\">✗ \(HTMLEscaping.escape(options.strings.blockReasons(reason)))</p>\n"
        case .failedAsExpected(let reason):
            html +=
                "<p class=\"cell-status expected\">✓ \(HTMLEscaping.escape(options.strings.expectedFailure)) \(HTMLEscaping.escape(options.strings.blockReasons(reason)))</p>\n"
        case .notRun(let reason):
            html +=
                "<p class=\"cell-status not-run\">\(HTMLEscaping.escape(options.strings.blockReasons(reason)))</p>\n"
        }
        if !result.diagnostics.isEmpty {
            html += "<ul class=\"cell-diagnostics\">\n"
            for diagnostic in result.diagnostics {
                html +=
                    "<li class=\"\(diagnostic.severity.rawValue)\">\(HTMLEscaping.escape(diagnostic.description))</li>\n"
            }
            html += "</ul>\n"
        }
        html += "</div>\n"
    }

    // MARK: - Private

    private mutating func writeDisplay(_ item: DisplayItem) {
        switch item {
        case .value(let label, let text):
            let prefix = label.map { HTMLEscaping.escape($0) + " = " } ?? ""
            html += "<pre class=\"value\" tabindex=\"0\">\(prefix)\(HTMLEscaping.escape(text))</pre>\n"
        case .math(let tex):
            writeMath(tex, display: true, element: "div", mark: "\"")
            html += "\n"
        case .chart(let chart):
            // Two drawings: the stylesheet shows the phone's below 600 px and the page's above it.
            html +=
                "<figure class=\"chart\">\n\(ChartSVG.svg(chart, strings: options.strings))\n"
                + "\(ChartSVG.svg(chart, strings: options.strings, layout: .narrow))\n</figure>\n"
        case .table(let table):
            html += "<div class=\"table-wrap\"><table class=\"computed\">\n"
            if let caption = table.caption {
                html += "<caption>"
                write(InlineMarkdown.inlines(caption))
                html += "</caption>\n"
            }
            html += "<thead>\n<tr>\n"
            for header in table.columnHeaders {
                // The corner above the row headers names nothing: a plain cell, not an empty header.
                guard !header.isEmpty else {
                    html += "<td></td>\n"
                    continue
                }
                html += "<th>"
                write(InlineMarkdown.inlines(header))
                html += "</th>\n"
            }
            html += "</tr>\n</thead>\n<tbody>\n"
            for (row, cells) in table.cells.enumerated() {
                html += "<tr>\n"
                if let headers = table.rowHeaders {
                    html += "<th scope=\"row\">"
                    write(InlineMarkdown.inlines(row < headers.count ? headers[row] : ""))
                    html += "</th>\n"
                }
                for cell in cells {
                    html += "<td>\(HTMLEscaping.escape(cell))</td>\n"
                }
                html += "</tr>\n"
            }
            html += "</tbody>\n</table></div>\n"
        }
    }
}
