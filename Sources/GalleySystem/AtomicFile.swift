public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Files and folders put in place whole: made under a temporary name beside their destination,
/// then renamed over it in one step, so a reader — a concurrent render, a browser, the next run
/// after a crash — sees the old version or the new one, never half of one.
public enum AtomicFile {
    /// Why a file could not be put in place.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// A name beside `destination` that no other process or call uses: the destination's name,
    /// hidden, with a purpose, this process's id and a random number.
    public static func temporaryURL(beside destination: URL, purpose: String = "tmp") -> URL {
        destination.deletingLastPathComponent().appendingPathComponent(
            ".\(destination.lastPathComponent).\(purpose)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }

    /// Writes `data` to `destination`, replacing what was there in one step.
    public static func write(_ data: Data, to destination: URL) throws(Failure) {
        let temporary = temporaryURL(beside: destination)
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw Failure(description: "cannot write \(temporary.path): \(error.localizedDescription)")
        }
        try move(temporary, into: destination)
    }

    /// Writes `data` (as `write`) unless the file already holds exactly it: a file another
    /// process may be reading (a compiler's input), or one whose time says something (a manifest
    /// SwiftPM plans from), is left alone when nothing changed.
    public static func writeIfChanged(_ data: Data, to destination: URL) throws(Failure) {
        guard FileManager.default.contents(atPath: destination.path) != data else { return }
        try write(data, to: destination)
    }

    /// Removes from `folder` what a killed process left half made: names `temporaryURL` gave,
    /// of any purpose, whose process is gone.
    public static func removeAbandoned(in folder: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasPrefix(".") {
            guard let match = name.firstMatch(of: #/\.[a-z]+-(\d+)-\d+$/#), let pid = Int32(match.output.1),
                pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Sets a file's or folder's time to now: a cache entry marks itself used, for pruning by age.
    public static func touch(_ url: URL) {
        _ = utimes(url.path, nil)
    }

    /// Renames a file or folder made at `temporaryURL(beside:)` over `destination`; removes it when
    /// that fails.
    ///
    /// - Parameter keepingExisting: true when a destination that is already there is as good as
    ///   the new one (a cache entry another process built first): then a failed rename is no error.
    public static func move(_ temporary: URL, into destination: URL, keepingExisting: Bool = false) throws(Failure) {
        guard rename(temporary.path, destination.path) != 0 else { return }
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: temporary)
        if keepingExisting && FileManager.default.fileExists(atPath: destination.path) { return }
        throw Failure(description: "cannot move \(temporary.lastPathComponent) to \(destination.path): \(reason)")
    }
}
