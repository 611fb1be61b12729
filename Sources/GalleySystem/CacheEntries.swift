public import Foundation

/// Folders of whole cache entries that a run uses and later runs replace (the search indexes,
/// the PDFs): each entry's time says when it was last used (`AtomicFile.touch`).
public enum CacheEntries {
    /// The entries in `folder`, most recently used first (hidden ones, being made, left out).
    public static func newestFirst(in folder: URL) -> [URL] {
        let key = URLResourceKey.contentModificationDateKey
        func used(_ url: URL) -> Date {
            (try? url.resourceValues(forKeys: [key]).contentModificationDate) ?? .distantPast
        }
        return ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [key])) ?? [])
            .filter { !$0.lastPathComponent.hasPrefix(".") }
            .sorted { used($0) > used($1) }
    }

    /// Keeps `current` and the entry used before it (a render of an older version of the book may
    /// still be linking it); removes the rest, and what a killed process left half made.
    public static func keep(_ current: URL, in folder: URL) {
        let others = newestFirst(in: folder).filter { $0.lastPathComponent != current.lastPathComponent }
        for old in others.dropFirst() { try? FileManager.default.removeItem(at: old) }
        AtomicFile.removeAbandoned(in: folder)
    }
}
