public import Foundation
import Synchronization

/// A cache file that carries the digest of its content, so that a damaged, truncated or foreign
/// file is known for one when it is read, and rebuilt rather than used.
///
/// Layout: the content, then a trailer of 49 bytes: `\n#galley-sealed2 ` and the content's
/// `WideDigest` in 32 hex digits. Nothing in the content needs to change. A file sealed by an
/// older Galley (`\n#galley-sealed ` and another digest) is stale, not damaged; a file without a
/// trailer, or whose content is not what it sealed, is damaged.
public enum SealedFile {
    private static let marker = Array("\n#galley-sealed2 ".utf8)
    private static let trailerLength = marker.count + 32
    /// The first version's trailer, read only to tell an old file from a damaged one.
    private static let oldMarker = Array("\n#galley-sealed ".utf8)

    /// What a file read as a sealed file is.
    public enum Opened {
        case content(Data)
        /// Whole, but sealed by an older version.
        case stale
        case damaged
    }

    /// `content` with its trailer.
    public static func seal(_ content: Data) -> Data {
        var sealed = content
        sealed.append(contentsOf: marker)
        sealed.append(contentsOf: Array(WideDigest.hex(of: content).utf8))
        return sealed
    }

    /// The content of a sealed file, or nil when it is stale or damaged.
    public static func open(_ data: Data) -> Data? {
        if case .content(let content) = opened(data) { return content }
        return nil
    }

    public static func opened(_ data: Data) -> Opened {
        if data.count >= oldMarker.count + 32,
            data[(data.endIndex - oldMarker.count - 32)...].prefix(oldMarker.count).elementsEqual(oldMarker)
        {
            return .stale
        }
        guard data.count >= trailerLength else { return .damaged }
        let contentEnd = data.endIndex - trailerLength
        let trailer = data[contentEnd...]
        guard trailer.prefix(marker.count).elementsEqual(marker) else { return .damaged }
        let content = data[data.startIndex..<contentEnd]
        guard trailer.suffix(32).elementsEqual(Array(WideDigest.hex(of: content).utf8)) else { return .damaged }
        return .content(Data(content))
    }

    /// Reads a sealed file: its content; nil when there is no such file, when an older Galley
    /// wrote it, or when it is damaged (then recorded in `damage`).
    public static func read(_ url: URL, damage: CacheDamage?, kind: String) -> Data? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        switch opened(data) {
        case .content(let content): return content
        case .stale: return nil
        case .damaged:
            damage?.record(kind, at: url)
            return nil
        }
    }

    /// Seals `content` and writes it whole (`AtomicFile`). The trailer is appended to `content`
    /// itself: passed as a temporary, a large file (the math cache, 70 MB on a long book) is not
    /// copied, as `seal` would.
    public static func write(_ content: consuming Data, to url: URL) throws(AtomicFile.Failure) {
        var sealed = consume content
        let digest = WideDigest.hex(of: sealed)
        sealed.append(contentsOf: marker)
        sealed.append(contentsOf: Array(digest.utf8))
        try AtomicFile.write(sealed, to: url)
    }

    /// Seals the file at `temporary` — written whole, a piece at a time, at
    /// `AtomicFile.temporaryURL(beside: url)` — and puts it in place at `url`. Its digest is read
    /// a megabyte at a time: a file as large as the math cache is never whole in memory.
    public static func seal(file temporary: URL, into url: URL) throws(AtomicFile.Failure) {
        do {
            let handle = try FileHandle(forUpdating: temporary)
            defer { try? handle.close() }
            var digest = WideDigest.Stream()
            while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty {
                digest.add(piece)
            }
            try handle.seekToEnd()
            try handle.write(contentsOf: marker + Array(digest.hex().utf8))
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw AtomicFile.Failure(description: "cannot seal \(temporary.path): \(error.localizedDescription)")
        }
        try AtomicFile.move(temporary, into: url)
    }

    /// The digest of a file's bytes, for a file kept beside an entry that names it (a compiled
    /// program, a page); nil when it cannot be read.
    public static func digest(of url: URL) -> String? {
        guard let data = try? Data(contentsOf: url, options: .mappedIfSafe) else { return nil }
        return WideDigest.hex(of: data)
    }
}

/// The cache entries a run found damaged and rebuilt, shared by the stages that read caches; the
/// run reports each as a note at the entry, never at a chapter.
public final class CacheDamage: Sendable {
    /// One damaged entry: what kind it is (`math`, `program`, `render`…) and where.
    public struct Entry: Hashable, Sendable {
        public var kind: String
        public var path: String
    }

    private let entries = Mutex<[Entry]>([])

    public init() {}

    public func record(_ kind: String, at url: URL) {
        let entry = Entry(kind: kind, path: url.path)
        entries.withLock { if !$0.contains(entry) { $0.append(entry) } }
    }

    public var all: [Entry] { entries.withLock { $0 } }
}
