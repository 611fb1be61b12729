import Foundation
import GalleySystem
import Synchronization

/// The preview's search index, built off the path of the edit: a render stages the pages the
/// search indexes and hands them over; one index is built at a time, and of the renders that
/// come meanwhile only the last one's pages wait (the others' are out of date already). A render
/// publishes the newest index built; `Pipeline.waitForBackgroundWork()` says when a newer one is
/// ready, so that the preview renders again and publishes it.
final class BackgroundIndexing: Sendable {
    static let shared = BackgroundIndexing()

    private struct Job: Sendable {
        var bundle: SearchBundle
        var staged: URL
        var target: URL
    }

    private struct State {
        var jobs = LatestWaiting<Job>()
        /// Indexes built since `takeFinished()` last looked.
        var finished = 0
    }

    private let state = Mutex(State())

    /// Builds `target` from the pages staged in `staged` (which it then removes), now or after
    /// the index being built.
    func schedule(_ bundle: SearchBundle, staged: URL, into target: URL) {
        let job = Job(bundle: bundle, staged: staged, target: target)
        let (startNow, displaced) = state.withLock { $0.jobs.offer(job) }
        if let displaced { try? FileManager.default.removeItem(at: displaced.staged) }
        guard startNow else { return }
        Thread.detachNewThread { [self] in run(job) }
    }

    private func run(_ first: Job) {
        var job: Job? = first
        while let current = job {
            do {
                try current.bundle.index(current.staged, into: current.target)
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
            }
            try? FileManager.default.removeItem(at: current.staged)
            job = state.withLock { state -> Job? in
                state.finished += 1
                return state.jobs.next()
            }
        }
    }

    /// Whether an index was built since the last call; resets the count.
    func takeFinished() -> Bool {
        state.withLock { state in
            defer { state.finished = 0 }
            return state.finished > 0
        }
    }
}
