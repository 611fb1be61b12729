import Foundation
public import GalleyRecords

/// Draws a `Chart` as SVG: axes with ticks, axis labels, a title, a legend, and the series.
///
/// Inline in a page, its colours come from the page's stylesheet (classes and `currentColor`),
/// so it follows dark mode; as a file beside the Markdown output it carries the same rules in a
/// `<style>` of its own. The drawing scales with its container (a `viewBox`, no fixed size), which
/// keeps it readable on a phone. Every text in it is escaped.
public enum ChartSVG {
    /// How a chart is laid out: for a page's column (`wide`), or for a phone's (`narrow`), whose
    /// drawing is about as many units wide as the screen has pixels, so that its text stays at its
    /// size, with fewer ticks, the title wrapped and the legend below the plot.
    public struct Layout: Sendable {
        /// The class the `<svg>` carries besides `chart`; the page's stylesheet shows one layout
        /// a width.
        var name: String
        var width: Double
        var plotHeight: Double
        var margin: (left: Double, right: Double, top: Double, bottom: Double)
        /// About how many ticks an axis gets.
        var ticks: Double
        /// The widest title line, in columns (a wide character counts two); nil keeps one line.
        var titleColumns: Int?
        var legendBelow: Bool

        public static let wide = Layout(
            name: "wide", width: 640, plotHeight: 300, margin: (64, 24, 44, 56), ticks: 5, titleColumns: nil,
            legendBelow: false)
        public static let narrow = Layout(
            name: "narrow", width: 320, plotHeight: 200, margin: (52, 12, 30, 50), ticks: 3, titleColumns: 32,
            legendBelow: true)
    }

    /// The chart as an `<svg>` element.
    public static func svg(
        _ chart: Chart, standalone: Bool = false, strings: SiteStrings = .english, layout: Layout = .wide
    ) -> String {
        let points = chart.series.flatMap { zip($0.xs, $0.ys) }.filter { $0.0.isFinite && $0.1.isFinite }
        let xRange = chart.xRange ?? padded(points.map(\.0))
        let yRange = chart.yRange ?? padded(points.map(\.1))
        let entries = legendEntries(chart)
        let titleLines = layout.titleColumns.map { wrap(chart.title, columns: $0) } ?? [chart.title]
        let top = layout.margin.top + 18 * Double(titleLines.count - 1)
        let plot = (
            x: layout.margin.left, y: top, width: layout.width - layout.margin.left - layout.margin.right,
            height: layout.plotHeight
        )
        let legendHeight = layout.legendBelow && !entries.isEmpty ? Double(entries.count) * 20 + 8 : 0
        let width = layout.width
        let height = top + plot.height + layout.margin.bottom + legendHeight
        func px(_ x: Double) -> Double {
            plot.x + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * plot.width
        }
        func py(_ y: Double) -> Double {
            plot.y + plot.height - (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * plot.height
        }

        var svg =
            "<svg class=\"chart \(layout.name)\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(escape(chart.title))\">\n"
        svg += "<title>\(escape(chart.title))</title>\n"
        svg += "<desc>\(escape(description(chart, strings: strings)))</desc>\n"
        if standalone { svg += "<style>\(standaloneStyle)</style>\n" }
        // Grid and ticks.
        for tick in ticks(xRange, about: layout.ticks) {
            let x = px(tick)
            svg +=
                "<line class=\"grid\" x1=\"\(n(x))\" y1=\"\(n(plot.y))\" x2=\"\(n(x))\" y2=\"\(n(plot.y + plot.height))\"/>\n"
            svg +=
                "<text class=\"tick\" x=\"\(n(x))\" y=\"\(n(plot.y + plot.height + 18))\" text-anchor=\"middle\">\(escape(label(tick)))</text>\n"
        }
        for tick in ticks(yRange, about: layout.ticks) {
            let y = py(tick)
            svg +=
                "<line class=\"grid\" x1=\"\(n(plot.x))\" y1=\"\(n(y))\" x2=\"\(n(plot.x + plot.width))\" y2=\"\(n(y))\"/>\n"
            svg +=
                "<text class=\"tick\" x=\"\(n(plot.x - 8))\" y=\"\(n(y + 4))\" text-anchor=\"end\">\(escape(label(tick)))</text>\n"
        }
        // Axes.
        svg +=
            "<rect class=\"frame\" x=\"\(n(plot.x))\" y=\"\(n(plot.y))\" width=\"\(n(plot.width))\" height=\"\(n(plot.height))\"/>\n"
        for (index, line) in titleLines.enumerated() {
            svg +=
                "<text class=\"title\" x=\"\(n(width / 2))\" y=\"\(n(24 + 18 * Double(index)))\" text-anchor=\"middle\">\(escape(line))</text>\n"
        }
        svg +=
            "<text class=\"axis-label\" x=\"\(n(plot.x + plot.width / 2))\" y=\"\(n(plot.y + plot.height + layout.margin.bottom - 12))\" text-anchor=\"middle\">\(escape(chart.xLabel))</text>\n"
        svg +=
            "<text class=\"axis-label\" x=\"16\" y=\"\(n(plot.y + plot.height / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(n(plot.y + plot.height / 2)))\">\(escape(chart.yLabel))</text>\n"
        // Series, clipped to the plot: regions first, under the lines and points.
        svg += "<g class=\"series\">\n"
        let step = regionStep(chart, xRange: xRange, yRange: yRange)
        // A region's rectangles are opaque in a translucent group and overlap their neighbours by
        // a fraction of a pixel: rows rounded apart leave no light seam, and where they overlap
        // the group's single opacity draws no dark one.
        for series in chart.series where series.style == .region {
            svg += "<g class=\"series-\(colour(of: series, in: entries)) region\">\n"
            for cell in regionCells(series, step: step, xRange: xRange, yRange: yRange) {
                let (left, right) = (px(cell.x.lowerBound), px(cell.x.upperBound))
                let (top, bottom) = (py(cell.y.upperBound), py(cell.y.lowerBound))
                svg +=
                    "<rect x=\"\(n(left - 0.3))\" y=\"\(n(top - 0.3))\" width=\"\(n(right - left + 0.6))\" height=\"\(n(bottom - top + 0.6))\"/>\n"
            }
            svg += "</g>\n"
        }
        for series in chart.series where series.style != .region {
            let pairs = zip(series.xs, series.ys).filter { $0.0.isFinite && $0.1.isFinite }
            let classes = "series-\(colour(of: series, in: entries)) \(series.style.rawValue)"
            if series.style == .points {
                for (x, y) in pairs where xRange.contains(x) && yRange.contains(y) {
                    svg += "<circle class=\"\(classes)\" cx=\"\(n(px(x)))\" cy=\"\(n(py(y)))\" r=\"4\"/>\n"
                }
            } else if !pairs.isEmpty {
                let path = pairs.map { "\(n(px($0.0))),\(n(py(min(max($0.1, yRange.lowerBound), yRange.upperBound))))" }
                svg += "<polyline class=\"\(classes)\" points=\"\(path.joined(separator: " "))\"/>\n"
            }
        }
        svg += "</g>\n"
        // Legend, in the corner of the plot with the least of the data under it (top right when
        // several are as clear), on a box that keeps it legible over the lines.
        // Regions cover the plot by design: only lines and points count as data under it.
        let drawn = chart.series.filter { $0.style != .region }
        // On a phone, below the plot and as wide as it, so that it covers nothing.
        let box =
            layout.legendBelow
            ? (x: plot.x, y: plot.y + plot.height + layout.margin.bottom, width: plot.width, height: legendHeight - 4)
            : legendBox(
                entries: entries.count, widest: entries.map { columns($0.label) }.max() ?? 0, series: drawn, plot: plot,
                seriesPixels: drawn.map { series in
                    zip(series.xs, series.ys).filter { $0.0.isFinite && $0.1.isFinite }.map { (px($0.0), py($0.1)) }
                })
        let legendX = box.x + 8
        if !entries.isEmpty {
            svg +=
                "<rect class=\"legend-box\" x=\"\(n(box.x))\" y=\"\(n(box.y))\" width=\"\(n(box.width))\" height=\"\(n(box.height))\" rx=\"4\"/>\n"
        }
        for (index, entry) in entries.enumerated() {
            let y = box.y + 12 + Double(index) * 20
            let classes = "series-\(index % palette) \(entry.style.rawValue)"
            switch entry.style {
            case .points:
                svg += "<circle class=\"\(classes)\" cx=\"\(n(legendX + 12))\" cy=\"\(n(y - 4))\" r=\"4\"/>\n"
            case .region:
                svg +=
                    "<rect class=\"\(classes)\" x=\"\(n(legendX + 4))\" y=\"\(n(y - 11))\" width=\"16\" height=\"14\"/>\n"
            case .solid, .dashed:
                svg +=
                    "<line class=\"\(classes)\" x1=\"\(n(legendX))\" y1=\"\(n(y - 4))\" x2=\"\(n(legendX + 24))\" y2=\"\(n(y - 4))\"/>\n"
            }
            svg += "<text class=\"legend\" x=\"\(n(legendX + 32))\" y=\"\(n(y))\">\(escape(entry.label))</text>\n"
        }
        svg += "</svg>"
        return svg
    }

    /// The legend's entries: one per label, in the order labels first appear, each shown as the
    /// first of its series that is not a region (a region's swatch when all are).
    static func legendEntries(_ chart: Chart) -> [(label: String, style: Chart.Style)] {
        var entries: [(label: String, style: Chart.Style)] = []
        for series in chart.series {
            if let index = entries.firstIndex(where: { $0.label == series.label }) {
                if entries[index].style == .region { entries[index].style = series.style }
            } else {
                entries.append((series.label, series.style))
            }
        }
        return entries
    }

    /// A series' colour: its label's place in the legend.
    private static func colour(of series: Chart.Series, in entries: [(label: String, style: Chart.Style)]) -> Int {
        (entries.firstIndex { $0.label == series.label } ?? 0) % palette
    }

    /// A region's cells, in the data's units: `step` is the grid's (see `regionStep`), and
    /// neighbouring cells of a row are joined into one rectangle (a region of a 60 × 40 grid is a
    /// few hundred of them, not thousands). Cells are clipped to the axes' ranges; those outside
    /// them are left out.
    static func regionCells(
        _ series: Chart.Series, step: (x: Double, y: Double), xRange: ClosedRange<Double>,
        yRange: ClosedRange<Double>
    ) -> [(x: ClosedRange<Double>, y: ClosedRange<Double>)] {
        let centres = zip(series.xs, series.ys).filter { $0.0.isFinite && $0.1.isFinite }
        let (dx, dy) = step
        var cells: [(x: ClosedRange<Double>, y: ClosedRange<Double>)] = []
        for (y, row) in Dictionary(grouping: centres, by: \.1).sorted(by: { $0.key < $1.key }) {
            var run: (from: Double, to: Double)?
            func close() {
                guard let current = run else { return }
                run = nil
                let left = max(current.from - dx / 2, xRange.lowerBound)
                let right = min(current.to + dx / 2, xRange.upperBound)
                let bottom = max(y - dy / 2, yRange.lowerBound)
                let top = min(y + dy / 2, yRange.upperBound)
                guard left < right && bottom < top else { return }
                cells.append((left...right, bottom...top))
            }
            for x in row.map(\.0).sorted() {
                if let current = run, x - current.to <= dx * 1.001 {
                    run = (current.from, x)
                } else {
                    close()
                    run = (x, x)
                }
            }
            close()
        }
        return cells
    }

    /// The step of the grid a chart's regions share: the smallest gap between cell centres along
    /// each axis, over all its regions (so a class with a single cell gets the same cells as the
    /// others); gaps below a billionth of the span are rounding, not steps. An axis with a single
    /// value takes the other's step; a single cell, a fiftieth of each range.
    static func regionStep(
        _ chart: Chart, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>
    ) -> (x: Double, y: Double) {
        let regions = chart.series.filter { $0.style == .region }
        func step(_ values: [Double], span: Double) -> Double? {
            let sorted = Set(values.filter(\.isFinite)).sorted()
            return zip(sorted, sorted.dropFirst()).map { $1 - $0 }.filter { $0 > span * 1e-9 }.min()
        }
        let xSpan = xRange.upperBound - xRange.lowerBound
        let ySpan = yRange.upperBound - yRange.lowerBound
        let stepX = step(regions.flatMap(\.xs), span: xSpan)
        let stepY = step(regions.flatMap(\.ys), span: ySpan)
        return (stepX ?? stepY ?? xSpan / 50, stepY ?? stepX ?? ySpan / 50)
    }

    /// Where the legend goes: of the plot's four corners, the one whose box covers the fewest of
    /// the series' points (a line's segments sampled every few pixels), top right first.
    static func legendBox(
        entries: Int, widest: Int = 0, series: [Chart.Series],
        plot: (x: Double, y: Double, width: Double, height: Double),
        seriesPixels: [[(Double, Double)]]
    ) -> (x: Double, y: Double, width: Double, height: Double) {
        // The swatch and about 7 units a column of 13-unit text: the longest label fits.
        let width = min(max(154.0, 44 + 7 * Double(widest)), plot.width - 8)
        let height = Double(entries) * 20 + 8
        let right = plot.x + plot.width - 4 - width
        let left = plot.x + 4
        let top = plot.y + 4
        let bottom = plot.y + plot.height - 4 - height
        let corners = [(right, top), (left, top), (right, bottom), (left, bottom)]
        var samples: [(Double, Double)] = []
        for (series, pixels) in zip(series, seriesPixels) {
            if series.style == .points || pixels.count < 2 {
                samples += pixels
                continue
            }
            for (from, to) in zip(pixels, pixels.dropFirst()) {
                // A sample every 4 px or so, so that a long straight segment is seen where it passes.
                let length = ((to.0 - from.0) * (to.0 - from.0) + (to.1 - from.1) * (to.1 - from.1)).squareRoot()
                let steps = Int(min(max(length / 4, 1), 400))
                for step in 0..<steps {
                    let t = Double(step) / Double(steps)
                    samples.append((from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t))
                }
            }
            samples.append(pixels[pixels.count - 1])
        }
        func covered(_ corner: (Double, Double)) -> Int {
            samples.filter {
                $0.0 >= corner.0 && $0.0 <= corner.0 + width && $0.1 >= corner.1 && $0.1 <= corner.1 + height
            }.count
        }
        let best = corners.min { covered($0) < covered($1) } ?? corners[0]
        return (best.0, best.1, width, height)
    }

    /// How many series colours the stylesheet defines.
    static let palette = 4

    /// The rules a chart needs, for the page's stylesheet and for standalone files.
    static let rules = """
        svg.chart { width: 100%; height: auto; max-width: 640px; display: block; color: var(--text, #1f2328); font-size: 13px; }
        svg.chart text { fill: currentColor; font-family: inherit; }
        svg.chart .title { font-size: 15px; font-weight: 600; }
        svg.chart .tick { fill: var(--muted, #59636e); font-size: 12px; }
        svg.chart .grid { stroke: var(--border, #d1d9e0); stroke-width: 1; opacity: 0.6; }
        svg.chart .legend-box { fill: var(--background, #ffffff); fill-opacity: 0.85; stroke: var(--border, #d1d9e0); }
        svg.chart .frame { fill: none; stroke: currentColor; stroke-width: 1; opacity: 0.7; }
        svg.chart polyline, svg.chart line.solid, svg.chart line.dashed { fill: none; stroke-width: 2.5; }
        svg.chart .dashed { stroke-dasharray: 7 5; }
        svg.chart g.region { opacity: 0.13; }
        svg.chart g.region rect { stroke: none; shape-rendering: crispEdges; }
        svg.chart rect.region { stroke: none; fill-opacity: 0.13; }
        svg.chart .series-0 { stroke: #0b62c4; fill: #0b62c4; }
        svg.chart .series-1 { stroke: #d1242f; fill: #d1242f; }
        svg.chart .series-2 { stroke: #1a7f37; fill: #1a7f37; }
        svg.chart .series-3 { stroke: #8250df; fill: #8250df; }
        svg.chart polyline.series-0, svg.chart polyline.series-1, svg.chart polyline.series-2, svg.chart polyline.series-3 { fill: none; }
        @media (prefers-color-scheme: dark) {
          svg.chart .series-0 { stroke: #4493f8; fill: #4493f8; }
          svg.chart .series-1 { stroke: #ff7b72; fill: #ff7b72; }
          svg.chart .series-2 { stroke: #3fb950; fill: #3fb950; }
          svg.chart .series-3 { stroke: #d2a8ff; fill: #d2a8ff; }
        }
        """

    private static let standaloneStyle = """
        svg.chart { font-family: -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", sans-serif; }
        @media (prefers-color-scheme: dark) { svg.chart { color: #e6edf3; } svg.chart .legend-box { fill: #0d1117; } }
        """ + rules

    // MARK: - Scales

    /// The data's range with 5% room on each side (a single value gets ±1).
    static func padded(_ values: [Double]) -> ClosedRange<Double> {
        guard let low = values.min(), let high = values.max() else { return 0...1 }
        if high - low < 1e-12 { return (low - 1)...(high + 1) }
        let room = (high - low) * 0.05
        return (low - room)...(high + room)
    }

    /// Round tick values: steps of 1, 2 or 5 times a power of ten, about `count` of them.
    static func ticks(_ range: ClosedRange<Double>, about count: Double = 5) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard span > 0, span.isFinite else { return [] }
        let rough = span / count
        let power = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
        var tick = (range.lowerBound / step).rounded(.up) * step
        var result: [Double] = []
        while tick <= range.upperBound + step * 1e-9, result.count < 20 {
            result.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return result
    }

    /// A title broken at spaces (or anywhere in text without them, as Chinese is) into lines of
    /// at most `columns`, a wide character counting two.
    static func wrap(_ text: String, columns: Int) -> [String] {
        func width(_ text: Substring) -> Int { ChartSVG.columns(text) }
        var lines: [String] = []
        var line = ""
        for character in text {
            line.append(character)
            guard width(Substring(line)) > columns else { continue }
            if let space = line.lastIndex(of: " "), space > line.startIndex {
                lines.append(String(line[..<space]))
                line = String(line[line.index(after: space)...])
            } else {
                let last = line.removeLast()
                lines.append(line)
                line = String(last)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.isEmpty ? [""] : lines
    }

    /// How many columns text takes: a wide (ideographic) character counts two.
    static func columns(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.properties.isIdeographic ? 2 : 1) }
    }

    static func label(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e6 { return String(Int(value)) }
        var text = String(format: "%.4g", value)
        if text.contains("."), !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
        }
        return text.replacingOccurrences(of: "-", with: "−")
    }

    private static func description(_ chart: Chart, strings: SiteStrings) -> String {
        let names = legendEntries(chart).map(\.label).joined(separator: strings.listSeparator)
        return SiteStrings.fill(
            strings.chartDescription, ["title": chart.title, "x": chart.xLabel, "y": chart.yLabel, "legend": names])
    }

    private static func n(_ value: Double) -> String { String(format: "%.1f", value) }

    private static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
}
