public import Foundation
public import GalleyResults
public import GalleySystem
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Typesets a book's formulas with KaTeX when the book is built, each distinct formula once, with
/// the results of earlier runs kept on disk.
///
/// The cache is keyed by the formula's TeX and display mode, the book's macros and KaTeX's script
/// (its bytes, so a new KaTeX is a new cache): an unchanged re-render reads every formula from it
/// and starts no JavaScript engine. Engines are started only for formulas not seen before, one per
/// two cores (`KaTeXEnginePool`), and kept for the rest of the run.
public final class MathTypesetter: Sendable {
    /// KaTeX's script, `katex.min.js`.
    public let script: URL
    /// The book's macros as a JSON object, the same for every formula.
    private let macrosJSON: String
    /// The cache's file, under the cache folder; nil for no cache on disk.
    private let cacheFile: URL?
    private let reads: Bool
    private let damage: CacheDamage?
    /// KaTeX's script and the macros, hashed: what every typeset result depends on besides its
    /// formula. Part of the render cache's key.
    public let identity: String
    private let state: Mutex<State>
    private let engines: KaTeXEnginePool

    private struct State {
        /// Whether the cache file has been read: not before a formula is asked for, since a
        /// re-render whose chapters all come from the render cache needs none.
        var loaded = false
        /// Where each formula this run knows is (its KaTeX HTML is not kept in memory: a book
        /// of tens of thousands of distinct formulas would hold them all).
        var known: [TypesetMath.Key: Place] = [:]
        /// The cache file's content, as read.
        var cached = Data()
        /// The formulas typeset in this run, as records, in a file beside the cache file's, until
        /// `save` writes them into it; made with the first formula typeset. Nil with no cache
        /// folder (then they are `held`).
        var journal: Journal?
        /// How many formulas came from the cache file, how many were typeset in this run, and how
        /// many had been typeset earlier in this run (the same formula in another chapter).
        var fromCache = 0
        var typeset = 0
        var repeated = 0
        var changed = false
    }

    private enum Place {
        /// A record in the cache file read (`State.cached`).
        case cached(Range<Int>)
        /// A record in this run's journal.
        case journal(Range<Int>)
        case held(TypesetMath)

        var isCached: Bool {
            if case .cached = self { return true }
            return false
        }
    }

    /// A file records are appended to and read back from, by offset. Appended to only under the
    /// typesetter's lock; read (`pread`, which moves no offset) from any thread.
    private final class Journal: @unchecked Sendable {
        let url: URL
        let handle: FileHandle
        var length = 0

        init?(beside file: URL) {
            url = AtomicFile.temporaryURL(beside: file, purpose: "journal")
            guard FileManager.default.createFile(atPath: url.path, contents: nil),
                let handle = try? FileHandle(forUpdating: url)
            else { return nil }
            self.handle = handle
        }

        /// Appends `record`; where it lies, nil when it could not be written.
        func append(_ record: Data) -> Range<Int>? {
            guard (try? handle.write(contentsOf: record)) != nil else { return nil }
            defer { length += record.count }
            return length..<(length + record.count)
        }

        /// The bytes at `range`, read without moving the file's offset (any thread).
        func read(_ range: Range<Int>) -> Data? {
            var bytes = Data(count: range.count)
            let count = bytes.withUnsafeMutableBytes {
                pread(handle.fileDescriptor, $0.baseAddress, range.count, off_t(range.lowerBound))
            }
            return count == range.count ? bytes : nil
        }

        deinit {
            try? handle.close()
            try? FileManager.default.removeItem(at: url)
        }
    }

    /// - Parameters:
    ///   - script: KaTeX's `katex.min.js`.
    ///   - macros: the book's macros, by name (`\R` → `\mathbb{R}`).
    ///   - cacheFolder: where the cache file lives; nil keeps results for this run only.
    ///   - reads: false to typeset every formula again and write the cache file anew (`--no-cache`).
    ///   - damage: where a cache file that is damaged is recorded (it is then typeset anew).
    public init(
        script: URL, macros: [String: String] = [:], cacheFolder: URL?, reads: Bool = true,
        damage: CacheDamage? = nil
    ) throws(TypesettingError) {
        self.script = script
        self.reads = reads
        self.damage = damage
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        macrosJSON = (try? encoder.encode(macros)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        guard let scriptData = FileManager.default.contents(atPath: script.path) else {
            throw TypesettingError(message: "KaTeX is missing at \(script.path): install Debian's libjs-katex")
        }
        var hash = ContentHash()
        hash.add(scriptData)
        engines = KaTeXEnginePool(script: String(decoding: scriptData, as: UTF8.self))
        hash.add(macrosJSON)
        identity = hash.hex
        cacheFile = cacheFolder?.appendingPathComponent("math").appendingPathComponent("katex-\(hash.hex).sealed")
        self.state = Mutex(State())
    }

    /// Indexes the cache file into `state`, the first time a formula is asked for; removes the
    /// journals killed runs left beside it.
    private func loadCache(into state: inout State) {
        guard !state.loaded else { return }
        state.loaded = true
        guard let cacheFile else { return }
        let folder = cacheFile.deletingLastPathComponent()
        AtomicFile.removeAbandoned(in: folder)
        // Sealed with its digest: random bytes in the middle of KaTeX's HTML would otherwise
        // decode, and garbled formulas would be published.
        guard reads, let data = SealedFile.read(cacheFile, damage: damage, kind: "math") else { return }
        guard let index = MathCacheFile.index(data) else {
            damage?.record("math", at: cacheFile)
            return
        }
        state.cached = data
        for (key, range) in index { state.known[key] = .cached(range) }
    }

    /// The formulas typeset, each distinct one once; those not seen before are typeset with an
    /// engine of this thread's own while other threads use theirs.
    public func typeset(_ keys: some Sequence<TypesetMath.Key>) throws(TypesettingError) -> [TypesetMath.Key:
        TypesetMath]
    {
        var places: [TypesetMath.Key: Place] = [:]
        var missing: [TypesetMath.Key] = []
        var seen: Set<TypesetMath.Key> = []
        let (cached, journal) = state.withLock { state in
            loadCache(into: &state)
            for key in keys where seen.insert(key).inserted {
                if let place = state.known[key] {
                    places[key] = place
                    if place.isCached { state.fromCache += 1 } else { state.repeated += 1 }
                } else {
                    missing.append(key)
                }
            }
            return (state.cached, state.journal)
        }
        var results: [TypesetMath.Key: TypesetMath] = [:]
        for (key, place) in places {
            switch place {
            case .held(let math): results[key] = math
            case .cached(let range):
                let record = cached[(cached.startIndex + range.lowerBound)..<(cached.startIndex + range.upperBound)]
                if let (_, math) = MathCacheFile.decode(record: record) {
                    results[key] = math
                } else {
                    missing.append(key)
                }
            case .journal(let range):
                if let record = journal?.read(range), let (_, math) = MathCacheFile.decode(record: record) {
                    results[key] = math
                } else {
                    missing.append(key)
                }
            }
        }
        guard !missing.isEmpty else { return results }
        let engine = try engines.take()
        defer { engines.give(engine) }
        var fresh: [(TypesetMath.Key, TypesetMath)] = []
        for key in missing where results[key] == nil {
            let math = engine.typeset(key.tex, display: key.display, macrosJSON: macrosJSON)
            results[key] = math
            fresh.append((key, math))
        }
        let records = cacheFile == nil ? [] : fresh.map { MathCacheFile.record($0.0, $0.1) }
        state.withLock { state in
            if state.journal == nil, let cacheFile {
                try? FileManager.default.createDirectory(
                    at: cacheFile.deletingLastPathComponent(), withIntermediateDirectories: true)
                state.journal = Journal(beside: cacheFile)
            }
            for (number, (key, math)) in fresh.enumerated() {
                // Typeset by another thread meanwhile (a record of the cache file is typeset again
                // only when it did not decode).
                if let place = state.known[key], !place.isCached { continue }
                let place = records.isEmpty ? nil : state.journal?.append(records[number])
                state.known[key] = place.map { .journal($0) } ?? .held(math)
                state.typeset += 1
                state.changed = true
            }
        }
        return results
    }

    /// What the run did: formulas read from the cache file, typeset now, typeset earlier in this
    /// run, and engines started.
    public var statistics: (fromCache: Int, typeset: Int, repeated: Int, enginesStarted: Int) {
        let started = engines.started
        return state.withLock { ($0.fromCache, $0.typeset, $0.repeated, started) }
    }

    /// Writes the cache file, when this run typeset anything new: the records read, then this
    /// run's, copied a piece at a time and sealed. A cache that cannot be written only costs the
    /// next run time.
    public func save() {
        guard let cacheFile else { return }
        state.withLock { state in
            guard state.changed, let journal = state.journal else { return }
            state.changed = false
            let temporary = AtomicFile.temporaryURL(beside: cacheFile)
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
                let output = try? FileHandle(forWritingTo: temporary)
            else { return }
            var written = true
            func write(_ bytes: Data) {
                if written { written = (try? output.write(contentsOf: bytes)) != nil }
            }
            write(Data(MathCacheFile.magic))
            if !state.cached.isEmpty { write(state.cached.dropFirst(MathCacheFile.magic.count)) }
            var offset = 0
            while written && offset < journal.length {
                let range = offset..<min(journal.length, offset + (1 << 20))
                guard let piece = journal.read(range) else {
                    written = false
                    break
                }
                write(piece)
                offset = range.upperBound
            }
            try? output.close()
            guard written else {
                try? FileManager.default.removeItem(at: temporary)
                return
            }
            try? SealedFile.seal(file: temporary, into: cacheFile)
        }
    }
}
