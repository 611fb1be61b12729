import Foundation
import GalleySystem
import Synchronization

/// Compiled chapter programs and their results, on disk, each file sealed with its digest (the
/// program's own digest is in its `compile.json`), keyed by everything that decides them:
/// the program's source, the runtime libraries' hash, the compiler version and the flags.
///
/// An unchanged chapter is neither compiled nor run again; an edited one gets a new key. Entries
/// are written to a temporary name and renamed into place, so two renders sharing a cache never
/// see half an entry.
struct ProgramCache: Sendable {
    let folder: URL
    /// False to ignore what earlier runs cached (entries are still written, and what this run
    /// wrote is read back).
    let reads: Bool
    /// Where a damaged entry is recorded; it is then built again.
    let damage: CacheDamage?
    private let writtenNow = WrittenEntries()

    init(folder: URL, reads: Bool, damage: CacheDamage? = nil) {
        self.folder = folder
        self.reads = reads
        self.damage = damage
    }

    func entry(for key: String) -> URL {
        folder.appendingPathComponent("programs").appendingPathComponent(key)
    }

    func load<Value: Decodable>(_ type: Value.Type, key: String, name: String) -> Value? {
        let url = entry(for: key).appendingPathComponent(name)
        guard reads || writtenNow.contains(key + "/" + name),
            let data = SealedFile.read(url, damage: damage, kind: "program")
        else {
            return nil
        }
        guard let value = try? JSONDecoder().decode(type, from: data) else {
            damage?.record("program", at: url)
            return nil
        }
        // Used now: the cache's pruning keeps entries by when a run last used them.
        AtomicFile.touch(entry(for: key))
        return value
    }

    func store(_ value: some Encodable, key: String, name: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value) else { return }
        let folder = entry(for: key)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard (try? SealedFile.write(data, to: folder.appendingPathComponent(name))) != nil else { return }
        writtenNow.insert(key + "/" + name)
    }
}

/// The cache entries this run wrote, shared by the threads that evaluate chapters.
private final class WrittenEntries: Sendable {
    private let names = Mutex(Set<String>())

    func insert(_ name: String) { names.withLock { _ = $0.insert(name) } }
    func contains(_ name: String) -> Bool { names.withLock { $0.contains(name) } }
}
