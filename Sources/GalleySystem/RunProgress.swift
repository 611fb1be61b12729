import Synchronization

/// How far a run has got, chapter by chapter and step by step, for a progress line that a
/// terminal redraws while a long render works. The stages advance it from their threads; a reader
/// takes snapshots.
public final class RunProgress: Sendable {
    /// The steps a chapter goes through; a chapter taken whole from the render cache, or with no
    /// code, counts as done with those it skips.
    public enum Step: Int, CaseIterable, Sendable {
        case loaded, typeset, compiled, run, written
    }

    private let state = Mutex((total: 0, counts: [Int](repeating: 0, count: Step.allCases.count)))

    public init() {}

    /// How many chapters the book has.
    public func begin(chapters: Int) {
        state.withLock { $0.total = chapters }
    }

    /// Marks `count` chapters done with each of `steps`.
    public func advance(_ steps: Step..., by count: Int = 1) {
        guard count > 0 else { return }
        state.withLock { state in
            for step in steps { state.counts[step.rawValue] += count }
        }
    }

    /// The total and each step's count, capped at the total.
    public var snapshot: (total: Int, counts: [Step: Int]) {
        state.withLock { state in
            var counts: [Step: Int] = [:]
            for step in Step.allCases { counts[step] = min(state.counts[step.rawValue], state.total) }
            return (state.total, counts)
        }
    }
}
