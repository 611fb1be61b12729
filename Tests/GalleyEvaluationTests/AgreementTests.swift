import GalleyRecords
import Testing

/// The one rule for two computed values being the same number (`expect(_:equals:)`, closed
/// arithmetic, checked formulas): absolute below 1, relative above; an infinity agrees only with
/// itself, NaN with nothing.
@Suite("When two computed values agree")
struct AgreementTests {
    @Test("absolute near zero, relative for large values")
    func scale() {
        #expect(Agreement.holds(0, 5e-10))
        #expect(!Agreement.holds(0, 2e-9))
        #expect(Agreement.holds(1e12, 1e12 + 900))
        #expect(!Agreement.holds(1e12, 1e12 + 1100))
        #expect(Agreement.holds(-3e5, -3e5 * (1 + 5e-10)))
        #expect(!Agreement.holds(1, -1))
    }

    @Test("zero and minus zero agree, an infinity only with itself; NaN with nothing, itself included")
    func specialValues() {
        #expect(Agreement.holds(0.0, -0.0))
        #expect(!Agreement.holds(.nan, .nan))
        #expect(!Agreement.holds(.nan, 0))
        #expect(Agreement.holds(.infinity, .infinity))
        #expect(!Agreement.holds(-.infinity, .infinity))
        #expect(!Agreement.holds(.greatestFiniteMagnitude, .infinity))
        #expect(Agreement.holds(.greatestFiniteMagnitude, .greatestFiniteMagnitude))
    }

    @Test("a derivative is held to six digits, a computed value to nine")
    func tolerances() {
        #expect(Agreement.holds(0.1065, 0.1065 + 5e-8, within: Agreement.derivative))
        #expect(!Agreement.holds(0.1065, 0.1065 + 5e-8))
        #expect(!Agreement.holds(0.1065, 0.1065 + 2e-6, within: Agreement.derivative))
    }
}

/// Text written into generated Swift as a string literal: nothing in it can end the literal or
/// break the line.
@Suite("Swift string literals Galley generates")
struct SwiftLiteralTests {
    @Test("quotes, backslashes and control characters are escaped; everything else is kept")
    func escaping() {
        #expect(SwiftLiteral.string("Chapters/01-a.md") == "\"Chapters/01-a.md\"")
        #expect(SwiftLiteral.string("a\"b\\c") == "\"a\\\"b\\\\c\"")
        #expect(SwiftLiteral.string("line\nbreak\ttab\r\u{7F}") == "\"line\\u{a}break\\u{9}tab\\u{d}\\u{7f}\"")
        #expect(SwiftLiteral.string("第一章 α") == "\"第一章 α\"")
        #expect(SwiftLiteral.escaped("\"") == "\\\"")
    }
}
