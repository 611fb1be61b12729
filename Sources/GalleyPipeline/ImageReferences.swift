import GalleyDiagnostics
import GalleyMarkdown

/// An image a chapter shows, as written: `![alt](path)` or `<img src="path">`.
struct ImageReference: Sendable, Codable {
    /// The path or URL as the author wrote it.
    var source: String
    /// Where the image (or the HTML holding it) starts.
    var location: SourceLocation
    var isHTML: Bool
    /// Where `source` stands in the chapter's bytes, carried from parse: what the Markdown output
    /// rewrites. Nil where it is not written as it reads.
    var byteRange: Range<Int>?
}

/// Collects every image reference of a document, in source order.
struct ImageCollector: MarkupWalker {
    /// The chapter's source, where an HTML image's `src` is placed.
    let source: SourceFile
    private(set) var references: [ImageReference] = []

    mutating func visit(_ block: Block) {
        if case .htmlBlock(let html) = block {
            collect(html: html.literal, at: html.range.lowerBound)
        }
        descend(into: block)
    }

    mutating func visit(_ inline: Inline) {
        switch inline.kind {
        case .image(let image):
            references.append(
                ImageReference(
                    source: image.source, location: image.location, isHTML: false, byteRange: image.sourceByteRange))
        case .html(let html):
            collect(html: html.literal, at: html.location)
        default:
            break
        }
        descend(into: inline)
    }

    private mutating func collect(html: String, at location: SourceLocation) {
        for source in HTMLImageSources.find(in: html) {
            // Point at the tag's own line inside a multi-line HTML block.
            let linesBefore = html.utf8.prefix(source.byteRange.lowerBound).reduce(0) {
                $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0)
            }
            let at = linesBefore == 0 ? location : SourceLocation(line: location.line + linesBefore, column: 1)
            references.append(
                ImageReference(
                    source: source.value, location: at, isHTML: true,
                    byteRange: placed(source.byteRange, ofHTMLAt: location, value: source.value)))
        }
    }

    /// Where a `src` value found at `range` of an HTML literal starting at `location` stands in the
    /// source: the literal's bytes are the source's where it is not split by a container's
    /// prefix (`> `), which the check against the value tells.
    private func placed(_ range: Range<Int>, ofHTMLAt location: SourceLocation, value: String) -> Range<Int>? {
        let start = source.byteOffset(of: location) + range.lowerBound
        let end = start + value.utf8.count
        guard end <= source.bytes.count, source.bytes[start..<end].elementsEqual(value.utf8) else { return nil }
        return start..<end
    }
}
