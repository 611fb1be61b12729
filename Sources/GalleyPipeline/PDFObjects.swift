import Foundation

/// The objects of a PDF with a classic cross-reference table, read as text: enough for the page
/// tree and the destinations, which hold no streams.
struct PDFObjects {
    let data: Data
    /// Where each object starts, by number.
    let offsets: [Int: Int]
    let trailer: String
    /// Where the cross-reference table starts (the trailer's `startxref`).
    let tableOffset: Int

    init?(_ data: Data) {
        self.data = data
        let tail = String(decoding: data.suffix(1024), as: UTF8.self)
        guard let mark = tail.range(of: "startxref", options: .backwards),
            let start = Int(tail[mark.upperBound...].split(whereSeparator: \.isWhitespace).first ?? ""),
            start < data.count
        else { return nil }
        let table = String(decoding: data[(data.startIndex + start)...], as: UTF8.self)
        guard table.hasPrefix("xref"), let trailerMark = table.range(of: "trailer") else { return nil }
        var offsets: [Int: Int] = [:]
        var lines = table[..<trailerMark.lowerBound].split(whereSeparator: \.isNewline).dropFirst().makeIterator()
        // Subsections: "first count", then count lines "offset generation n|f".
        while let header = lines.next() {
            let fields = header.split(separator: " ")
            guard fields.count == 2, let first = Int(fields[0]), let count = Int(fields[1]) else { return nil }
            for number in first..<(first + count) {
                guard let line = lines.next() else { return nil }
                let entry = line.split(separator: " ")
                if entry.count >= 3, entry[2].hasPrefix("n"), let offset = Int(entry[0]) { offsets[number] = offset }
            }
        }
        self.offsets = offsets
        tableOffset = start
        trailer = String(table[trailerMark.upperBound...].prefix(2048))
    }

    func trailerReference(_ key: String) -> Int? { Self.reference(after: key, in: trailer) }

    /// The number that follows `key` in the trailer (`/Size 5557`).
    func trailerNumber(_ key: String) -> Int? {
        guard let found = trailer.range(of: key + " ") else { return nil }
        return Int(trailer[found.upperBound...].prefix { $0.isNumber })
    }

    /// The value that follows `key` in the trailer, as written: a reference (`/Info 1 0 R`) or an
    /// array (`/ID [<…> <…>]`).
    func trailerEntry(_ key: String) -> String? {
        guard let found = trailer.range(of: key) else { return nil }
        let rest = trailer[found.upperBound...].drop { $0.isWhitespace }
        if rest.first == "[" { return rest.firstIndex(of: "]").map { String(rest[...$0]) } }
        return Self.reference(after: key, in: trailer).map { "\($0) 0 R" }
    }

    /// Object `number`'s text, from `N 0 obj` to `endobj`.
    func object(_ number: Int) -> String? {
        guard let offset = offsets[number], offset < data.count else { return nil }
        let start = data.startIndex + offset
        guard let end = data.range(of: Data("endobj".utf8), in: start..<data.endIndex) else { return nil }
        return String(decoding: data[start..<end.lowerBound], as: UTF8.self)
    }

    /// The page objects under `node`, in order, numbered from 1.
    func collectPages(from node: Int, into order: inout [Int: Int], depth: Int) {
        guard depth < 32, let text = object(node) else { return }
        guard let kids = text.range(of: "/Kids") else {
            order[node] = order.count + 1
            return
        }
        let list = text[kids.upperBound...].drop { $0 != "[" }.dropFirst().prefix { $0 != "]" }
        let words = list.split(whereSeparator: \.isWhitespace)
        for index in stride(from: 0, to: words.count - 2, by: 3) where words[index + 2] == "R" {
            if let kid = Int(words[index]) { collectPages(from: kid, into: &order, depth: depth + 1) }
        }
    }

    /// The object number of the reference that follows `key` (`/Pages 12 0 R`).
    static func reference(after key: String, in text: String) -> Int? {
        var rest = text[...]
        while let found = rest.range(of: key) {
            rest = rest[found.upperBound...]
            // A longer key with the same start (`/PagesX`) is another key.
            if let next = rest.first, !next.isWhitespace { continue }
            let words = rest.split(whereSeparator: \.isWhitespace).prefix(3)
            if words.count == 3, words[2] == "R" || words[2].hasPrefix("R"), let number = Int(words[0]) {
                return number
            }
        }
        return nil
    }

    /// Each `/name [page 0 R …]` of a destinations dictionary: the name as written, decoded, and
    /// the page's object.
    static func destinations(in text: String) -> [(raw: String, name: String, page: Int)] {
        var found: [(String, String, Int)] = []
        var rest = text[...]
        while let slash = rest.firstIndex(of: "/") {
            let afterSlash = rest.index(after: slash)
            let nameEnd =
                rest[afterSlash...].firstIndex { $0.isWhitespace || "[]<>()/{}%".contains($0) } ?? rest.endIndex
            let name = rest[afterSlash..<nameEnd]
            rest = rest[nameEnd...]
            let value = rest.drop(while: \.isWhitespace)
            guard value.first == "[" else { continue }
            let words = value.dropFirst().prefix { $0 != "]" }.split(whereSeparator: \.isWhitespace)
            guard words.count >= 3, words[2] == "R", let page = Int(words[0]), let decoded = decode(name) else {
                continue
            }
            found.append((String(name), decoded, page))
        }
        return found
    }

    /// A PDF name's text: `#xx` escapes are bytes; the bytes are the id as a URL fragment writes it.
    static func decode(_ name: Substring) -> String? {
        var bytes: [UInt8] = []
        var index = name.startIndex
        while index < name.endIndex {
            if name[index] == "#", let end = name.index(index, offsetBy: 3, limitedBy: name.endIndex),
                let byte = UInt8(name[name.index(after: index)..<end], radix: 16)
            {
                bytes.append(byte)
                index = end
            } else {
                bytes += Array(String(name[index]).utf8)
                index = name.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self).removingPercentEncoding
    }
}
