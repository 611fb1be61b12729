import Foundation
import GalleySystem
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The preview's print page (`print.html`), written off the path of the edit: on a long book it
/// is the whole book again, and an edited chapter's page must not wait for it.
///
/// A render links its chapters' pages into a folder of the job's own (pages are never changed in
/// place, so the links keep this render's pages whatever the next render writes) and hands it
/// over; one page is written at a time, and of the renders that come meanwhile only the last
/// one's waits. Nothing is written until the page is first asked for (`want`): most previews
/// never look at it. The page is written beside the output's and renamed over it, by a thread of
/// lower priority; until then the output keeps the one before.
final class BackgroundPrintPage: Sendable {
    static let shared = BackgroundPrintPage()

    private struct Job: Sendable {
        var source: PrintBook.Source
        var snapshot: URL
        var output: URL
    }

    private struct State {
        /// Whether the page was asked for in this preview.
        var wanted = false
        /// Asked for first: the preview is to render again (`takeRenderRequest`)…
        var renderRequested = false
        /// …and the page waits for that render's job.
        var awaitingRender = false
    }

    private let state = Mutex(State())
    private let worker = LatestWorker<Job>(
        discard: { try? FileManager.default.removeItem(at: $0.snapshot) },
        work: { job in
            BackgroundPrintPage.write(job)
            return false
        })

    /// Links the pages of `source` from `output` into a folder of their own under `work`, and
    /// writes the print page from them into `output`, now or after the page being written.
    func schedule(_ source: PrintBook.Source, output: URL, work: URL) {
        guard isWanted else { return }
        let snapshot = AtomicFile.temporaryURL(beside: work.appendingPathComponent("print"), purpose: "pages")
        AtomicFile.removeAbandoned(in: work)
        do {
            try FileManager.default.createDirectory(at: snapshot, withIntermediateDirectories: true)
            for entry in source.entries {
                let from = output.appendingPathComponent(entry.page)
                let to = snapshot.appendingPathComponent(entry.page)
                if link(from.path, to.path) != 0 { try FileManager.default.copyItem(at: from, to: to) }
            }
        } catch {
            try? FileManager.default.removeItem(at: snapshot)
            return
        }
        // Offered before the render is no longer awaited, so that `want` never sees neither.
        worker.offer(Job(source: source, snapshot: snapshot, output: output))
        state.withLock { $0.awaitingRender = false }
    }

    /// Whether the page has been asked for: until it is, renders leave it alone.
    var isWanted: Bool { state.withLock { $0.wanted } }

    /// Asks for the page: from now on every render's is written; the first ask has the preview
    /// render again. Returns once the newest is written, or after `ceiling`.
    func want(ceiling: Duration = .seconds(120)) async {
        state.withLock { state in
            guard !state.wanted else { return }
            state.wanted = true
            state.renderRequested = true
            state.awaitingRender = true
        }
        let deadline = ContinuousClock.now + ceiling
        while ContinuousClock.now < deadline, worker.busy || state.withLock({ $0.awaitingRender }) {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Whether the page was first asked for since the last call: the preview then renders again.
    func takeRenderRequest() -> Bool {
        state.withLock { state in
            defer { state.renderRequested = false }
            return state.renderRequested
        }
    }

    /// Writes one job's page, at a lower priority.
    private static func write(_ job: Job) {
        // The worker's thread only: Linux gives each thread its own nice value.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        let page = job.snapshot.appendingPathComponent(PrintBook.pageName)
        var key = WideDigest.Stream()
        if (try? PrintBook.writePage(job.source, pagesIn: job.snapshot, to: page, key: &key)) != nil {
            let target = job.output.appendingPathComponent(PrintBook.pageName)
            // Into the output as it is now; a newer render's page follows.
            if rename(page.path, target.path) != 0 {
                let beside = AtomicFile.temporaryURL(beside: target)
                if (try? FileManager.default.copyItem(at: page, to: beside)) != nil {
                    try? AtomicFile.move(beside, into: target)
                }
            }
        }
        try? FileManager.default.removeItem(at: job.snapshot)
    }
}
