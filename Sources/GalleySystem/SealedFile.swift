public import Foundation
import Synchronization

/// A cache file that carries the digest of its content, so that a damaged, truncated or foreign
/// file is known for one when it is read, and rebuilt rather than used.
///
/// Layout: the content, then a trailer of 48 bytes: `\n#galley-sealed ` and the content's
/// `ContentHash` in 32 hex digits. Nothing in the content needs to change, and a file without the
/// trailer (an older format) reads as damaged.
public enum SealedFile {
    private static let marker = Array("\n#galley-sealed ".utf8)
    private static let trailerLength = marker.count + 32

    /// `content` with its trailer.
    public static func seal(_ content: Data) -> Data {
        var hash = ContentHash()
        hash.add(content)
        var sealed = content
        sealed.append(contentsOf: marker)
        sealed.append(contentsOf: Array(hash.hex.utf8))
        return sealed
    }

    /// The content of a sealed file, or nil when the trailer is missing or the content is not
    /// what it sealed.
    public static func open(_ data: Data) -> Data? {
        guard data.count >= trailerLength else { return nil }
        let contentEnd = data.endIndex - trailerLength
        let trailer = data[contentEnd...]
        guard trailer.prefix(marker.count).elementsEqual(marker) else { return nil }
        let content = data[data.startIndex..<contentEnd]
        var hash = ContentHash()
        hash.add(content)
        guard trailer.suffix(32).elementsEqual(Array(hash.hex.utf8)) else { return nil }
        return Data(content)
    }

    /// Reads a sealed file: its content; nil when there is no such file; `.damaged` (recorded in
    /// `damage`) when it is there but does not open.
    public static func read(_ url: URL, damage: CacheDamage?, kind: String) -> Data? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        if let content = open(data) { return content }
        damage?.record(kind, at: url)
        return nil
    }

    /// Seals `content` and writes it whole (`AtomicFile`).
    public static func write(_ content: Data, to url: URL) throws(AtomicFile.Failure) {
        try AtomicFile.write(seal(content), to: url)
    }

    /// The digest of a file's bytes, for a file kept beside an entry that names it (a compiled
    /// program, a page); nil when it cannot be read.
    public static func digest(of url: URL) -> String? {
        guard let data = try? Data(contentsOf: url, options: .mappedIfSafe) else { return nil }
        var hash = ContentHash()
        hash.add(data)
        return hash.hex
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
