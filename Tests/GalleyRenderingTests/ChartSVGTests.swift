import GalleyRecords
import Testing

@testable import GalleyRendering

/// Charts drawn at build time: where the legend goes, and regions.
@Suite("Charts")
struct ChartSVGTests {
    /// The legend box's x and y in the SVG.
    static func legendPosition(_ svg: String) throws -> (x: Double, y: Double) {
        let match = try #require(svg.firstMatch(of: #/<rect class="legend-box" x="([0-9.]+)" y="([0-9.]+)"/#))
        return (Double(match.output.1)!, Double(match.output.2)!)
    }

    @Test("the legend's box is as wide as its longest label; on a phone it is below the plot, the title wrapped")
    func legendFitsItsLabels() throws {
        var chart = Chart(title: "Probabilities of each class by their scores", xLabel: "x", yLabel: "y")
        chart.line([0, 1], [0, 1], label: "softmax of the scores, smoothed")
        chart.line([0, 1], [1, 0], label: "短")
        func box(_ svg: String) throws -> (y: Double, width: Double) {
            let match = try #require(
                svg.firstMatch(of: #/<rect class="legend-box" x="[0-9.]+" y="([0-9.]+)" width="([0-9.]+)"/#))
            return (Double(match.output.1)!, Double(match.output.2)!)
        }
        // 31 columns of 13-unit text, about 7 units each, after the 44-unit swatch.
        #expect(try box(ChartSVG.svg(chart)).width >= 44 + 7 * 31)
        let narrow = ChartSVG.svg(chart, layout: .narrow)
        #expect(narrow.hasPrefix("<svg class=\"chart narrow\""))
        let titles = narrow.matches(of: #/<text class="title"[^>]*>([^<]*)</text>/#).map { String($0.output.1) }
        #expect(titles == ["Probabilities of each class by", "their scores"])
        let frame = try #require(
            narrow.firstMatch(of: #/<rect class="frame" x="[0-9.]+" y="([0-9.]+)" width="[0-9.]+" height="([0-9.]+)"/#))
        #expect(try box(narrow).y > Double(frame.output.1)! + Double(frame.output.2)!, "below the plot")
        #expect(ChartSVG.wrap("交叉熵损失随训练轮数的变化", columns: 16) == ["交叉熵损失随训练", "轮数的变化"])
    }

    @Test("the legend sits top right unless the data are there; then in the clearest corner")
    func legendAvoidsData() throws {
        // A rising line leaves the top left and the bottom right clear: the legend stays top right
        // only when nothing is under it.
        var falling = Chart(title: "下降", xLabel: "x", yLabel: "y", xRange: 0...10, yRange: 0...10)
        falling.line([0, 10], [10, 0], label: "y = 10 − x")
        let top = try Self.legendPosition(ChartSVG.svg(falling))
        #expect(top.x > 300 && top.y < 100, "top right: \(top)")
        var rising = Chart(title: "上升", xLabel: "x", yLabel: "y", xRange: 0...10, yRange: 0...10)
        rising.line([0, 10], [0, 10], label: "y = x")
        let moved = try Self.legendPosition(ChartSVG.svg(rising))
        #expect(!(moved.x > 300 && moved.y < 100), "the line runs through the top right: \(moved)")
        // Points crowding the top right and the top left push it down.
        var crowded = Chart(title: "点", xLabel: "x", yLabel: "y", xRange: 0...10, yRange: 0...10)
        let xs = stride(from: 0.0, through: 10, by: 0.25).map { $0 }
        crowded.points(xs, xs.map { _ in 9.5 }, label: "上方的点")
        let bottom = try Self.legendPosition(ChartSVG.svg(crowded))
        #expect(bottom.y > 200, "bottom: \(bottom)")
    }

    @Test("a region is drawn first, in its label's colour, and shares the legend entry of that label's points")
    func regionUnderPoints() throws {
        var chart = Chart(title: "区域", xLabel: "x", yLabel: "y", xRange: 0...10, yRange: 0...10)
        let xs = stride(from: 0.5, through: 9.5, by: 1).map { $0 }
        chart.region(xs, xs.map { _ in 0.5 }, label: "第一类")
        chart.line([0, 10], [5, 5], label: "边界")
        chart.points([2, 3], [2, 3], label: "第一类")
        let svg = ChartSVG.svg(chart, strings: .simplifiedChinese)
        let legend = svg.matches(of: #/<text class="legend"[^>]*>([^<]*)</text>/#).map { String($0.output.1) }
        #expect(legend == ["第一类", "边界"])
        let region = try #require(svg.range(of: "<g class=\"series-0 region\">"))
        let point = try #require(svg.range(of: "<circle class=\"series-0 points\""))
        #expect(region.lowerBound < point.lowerBound, "the region lies under the points")
        #expect(svg.contains("<polyline class=\"series-1 solid\""), "the line keeps the second colour")
        // The whole row is one rectangle, from the axis at 0 to 10, one cell high (and 0.3 px more
        // on each side, against seams).
        let plotted = svg.matches(
            of:
                #/<g class="series-0 region">\n<rect x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)" height="([0-9.]+)"\/>\n<\/g>/#
        )
        #expect(plotted.count == 1)
        #expect(plotted.first.map { (Double($0.output.2)!, Double($0.output.3)!) } ?? (0, 0) == (552.6, 30.6))
        #expect(svg.contains("图例：第一类、边界"), "the description names each entry once")
        #expect(ChartSVG.svg(chart).contains("legend: 第一类, 边界"), "in English by default")
    }

    @Test("a region's cells join along a row, keep their gaps, and are clipped to the axes")
    func regionCells() {
        var chart = Chart(title: "区域")
        chart.region([0, 1, 2, 5, 6, 1], [0, 0, 0, 0, 0, 1], label: "A")
        chart.region([3], [3], label: "B")
        let step = ChartSVG.regionStep(chart, xRange: 0...10, yRange: -10...10)
        #expect(step == (1, 1))
        let cells = ChartSVG.regionCells(chart.series[0], step: step, xRange: 0...10, yRange: -10...10)
        #expect(
            cells.map { [$0.x.lowerBound, $0.x.upperBound, $0.y.lowerBound, $0.y.upperBound] } == [
                [0, 2.5, -0.5, 0.5], [4.5, 6.5, -0.5, 0.5], [0.5, 1.5, 0.5, 1.5],
            ])
        // A class with a single cell gets the grid's cell, not one of its own size.
        let single = ChartSVG.regionCells(chart.series[1], step: step, xRange: 0...10, yRange: -10...10)
        #expect(single.map { [$0.x.lowerBound, $0.x.upperBound] } == [[2.5, 3.5]])
        // Axes narrower than the grid: what lies outside is left out, and nothing traps.
        let narrow = ChartSVG.regionCells(chart.series[0], step: step, xRange: 3...4, yRange: 0.6...0.9)
        #expect(narrow.isEmpty)
    }

    @Test("a region covering the plot does not push the legend away from the top right")
    func regionDoesNotMoveLegend() throws {
        var chart = Chart(title: "区域", xLabel: "x", yLabel: "y", xRange: 0...10, yRange: 0...10)
        var xs: [Double] = []
        var ys: [Double] = []
        for x in stride(from: 0.5, through: 9.5, by: 1) {
            for y in stride(from: 0.5, through: 9.5, by: 1) {
                xs.append(x)
                ys.append(y)
            }
        }
        chart.region(xs, ys, label: "全部")
        chart.line([0, 10], [1, 1], label: "低处的线")
        let legend = try Self.legendPosition(ChartSVG.svg(chart))
        #expect(legend.x > 300 && legend.y < 100, "top right: \(legend)")
    }
}
