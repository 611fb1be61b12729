import GalleyDiagnostics
import GalleyMarkdown

/// An image a chapter shows, as written: `![alt](path)` or `<img src="path">`.
struct ImageReference: Sendable, Codable {
    /// The path or URL as the author wrote it.
    var source: String
    /// Where the image (or the HTML holding it) starts.
    var location: SourceLocation
    var isHTML: Bool
}

/// Collects every image reference of a document, in source order.
struct ImageCollector: MarkupWalker {
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
            references.append(ImageReference(source: image.source, location: image.location, isHTML: false))
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
            references.append(ImageReference(source: source.value, location: at, isHTML: true))
        }
    }
}
