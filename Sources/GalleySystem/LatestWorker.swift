import Foundation
import Synchronization

/// Jobs done one at a time on a thread of their own, where only the newest matters
/// (`LatestWaiting`): a job offered while one runs waits, and displaces the one waiting before it.
public final class LatestWorker<Job: Sendable>: Sendable {
    private struct State {
        var jobs = LatestWaiting<Job>()
        /// Whether a job worth telling was done since `takeDone()` last looked.
        var done = false
    }

    private let state = Mutex(State())
    private let work: @Sendable (Job) -> Bool
    private let discard: @Sendable (Job) -> Void

    /// `work` does a job and says whether it is worth telling (`takeDone`); `discard` lets go of a
    /// job displaced before it ran.
    public init(discard: @escaping @Sendable (Job) -> Void = { _ in }, work: @escaping @Sendable (Job) -> Bool) {
        self.work = work
        self.discard = discard
    }

    /// Does `job` now, or after the job being done.
    public func offer(_ job: Job) {
        let (startNow, displaced) = state.withLock { $0.jobs.offer(job) }
        if let displaced { discard(displaced) }
        guard startNow else { return }
        Thread.detachNewThread { [self] in run(job) }
    }

    private func run(_ first: Job) {
        var job: Job? = first
        while let current = job {
            let worthTelling = work(current)
            job = state.withLock { state -> Job? in
                state.done = state.done || worthTelling
                return state.jobs.next()
            }
        }
    }

    /// Whether a job runs or waits.
    public var busy: Bool { state.withLock { $0.jobs.busy } }

    /// Whether a job worth telling was done since the last call; resets.
    public func takeDone() -> Bool {
        state.withLock { state in
            defer { state.done = false }
            return state.done
        }
    }
}
