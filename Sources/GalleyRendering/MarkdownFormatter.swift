public import GalleyDiagnostics

/// Writes a chapter as GitHub-ready Markdown: the author's own source, byte for byte, with only
/// the edits Galley must make (image paths that GitHub cannot follow, and later computed output).
///
/// Keeping the source is what keeps math exactly as written: GitHub reads `$…$` and `$$…$$` itself,
/// and re-printing Markdown from a tree would re-escape what the author wrote inside them.
public enum MarkdownFormatter {
    /// The source with the edits applied. Overlapping edits keep the first (by position).
    public static func format(_ source: SourceFile, edits: [Replacement]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(source.bytes.count)
        var position = 0
        for edit in edits.sorted(by: { $0.byteRange.lowerBound < $1.byteRange.lowerBound })
        where edit.byteRange.lowerBound >= position && edit.byteRange.upperBound <= source.bytes.count {
            output += source.bytes[position..<edit.byteRange.lowerBound]
            output += Array(edit.text.utf8)
            position = edit.byteRange.upperBound
        }
        output += source.bytes[position...]
        return String(decoding: output, as: UTF8.self)
    }
}
