import Foundation
import GalleyRendering
import GalleySystem

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

    private let worker = LatestWorker<Job>(work: { job in
        let pages = job.pages.make()
        // Each page whole or not at all (a reader's request sees the old page or the new), and
        // never into an output folder being replaced; a page as it was is left alone.
        return OutputWriter.inPlace.withLock { _ -> Bool in
            var changed = false
            for (path, html) in pages {
                let target = job.output.appendingPathComponent(path)
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
    })

    /// Writes `pages` into `output`, now or after the job being done.
    func schedule(_ pages: BookPages, into output: URL) {
        worker.offer(Job(pages: pages, output: output))
    }

    /// Whether pages changed since the last call; resets.
    func takeWritten() -> Bool { worker.takeDone() }
}
