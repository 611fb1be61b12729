import Foundation

/// The PDF's outline (bookmarks): the contents' chapters and their sections, each leading to
/// its named destination, added to the PDF Chromium printed as an incremental update (new
/// outline objects, the catalog again naming them, a cross-reference section for both and a
/// trailer pointing at the table before it) — the PDF's own way of adding to a file without
/// rewriting it.
///
/// Chromium can make an outline itself (`generateDocumentOutline`), but its outline names a
/// heading that a keep-with-next rule pushed to the next page twice ("多分类多分类") and leaves
/// a heading's formula out; this one takes its titles from the print page (`galleyContents`).
enum PDFOutline {
    struct Item: Equatable {
        var title: String
        /// The destination's name as the PDF writes it (`PDFDestinations.Destination.name`).
        var destination: String
        var sections: [Item] = []
    }

    /// Adds `items` to the PDF at `url` as its outline; false (the file as it was) when the file
    /// is not one `PDFObjects` reads.
    static func append(_ items: [Item], to url: URL) -> Bool {
        guard !items.isEmpty, let data = try? Data(contentsOf: url, options: .alwaysMapped),
            let file = PDFObjects(data), let size = file.trailerNumber("/Size"),
            let root = file.trailerReference("/Root"), let catalog = file.object(root),
            let update = update(items, catalog: catalog, root: root, size: size, file: file, at: data.count)
        else { return false }
        guard let handle = try? FileHandle(forWritingTo: url) else { return false }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(update.utf8))
            return true
        } catch {
            try? handle.truncate(atOffset: UInt64(data.count))
            return false
        }
    }

    /// The text appended to a file of `length` bytes: objects, cross-reference section, trailer.
    static func update(
        _ items: [Item], catalog: String, root: Int, size: Int, file: PDFObjects, at length: Int
    ) -> String? {
        guard let body = catalogBody(catalog) else { return nil }
        var objects = outlineObjects(items, first: size)
        objects.append((root, body + " /Outlines \(size) 0 R /PageMode /UseOutlines >>"))
        var text = "\n"
        var offsets: [(number: Int, offset: Int)] = []
        for (number, dictionary) in objects {
            offsets.append((number, length + text.utf8.count))
            text += "\(number) 0 obj\n\(dictionary)\nendobj\n"
        }
        let table = length + text.utf8.count
        text += "xref\n\(root) 1\n" + entry(offsets.last!.offset)
        text += "\(size) \(objects.count - 1)\n" + offsets.dropLast().map { entry($0.offset) }.joined()
        var trailer = "/Size \(size + objects.count - 1) /Root \(root) 0 R /Prev \(file.tableOffset)"
        for key in ["/Info", "/ID"] { if let kept = file.trailerEntry(key) { trailer += " \(key) \(kept)" } }
        text += "trailer\n<< \(trailer) >>\nstartxref\n\(table)\n%%EOF\n"
        return text
    }

    /// The outline's objects, numbered from `first` on without a gap (one cross-reference
    /// subsection holds them): the root, the chapters, then each chapter's sections.
    static func outlineObjects(_ items: [Item], first: Int) -> [(Int, String)] {
        var objects: [(Int, String)] = []
        var next = first + 1
        func number(_ items: [Item]) -> [Int] {
            items.map { _ in
                defer { next += 1 }
                return next
            }
        }
        func add(_ items: [Item], numbers: [Int], parent: Int) {
            for (index, item) in items.enumerated() {
                var fields = ["/Title \(hexString(item.title))", "/Parent \(parent) 0 R", "/Dest /\(item.destination)"]
                if index > 0 { fields.append("/Prev \(numbers[index - 1]) 0 R") }
                if index + 1 < items.count { fields.append("/Next \(numbers[index + 1]) 0 R") }
                let sectionNumbers = number(item.sections)
                if let firstSection = sectionNumbers.first, let lastSection = sectionNumbers.last {
                    // Closed: a chapter shows its sections when opened.
                    fields += [
                        "/First \(firstSection) 0 R", "/Last \(lastSection) 0 R", "/Count -\(item.sections.count)",
                    ]
                }
                objects.append((numbers[index], "<< " + fields.joined(separator: " ") + " >>"))
                add(item.sections, numbers: sectionNumbers, parent: numbers[index])
            }
        }
        let top = number(items)
        objects.append(
            (first, "<< /Type /Outlines /First \(top.first!) 0 R /Last \(top.last!) 0 R /Count \(items.count) >>"))
        add(items, numbers: top, parent: first)
        return objects.sorted { $0.0 < $1.0 }
    }

    /// The catalog's dictionary without its closing `>>`, its outline and page mode taken out.
    static func catalogBody(_ object: String) -> String? {
        guard let open = object.range(of: "<<"), let close = object.range(of: ">>", options: .backwards) else {
            return nil
        }
        var body = String(object[open.lowerBound..<close.lowerBound])
        body.replace(#/\/Outlines\s+\d+\s+\d+\s+R/#, with: "")
        body.replace(#/\/PageMode\s*\/[A-Za-z]+/#, with: "")
        return body
    }

    /// `text` as a PDF text string: UTF-16, big-endian, with its byte order mark, in hex.
    static func hexString(_ text: String) -> String {
        "<FEFF" + text.utf16.map { String(format: "%04X", $0) }.joined() + ">"
    }

    /// One entry of a cross-reference table: twenty bytes.
    static func entry(_ offset: Int) -> String {
        String(format: "%010d 00000 n \n", offset)
    }
}
