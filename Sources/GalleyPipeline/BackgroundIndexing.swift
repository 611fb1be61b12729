import Foundation
import GalleySystem

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

    private let worker = LatestWorker<Job>(
        discard: { try? FileManager.default.removeItem(at: $0.staged) },
        work: { job in
            do {
                try job.bundle.index(job.staged, into: job.target)
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
            }
            try? FileManager.default.removeItem(at: job.staged)
            return true
        })

    /// Builds `target` from the pages staged in `staged` (which it then removes), now or after
    /// the index being built.
    func schedule(_ bundle: SearchBundle, staged: URL, into target: URL) {
        worker.offer(Job(bundle: bundle, staged: staged, target: target))
    }

    /// Whether an index was built since the last call; resets.
    func takeFinished() -> Bool { worker.takeDone() }
}
