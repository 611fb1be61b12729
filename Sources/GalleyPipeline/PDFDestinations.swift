import Foundation

/// The page each named destination of a PDF falls on: for the numbers in the print page's
/// contents, read from the PDF Chromium printed of it without them.
///
/// Chromium writes each element id a link points at as a named destination, in the catalog's
/// `/Dests` dictionary (`/<id> [<page> 0 R /XYZ x y 0]`), with a classic cross-reference table and
/// no object streams. That is all this reads; a PDF made otherwise gives nil, and the contents go
/// without page numbers rather than with wrong ones.
enum PDFDestinations {
    /// A destination: its name as the PDF writes it, and its page, counted from 1.
    struct Destination: Equatable {
        var name: String
        var page: Int
    }

    /// Each destination by its element's id.
    static func read(_ data: Data) -> [String: Destination]? {
        let file = PDFObjects(data)
        guard let root = file?.trailerReference("/Root"), let catalog = file?.object(root),
            let pagesRoot = PDFObjects.reference(after: "/Pages", in: catalog),
            let destsNumber = PDFObjects.reference(after: "/Dests", in: catalog),
            let dests = file?.object(destsNumber)
        else { return nil }
        var order: [Int: Int] = [:]
        file?.collectPages(from: pagesRoot, into: &order, depth: 0)
        guard !order.isEmpty else { return nil }
        var found: [String: Destination] = [:]
        for (raw, name, page) in PDFObjects.destinations(in: dests) {
            if let number = order[page] { found[name] = Destination(name: raw, page: number) }
        }
        return found
    }
}
