public import GalleyDiagnostics
public import GalleyMarkdown
public import GalleyResults

/// What the GitHub-ready Markdown makes of equation labels and references, which GitHub does not
/// read: a labelled formula gets an anchor before it and its number as a `\tag` (GitHub's math
/// shows tags), its `{#eq-…}` goes; `@eq-softmax` becomes a link with the number as its text.
public enum EquationMarkdown {
    public static func edits(for document: Document, source: SourceFile, equations: EquationNumbers)
        -> [Replacement]
    {
        var edits: [Replacement] = []
        for node in document.expressionNodes {
            guard case .displayMath(let math) = node, math.label != nil,
                let anchor = equations.anchors[math.range.lowerBound]
            else { continue }
            let start = source.byteOffset(of: math.range.lowerBound)
            edits.append(
                Replacement(byteRange: start..<start, text: "<a id=\"\(anchor)\"></a>\n\n"))
            // The label after the closing `$$`, and the `$$` itself, where the parser placed them.
            guard let close = math.closingByteOffset, let label = math.labelByteRange else { continue }
            let lineStart = source.lineStarts[source.line(ofByteOffset: close) - 1]
            // On a closing line of its own the tag goes on a line before the `$$`.
            let ownLine = source.bytes[lineStart..<close].allSatisfy { $0 == UInt8(ascii: " ") }
            let tag = equations.tags[math.range.lowerBound].map { ownLine ? "\\tag{\($0)}\n" : " \\tag{\($0)}" } ?? ""
            edits.append(
                Replacement(
                    byteRange: close..<label.upperBound,
                    text: ownLine
                        ? tag + String(repeating: " ", count: close - lineStart) + "$$" : tag + "$$"))
        }
        for (location, name) in equations.references {
            guard let target = equations.targets[name], let range = equations.referenceByteRanges[location] else {
                continue
            }
            edits.append(
                Replacement(
                    byteRange: range,
                    text: "[(\(target.number))](\(target.markdownPage)#\(name))"))
        }
        return edits
    }
}
