import GalleyFormulas
import Testing

/// The book's macros, expanded before a formula is read for checking, as KaTeX expands them.
@Suite("Book macros in formulas")
struct MacroExpanderTests {
    let expander = MacroExpander(macros: [
        "\\R": "\\mathbb{R}", "\\half": "\\frac{1}{2}", "\\vec": "\\mathbf{#1}", "\\pair": "(#1, #2)",
        "\\twice": "\\half\\half", "\\loop": "\\loop x",
    ])

    @Test("a macro without arguments; one with arguments, as a brace group or one token; macros in macros")
    func expansion() {
        #expect(expander.expand("x \\in \\R^n") == "x \\in \\mathbb{R}^n")
        #expect(expander.expand("\\vec{v} + \\vec w") == "\\mathbf{v} + \\mathbf{w}")
        #expect(expander.expand("\\pair{a_1}{\\half}") == "(a_1, \\frac{1}{2})")
        #expect(expander.expand("\\twice = 0.25") == "\\frac{1}{2}\\frac{1}{2} = 0.25")
        #expect(expander.expand("\\Real + \\halfway") == "\\Real + \\halfway", "a longer name is another command")
    }

    @Test("a macro that expands forever stops after the limit, as KaTeX's maxExpand does")
    func limit() {
        let expanded = expander.expand("\\loop")
        #expect(expanded.hasPrefix("\\loop"))
        #expect(expanded.filter { $0 == "x" }.count == MacroExpander.limit)
    }

    @Test("no macros, no change")
    func none() {
        #expect(MacroExpander(macros: [:]).expand("\\half") == "\\half")
    }
}
