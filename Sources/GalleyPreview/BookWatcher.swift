import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Watches a book's folder by polling: every file's size, modification time and inode, twenty
/// times a second. Polling sees every way an editor saves — in place, by writing a temporary file
/// and renaming it over the chapter, by deleting and creating again — with nothing to set up and
/// nothing to miss when a folder is replaced; a book of a hundred files costs a millisecond a poll.
///
/// Hidden files (an editor's swap and backup files) and the folders given as `ignoring` (the
/// output and the cache, when they sit inside the book) are not watched.
struct BookWatcher: Sendable {
    /// What the watcher knows of one file.
    struct Stamp: Equatable, Sendable {
        var size: Int64
        var modified: Int64
        var inode: UInt64
    }

    typealias Snapshot = [String: Stamp]

    let folder: URL
    let ignoring: [String]
    var interval: Duration = .milliseconds(50)
    /// How long the folder must stay still before a burst of saves counts as done.
    var settle: Duration

    init(folder: URL, ignoring: [URL], settle: Duration = LivePreview.Configuration.defaultSettle) {
        self.folder = folder.standardizedFileURL
        self.ignoring = ignoring.map { $0.standardizedFileURL.path }
        self.settle = settle
    }

    /// Every watched file, by path relative to the folder.
    func snapshot() -> Snapshot {
        var files: Snapshot = [:]
        let base = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        guard
            let enumerator = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
        else { return files }
        for case let url as URL in enumerator {
            let path = url.standardizedFileURL.path
            if ignoring.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) {
                enumerator.skipDescendants()
                continue
            }
            var status = stat()
            guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, path.hasPrefix(base) else { continue }
            files[String(path.dropFirst(base.count))] = Stamp(
                size: Int64(status.st_size),
                modified: Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec),
                inode: UInt64(status.st_ino))
        }
        return files
    }

    /// Waits until the folder differs from `last` (looking at once, then every `interval`), then
    /// until it stays the same for `settle`, so that a burst of saves is one change. Returns the new snapshot and the paths that changed,
    /// appeared or went away; nil when the task is cancelled.
    func nextChange(after last: Snapshot) async -> (snapshot: Snapshot, changed: [String])? {
        // Looked at once first: a save made while the preview rendered, or while a wait for
        // background work ended this one, is seen without waiting for the next poll.
        var current = snapshot()
        while current == last {
            guard (try? await Task.sleep(for: interval)) != nil else { return nil }
            current = snapshot()
        }
        while true {
            guard (try? await Task.sleep(for: settle)) != nil else { return nil }
            let again = snapshot()
            if again == current { break }
            current = again
        }
        let changed = Set(last.keys).union(current.keys).filter { last[$0] != current[$0] }.sorted()
        return (current, changed)
    }
}
