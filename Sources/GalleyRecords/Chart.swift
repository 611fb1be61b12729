/// A chart a chapter draws: lines and points over numeric axes, with a title, axis labels and a
/// legend. Chapter code describes it; Galley draws it as SVG into the page (and as an SVG file
/// beside the Markdown output), so no plotting library is needed and the chart follows the
/// page's light or dark colours.
///
///     var chart = Chart(title: "sigmoid 及其导数", xLabel: "x", yLabel: "值")
///     chart.line(xs, xs.map(sigmoid), label: "σ(x)")
///     chart.line(xs, xs.map(sigmoidDerivative), label: "σ′(x)", style: .dashed)
///     show(chart)
///
/// Series with the same label share a colour and one entry in the legend: a class's points and
/// the region a classifier gives it, say.
public struct Chart: Codable, Equatable, Sendable {
    /// How a series is drawn.
    public enum Style: String, Codable, Sendable {
        case solid, dashed, points
        /// The cells of a regular grid, lightly filled, under everything else: the part of the
        /// plane where something holds (where a classifier predicts a class).
        case region
    }

    /// One series: points joined by a line, or marked as points.
    public struct Series: Codable, Equatable, Sendable {
        public var label: String
        public var xs: [Double]
        public var ys: [Double]
        public var style: Style
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series] = []
    /// Fixed ranges for the axes; nil to fit the data.
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?

    public init(
        title: String, xLabel: String = "", yLabel: String = "",
        xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xRange = xRange
        self.yRange = yRange
    }

    /// Adds a series drawn as a line (or as points, with `style: .points`).
    public mutating func line(_ xs: [Double], _ ys: [Double], label: String, style: Style = .solid) {
        let count = min(xs.count, ys.count)
        series.append(Series(label: label, xs: Array(xs.prefix(count)), ys: Array(ys.prefix(count)), style: style))
    }

    /// Adds a series drawn as points.
    public mutating func points(_ xs: [Double], _ ys: [Double], label: String) {
        line(xs, ys, label: label, style: .points)
    }

    /// Adds a region: `xs` and `ys` are the centres of the cells of a regular grid that belong to
    /// it (the grid's step is read from them), filled lightly under the other series.
    public mutating func region(_ xs: [Double], _ ys: [Double], label: String) {
        line(xs, ys, label: label, style: .region)
    }
}
