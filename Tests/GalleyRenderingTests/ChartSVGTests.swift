import GalleyRecords
import Testing

@testable import GalleyRendering

/// Charts drawn at build time: where the legend goes.
@Suite("Charts")
struct ChartSVGTests {
    /// The legend box's x and y in the SVG.
    static func legendPosition(_ svg: String) throws -> (x: Double, y: Double) {
        let match = try #require(svg.firstMatch(of: #/<rect class="legend-box" x="([0-9.]+)" y="([0-9.]+)"/#))
        return (Double(match.output.1)!, Double(match.output.2)!)
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
}
