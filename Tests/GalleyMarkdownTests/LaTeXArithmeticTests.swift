import GalleyMarkdown
import Testing

@Suite("Closed arithmetic in formulas, translated to Swift")
struct LaTeXArithmeticTests {
    @Test("sides split at =, \\approx and ≈ outside groups")
    func sides() {
        #expect(LaTeXArithmetic.sides(#"\ln x = 4.5369/2 = 2.26854"#) == [#"\ln x "#, " 4.5369/2 ", " 2.26854"])
        #expect(LaTeXArithmetic.sides(#"-\ln 0.879 \approx 0.129"#) == [#"-\ln 0.879 "#, " 0.129"])
        #expect(LaTeXArithmetic.sides(#"f_{a=1} = 2"#) == ["f_{a=1} ", " 2"])
        #expect(LaTeXArithmetic.sides(#"\approxeq"#).count == 1)
    }

    @Test("what translates, and to what", arguments: [
        ("4.5369/2", "(Double(4.5369) / Double(2))"),
        (#"-\ln 0.879"#, "(-Foundation.log(Double(0.879)))"),
        (#"\frac{1}{2}"#, "(Double(1) / Double(2))"),
        (#"e^{3} + e^{-3}"#, "(Foundation.exp(Double(3)) + Foundation.exp((-Double(3))))"),
        (#"2^{10}"#, "Foundation.pow(Double(2), Double(10))"),
        (#"2\sqrt{2}"#, "(Double(2) * Foundation.sqrt(Double(2)))"),
        (#"3 \times (1 + 2)"#, "(Double(3) * (Double(1) + Double(2)))"),
        (#"\left( 1 + 2 \right) \cdot 3"#, "((Double(1) + Double(2)) * Double(3))"),
    ])
    func translations(tex: String, swift: String) {
        #expect(LaTeXArithmetic.swift(tex) == swift)
    }

    @Test("anything with a symbol, or TeX it does not know, is not closed", arguments: [
        "x + 1", "z_1", #"\sum_i e^{z_i}"#, #"\alpha"#, "a_j a_l", "1 +", "(1 + 2", #"\frac{1}"#, "",
    ])
    func notClosed(tex: String) {
        #expect(LaTeXArithmetic.swift(tex) == nil)
    }

    @Test("a bare number as written keeps its digits")
    func bareNumbers() {
        #expect(LaTeXArithmetic.bareNumber(" 2.26854") == "2.26854")
        #expect(LaTeXArithmetic.bareNumber("{0.880}") == "0.880")
        #expect(LaTeXArithmetic.bareNumber(#"88\%"#) == "88%")
        #expect(LaTeXArithmetic.bareNumber("4.5369/2") == nil)
        #expect(LaTeXArithmetic.bareNumber("20.0855 + 2.7183") == nil)
        #expect(LaTeXArithmetic.bareNumber("1.2e-3") == "1.2e-3")
        #expect(LaTeXArithmetic.bareNumber("1.2.3") == nil)
        #expect(LaTeXArithmetic.bareNumber(#"\ln 2"#) == nil)
    }

    @Test("deep nesting is refused, not recursed into")
    func deepNesting() {
        let tex = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        #expect(LaTeXArithmetic.swift(tex) == nil)
    }
}
