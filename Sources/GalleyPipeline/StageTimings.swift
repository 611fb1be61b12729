import Foundation

/// Where the time of a run went, for `render --timings`.
///
/// Two kinds of figure, printed apart because only one of them adds up:
/// - phases, one after another, in wall-clock time: load, parse+typeset, evaluate, check, render,
///   search (the site's index), write; together they are the run, less what `render` itself does around them;
/// - work done for chapters in parallel — parsing, typesetting, compiling, running, rendering —
///   summed over the chapters (and the worker threads), which on a machine with several cores is
///   more than the phase it happens in.
public struct StageTimings: Sendable {
    /// The phases in pipeline order.
    public static let phases = ["load", "parse+typeset", "evaluate", "check", "render", "search", "write"]
    /// The kinds of per-chapter work, in pipeline order.
    public static let work = ["parse", "typeset", "compile", "run", "render"]

    public private(set) var phaseDurations: [String: Duration] = [:]
    public private(set) var workDurations: [String: Duration] = [:]

    public init() {}

    /// Runs `body` and adds its time to the phase `phase`.
    mutating func measurePhase<T, E: Error>(_ phase: String, _ body: () throws(E) -> T) throws(E) -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer { phaseDurations[phase, default: .zero] += clock.now - start }
        return try body()
    }

    mutating func addPhase(_ phase: String, _ duration: Duration) {
        phaseDurations[phase, default: .zero] += duration
    }

    /// Adds time spent on one chapter's `kind` of work.
    mutating func addWork(_ kind: String, _ duration: Duration) {
        workDurations[kind, default: .zero] += duration
    }

    /// Adds the work `other` recorded (its phases are not this run's).
    mutating func addWork(of other: StageTimings) {
        workDurations.merge(other.workDurations, uniquingKeysWith: +)
    }

    /// The phases' wall-clock time together.
    public var phasesTotal: Duration { phaseDurations.values.reduce(.zero, +) }

    /// `load 0.002 s · parse+typeset 0.031 s · … = 0.120 s; work summed over chapters in parallel:
    /// parse 0.020 s · …`.
    public var summary: String {
        func figure(_ duration: Duration?) -> String {
            String(format: "%.3f s", (duration ?? .zero) / .seconds(1))
        }
        let phases = Self.phases.map { "\($0) \(figure(phaseDurations[$0]))" }.joined(separator: " · ")
        let work = Self.work.map { "\($0) \(figure(workDurations[$0]))" }.joined(separator: " · ")
        return "\(phases) = \(figure(phasesTotal)); work summed over chapters in parallel: \(work)"
    }
}
