import GalleyFormulas
import Testing

@Suite("Closed arithmetic in formulas, translated to Swift")
struct ClosedArithmeticTests {
    /// The pairs as (left, right) TeX, for comparing.
    private func pairs(_ tex: String, after previous: String? = nil) -> [[String]] {
        ClosedArithmetic.pairs(in: tex, previousSide: previous).pairs.map { [$0.leftTeX, $0.rightTeX] }
    }

    @Test("a formula's sides are read by the formula parser: at =, \\approx and ≈, outside groups")
    func sides() {
        #expect(pairs(#"\ln x = 4.5369/2 = 2.26854"#) == [["4.5369/2", "2.26854"]])
        #expect(pairs(#"-\ln 0.879 \approx 0.129"#) == [[#"-\ln 0.879"#, "0.129"]])
        #expect(pairs("1 + 1 ≈ 2") == [["1 + 1", "2"]])
        #expect(pairs(#"f_{a=1} = 2"#).isEmpty)
        #expect(pairs(#"\approxeq"#).isEmpty)
        #expect(ClosedArithmetic.pairs(in: #"\ln x = 4.5369/2 = 2.26854"#).lastSide == "2.26854")
    }

    @Test("equations end at a comma, a full stop or 'and', as in the checked-formula parser")
    func equations() {
        #expect(pairs(#"1 + 1 = 2, \quad 2 + 2 = 4"#) == [["1 + 1", "2"], ["2 + 2", "4"]])
        #expect(pairs(#"e^{0} = 1。"#) == [["e^{0}", "1"]])
        #expect(pairs(#"2 = 1 + 1 \text{and} 3 = 1 + 2"#) == [["2", "1 + 1"], ["3", "1 + 2"]])
        #expect(ClosedArithmetic.relationCount(in: #"a = b = c, \quad d \approx e"#) == 3)
        #expect(ClosedArithmetic.relationCount(in: #"w \leftarrow w - \eta g"#) == 0)
    }

    @Test("a side the parser cannot read does not hide the pairs after it")
    func recovery() {
        #expect(pairs(#"\int_0^1 x\,dx = 0.5 = 1/2"#) == [["0.5", "1/2"]])
        #expect(pairs(#"0 < 0.5 = 1/2"#) == [["0.5", "1/2"]])
    }

    @Test("digit groups make one number; a comma with a space, one digit, or after a point separates")
    func digitGroups() {
        #expect(pairs(#"150 \times 250 = 37,500"#) == [[#"150 \times 250"#, "37,500"]])
        #expect(ClosedArithmetic.pairs(in: #"3 \times 12{,}279 = 36{,}837"#).pairs.first?.values == [36837, 36837])
        #expect(ClosedArithmetic.pairs(in: #"2.5 \times 4\,000 = 10\,000"#).pairs.first?.values == [10000, 10000])
        #expect(ClosedArithmetic.pairs(in: #"4~000 / 2 = 2~000"#).pairs.first?.values == [2000, 2000])
        #expect(ClosedArithmetic.pairs(in: #"10\ 000 - 1 = 9\ 999"#).pairs.first?.values == [9999, 9999])
        for (written, number) in [
            ("37,500", "37500"), ("36{,}838", "36838"), (#"4\,000"#, "4000"), ("4~000", "4000"),
            (#"10\ 000"#, "10000"), ("1,234,567.5", "1234567.5"),
        ] {
            #expect(ClosedArithmetic.bareNumber(written) == number, "\(written)")
        }
        for twoNumbers in ["0.88, 0.12", "(1,2)", "0.123,456", "1234,567", "1,2345"] {
            #expect(ClosedArithmetic.bareNumber(twoNumbers) == nil, "\(twoNumbers)")
        }
        #expect(pairs(#"1 + 1 = 2, \quad 500 + 500 = 1000"#) == [["1 + 1", "2"], ["500 + 500", "1000"]])
        #expect(pairs("f(1, 2) = 3").isEmpty)
    }

    @Test("\\tag is not part of the formula")
    func tags() {
        #expect(pairs(#"1 + 1 = 2 \tag{加法}"#) == [["1 + 1", "2"]])
    }

    @Test("a formula starting with = continues the last side of the one before")
    func continuation() {
        #expect(pairs("= 2.26845", after: "4.5369/2") == [["4.5369/2", "2.26845"]])
        #expect(pairs("= 2.26845").isEmpty)
    }

    /// Formulas that relate closed sides in the ways the reader allows; the prefilter must let
    /// each through.
    static let closedPairs = [
        #"4.5369/2 = 2.26845"#, #"\ln x = 4.5369/2 = 2.26854"#, #"-\ln 0.879 \approx 0.129"#, "1 + 1 ≈ 2",
        #"a, 1 + 1 = 2"#, #"x \le 1 + 1 = 2"#, #"e^{0} = 1。"#, "exp(2) = 7.389", #"\operatorname{exp}(2) = 7.389"#,
        #"2 = 1 + 1 \text{and} 3 = 1 + 2"#, #"1 + 1 = 2 \tag{加法}"#, #"\frac{e^{3}}{e^{3} + e^{1}} = 0.8808"#,
        #"\sqrt{2} \cdot 3 = 4.2426"#, #"\left( 1 + 2 \right) \times 3 = 9"#, "= 2.26845",
        #"\int_0^1 x\,dx = 0.5 = 1/2"#,
        #"\mathrm{e}^{2} = 7.389"#, #"z_j = w_j x + b_j, \quad 2 + 2 = 4"#, #"\mathbf{2} \cdot 3 = 6.0"#,
        #"e^{0} = 1. \quad x = 0"#, "2^{10} = 1024. n = 10", #"\lbrace 1 + 1 \rbrace = 2"#,
    ]

    @Test("the prefilter lets through every formula the reader finds a pair in", arguments: closedPairs)
    func prefilterPassesPairs(tex: String) {
        let found = !ClosedArithmetic.pairs(in: tex, previousSide: "4.5369/2").pairs.isEmpty
        #expect(found)
        #expect(ClosedArithmetic.mayHoldPair(tex))
    }

    @Test(
        "the prefilter stops formulas whose every relation has a symbol on one side, or no number",
        arguments: [
            #"z_j = w_j^T x + b_j"#, #"\sum_{i=1}^{k} a_i"#, #"a_1 + a_2 = 1"#, #"x^{(1)} = 0.5"#, #"f(x = 1)"#,
            #"\sigma(z) = \frac{1}{1 + e^{-z}}"#, "a = b", #"L = -\sum_{j=1}^{k} y_j \ln a_j"#, #"J\mathbf{1} = 0"#,
            #"\operatorname{softmax}(z + c\mathbf{1}) = \operatorname{softmax}(z)"#,
        ])
    func prefilterStops(tex: String) {
        #expect(!ClosedArithmetic.mayHoldPair(tex))
        #expect(ClosedArithmetic.pairs(in: tex).pairs.isEmpty)
    }

    @Test("every pair the reader finds is computed in-process, with no compiler", arguments: closedPairs)
    func computedInProcess(tex: String) {
        let found = ClosedArithmetic.pairs(in: tex, previousSide: "4.5369/2").pairs
        #expect(found.allSatisfy { $0.values?.count == 2 }, "\(tex)")
    }

    @Test("in-process values agree with references computed apart (Python's math module, to 17 digits)")
    func inProcessValues() throws {
        // Each pair's first side; the second is the bare number.
        let references: [(String, Double)] = [
            (#"4.5369/2 = 2.26845"#, 2.26845),
            (#"-\ln 0.879 \approx 0.129"#, 0.12897038129696006),
            (#"e^{-1} + \max(0.5, 0.25) = 0.8679"#, 0.8678794411714423),
            (#"\sqrt{2} \approx 1.4142"#, 1.4142135623730951),
            (#"\frac{\exp(1)}{2} \approx 1.359"#, 1.3591409142295225),
            (#"\tanh(0.5) \approx 0.4621"#, 0.46211715726000974),
            (#"2^{10} = 1024"#, 1024),
            (#"\min(3, 1.5) \cdot 2 = 3"#, 3),
        ]
        for (tex, reference) in references {
            let pair = try #require(ClosedArithmetic.pairs(in: tex).pairs.first, "\(tex)")
            let value = try #require(pair.values?.first, "\(tex)")
            #expect(abs(value - reference) <= 1e-15 * max(1, abs(reference)), "\(tex): \(value)")
        }
    }

    @Test("a number on both sides says nothing")
    func bareOnBothSides() {
        #expect(pairs("0.5 = 0.5").isEmpty)
        #expect(pairs("1 = 1.0 = 2/2") == [["1.0", "2/2"]])
    }

    @Test(
        "what translates, and to what",
        arguments: [
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
        #expect(ClosedArithmetic.swift(tex) == swift)
    }

    @Test(
        "anything with a symbol, or TeX it does not know, is not closed",
        arguments: [
            "x + 1", "z_1", #"\sum_i e^{z_i}"#, #"\alpha"#, "a_j a_l", "1 +", "(1 + 2", #"\frac{1}"#, "",
        ])
    func notClosed(tex: String) {
        #expect(ClosedArithmetic.swift(tex) == nil)
    }

    @Test("a bare number as written keeps its digits")
    func bareNumbers() {
        #expect(ClosedArithmetic.bareNumber(" 2.26854") == "2.26854")
        #expect(ClosedArithmetic.bareNumber("{0.880}") == "0.880")
        #expect(ClosedArithmetic.bareNumber(#"88\%"#) == "88%")
        #expect(ClosedArithmetic.bareNumber("4.5369/2") == nil)
        #expect(ClosedArithmetic.bareNumber("20.0855 + 2.7183") == nil)
        #expect(ClosedArithmetic.bareNumber("1.2e-3") == "1.2e-3")
        #expect(ClosedArithmetic.bareNumber("1.2.3") == nil)
        #expect(ClosedArithmetic.bareNumber(#"\ln 2"#) == nil)
    }

    @Test("deep nesting is refused, not recursed into")
    func deepNesting() {
        let tex = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        #expect(ClosedArithmetic.swift(tex) == nil)
    }
}
