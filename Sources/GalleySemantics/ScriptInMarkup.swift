public import GalleyDiagnostics
public import GalleyMarkdown

/// What in a chapter would run script if the page let it: raw HTML with an event handler
/// (`<svg onload=…>`) or a `javascript:` URL (`<img src="javascript:…">`), and links or images to
/// `javascript:`. The pages' Content-Security-Policy keeps all of it inert; the author hears of
/// each, at its line, since it cannot do what it seems to.
public enum ScriptInMarkup {
    public static func diagnostics(in document: Document, path: String) -> [Diagnostic] {
        var walker = Walker(path: path)
        walker.walk(document)
        return walker.found
    }

    private struct Walker: MarkupWalker {
        let path: String
        var found: [Diagnostic] = []

        mutating func visit(_ block: Block) {
            if case .htmlBlock(let html) = block {
                report(html: html.literal, at: html.range.lowerBound)
            }
            descend(into: block)
        }

        mutating func visit(_ inline: Inline) {
            switch inline.kind {
            case .html(let html): report(html: html.literal, at: html.location)
            case .link(let link) where ScriptInMarkup.isScriptURL(link.destination):
                found.append(.scriptInMarkup("a link to a javascript: URL", path: path, at: link.location))
            case .image(let image) where ScriptInMarkup.isScriptURL(image.source):
                found.append(.scriptInMarkup("an image from a javascript: URL", path: path, at: image.location))
            default: break
            }
            descend(into: inline)
        }

        private mutating func report(html: String, at location: SourceLocation) {
            if let handler = ScriptInMarkup.eventHandler(in: html) {
                found.append(.scriptInMarkup("raw HTML with the event handler '\(handler)'", path: path, at: location))
            } else if html.lowercased().contains("javascript:") {
                found.append(.scriptInMarkup("raw HTML with a javascript: URL", path: path, at: location))
            }
        }
    }

    /// `javascript:` as a URL's scheme, whatever its case and the spaces and control characters
    /// browsers skip before it.
    static func isScriptURL(_ url: String) -> Bool {
        let trimmed = url.unicodeScalars.drop { $0.value <= 0x20 }
        let letters = String(String.UnicodeScalarView(trimmed.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }))
        return letters.lowercased().hasPrefix("javascript:")
    }

    /// The first attribute named `on…` inside a tag of `html`: `onload`, `onerror`; not words
    /// inside a quoted attribute value.
    static func eventHandler(in html: String) -> String? {
        let bytes = Array(html.utf8)
        var inTag = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inTag, byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                // An attribute's value: what it says is not an attribute.
                index = (bytes[(index + 1)...].firstIndex(of: byte) ?? bytes.count - 1) + 1
                continue
            } else if byte == UInt8(ascii: "<") {
                inTag = true
            } else if byte == UInt8(ascii: ">") {
                inTag = false
            } else if inTag,
                byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
                    || byte == UInt8(ascii: "/")
            {
                // An attribute's name starts after a space (or `/`, as `<svg/onload=…>` does).
                var end = index + 1
                while end < bytes.count, (bytes[end] | 0x20) >= UInt8(ascii: "a"),
                    (bytes[end] | 0x20) <= UInt8(ascii: "z")
                {
                    end += 1
                }
                let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self).lowercased()
                var next = end
                while next < bytes.count, bytes[next] == UInt8(ascii: " ") { next += 1 }
                if name.count > 2, name.hasPrefix("on"), next < bytes.count, bytes[next] == UInt8(ascii: "=") {
                    return name
                }
                index = max(end, index + 1)
                continue
            }
            index += 1
        }
        return nil
    }
}
