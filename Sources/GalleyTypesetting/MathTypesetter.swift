public import Foundation
public import GalleyResults
public import GalleySystem
import Synchronization

/// Typesets a book's formulas with KaTeX when the book is built, each distinct formula once, with
/// the results of earlier runs kept on disk.
///
/// The cache is keyed by the formula's TeX and display mode, the book's macros and KaTeX's script
/// (its bytes, so a new KaTeX is a new cache): an unchanged re-render reads every formula from it
/// and starts no JavaScript engine. Engines are started only for formulas not seen before, one per
/// thread that asks at once (two on this machine's two cores), and kept for the rest of the run.
public final class MathTypesetter: Sendable {
    /// KaTeX's script, `katex.min.js`.
    public let script: URL
    /// Its text, read once, for the engines this run starts.
    private let scriptSource: String
    /// The book's macros as a JSON object, the same for every formula.
    private let macrosJSON: String
    /// The cache's file, under the cache folder; nil for no cache on disk.
    private let cacheFile: URL?
    private let damage: CacheDamage?
    /// KaTeX's script and the macros, hashed: what every typeset result depends on besides its
    /// formula. Part of the render cache's key.
    public let identity: String
    private let state: Mutex<State>

    private struct State {
        /// Whether the cache file has been read: not before a formula is asked for, since a
        /// re-render whose chapters all come from the render cache needs none.
        var loaded = false
        var known: [TypesetMath.Key: TypesetMath] = [:]
        /// The formulas the cache file held.
        var onDisk: Set<TypesetMath.Key> = []
        /// How many formulas came from the cache file, how many were typeset in this run, and how
        /// many had been typeset earlier in this run (the same formula in another chapter).
        var fromCache = 0
        var typeset = 0
        var repeated = 0
        var engines: [KaTeXEngine] = []
        var enginesStarted = 0
        var changed = false
    }

    /// - Parameters:
    ///   - script: KaTeX's `katex.min.js`.
    ///   - macros: the book's macros, by name (`\R` → `\mathbb{R}`).
    ///   - cacheFolder: where the cache file lives; nil keeps results for this run only.
    ///   - damage: where a cache file that is damaged is recorded (it is then typeset anew).
    public init(
        script: URL, macros: [String: String] = [:], cacheFolder: URL?, damage: CacheDamage? = nil
    ) throws(TypesettingError) {
        self.script = script
        self.damage = damage
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        macrosJSON = (try? encoder.encode(macros)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        guard let scriptData = FileManager.default.contents(atPath: script.path) else {
            throw TypesettingError(message: "KaTeX is missing at \(script.path): install Debian's libjs-katex")
        }
        var hash = ContentHash()
        hash.add(scriptData)
        scriptSource = String(decoding: scriptData, as: UTF8.self)
        hash.add(macrosJSON)
        identity = hash.hex
        cacheFile = cacheFolder?.appendingPathComponent("math").appendingPathComponent("katex-\(hash.hex).sealed")
        self.state = Mutex(State())
    }

    /// Reads the cache file into `state`, the first time a formula is asked for.
    private func loadCache(into state: inout State) {
        guard !state.loaded else { return }
        state.loaded = true
        // Sealed with its digest: random bytes in the middle of KaTeX's HTML would otherwise
        // decode, and garbled formulas would be published.
        guard let cacheFile, let data = SealedFile.read(cacheFile, damage: damage, kind: "math") else { return }
        guard let entries = MathCacheFile.decode(data) else {
            damage?.record("math", at: cacheFile)
            return
        }
        state.known.merge(entries) { current, _ in current }
        state.onDisk = Set(entries.keys)
    }

    /// The formulas typeset, each distinct one once; those not seen before are typeset with an
    /// engine of this thread's own while other threads use theirs.
    public func typeset(_ keys: some Sequence<TypesetMath.Key>) throws(TypesettingError) -> [TypesetMath.Key:
        TypesetMath]
    {
        var results: [TypesetMath.Key: TypesetMath] = [:]
        var missing: [TypesetMath.Key] = []
        state.withLock { state in
            loadCache(into: &state)
            for key in keys where results[key] == nil {
                if let known = state.known[key] {
                    results[key] = known
                    if state.onDisk.contains(key) { state.fromCache += 1 } else { state.repeated += 1 }
                } else {
                    missing.append(key)
                }
            }
        }
        guard !missing.isEmpty else { return results }
        let engine = try takeEngine()
        defer { state.withLock { $0.engines.append(engine) } }
        var fresh: [TypesetMath.Key: TypesetMath] = [:]
        for key in missing where fresh[key] == nil {
            fresh[key] = engine.typeset(key.tex, display: key.display, macrosJSON: macrosJSON)
        }
        state.withLock { state in
            for (key, math) in fresh where state.known[key] == nil {
                state.known[key] = math
                state.typeset += 1
                state.changed = true
            }
        }
        results.merge(fresh) { old, _ in old }
        return results
    }

    /// An engine no other thread is using, started if there is none.
    private func takeEngine() throws(TypesettingError) -> KaTeXEngine {
        let idle = state.withLock { state -> KaTeXEngine? in
            if let engine = state.engines.popLast() { return engine }
            state.enginesStarted += 1
            return nil
        }
        if let idle { return idle }
        return try KaTeXEngine(script: scriptSource)
    }

    /// What the run did: formulas read from the cache file, typeset now, typeset earlier in this
    /// run, and engines started.
    public var statistics: (fromCache: Int, typeset: Int, repeated: Int, enginesStarted: Int) {
        state.withLock { ($0.fromCache, $0.typeset, $0.repeated, $0.enginesStarted) }
    }

    /// Writes the cache file, when this run typeset anything new. A cache that cannot be written
    /// only costs the next run time.
    public func save() {
        guard let cacheFile else { return }
        let entries = state.withLock { state -> [(TypesetMath.Key, TypesetMath)]? in
            guard state.changed else { return nil }
            state.changed = false
            return state.known.map { ($0.key, $0.value) }.sorted {
                ($0.0.tex, $0.0.display ? 1 : 0) < ($1.0.tex, $1.0.display ? 1 : 0)
            }
        }
        guard let entries else { return }
        try? FileManager.default.createDirectory(
            at: cacheFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Encoded straight into the write, which seals it in place: one copy of the file in memory.
        try? SealedFile.write(MathCacheFile.encode(entries), to: cacheFile)
    }
}
