public import GalleyDiagnostics

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

    public var expression: String {
        switch self {
        case .statedNumbers(let link): link.expression
        case .inlineValue(let value): value.expression
        case .arithmetic(let pair): pair.expression
        }
    }

    /// Where the expression starts in the Markdown file.
    public var expressionLocation: SourceLocation {
        switch self {
        case .statedNumbers(let link): link.expressionLocation
        case .inlineValue(let value): value.expressionLocation
        case .arithmetic(let pair): pair.location
        }
    }

    /// The bytes of the whole link or code span, which identify the site (empty for formulas).
    public var byteRange: Range<Int> {
        switch self {
        case .statedNumbers(let link): link.byteRange
        case .inlineValue(let value): value.byteRange
        case .arithmetic: 0..<0
        }
    }

    /// Every site of a document, in source order.
    public static func all(in document: Document) -> [ExpressionSite] {
        guard document.containsExpressionSites else { return [] }
        struct Collector: MarkupWalker {
            var sites: [ExpressionSite] = []
            /// The last side of the display formula before, which a formula starting with `=`
            /// continues.
            var previousLastSide: String?

            mutating func visit(_ block: Block) {
                if case .displayMath(let math) = block {
                    var sides = LaTeXArithmetic.sides(ArithmeticPair.withoutTags(math.tex))
                    if let first = sides.first, first.allSatisfy({ $0 == " " || $0 == "\n" }), sides.count > 1,
                        let previous = previousLastSide
                    {
                        sides[0] = previous
                    }
                    previousLastSide = sides.last
                    add(sides, at: math.range.lowerBound)
                }
                descend(into: block)
            }

            mutating func visit(_ inline: Inline) {
                switch inline {
                case .statedNumbers(let link): sites.append(.statedNumbers(link))
                case .inlineValue(let value): sites.append(.inlineValue(value))
                case .math(let math): add(LaTeXArithmetic.sides(ArithmeticPair.withoutTags(math.tex)), at: math.location)
                default: descend(into: inline)
                }
            }

            private mutating func add(_ sides: [String], at location: SourceLocation) {
                guard sides.count > 1 else { return }
                for (left, right) in zip(sides, sides.dropFirst()) {
                    if let pair = ArithmeticPair(left: left, right: right, location: location) {
                        sites.append(.arithmetic(pair))
                    }
                }
            }
        }
        var collector = Collector()
        collector.walk(document)
        return collector.sites
    }
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
        guard !left.isEmpty, !right.isEmpty,
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

    /// The formula without `\tag{…}`, which names it and is not part of it.
    static func withoutTags(_ tex: String) -> String {
        var result = ""
        var scalars = Array(tex.unicodeScalars)[...]
        while !scalars.isEmpty {
            if String(String.UnicodeScalarView(scalars.prefix(5))) == "\\tag{" {
                scalars.removeFirst(5)
                var depth = 1
                while let scalar = scalars.first, depth > 0 {
                    if scalar == "{" { depth += 1 } else if scalar == "}" { depth -= 1 }
                    scalars.removeFirst()
                }
                continue
            }
            result.unicodeScalars.append(scalars.removeFirst())
        }
        return result
    }
}
