public import GalleyDiagnostics
public import GalleyFormulas

/// The places where a chapter's prose asks for the value of a Swift expression, in source order:
/// stated numbers (`[0.88](=a[0])`) and inline values (`` `{swift} loss` ``).
///
/// A site's position in this list is its id: the evaluator computes values by id, and the checker
/// and the renderers look them up by the same ids, so this walk is the one place that decides them.
public enum ExpressionSite: Sendable, Equatable {
    case statedNumbers(StatedNumbersLink)
    case inlineValue(InlineValue)
    /// Two neighbouring sides of `=` or `\approx` in a formula, both closed arithmetic.
    case arithmetic(ArithmeticPair)
    /// A formula followed by a check comment: every pair of sides, for every value of the free
    /// indices.
    case formula(CheckedFormula)

    public var expression: String {
        switch self {
        case .statedNumbers(let link): link.expression
        case .inlineValue(let value): value.expression
        case .arithmetic(let pair): pair.expression
        case .formula(let formula): formula.check.swift
        }
    }

    /// Where the expression starts in the Markdown file.
    public var expressionLocation: SourceLocation {
        switch self {
        case .statedNumbers(let link): link.expressionLocation
        case .inlineValue(let value): value.expressionLocation
        case .arithmetic(let pair): pair.location
        case .formula(let formula): formula.location
        }
    }

    /// The bytes of the whole link or code span, which identify the site (empty for formulas).
    public var byteRange: Range<Int> {
        switch self {
        case .statedNumbers(let link): link.byteRange
        case .inlineValue(let value): value.byteRange
        case .arithmetic, .formula: 0..<0
        }
    }

    /// Every site of a document, in source order (found once, when the document was parsed).
    public static func all(in document: Document) -> [ExpressionSite] {
        document.expressionSites
    }

    /// The closed-arithmetic pairs of a formula's sides.
    static func pairs(_ sides: [String], at location: SourceLocation) -> [ExpressionSite] {
        guard sides.count > 1 else { return [] }
        return zip(sides, sides.dropFirst()).compactMap { left, right in
            ArithmeticPair(left: left, right: right, location: location).map { .arithmetic($0) }
        }
    }
}

/// A formula with a check comment, translated into Swift.
public struct CheckedFormula: Sendable, Equatable {
    public var check: FormulaCheck
    /// Where the formula starts.
    public var location: SourceLocation
}

/// Two sides of a formula that hold only numbers and functions of numbers, to be computed by Swift
/// and compared: `4.5369/2 = 2.26845`, `-\ln 0.879 \approx 0.129`.
public struct ArithmeticPair: Sendable, Equatable {
    public var leftTeX: String
    public var rightTeX: String
    /// The Swift expression `[left, right]`.
    public var expression: String
    /// Where the formula starts.
    public var location: SourceLocation

    init?(left: String, right: String, location: SourceLocation) {
        let left = Self.trimmed(left)
        let right = Self.trimmed(right)
        guard !left.isEmpty, !right.isEmpty, LaTeXArithmetic.mightBeClosed(left), LaTeXArithmetic.mightBeClosed(right),
            let leftSwift = LaTeXArithmetic.swift(left), let rightSwift = LaTeXArithmetic.swift(right)
        else { return nil }
        // A side that is one number on both sides says nothing (`1 = 1`); neither does `0.5 = 0.5`.
        if LaTeXArithmetic.bareNumber(left) != nil && LaTeXArithmetic.bareNumber(right) != nil { return nil }
        self.leftTeX = left
        self.rightTeX = right
        self.expression = "[\(leftSwift), \(rightSwift)]"
        self.location = location
    }

    /// The side that is a number as written, if one is: its precision decides the comparison.
    public var writtenSide: (tex: String, isRight: Bool)? {
        if let number = LaTeXArithmetic.bareNumber(rightTeX) { return (number, true) }
        if let number = LaTeXArithmetic.bareNumber(leftTeX) { return (number, false) }
        return nil
    }

    static func trimmed(_ tex: String) -> String {
        var text = Substring(tex)
        while let last = text.last, last == " " || last == "\n" || last == "," || last == "." || last == "，" || last == "。" {
            text.removeLast()
        }
        while let first = text.first, first == " " || first == "\n" { text.removeFirst() }
        return String(text)
    }

    /// The formula without `\tag{…}`, which names it and is not part of it. Works on the UTF-8
    /// bytes: most display formulas carry a tag, and this runs for each.
    static func withoutTags(_ tex: String) -> String {
        let tag = Array("\\tag{".utf8)
        var bytes = Array(tex.utf8)
        guard var start = firstIndex(of: tag, in: bytes, from: 0) else { return tex }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var copied = 0
        while true {
            result += bytes[copied..<start]
            var index = start + tag.count
            var depth = 1
            while index < bytes.count, depth > 0 {
                if bytes[index] == UInt8(ascii: "{") { depth += 1 } else if bytes[index] == UInt8(ascii: "}") { depth -= 1 }
                index += 1
            }
            copied = index
            guard let next = firstIndex(of: tag, in: bytes, from: copied) else { break }
            start = next
        }
        result += bytes[copied...]
        bytes = result
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
