/// Finds the `src` attribute values of `<img>` tags in a piece of raw HTML.
///
/// Course chapters carry `<img src=".\Images\7\a.png" width="300">` tags written for other tools;
/// Galley copies the images they name and rewrites the paths. This is a scanner for that one
/// attribute of that one tag — quoted, single-quoted or unquoted values, any case, attributes in
/// any order — not an HTML parser: everything else in the HTML is left as it is.
public enum HTMLImageSources {
    /// One `src` value: its text and its byte range in the HTML.
    public struct Source: Equatable, Sendable {
        public var value: String
        public var byteRange: Range<Int>
    }

    public static func find(in html: String) -> [Source] {
        let bytes = Array(html.utf8)
        var result: [Source] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), matchesWord(bytes, at: index + 1, "img"),
                index + 4 < bytes.count, isSpace(bytes[index + 4]) || bytes[index + 4] == UInt8(ascii: "/")
            else {
                index += 1
                continue
            }
            index += 4
            // Attributes until the tag's `>`.
            while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
                while index < bytes.count, isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1 }
                let nameStart = index
                while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="),
                    bytes[index] != UInt8(ascii: ">")
                {
                    index += 1
                }
                let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
                while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                    if index == nameStart { index += 1 }  // a stray byte: step over it
                    continue
                }
                index += 1
                while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                guard index < bytes.count else { break }
                let valueRange: Range<Int>
                let quote = bytes[index]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    let start = index + 1
                    var end = start
                    while end < bytes.count, bytes[end] != quote { end += 1 }
                    valueRange = start..<end
                    index = min(end + 1, bytes.count)
                } else {
                    let start = index
                    while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                    valueRange = start..<index
                }
                if name == "src" {
                    result.append(
                        Source(
                            value: String(decoding: bytes[valueRange], as: UTF8.self), byteRange: valueRange))
                }
            }
        }
        return result
    }

    private static func matchesWord(_ bytes: [UInt8], at index: Int, _ word: String) -> Bool {
        let wordBytes = Array(word.utf8)
        guard index + wordBytes.count <= bytes.count else { return false }
        for (offset, expected) in wordBytes.enumerated() where bytes[index + offset] | 0x20 != expected {
            return false
        }
        return true
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r") || byte == 0x0C
    }
}
