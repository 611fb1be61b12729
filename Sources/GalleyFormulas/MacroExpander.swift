/// The book's KaTeX macros (`book.json`'s `"macros"`), expanded in a formula's TeX before Galley
/// reads it for checking, so that a checked formula means what the page shows: `\R` becomes
/// `\mathbb{R}`, `\vec{v}` with `\vec` → `\mathbf{#1}` becomes `\mathbf{v}`.
///
/// It does what KaTeX does with such macros — a control sequence replaced by its definition, its
/// arguments (`#1`…`#9`, each a brace group or one token) put in — and no more: no `\def` inside
/// formulas, no optional arguments. Expansion stops after `limit` replacements, as KaTeX stops
/// after `maxExpand`, so a macro that expands forever cannot hang the reader.
public struct MacroExpander: Sendable {
    public let macros: [String: String]
    public static let limit = 1000

    public init(macros: [String: String]) {
        self.macros = macros
    }

    /// The TeX with every macro expanded; the TeX itself when there are none.
    public func expand(_ tex: String) -> String {
        guard !macros.isEmpty, tex.contains("\\") else { return tex }
        var text = Array(tex.unicodeScalars)
        var expansions = 0
        var index = 0
        while index < text.count {
            guard text[index] == "\\", index + 1 < text.count else {
                index += 1
                continue
            }
            let nameEnd = Self.controlSequenceEnd(text, from: index)
            let name = String(String.UnicodeScalarView(text[index..<nameEnd]))
            guard let definition = macros[name], expansions < Self.limit else {
                index = nameEnd
                continue
            }
            expansions += 1
            var arguments: [[Unicode.Scalar]] = []
            var end = nameEnd
            for _ in 0..<Self.argumentCount(definition) {
                let (argument, next) = Self.argument(text, from: end)
                arguments.append(argument)
                end = next
            }
            let replacement = Self.substitute(Array(definition.unicodeScalars), arguments)
            text.replaceSubrange(index..<end, with: replacement)
            // The replacement is read again: macros may use macros.
        }
        return String(String.UnicodeScalarView(text))
    }

    /// Where the control sequence starting at `start` (a backslash) ends: after its letters, or
    /// after the one character that follows the backslash.
    private static func controlSequenceEnd(_ text: [Unicode.Scalar], from start: Int) -> Int {
        var end = start + 1
        guard end < text.count else { return end }
        guard isLetter(text[end]) else { return end + 1 }
        while end < text.count, isLetter(text[end]) { end += 1 }
        return end
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A
    }

    /// The highest `#n` a definition uses.
    private static func argumentCount(_ definition: String) -> Int {
        var count = 0
        let scalars = Array(definition.unicodeScalars)
        for index in scalars.indices.dropLast() where scalars[index] == "#" {
            let value = Int(scalars[index + 1].value) - 0x30
            if value >= 1 && value <= 9 { count = max(count, value) }
        }
        return count
    }

    /// One argument after spaces: a brace group's content, or one token.
    private static func argument(_ text: [Unicode.Scalar], from start: Int) -> ([Unicode.Scalar], Int) {
        var index = start
        while index < text.count, text[index] == " " { index += 1 }
        guard index < text.count else { return ([], index) }
        if text[index] == "{" {
            var depth = 0
            var end = index
            while end < text.count {
                if text[end] == "\\" {
                    end += 2
                    continue
                }
                if text[end] == "{" { depth += 1 }
                if text[end] == "}" {
                    depth -= 1
                    if depth == 0 { return (Array(text[(index + 1)..<end]), end + 1) }
                }
                end += 1
            }
            return (Array(text[(index + 1)...]), text.count)
        }
        if text[index] == "\\" {
            let end = controlSequenceEnd(text, from: index)
            return (Array(text[index..<end]), end)
        }
        return ([text[index]], index + 1)
    }

    private static func substitute(_ definition: [Unicode.Scalar], _ arguments: [[Unicode.Scalar]]) -> [Unicode.Scalar]
    {
        var result: [Unicode.Scalar] = []
        var index = 0
        while index < definition.count {
            if definition[index] == "#", index + 1 < definition.count {
                let value = Int(definition[index + 1].value) - 0x30
                if value >= 1 && value <= arguments.count {
                    result += arguments[value - 1]
                    index += 2
                    continue
                }
            }
            result.append(definition[index])
            index += 1
        }
        return result
    }
}
