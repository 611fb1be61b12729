import Foundation
import GalleyDiagnostics
import Synchronization

/// The chapters an earlier render of this process read, by file: the preview reads a book again
/// on every save, and a hundred unchanged chapters need not be read, checked as UTF-8 and
/// indexed by line again (a tenth of a preview render on a 100-chapter book). A file is taken
/// again only while its inode, size and modification time are as they were.
final class ChapterFileMemory: Sendable {
    static let shared = ChapterFileMemory()

    /// A chapter as read: its text, and where its first invalid byte was, if it had one.
    struct Read: Sendable {
        var source: SourceFile
        var invalidAt: SourceLocation?
    }

    private let state = Mutex([String: (identity: RenderCacheMemory.Identity, read: Read)]())

    /// What `url` held when it was as `identity` says.
    func read(at url: URL, identity: RenderCacheMemory.Identity, displayName: String) -> Read? {
        state.withLock { known in
            guard let entry = known[url.path], entry.identity == identity, entry.read.source.path == displayName
            else { return nil }
            return entry.read
        }
    }

    func remember(_ read: Read, at url: URL, identity: RenderCacheMemory.Identity) {
        state.withLock { $0[url.path] = (identity, read) }
    }
}
