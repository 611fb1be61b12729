import Foundation
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
