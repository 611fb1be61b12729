import Foundation
import GalleyRendering
import GalleySystem
import Synchronization

/// The pages made of every chapter's summary: the front page (`index.html`) and the checks page
/// (`checks.html`), with what they are made from.
///
/// A render writes them with the rest of the site. The preview writes them after the edited page,
/// off the edit's path (`BackgroundBookPages`): on a book of a hundred chapters they take longer
/// to assemble than the edited chapter itself.
struct BookPages: Sendable {
    var book: PageTemplate.BookInfo
    var navigation: PageTemplate.Navigation
    var entries: [PageTemplate.IndexEntry]
    var checks: [(link: PageTemplate.PageLink, entry: VerificationPage.Entry)]
    var checksLink: PageTemplate.PageLink
    var pdf: String?

    /// The pages' paths in the site.
    static let paths = ["index.html", "checks.html"]

    /// The pages, by path.
    func make() -> [String: String] {
        [
            "index.html": PageTemplate.index(
                book: book, navigation: navigation, entries: entries, verification: checksLink, pdf: pdf),
            "checks.html": VerificationPage.page(book: book, navigation: navigation, chapters: checks),
        ]
    }
}

/// The preview's front and checks pages, written into the served site after the render that
/// published the edited page: one job at a time, and of the renders that come meanwhile only the
/// last one's pages wait (the others' are out of date already). `Pipeline.waitForBookPages()`
/// tells the preview which pages to reload.
final class BackgroundBookPages: Sendable {
    static let shared = BackgroundBookPages()

    private struct Job: Sendable {
        var pages: BookPages
        var output: URL
    }

    private struct State {
        var jobs = LatestWaiting<Job>()
        /// Whether pages changed since `takeWritten()` last looked.
        var written = false
    }

    private let state = Mutex(State())

    /// Writes `pages` into `output`, now or after the job being done.
    func schedule(_ pages: BookPages, into output: URL) {
        let job = Job(pages: pages, output: output)
        let (startNow, _) = state.withLock { $0.jobs.offer(job) }
        guard startNow else { return }
        Thread.detachNewThread { [self] in run(job) }
    }

    private func run(_ first: Job) {
        var job: Job? = first
        while let current = job {
            let pages = current.pages.make()
            // Each page whole or not at all (a reader's request sees the old page or the new), and
            // never into an output folder being replaced; a page as it was is left alone.
            let changed = OutputWriter.inPlace.withLock { _ -> Bool in
                var changed = false
                for (path, html) in pages {
                    let target = current.output.appendingPathComponent(path)
                    let data = Data(html.utf8)
                    guard (try? Data(contentsOf: target)) != data else { continue }
                    do {
                        try AtomicFile.write(data, to: target)
                        changed = true
                    } catch {
                        FileHandle.standardError.write(Data("error: cannot write \(path): \(error)\n".utf8))
                    }
                }
                return changed
            }
            job = state.withLock { state -> Job? in
                state.written = state.written || changed
                return state.jobs.next()
            }
        }
    }

    /// Whether pages were written since the last call; resets.
    func takeWritten() -> Bool {
        state.withLock { state in
            defer { state.written = false }
            return state.written
        }
    }
}
