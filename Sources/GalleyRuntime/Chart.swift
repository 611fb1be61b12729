// Charts as chapter code draws them; the `Chart` type itself is part of the records Galley reads
// (GalleyRecords).

/// Shows a chart under the block.
public func show(_ chart: Chart) {
    RecordChannel.send(.display(.chart(chart)))
}

/// `count` evenly spaced numbers from `start` to `end`, both included: the x values of a chart.
public func linspace(_ start: Double, _ end: Double, count: Int) -> [Double] {
    guard count > 1 else { return count == 1 ? [start] : [] }
    let step = (end - start) / Double(count - 1)
    return (0..<count).map { start + Double($0) * step }
}
