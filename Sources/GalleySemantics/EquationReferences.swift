public import GalleyDiagnostics
public import GalleyMarkdown

/// A display formula with a Quarto label: `$$ … $$ {#eq-softmax}`.
public struct EquationLabel: Sendable, Equatable, Codable {
    /// `eq-softmax`.
    public var name: String
    /// Where the formula starts.
    public var location: SourceLocation
    /// The formula's own `\tag{…}`, which wins over Galley's number.
    public var explicitTag: String?

    public init(name: String, location: SourceLocation, explicitTag: String?) {
        self.name = name
        self.location = location
        self.explicitTag = explicitTag
    }
}

/// `@eq-softmax` in the prose: a reference to a labelled formula of any chapter.
public struct EquationReference: Sendable, Equatable, Codable {
    /// `eq-softmax`, without the `@`.
    public var name: String
    /// Where the `@` stands.
    public var location: SourceLocation
    /// The bytes of `@eq-softmax` in the source, which the Markdown output replaces with a link;
    /// nil when it is not written as it reads (an escape or an entity inside it).
    public var byteRange: Range<Int>?

    public init(name: String, location: SourceLocation, byteRange: Range<Int>? = nil) {
        self.name = name
        self.location = location
        self.byteRange = byteRange
    }
}

/// Reads equation labels and references, in Quarto's syntax.
public enum EquationReferences {
    /// The labelled display formulas of a document, in order.
    public static func labels(in document: Document) -> [EquationLabel] {
        document.expressionNodes.compactMap { node in
            guard case .displayMath(let math) = node, let name = math.label else { return nil }
            return EquationLabel(name: name, location: math.range.lowerBound, explicitTag: explicitTag(in: math.tex))
        }
    }

    /// The `\tag{…}` of a formula, as written; nil when it has none.
    public static func explicitTag(in tex: String) -> String? {
        guard let start = tex.range(of: "\\tag{") else { return nil }
        var depth = 1
        var index = start.upperBound
        while index < tex.endIndex {
            if tex[index] == "{" { depth += 1 }
            if tex[index] == "}" {
                depth -= 1
                if depth == 0 { return String(tex[start.upperBound..<index]) }
            }
            index = tex.index(after: index)
        }
        return nil
    }

    /// The references in one text, whose first character stands at `start` and whose characters
    /// stand in the source where `bytes` says: `@eq-` after something that is not part of a word
    /// (so `me@eq-x.org` is not one), then the name's letters, digits, `-` and `_` (a trailing `-`
    /// or `_` is punctuation).
    static func references(in text: String, at start: SourceLocation, bytes: TextBytes) -> [EquationReference] {
        guard text.utf8.contains(UInt8(ascii: "@")) else { return [] }
        let scalars = Array(text.unicodeScalars)
        var offsets = UTF8Offsets(scalars)
        var found: [EquationReference] = []
        var index = 0
        while index + 4 < scalars.count {
            guard scalars[index] == "@", scalars[index + 1] == "e", scalars[index + 2] == "q",
                scalars[index + 3] == "-",
                index == 0 || !isNamePart(scalars[index - 1])
            else {
                index += 1
                continue
            }
            var end = index + 4
            while end < scalars.count, isNamePart(scalars[end]) { end += 1 }
            while end > index + 4, scalars[end - 1] == "-" || scalars[end - 1] == "_" { end -= 1 }
            if end > index + 4 {
                let name = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                let textBytes = offsets.offset(ofScalar: index)..<offsets.offset(ofScalar: end)
                found.append(
                    EquationReference(
                        name: name, location: SourceLocation(line: start.line, column: start.column + index),
                        byteRange: bytes.sourceRange(of: textBytes)))
            }
            index = end
        }
        return found
    }

    private static func isNamePart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII
            && (scalar.properties.isAlphabetic || (scalar.value >= 0x30 && scalar.value <= 0x39) || scalar == "-"
                || scalar == "_")
    }
}
