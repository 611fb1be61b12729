import GalleyDiagnostics
public import GalleyFormulas
public import GalleyMarkdown
public import GalleyRecords

/// Finds the claims in a chapter's prose: the text of paragraphs, list items, table cells and
/// block quotes, emphasis and link texts included. Not headings, code blocks, code spans, link
/// destinations, raw HTML (so no HTML comment), stated-number links (already bound) or inline
/// values (computed).
///
/// A claim's position is its text node's start plus its offset in the text; a text that holds a
/// backslash escape or an entity before the number is shorter than its source, and the column is
/// off by as much. Its bytes come from where the parser placed the text's characters
/// (`Inline.textBytes`), so they are exact.
public enum ClaimFinder {
    /// - Parameter digitGroups: what may separate the digit groups of a number in this book's
    ///   prose (`DigitGroups.prose(spaces:)`).
    public static func claims(in document: Document, digitGroups: DigitGroups = .prose(spaces: false)) -> [Claim] {
        prose(of: document, digitGroups: digitGroups).claims
    }

    /// The claims of a document's prose and its equation references (`@eq-softmax`), found in one
    /// walk.
    public static func prose(of document: Document, digitGroups: DigitGroups = .prose(spaces: false)) -> (
        claims: [Claim], references: [EquationReference]
    ) {
        var walker = Walker(digitGroups: digitGroups)
        walker.walk(document)
        return (walker.claims, walker.references)
    }

    /// The claims formulas make: a side written as numbers alone, one with a point, a percent sign
    /// or an exponent among them (`L = 0.129`, `p = [0.1, 0.6, 0.3]`), in a formula whose sides are
    /// not already checked — neither a checked formula nor a closed-arithmetic pair
    /// (`4.5369/2 = 2.26845` is checked); and a formula without a relation that is such numbers
    /// alone: a vector or tuple written by itself (`$[0.1, 0.6, 0.3]$`, `$(0.88, 0.12)$`). Whole
    /// numbers alone are no claim. Each claim's range is its formula's start. The not-a-claim mark right after the formula marks all of its
    /// numbers.
    ///
    /// - Parameter sites: the chapter's expression sites (`ChapterSemantics.read`), which say what
    ///   is checked.
    ///   - macros: the book's macros, expanded before a formula is read, as the sites were read.
    public static func mathClaims(
        in document: Document, sites: [ExpressionSite], macros: MacroExpander = MacroExpander(macros: [:])
    ) -> [Claim] {
        var checkedFormulas: Set<SourceLocation> = []
        var pairSides: [SourceLocation: Set<String>] = [:]
        for site in sites {
            switch site {
            case .formula(let formula): checkedFormulas.insert(formula.location)
            case .arithmetic(let pair):
                pairSides[pair.location, default: []].formUnion([pair.pair.leftTeX, pair.pair.rightTeX])
            default: break
            }
        }
        var claims: [Claim] = []
        for node in document.expressionNodes {
            let (tex, location, comment): (String, SourceLocation, String?)
            switch node {
            case .displayMath(let math):
                (tex, location, comment) = (macros.expand(math.tex), math.range.lowerBound, math.commentAfter)
            case .inlineMath(let math):
                (tex, location, comment) = (macros.expand(math.tex), math.location, math.commentAfter)
            case .statedNumbers, .inlineValue: continue
            }
            guard !checkedFormulas.contains(location), !isMark(comment) else { continue }
            // Sides of equations, or a formula that is numbers alone (`[0.1, 0.6, 0.3]`).
            let sides: [String]
            if Self.mayStateANumber(tex) {
                sides = ClosedArithmetic.numberSides(in: tex).filter { !(pairSides[location]?.contains($0) ?? false) }
            } else if ClaimScanner.mayHoldClaim(tex) {
                sides = [tex]
            } else {
                continue
            }
            for side in sides {
                guard let written = ClosedArithmetic.writtenNumbers(side),
                    written.contains(where: { $0.contains(where: { ".%eE".contains($0) }) })
                else { continue }
                let numbers = written.compactMap(StatedNumber.init)
                guard numbers.count == written.count else { continue }
                claims.append(
                    Claim(
                        text: String(
                            side.drop { $0 == " " || $0 == "\n" }.reversed().drop { $0 == " " || $0 == "\n" }.reversed()
                        ), numbers: numbers,
                        range: location..<location, inMath: true))
            }
        }
        return claims
    }

    /// A look at the bytes before the reader: a formula can state a number as a side only if a
    /// relation (`=`, `\approx`, `≈`) has, next to it, a number with a point, a percent sign or an
    /// exponent. Errs only towards yes; most formulas (a tag's `7.2` far from any relation
    /// included) end here.
    static func mayStateANumber(_ tex: String) -> Bool {
        var tex = tex
        return tex.withUTF8 { mayStateANumber(bytes: $0) }
    }

    private static func mayStateANumber(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            var relationEnd = -1
            if byte == UInt8(ascii: "=") {
                relationEnd = index + 1
            } else if byte == UInt8(ascii: "\\"), index + 7 <= count, bytes[index + 1] == UInt8(ascii: "a"),
                bytes[index + 2] == UInt8(ascii: "p"), bytes[index + 3] == UInt8(ascii: "p"),
                bytes[index + 4] == UInt8(ascii: "r"), bytes[index + 5] == UInt8(ascii: "o"),
                bytes[index + 6] == UInt8(ascii: "x")
            {
                relationEnd = index + 7
            } else if byte == 0xE2, index + 3 <= count, bytes[index + 1] == 0x89, bytes[index + 2] == 0x88 {
                relationEnd = index + 3
            }
            if relationEnd >= 0 {
                if decimalFollows(bytes, from: relationEnd) || decimalPrecedes(bytes, before: index) { return true }
                index = relationEnd
            } else {
                index += 1
            }
        }
        return false
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// After a relation: spaces, braces and brackets, a sign, digits, then a point, an exponent or
    /// a percent.
    private static func decimalFollows(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var index = start
        while index < bytes.count,
            bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "\n")
                || bytes[index] == UInt8(ascii: "[") || bytes[index] == UInt8(ascii: "(")
                || bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")
                || bytes[index] == 0xE2 || bytes[index] == 0x88 || bytes[index] == 0x92
        {
            index += 1
        }
        let digits = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        guard index > digits, index < bytes.count else { return false }
        let next = bytes[index]
        return next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E")
            || next == UInt8(ascii: "%") || next == UInt8(ascii: "\\") || next == UInt8(ascii: ",")
    }

    /// Before a relation: spaces, braces and brackets, then digits that a point, a percent sign or
    /// an exponent belongs to.
    private static func decimalPrecedes(_ bytes: UnsafeBufferPointer<UInt8>, before end: Int) -> Bool {
        var index = end - 1
        while index >= 0,
            bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "}") || bytes[index] == UInt8(ascii: "]")
                || bytes[index] == UInt8(ascii: ")")
        {
            index -= 1
        }
        var sawDigit = false
        var sawMark = false
        while index >= 0 {
            let byte = bytes[index]
            if isDigit(byte) {
                sawDigit = true
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "e")
                || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "\\")
                || byte == UInt8(ascii: ",")
            {
                sawMark = sawMark || byte != UInt8(ascii: "-")
            } else {
                break
            }
            index -= 1
        }
        return sawDigit && sawMark
    }

    /// What an author writes right after a number that is not a claim — a version, a date, a
    /// price: `Python 3.12<!-- not a claim -->`. GitHub shows nothing of it; `grep "not a claim"`
    /// finds every one.
    public static let notAClaimMark = "not a claim"

    private struct Walker: MarkupWalker {
        let digitGroups: DigitGroups
        var claims: [Claim] = []
        var references: [EquationReference] = []
        /// The tables met so far, and the cell being read.
        var tables = 0
        var cell: Claim.Cell?

        mutating func visit(_ block: Block) {
            switch block {
            case .heading:
                return
            case .paragraph(let paragraph):
                scan(paragraph.content)
            case .table(let table):
                for (row, cells) in table.allRows.enumerated() {
                    for (column, content) in cells.cells.enumerated() {
                        cell = Claim.Cell(table: tables, row: row, column: column)
                        scan(content.content)
                    }
                }
                cell = nil
                tables += 1
            default:
                descend(into: block)
            }
        }

        /// The claims of a run of inlines; a text's last claim is dropped when the mark follows it.
        private mutating func scan(_ inlines: [Inline], inLink: Bool = false) {
            for index in inlines.indices {
                switch inlines[index].kind {
                case .text(let text):
                    let start = inlines[index].range.lowerBound
                    let bytes = inlines[index].textBytes
                    references += EquationReferences.references(in: text, at: start, bytes: bytes)
                    // Most texts hold no claim: they are passed over on a look at their bytes.
                    guard ClaimScanner.mayHoldClaim(text) else { continue }
                    var found = ClaimScanner.claims(in: text, at: start, bytes: bytes, digitGroups: digitGroups)
                    if let last = found.last, index + 1 < inlines.count, ClaimFinder.isMark(inlines[index + 1]),
                        ClaimScanner.endsWithClaim(text, claim: last, textStart: start)
                    {
                        found.removeLast()
                    }
                    for index in found.indices {
                        found[index].inLink = inLink
                        found[index].cell = cell
                    }
                    if !found.isEmpty { claims += found }
                case .emphasis(let children), .strong(let children), .strikethrough(let children):
                    scan(children, inLink: inLink)
                case .link(let link):
                    scan(link.content, inLink: true)
                default:
                    break
                }
            }
        }
    }

    /// Whether an inline is the not-a-claim comment.
    static func isMark(_ inline: Inline) -> Bool {
        guard case .html(let html) = inline.kind else { return false }
        return isMark(html.literal)
    }

    /// Whether raw HTML is the not-a-claim comment: after a formula, it marks the formula's
    /// numbers.
    static func isMark(_ html: String?) -> Bool {
        guard var html = html?[...], html.hasPrefix("<!--") else { return false }
        while html.last == "\n" || html.last == "\r" || html.last == " " { html.removeLast() }
        guard html.hasSuffix("-->") else { return false }
        return html.dropFirst(4).dropLast(3).trimmingSpaces == notAClaimMark
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}

/// Reads the numbers of one text as claims.
enum ClaimScanner {
    /// Whether `claim`, found in `text`, is its last word: only spaces follow it.
    static func endsWithClaim(_ text: String, claim: Claim, textStart: SourceLocation) -> Bool {
        let offset = claim.range.upperBound.column - textStart.column
        return text.unicodeScalars.dropFirst(offset).allSatisfy { $0 == " " }
    }

    /// The claims in `text`, whose first character stands at `start` and whose characters stand
    /// in the source where `bytes` says.
    static func claims(
        in text: String, at start: SourceLocation, bytes: TextBytes, digitGroups: DigitGroups = .prose(spaces: false)
    ) -> [Claim] {
        // No digit with a point, a percent sign or an exponent after it, no claim: most texts end
        // here, on a look at their bytes.
        guard mayHoldClaim(text) else { return [] }
        let scalars = Array(text.unicodeScalars)
        var offsets = UTF8Offsets(scalars)
        var claims: [Claim] = []
        var index = 0
        while index < scalars.count {
            guard let first = number(in: scalars, at: index, groups: digitGroups) else {
                index += 1
                continue
            }
            // A list: numbers joined by separators only.
            var numbers = [first]
            var end = first.end
            while true {
                var next = end
                while next < scalars.count, separators.contains(scalars[next]) { next += 1 }
                guard next > end, let following = number(in: scalars, at: next, groups: digitGroups) else { break }
                numbers.append(following)
                end = following.end
            }
            index = end
            guard numbers.contains(where: \.claims) else { continue }
            let claimText = String(String.UnicodeScalarView(scalars[numbers[0].start..<end]))
            let parsed = numbers.compactMap {
                StatedNumber(String(String.UnicodeScalarView(scalars[$0.start..<$0.end])))
            }
            guard parsed.count == numbers.count else { continue }
            let textBytes = offsets.offset(ofScalar: numbers[0].start)..<offsets.offset(ofScalar: end)
            claims.append(
                Claim(
                    text: claimText, numbers: parsed,
                    range: SourceLocation(
                        line: start.line, column: start.column + numbers[0].start)..<SourceLocation(
                            line: start.line, column: start.column + end),
                    byteRange: bytes.sourceRange(of: textBytes)))
        }
        return claims
    }

    /// Whether a digit in the text is followed by a point, a percent sign (also `％`) or an
    /// exponent: what every claim has. Errs only towards yes.
    static func mayHoldClaim(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.count > 1 else { return false }
            for index in 0..<(bytes.count - 1) where bytes[index] &- UInt8(ascii: "0") < 10 {
                switch bytes[index + 1] {
                case UInt8(ascii: "."), UInt8(ascii: "%"), UInt8(ascii: "e"), UInt8(ascii: "E"), 0xEF: return true
                default: continue
                }
            }
            return false
        } ?? true
    }

    /// A number starting at `index`: where it starts and ends, and whether it is a claim on its
    /// own (it has a point, a percent sign or an exponent).
    private struct Found {
        var start: Int
        var end: Int
        var claims: Bool
    }

    private static func number(in scalars: [Unicode.Scalar], at index: Int, groups: DigitGroups) -> Found? {
        var position = index
        // A number starts after something that cannot be part of a word or another number.
        if index > 0, isWordPart(scalars[index - 1]) { return nil }
        if position < scalars.count, signs.contains(scalars[position]) { position += 1 }
        let digitsStart = position
        while position < scalars.count, isDigit(scalars[position]) { position += 1 }
        guard position > digitsStart else { return nil }
        // Groups of three in the whole part: `36,838`, `10 000`.
        var wholeDigits = position - digitsStart
        var grouped = false
        while grouped ? wholeDigits == 3 : wholeDigits <= 3, let length = groups.separator(in: scalars, at: position) {
            position += length + 3
            (wholeDigits, grouped) = (3, true)
        }
        var claims = false
        if position + 1 < scalars.count, scalars[position] == ".", isDigit(scalars[position + 1]) {
            position += 1
            while position < scalars.count, isDigit(scalars[position]) { position += 1 }
            claims = true
            // `1.2.3` is a version, `3.14.` ends a sentence.
            if position + 1 < scalars.count, scalars[position] == ".", isDigit(scalars[position + 1]) { return nil }
        }
        if position + 1 < scalars.count, scalars[position] == "e" || scalars[position] == "E" {
            var exponent = position + 1
            if exponent < scalars.count, signs.contains(scalars[exponent]) { exponent += 1 }
            let exponentDigits = exponent
            while exponent < scalars.count, isDigit(scalars[exponent]) { exponent += 1 }
            if exponent > exponentDigits {
                position = exponent
                claims = true
            }
        }
        if position < scalars.count, scalars[position] == "%" || scalars[position] == "\u{FF05}" {
            position += 1
            claims = true
        }
        // `1.5x` or `0.5a` is a name, not a number.
        if position < scalars.count, isASCIILetter(scalars[position]) || isDigit(scalars[position]) { return nil }
        return Found(start: index, end: position, claims: claims)
    }

    /// What may stand between the numbers of one list: commas, semicolons, the ideographic comma,
    /// spaces, full-width and ASCII.
    private static let separators: Set<Unicode.Scalar> = [
        ",", "\u{FF0C}", "\u{3001}", ";", "\u{FF1B}", " ", "\t", "\u{3000}",
    ]
    private static let signs: Set<Unicode.Scalar> = ["-", "+", "\u{2212}"]

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A
    }

    /// Letters, digits and the characters that join them into names and versions (`x_1`, `v2.0`).
    private static func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
        isASCIILetter(scalar) || isDigit(scalar) || scalar == "_" || scalar == "." || scalar == "$"
    }
}
