import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// What a long-running process (the preview) remembers of the render cache between its renders:
/// each entry it decoded and each kept file whose digest it checked, with the file's identity
/// (inode, size, modification time) then. A file whose identity has not changed since is taken
/// as checked and decoded: the next render of a preview decodes and reads only what changed,
/// where a render from scratch reads every entry and every kept page (a tenth of a second on a
/// hundred chapters). Used only where `RenderCache.remembers` is set.
final class RenderCacheMemory: Sendable {
    static let shared = RenderCacheMemory()

    /// A file as `stat` saw it.
    struct Identity: Equatable, Sendable {
        var inode: UInt64
        var size: Int64
        var modified: Int64

        init?(_ url: URL) {
            var status = stat()
            guard stat(url.path, &status) == 0 else { return nil }
            inode = UInt64(status.st_ino)
            size = Int64(status.st_size)
            modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        }
    }

    private struct State {
        var entries: [String: (identity: Identity, entry: RenderCache.Entry)] = [:]
        var digests: [String: (identity: Identity, digest: String)] = [:]
    }

    private let state = Mutex(State())

    /// The entry decoded from `url` when the file is as it was then.
    func entry(at url: URL, identity: Identity) -> RenderCache.Entry? {
        state.withLock { state in
            guard let known = state.entries[url.path], known.identity == identity else { return nil }
            return known.entry
        }
    }

    func remember(_ entry: RenderCache.Entry, at url: URL, identity: Identity) {
        state.withLock { $0.entries[url.path] = (identity, entry) }
    }

    /// The digest checked of `url` when the file is as it was then.
    func digest(at url: URL, identity: Identity) -> String? {
        state.withLock { state in
            guard let known = state.digests[url.path], known.identity == identity else { return nil }
            return known.digest
        }
    }

    func remember(digest: String, at url: URL, identity: Identity) {
        state.withLock { $0.digests[url.path] = (identity, digest) }
    }
}
