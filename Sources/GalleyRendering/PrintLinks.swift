/// A chapter's ids and links made those of the print page, where every chapter shares one
/// document: `id="softmax"` in `01-softmax.html` becomes `id="01-softmax--softmax"`, `href="#eq-1"`
/// `href="#01-softmax--eq-1"`, `href="03-cross-entropy.html#eq-ce"` `href="#03-cross-entropy--eq-ce"`.
/// A link to a page of the site the print page does not hold (`checks.html`) loses its `href`
/// and stays as text; links that leave the site are kept.
///
/// Only attributes Galley wrote are met here: the body is Galley's HTML, in which an author's
/// text is escaped (`="` in prose is `=&quot;`).
enum PrintLinks {
    /// `body` without the headings' anchor links (`<a class="anchor" …>#</a>`): the printed page
    /// has no use for them, and Chromium would put their label into the PDF's outline.
    static func withoutHeadingAnchors(_ body: String) -> String {
        let bytes = Array(body.utf8)
        let opening = Array("<a class=\"anchor\" ".utf8)
        let closing = Array("</a>".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var copied = 0
        bytes.withUnsafeBufferPointer { buffer in
            while let start = ByteSearch.firstIndex(of: opening, in: buffer, from: copied),
                let end = ByteSearch.firstIndex(of: closing, in: buffer, from: start)
            {
                output += buffer[copied..<start]
                copied = end + closing.count
            }
        }
        output += bytes[copied...]
        return String(decoding: output, as: UTF8.self)
    }

    static func relink(_ body: String, prefix: String, pages: Set<String>) -> String {
        let bytes = Array(body.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 16)
        var copied = 0
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "\"") else {
                index += 1
                continue
            }
            let name = attributeName(before: index, in: bytes)
            let valueStart = index + 2
            guard name == "id" || name == "href",
                let valueEnd = bytes[valueStart...].firstIndex(of: UInt8(ascii: "\""))
            else {
                index += 2
                continue
            }
            let value = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
            let attributeStart = index - name.utf8.count
            output += bytes[copied..<attributeStart]
            output += rewritten(name: name, value: value, prefix: prefix, pages: pages).utf8
            copied = valueEnd + 1
            index = valueEnd + 1
        }
        output += bytes[copied...]
        return String(decoding: output, as: UTF8.self)
    }

    /// The attribute's name that ends just before `equals`, when a space comes before it.
    private static func attributeName(before equals: Int, in bytes: [UInt8]) -> String {
        var start = equals
        while start > 0, isNameByte(bytes[start - 1]) { start -= 1 }
        guard start > 0, start < equals, bytes[start - 1] == UInt8(ascii: " ") else { return "" }
        return String(decoding: bytes[start..<equals], as: UTF8.self)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "-")
    }

    /// The attribute as the print page has it (empty: dropped).
    private static func rewritten(name: String, value: String, prefix: String, pages: Set<String>) -> String {
        if name == "id" { return "id=\"\(prefix)\(value)\"" }
        if value.hasPrefix("#") { return "href=\"#\(prefix)\(value.dropFirst())\"" }
        let parts = value.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let page = String(parts[0])
        if pages.contains(page) {
            let anchor = String(page.dropLast(".html".count))
            return parts.count == 2 ? "href=\"#\(anchor)--\(parts[1])\"" : "href=\"#\(anchor)\""
        }
        let leavesSite = page.contains(":") || page.hasPrefix("//")
        if leavesSite || !page.hasSuffix(".html") { return "href=\"\(value)\"" }
        return "data-site-href=\"\(value)\""
    }
}
