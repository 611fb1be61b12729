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
            guard case .displayMath(let math) = node, let label = math.label,
                let anchor = equations.anchors[math.range.lowerBound]
            else { continue }
            let start = source.byteOffset(of: math.range.lowerBound)
            edits.append(
                Replacement(byteRange: start..<start, text: "<a id=\"\(anchor)\"></a>\n\n"))
            // The label on the closing line, and the `$$` before it.
            let lineNumber =
                math.range.upperBound.line == math.range.lowerBound.line
                ? math.range.lowerBound.line : lastLine(of: math, in: source)
            let line = source.lineBytes(lineNumber)
            guard
                let labelBytes = source.byteRange(of: "{#\(label)}", from: SourceLocation(line: lineNumber, column: 1)),
                let close = findLast(Array("$$".utf8), in: line, before: labelBytes.lowerBound)
            else { continue }
            // On a closing line of its own the tag goes on a line before the `$$`.
            let ownLine = line[line.startIndex..<close].allSatisfy { $0 == UInt8(ascii: " ") }
            let tag = equations.tags[math.range.lowerBound].map { ownLine ? "\\tag{\($0)}\n" : " \\tag{\($0)}" } ?? ""
            edits.append(
                Replacement(
                    byteRange: close..<labelBytes.upperBound,
                    text: ownLine
                        ? tag + String(repeating: " ", count: close - line.startIndex) + "$$" : tag + "$$"))
        }
        for (location, name) in equations.references {
            guard let target = equations.targets[name] else { continue }
            guard let range = source.byteRange(of: "@\(name)", from: location) else { continue }
            edits.append(
                Replacement(
                    byteRange: range,
                    text: "[(\(target.number))](\(target.markdownPage)#\(name))"))
        }
        return edits
    }

    /// The line a display formula's closing `$$` is on: the last line of its range that holds one.
    private static func lastLine(of math: DisplayMath, in source: SourceFile) -> Int {
        var line = min(math.range.upperBound.line, source.lineCount)
        while line > math.range.lowerBound.line,
            source.byteRange(of: "$$", from: SourceLocation(line: line, column: 1)) == nil
        {
            line -= 1
        }
        return line
    }

    private static func findLast(_ wanted: [UInt8], in line: ArraySlice<UInt8>, before end: Int) -> Int? {
        var offset = end - wanted.count
        while offset >= line.startIndex {
            if line[offset..<(offset + wanted.count)].elementsEqual(wanted) { return offset }
            offset -= 1
        }
        return nil
    }
}
