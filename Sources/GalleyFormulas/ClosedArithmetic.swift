import GalleyRecords

/// Sides of a formula that hold only numbers and functions of numbers (`4.5369/2`,
/// `-\ln 0.879`), translated into Swift by the checked-formula parser and translator. Such sides
/// are checked in every formula, without a check comment.
public enum ClosedArithmetic {
    /// Two neighbouring sides of `=` or `\approx` that are both closed arithmetic, to be computed
    /// and compared: `4.5369/2 = 2.26845`, `-\ln 0.879 \approx 0.129`.
    public struct Pair: Equatable, Sendable {
        public var leftTeX: String
        public var rightTeX: String
        /// The Swift expression `[left, right]`, for a pair the compiler must compute; empty when
        /// `values` holds both sides already.
        public var swift: String
        /// Both sides, left and right, computed in-process (`ArithmeticEvaluator`); nil when a
        /// side needs the compiler, which then computes `swift`.
        public var values: [Double]?

        /// The side that is a number as written, if one is: its precision decides the comparison.
        public var writtenSide: (tex: String, isRight: Bool)? {
            if let number = bareNumber(rightTeX) { return (number, true) }
            if let number = bareNumber(leftTeX) { return (number, false) }
            return nil
        }
    }

    /// The closed-arithmetic pairs of a formula, read by the checked-formula parser, and the
    /// formula's last side as written, which a next formula starting with `=` continues.
    ///
    /// - Parameter previousSide: the last side of the display formula before; used when this one
    ///   starts with `=` (`$$= 2.26845$$` after `$$\ln x = 4.5369/2$$`).
    public static func pairs(in tex: String, previousSide: String? = nil) -> (pairs: [Pair], lastSide: String?) {
        var tex = tex
        if let previousSide, tex.trimmingCharacters(in: " \n\t").hasPrefix("=") { tex = previousSide + " " + tex }
        let (equations, lastSide) = FormulaSides.closedSides(tex)
        var pairs: [Pair] = []
        var translator = FormulaTranslator(comment: CheckComment(bindings: [], text: ""))
        for sides in equations {
            for (left, right) in zip(sides, sides.dropFirst()) {
                guard let left, let right else { continue }
                // A number on both sides says nothing (`1 = 1`, `0.5 = 0.5`).
                if bareNumber(left.tex) != nil && bareNumber(right.tex) != nil { continue }
                // Computed in-process when it can be; written in Swift for the compiler only when not.
                if let leftValue = ArithmeticEvaluator.value(left.node),
                    let rightValue = ArithmeticEvaluator.value(right.node)
                {
                    var pair = Pair(leftTeX: left.tex, rightTeX: right.tex, swift: "")
                    pair.values = [leftValue, rightValue]
                    pairs.append(pair)
                    continue
                }
                guard let leftSwift = try? translator.swift(left.node),
                    let rightSwift = try? translator.swift(right.node)
                else { continue }
                pairs.append(Pair(leftTeX: left.tex, rightTeX: right.tex, swift: "[\(leftSwift), \(rightSwift)]"))
            }
        }
        return (pairs, lastSide)
    }

    /// The one cheap look before the reader: whether a formula may relate two closed-arithmetic
    /// sides. It reads bytes only, and errs only towards yes: some `=` (or `\approx`, `≈`) outside
    /// every group has on each side a stretch with no symbol's letter — a letter that is not part of
    /// a command, Euler's `e` or a function's name (`exp`). A stretch ends at anything that is not
    /// plainly arithmetic (a comma, `&`, a command the reader does not compute, text, `\tag{…}`),
    /// so it is never longer than the side the reader would find. Most formulas of a chapter end
    /// here: `z_j = w_j^T x + b_j`, `\sum_{i=1}^{k} a_i`.
    public static func mayHoldPair(_ tex: String) -> Bool {
        var tex = tex
        return tex.withUTF8 { bytes in PairPrefilter(bytes: bytes).mayHoldPair() }
    }

    /// The sides of a formula that are a bare number as written (`L = 0.129` has `0.129`), read by
    /// the same reader: what a formula states without computing it.
    public static func numberSides(in tex: String) -> [String] {
        FormulaSides.numberSides(tex)
    }

    /// How many relations (`=`, `\approx`) between two sides a formula states, as the parser
    /// reads it: `a = b = c, \quad d \approx e` states three.
    public static func relationCount(in tex: String) -> Int {
        FormulaSides.closedSides(tex).equations.reduce(0) { $0 + max($1.count - 1, 0) }
    }

    /// The Swift expression for one side, or nil when the side names a symbol or holds TeX the
    /// parser does not read.
    public static func swift(_ tex: String) -> String? {
        guard let node = try? FormulaParser.parseSide(tex), isClosed(node) else { return nil }
        var translator = FormulaTranslator(comment: CheckComment(bindings: [], text: ""))
        return try? translator.swift(node)
    }

    /// Numbers, operations and functions of them; no symbol, index, sum or derivative.
    static func isClosed(_ node: FormulaNode) -> Bool {
        switch node {
        case .number, .negate, .binary, .power, .function: node.children.allSatisfy(isClosed)
        default: false
        }
    }

    /// The numbers a side (or a formula without a relation) is, when it is nothing but numbers as
    /// written: one bare number (`0.88`), or a vector or tuple of them — `[0.1, 0.6, 0.3]`,
    /// `(0.88, 0.12)`, `\left(0.2; 0.8\right)`, `\begin{bmatrix}0.1 & 0.9\end{bmatrix}`. Digit
    /// groups join first (`(1{,}000, 2.5)` is two numbers).
    public static func writtenNumbers(_ tex: String) -> [String]? {
        if let number = bareNumber(tex) { return [number] }
        // Only brackets, separators, numbers and the commands of `listCommands`: a look at the
        // bytes before any copying, which ends most formulas at their first letter.
        var tex = tex
        guard tex.withUTF8(mayBeNumberList) else { return nil }
        var text = DigitGroups.math.joined(tex)
        if text.contains("\\") {
            // A matrix's rows read as one list, row by row.
            text = text.replacingOccurrences(of: "\\\\", with: "&")
            for command in listCommands { text = text.replacingOccurrences(of: command, with: " ") }
        }
        var inner = Substring(text.trimmingSpaces)
        let pairs: [(Character, Character)] = [("(", ")"), ("[", "]")]
        if let (open, close) = pairs.first(where: { inner.first == $0.0 && inner.last == $0.1 }) {
            inner = inner.dropFirst().dropLast()
            guard !inner.contains(open), !inner.contains(close) else { return nil }
        }
        let pieces = inner.split(whereSeparator: { ",;&".contains($0) }).map(String.init)
        guard pieces.count >= 2 else { return nil }
        let numbers = pieces.compactMap(bareNumber)
        return numbers.count == pieces.count ? numbers : nil
    }

    /// Whether TeX can be a written vector: no byte but digits, separators, brackets, signs,
    /// spaces, an exponent's `e` and the commands `listCommands` takes out (a matrix environment's
    /// name included). Errs only towards yes.
    private static func mayBeNumberList(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        var sawSeparator = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: " "), UInt8(ascii: "\n"),
                UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                UInt8(ascii: "}"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "%"), UInt8(ascii: "~"),
                UInt8(ascii: "e"), UInt8(ascii: "E"), 0xE2, 0x88, 0x92:
                continue
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "&"):
                sawSeparator = true
            case UInt8(ascii: "\\"):
                // A command: its letters must name one a vector may use; `\,` `\;` `\\` `\ ` pass.
                let start = index
                while index < bytes.count, (bytes[index] | 0x20) >= UInt8(ascii: "a"),
                    (bytes[index] | 0x20) <= UInt8(ascii: "z")
                {
                    index += 1
                }
                if index == start {
                    index += 1
                    continue
                }
                let name = String(decoding: bytes[start..<index], as: UTF8.self)
                guard listCommandNames.contains(name) else { return false }
                if name == "begin" || name == "end" {
                    // The environment's name, in braces: a matrix.
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "{"),
                        let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")),
                        matrixEnvironments.contains(String(decoding: bytes[(index + 1)..<close], as: UTF8.self))
                    else { return false }
                    index = close + 1
                }
            default:
                return false
            }
        }
        return sawSeparator
    }

    private static let listCommandNames: Set<String> = [
        "left", "right", "bigl", "bigr", "Bigl", "Bigr", "big", "Big", "begin", "end", "quad",
    ]
    private static let matrixEnvironments: Set<String> = ["bmatrix", "pmatrix", "matrix"]

    /// What may stand around or between the numbers of a written vector and means nothing more.
    private static let listCommands = [
        "\\begin{bmatrix}", "\\end{bmatrix}", "\\begin{pmatrix}", "\\end{pmatrix}", "\\begin{matrix}",
        "\\end{matrix}", "\\left", "\\right", "\\bigl", "\\bigr", "\\Bigl", "\\Bigr", "\\big", "\\Big",
        "\\quad", "\\,", "\\;",
    ]

    /// The number a side is, when it is nothing but one number as written (`0.123`, `-2.5`,
    /// `88%`, `1.2e-3`, `36{,}838`): a sign, digits (in groups of three, if the author grouped
    /// them; `DigitGroups`) with at most one point, an exponent, a percent sign.
    public static func bareNumber(_ tex: String) -> String? {
        // Most sides are not numbers: a look at their characters first, before any copying.
        for scalar in tex.unicodeScalars {
            switch scalar {
            case "0"..."9", ".", "-", "+", "\u{2212}", "%", "e", "E", " ", "{", "}", "\\", ",", "~", "\n": continue
            default: return nil
            }
        }
        // Digit groups first (`36{,}838`, `4\,000`, `4~000`): then thin spaces and braces go.
        let text = String(DigitGroups.math.joined(tex).split(separator: "\\,").joined().split(separator: "\\").joined())
            .filter { $0 != " " && $0 != "{" && $0 != "}" && $0 != "\n" }
        var characters = Substring(text)
        if let first = characters.first, first == "-" || first == "−" || first == "+" { characters.removeFirst() }
        if characters.last == "%" { characters.removeLast() }
        var mantissa = characters
        var exponent: Substring?
        if let e = characters.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = characters[..<e]
            exponent = characters[characters.index(after: e)...]
        }
        let isDigit = { (character: Character) in character.isASCII && character.isNumber }
        guard mantissa.contains(where: isDigit), mantissa.allSatisfy({ isDigit($0) || $0 == "." }),
            mantissa.filter({ $0 == "." }).count <= 1
        else { return nil }
        if var exponent {
            if let sign = exponent.first, sign == "-" || sign == "+" || sign == "−" { exponent.removeFirst() }
            guard !exponent.isEmpty, exponent.allSatisfy(isDigit) else { return nil }
        }
        return text
    }
}
