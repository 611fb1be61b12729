import Foundation
import Synchronization
import Testing

@testable import GalleyTypesetting

/// The engine KaTeX runs in: JavaScriptCore, with a watchdog that stops a formula that would run
/// for ever, so a render reports it instead of hanging.
@Suite("KaTeX engine")
struct KaTeXEngineTests {
    /// A stand-in for KaTeX with the same entry point: it returns the TeX in a span, and never
    /// returns for the formula `loop`.
    static let endlessKaTeX = """
        var katex = {
          version: "test",
          ParseError: function () {},
          renderToString: function (tex) {
            if (tex === "loop") { for (;;) {} }
            return "<span>" + tex + "</span>";
          }
        };
        """

    @Test("a formula that never finishes is stopped by the watchdog and reported; the engine goes on")
    func watchdog() throws {
        let engine = try KaTeXEngine(script: Self.endlessKaTeX, timeLimit: 0.5)
        let stopped = engine.typeset("loop", display: false, macrosJSON: "{}")
        #expect(stopped.html == nil)
        #expect(stopped.error == "typesetting took longer than 0.5 s and was stopped")
        let next = engine.typeset("x", display: false, macrosJSON: "{}")
        #expect(next.error == nil)
        #expect(next.html == "<span>x</span>")
    }

    @Test("Debian's KaTeX typesets HTML and MathML, and a TeX error is an error, not HTML")
    func realKaTeX() throws {
        let script = try String(contentsOfFile: "/usr/share/javascript/katex/katex.min.js", encoding: .utf8)
        let engine = try KaTeXEngine(script: script)
        let typeset = engine.typeset("\\frac{1}{2}", display: true, macrosJSON: "{}")
        #expect(typeset.html?.contains("<math") == true)
        #expect(typeset.html?.contains("katex-display") == true)
        let broken = engine.typeset("\\frac{1}{2", display: false, macrosJSON: "{}")
        #expect(broken.html == nil)
        #expect(broken.error?.contains("expected '}'") == true, "\(broken.error ?? "")")
    }
}

@Suite("The pool of KaTeX engines")
struct KaTeXEnginePoolTests {
    /// Threads that ask for an engine at once, each typesetting a formula with it.
    static func typeset(threads: Int, pool: KaTeXEnginePool) -> [String] {
        let results = Mutex([String](repeating: "", count: threads))
        DispatchQueue.concurrentPerform(iterations: threads) { index in
            guard let engine = try? pool.take() else { return }
            let math = engine.typeset("x_{\(index)}", display: false, macrosJSON: "{}")
            pool.give(engine)
            results.withLock { $0[index] = math.html ?? "" }
        }
        return results.withLock { $0 }
    }

    @Test("at its limit, a thread waits for an engine given back instead of starting one")
    func waitsAtTheLimit() throws {
        let script = try String(contentsOfFile: "/usr/share/javascript/katex/katex.min.js", encoding: .utf8)
        let pool = KaTeXEnginePool(script: script, limit: 1)
        let results = Self.typeset(threads: 4, pool: pool)
        #expect(pool.started == 1)
        for (index, html) in results.enumerated() { #expect(html.contains("katex") && html.contains("\(index)")) }
    }

    @Test("below its limit, a thread that finds every engine busy starts another, up to the limit")
    func startsUpToTheLimit() throws {
        let script = try String(contentsOfFile: "/usr/share/javascript/katex/katex.min.js", encoding: .utf8)
        let pool = KaTeXEnginePool(script: script, limit: 2)
        let results = Self.typeset(threads: 6, pool: pool)
        #expect((1...2).contains(pool.started))
        #expect(results.allSatisfy { $0.contains("katex") })
    }

    @Test("an engine that cannot start is an error, and the next thread may start one")
    func failedStart() throws {
        let pool = KaTeXEnginePool(script: "this is not JavaScript (", limit: 1)
        #expect(throws: TypesettingError.self) { try pool.take() }
        #expect(throws: TypesettingError.self) { try pool.take() }
        #expect(pool.started == 0)
    }
}
