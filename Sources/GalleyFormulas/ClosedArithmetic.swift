/// Sides of a formula that hold only numbers and functions of numbers (`4.5369/2`,
/// `-\ln 0.879`), translated into Swift by the checked-formula parser and translator. Such sides
/// are checked in every formula, without a check comment.
public enum ClosedArithmetic {
    /// The Swift expression for a side, or nil when the side names a symbol or holds TeX the
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

    /// The number a side is, when it is nothing but one number as written (`0.123`, `-2.5`,
    /// `88%`, `1.2e-3`): a sign, digits with at most one point, an exponent, a percent sign.
    public static func bareNumber(_ tex: String) -> String? {
        let text = String(tex.split(separator: "\\,").joined().split(separator: "\\").joined())
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
