import Testing
@testable import GalleyFormulas

/// How TeX is read: one test per construct of the course's LaTeX.
@Suite struct FormulaParserTests {
    private func side(_ tex: String) throws -> FormulaNode {
        try FormulaParser.parseSide(tex)
    }

    private func z(_ letter: String) -> FormulaNode { .symbol("z", [.letter(letter)]) }

    @Test func subscriptsIndexSymbols() throws {
        #expect(try side("z_j") == z("j"))
        #expect(try side("z_{ij}") == .symbol("z", [.letter("i"), .letter("j")]))
        #expect(try side("W_{i,k}") == .symbol("W", [.letter("i"), .letter("k")]))
        #expect(try side("z_1") == .symbol("z", [.number(1)]))
        #expect(try side("z_{i+1}") == .symbol("z", [FormulaIndex(letter: "i", offset: 1)]))
    }

    @Test func adjacentLettersAreFactors() throws {
        #expect(try side("a_ia_j") == .binary("*", .symbol("a", [.letter("i")]), .symbol("a", [.letter("j")])))
        #expect(try side("ab") == .binary("*", .symbol("a", []), .symbol("b", [])))
    }
}
