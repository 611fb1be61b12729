import Foundation
import GalleySystem

/// Where a render puts chapter bodies and pages while it works, so that a long book's pages are on
/// disk rather than in memory: each body as soon as its chapter is rendered, each page as soon as
/// it is assembled (the output folder then hard-links it). A folder beside the output folder, on
/// the same file system, named as the output's staging folders are, so that one a killed run left
/// is removed by the next run (`OutputWriter`); this run removes its own when it ends.
struct PageSpill: Sendable {
    let folder: URL

    init(beside output: URL) {
        folder = AtomicFile.temporaryURL(beside: output, purpose: OutputWriter.stagingPurpose)
    }

    /// Writes `text` under `name`; nil when it cannot, and the caller keeps the text in memory.
    func store(_ text: String, as name: String) -> URL? {
        let url = folder.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try OutputWriter.write(text, to: url)
        } catch {
            return nil
        }
        return url
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

extension RenderedChapter {
    /// Moves the body and the page the search indexes to `spill` (when there is one and it can
    /// be written), out of memory.
    mutating func spillBody(to spill: PageSpill?, as name: String) {
        guard let spill, reused == nil else { return }
        if !html.isEmpty, let url = spill.store(html, as: name) {
            spilledBody = url
            html = ""
        }
        if !searchPage.isEmpty, let url = spill.store(searchPage, as: name + ".search") {
            spilledSearchPage = (url, WideDigest.hex(of: Data(searchPage.utf8)))
            searchPage = ""
        }
    }

    /// The page the site's search indexes for the chapter: in memory, spilled, or kept by the
    /// render cache.
    var searchSource: SearchBundle.Source {
        if let reused { return .file(reused.searchPage, digest: reused.searchPageDigest) }
        if let spilledSearchPage { return .file(spilledSearchPage.url, digest: spilledSearchPage.digest) }
        return .text(searchPage)
    }

    /// The body: in memory, or read back from where it was spilled.
    func body() -> String? {
        if let reused { return reused.body() }
        if let spilledBody {
            return (try? Data(contentsOf: spilledBody)).map { String(decoding: $0, as: UTF8.self) }
        }
        return html
    }
}
