import Foundation

/// Time spent in each stage of a run, for `render --timings`.
///
/// Parsing and rendering run chapter by chapter, two at a time, and overlap; their figures are the
/// time spent on them summed over chapters. The other stages are wall-clock time.
public struct StageTimings: Sendable {
    /// The stages in pipeline order.
    public static let order = ["load", "parse", "typeset", "compile", "run", "check", "render", "write"]

    public private(set) var durations: [String: Duration] = [:]

    public init() {}

    /// Runs `body` and adds its time to `stage`.
    mutating func measure<T, E: Error>(_ stage: String, _ body: () throws(E) -> T) throws(E) -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer { durations[stage, default: .zero] += clock.now - start }
        return try body()
    }

    mutating func add(_ stage: String, _ duration: Duration) {
        durations[stage, default: .zero] += duration
    }

    /// `load 0.002 s · parse 0.031 s · …`, the stages in order.
    public var summary: String {
        Self.order.map { stage in
            let duration = durations[stage] ?? .zero
            return "\(stage) \(String(format: "%.3f", duration / .seconds(1))) s"
        }.joined(separator: " · ")
    }
}
