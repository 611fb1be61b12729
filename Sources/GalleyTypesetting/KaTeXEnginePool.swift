import Foundation

/// The KaTeX engines of one run, each used by one thread at a time, at most `limit` of them.
///
/// An engine costs far more than its context: JavaScriptCore compiles KaTeX's script and keeps
/// compiling and collecting on threads of its own while it typesets. On two cores a second engine
/// made every measured book slower, the course's formulas and a book of five thousand distinct
/// ones alike (BENCHMARKS.md, "One KaTeX engine per two cores"): a thread that finds every engine
/// busy waits for one when the limit is reached, rather than start another.
final class KaTeXEnginePool: @unchecked Sendable {
    private let condition = NSCondition()
    private var idle: [KaTeXEngine] = []
    private var startedCount = 0
    private let script: String
    /// The most engines started at once.
    let limit: Int

    /// One engine per two cores.
    static var defaultLimit: Int { max(1, ProcessInfo.processInfo.activeProcessorCount / 2) }

    init(script: String, limit: Int = KaTeXEnginePool.defaultLimit) {
        self.script = script
        self.limit = max(1, limit)
    }

    /// How many engines this run started.
    var started: Int {
        condition.lock()
        defer { condition.unlock() }
        return startedCount
    }

    /// An engine no other thread is using: an idle one, a new one below the limit, or the first
    /// one given back.
    func take() throws(TypesettingError) -> KaTeXEngine {
        condition.lock()
        while idle.isEmpty && startedCount >= limit { condition.wait() }
        if let engine = idle.popLast() {
            condition.unlock()
            return engine
        }
        startedCount += 1
        condition.unlock()
        do {
            return try KaTeXEngine(script: script)
        } catch {
            // Another thread waiting for an engine may start one itself.
            condition.lock()
            startedCount -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    /// Gives an engine back for the next thread.
    func give(_ engine: KaTeXEngine) {
        condition.lock()
        idle.append(engine)
        condition.signal()
        condition.unlock()
    }
}
