/// The byte scan behind `ClosedArithmetic.mayHoldPair(_:)`.
///
/// The formula is cut into stretches at every relation and at everything that is not plainly
/// arithmetic; each stretch remembers whether it names a symbol. A relation outside every group
/// with clean stretches on both sides may relate two closed sides; nothing else can.
struct PairPrefilter {
    let bytes: UnsafeBufferPointer<UInt8>

    /// Commands that stay inside a stretch: arithmetic the reader computes, and what only changes
    /// the look. Any other command ends the stretch.
    private static let arithmeticCommands = Words(
        FormulaTokenizer.functions.union(FormulaTokenizer.invisible).union([
            "frac", "dfrac", "tfrac", "cdot", "times", "%",
        ]))

    /// Commands whose `{…}` argument is text or a name, not math: the group ends the stretch.
    private static let textual = Words(FormulaTokenizer.textual.union(["tag", "label"]))

    /// Words that are not a symbol's name: Euler's `e` and the functions written as text (`exp`).
    private static let notSymbols = Words(FormulaTokenizer.functions.union(["e", "E"]))

    /// A few words, matched against bytes without making a string of them: formulas are many, and
    /// most of their words are one or two letters.
    struct Words {
        private let words: [[UInt8]]

        init(_ words: Set<String>) {
            self.words = words.map { Array($0.utf8) }.sorted { $0.count < $1.count }
        }

        func contains(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
            words.contains { $0.count == bytes.count && $0.elementsEqual(bytes) }
        }
    }

    private static let approx = Array("approx".utf8)

    /// Braces written as commands, which the reader groups by like parentheses.
    private static let opening = Words(["{", "lbrace"])
    private static let closing = Words(["}", "rbrace"])

    func mayHoldPair() -> Bool {
        // A closed pair has a number in it.
        guard bytes.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return false }
        var depth = 0
        var stretchIsClean = true
        /// Whether the stretch before the last relation outside every group was clean, when the
        /// current stretch directly follows that relation.
        var cleanBeforeRelation: Bool?
        var index = 0
        func endStretch(relation: Bool) -> Bool {
            if let before = cleanBeforeRelation, before && stretchIsClean { return true }
            cleanBeforeRelation = relation ? stretchIsClean : nil
            stretchIsClean = true
            return false
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "="):
                if endStretch(relation: depth == 0) { return true }
                index += 1
            case UInt8(ascii: "{"), UInt8(ascii: "("), UInt8(ascii: "["):
                depth += 1
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: "]"):
                depth = max(0, depth - 1)
                index += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"),
                UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "^"),
                UInt8(ascii: "_"):
                index += 1
            case UInt8(ascii: "."):
                // A point belongs to a number only with a digit after it (as in the tokenizer);
                // otherwise it ends an equation.
                if index + 1 < bytes.count, bytes[index + 1] >= UInt8(ascii: "0"), bytes[index + 1] <= UInt8(ascii: "9")
                {
                    index += 1
                } else {
                    if endStretch(relation: false) { return true }
                    index += 1
                }
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                let start = index
                while index < bytes.count, Self.isLetter(bytes[index]) { index += 1 }
                if !Self.notSymbols.contains(bytes[start..<index]) { stretchIsClean = false }
            case UInt8(ascii: "\\"):
                index += 1
                let start = index
                while index < bytes.count, Self.isLetter(bytes[index]) { index += 1 }
                if index == start, index < bytes.count { index += 1 }  // `\,`, `\{`, `\\`
                let name = bytes[start..<index]
                if Self.opening.contains(name) {
                    depth += 1
                } else if Self.closing.contains(name) {
                    depth = max(0, depth - 1)
                } else if name.elementsEqual(Self.approx) {
                    if endStretch(relation: depth == 0) { return true }
                } else if Self.textual.contains(name) {
                    if endStretch(relation: false) { return true }
                    index = Self.afterGroup(bytes, from: index)
                } else if !Self.arithmeticCommands.contains(name) {
                    if endStretch(relation: false) { return true }
                }
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x89 && bytes[index + 2] == 0x88:
                // ≈
                if endStretch(relation: depth == 0) { return true }
                index += 3
            default:
                // Punctuation, `&`, `<`, non-ASCII: the end of a stretch.
                if endStretch(relation: false) { return true }
                index += 1
            }
        }
        return endStretch(relation: false)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// The index after a `{…}` group that starts at `from` (past spaces), or `from` when none does.
    private static func afterGroup(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var index = from
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return from }
        var depth = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "{") { depth += 1 }
            if bytes[index] == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return index + 1 }
            }
            index += 1
        }
        return index
    }
}
