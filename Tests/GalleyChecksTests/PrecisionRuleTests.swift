import GalleyRecords
import Testing

/// The precision rule: a number written with d decimals matches when |computed − stated| ≤ ½·10^(−d).
@Suite("Precision from the written digits")
struct PrecisionRuleTests {
    private func number(_ text: String) throws -> StatedNumber {
        try #require(StatedNumber(text), "'\(text)' should read as a number")
    }

    @Test(
        "truncated, not rounded: 150.246 for 150.2466, −0.128 for −0.1289, 87% for 0.8789; not when it rounds right or is off by more"
    )
    func truncation() throws {
        #expect(try number("150.246").isTruncation(of: 150.2466))
        #expect(try number("−0.128").isTruncation(of: -0.1289))
        #expect(try number("87%").isTruncation(of: 0.8789))
        #expect(try number("1.2e-3").isTruncation(of: 0.00129))
        #expect(!(try number("150.247")).isTruncation(of: 150.2466), "it matches: no slip")
        #expect(!(try number("150.246")).isTruncation(of: 150.2476), "off by more than the cut")
        #expect(!(try number("0.128")).isTruncation(of: -0.1289), "the sign differs")
        #expect(!(try number("150.246")).isTruncation(of: 150.2454), "below the written digits is not a cut")
        #expect(!(try number("0.5")).isTruncation(of: .nan))
    }

    @Test("one off in the last digit: 0.13 for 0.1189, 0.11 for 0.1189; not 0.14 or a match")
    func oneOff() throws {
        #expect(try number("0.13").isOneOff(from: 0.1189))
        #expect(try number("0.11").isOneOff(from: 0.1189))
        #expect(!(try number("0.14")).isOneOff(from: 0.1189))
        #expect(!(try number("0.12")).isOneOff(from: 0.1189))
        #expect(try number("89%").isOneOff(from: 0.8789))
    }

    @Test("the words of a truncation: the computed value without trailing zeros, and what it rounds to")
    func truncationMessage() throws {
        #expect(
            StatedNumberMessage.truncated(try number("150.246"), 150.2466)
                == "stated 150.246, computed 150.2466: truncated, rounds to 150.247")
        #expect(
            StatedNumberMessage.truncated(try number("87%"), 0.8789)
                == "stated 87%, computed 87.89%: truncated, rounds to 88%")
    }

    @Test("two decimals allow ±0.005")
    func twoDecimals() throws {
        let stated = try number("0.88")
        #expect(stated.decimals == 2)
        #expect(stated.matches(0.8789))
        #expect(stated.matches(0.8849))
        #expect(!stated.matches(0.8851))
        #expect(!(try number("0.89")).matches(0.8789))
    }

    @Test("trailing zeros count: 0.880 claims three decimals")
    func trailingZeros() throws {
        let stated = try number("0.880")
        #expect(stated.decimals == 3)
        #expect(!stated.matches(0.8789))
        #expect(stated.matches(0.8804))
    }

    @Test("an integer claims no decimals: 0 matches 0.0022, 1 does not match 1.6 (pytest issue 9892)")
    func integers() throws {
        #expect(try number("0").matches(0.0022))
        #expect(!(try number("1")).matches(1.6))
        #expect(try number("2").matches(1.6))
        #expect(try number("23").matches(22.8536))
    }

    @Test("exactly half a unit off still matches, despite binary rounding")
    func halfUnit() throws {
        #expect(try number("0.12").matches(0.125))
        #expect(try number("0.13").matches(0.125))
        #expect(!(try number("0.12")).matches(0.1251))
    }

    @Test("percent: 88% is 0.88 at two decimals")
    func percent() throws {
        let stated = try number("88%")
        #expect(stated.isPercent)
        #expect(stated.decimals == 2)
        #expect(stated.matches(0.8789))
        #expect(!stated.matches(0.8751 - 0.01))
        #expect(try number("0.2%").matches(0.002179))
    }

    @Test("scientific notation: 1.2e-3 claims four decimals")
    func scientific() throws {
        let stated = try number("1.2e-3")
        #expect(stated.decimals == 4)
        #expect(stated.matches(0.00121))
        #expect(!stated.matches(0.0013))
        #expect(try number("2.5E2").matches(251))
        #expect(try number("1e3").decimals == -3)
    }

    @Test("signs: a leading + or -, and the Unicode minus")
    func signs() throws {
        let minus = try number("−0.12")
        #expect(minus.usesUnicodeMinus)
        #expect(minus.matches(-0.1189))
        #expect(!minus.matches(0.1189))
        #expect(try number("-0.12").matches(-0.1211))
        #expect(try number("+3").matches(3.2))
    }

    @Test("an explicit tolerance replaces the written precision")
    func explicitTolerance() throws {
        let stated = try number("0.90")
        #expect(!stated.matches(0.8789))
        #expect(stated.matches(0.8789, tolerance: 0.05))
        #expect(!stated.matches(0.8, tolerance: 0.05))
        #expect(stated.decimals(within: 0.001) == 3)
    }

    @Test("what is not a number", arguments: ["", "abc", "1.2.3", "e5", "--1", "1e", "1e-", "%", "0x10", "1,5", "NaN"])
    func notNumbers(text: String) {
        #expect(StatedNumber(text) == nil)
    }

    @Test("lists split on commas, full-width commas, 、, semicolons and spaces, brackets ignored")
    func lists() {
        #expect(StatedNumber.split("0.88，0.12，0").map(\.text) == ["0.88", "0.12", "0"])
        #expect(StatedNumber.split("0.88、0.12; 0").map(\.text) == ["0.88", "0.12", "0"])
        #expect(StatedNumber.split("(0.88, 0.12, 0.00)").map(\.text) == ["0.88", "0.12", "0.00"])
        #expect(StatedNumber.split("1 2\t3").map(\.text) == ["1", "2", "3"])
        #expect(StatedNumber.split("0.88，0.12").map(\.offset) == [0, 5])
    }

    @Test("the computed value in the author's style: decimals, percent, exponent, minus sign")
    func restyled() throws {
        #expect(try number("0.89").restyled(0.8789) == "0.88")
        #expect(try number("0.880").restyled(0.87888) == "0.879")
        #expect(try number("90%").restyled(0.8789) == "88%")
        #expect(try number("−0.13").restyled(-0.1189) == "−0.12")
        #expect(try number("-0.13").restyled(-0.1189) == "-0.12")
        #expect(try number("1.3e-3").restyled(0.00121) == "1.2e-3")
        #expect(try number("3").restyled(22.8536) == "23")
        #expect(try number("0.5").restyled(-0.0001) == "0.0")
    }

    @Test("messages name both numbers and the precision")
    func message() throws {
        #expect(
            StatedNumberMessage.mismatch(try number("0.89"), 0.8788782)
                == "stated 0.89, computed 0.8789 (0.88 at 2 decimals)")
        #expect(StatedNumberMessage.mismatch(try number("1"), 1.6) == "stated 1, computed 1.60 (2 at 0 decimals)")
    }

    @Test("digits in groups of three are one number, and a fix writes the groups back")
    func digitGroups() throws {
        #expect(try number("36,838").value == 36838)
        #expect(try number("36,838").decimals == 0)
        #expect(try number("1,234.5").value == 1234.5)
        #expect(try number("1,234.5").decimals == 1)
        #expect(try number("10\u{202F}000").value == 10000)
        #expect(try number("−1,000,000.25").value == -1_000_000.25)
        #expect(StatedNumber("36,83") == nil, "two digits after the comma: no group")
        #expect(StatedNumber("1234,567") == nil, "four digits before the first separator: no group")
        #expect(try number("36,838").restyled(36839) == "36,839")
        #expect(try number("9,999").restyled(10000) == "10,000")
        #expect(try number("10\u{202F}000.5").restyled(999.46) == "999.5")
        #expect(try number("−1,000.5").restyled(-12345.25) == "−12,345.3")
        #expect(StatedNumber.split("36,838").map(\.text) == ["36,838"])
        #expect(StatedNumber.split("(1,234.5, 0.5)").map(\.text) == ["1,234.5", "0.5"])
        #expect(StatedNumber.split("0.88,0.12").map(\.text) == ["0.88", "0.12"], "after a point: two numbers")
        #expect(StatedNumber.split("1,2").map(\.text) == ["1", "2"], "one digit after the comma: two numbers")
        #expect(StatedNumber.split("1 000").map(\.text) == ["1", "000"], "a plain space splits by default")
        #expect(StatedNumber.split("1 000", groups: .prose(spaces: true)).map(\.text) == ["1 000"])
    }
}
