import Foundation
import Testing

@testable import GalleyPipeline

/// Reading a PDF's named destinations and adding an outline to it, on a small PDF written here the
/// way Chromium writes one (a classic cross-reference table, the catalog's `/Dests` dictionary).
@Suite("PDF destinations and outline")
struct PDFFileTests {
    /// Two pages under a pages tree of two levels; `a` on page 1, `b--定义` (as Chromium names an
    /// id: the URL fragment's escapes, written with PDF's `#xx`) on page 2.
    static func smallPDF() -> Data {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R /Dests 6 0 R /Lang (en) >>",
            "<< /Type /Pages /Count 2 /Kids [3 0 R] >>",
            "<< /Type /Pages /Count 2 /Parent 2 0 R /Kids [4 0 R 5 0 R] >>",
            "<< /Type /Page /Parent 3 0 R /MediaBox [0 0 200 200] >>",
            "<< /Type /Page /Parent 3 0 R /MediaBox [0 0 200 200] >>",
            "<< /a [4 0 R /XYZ 0 200 0]\n/b--#25E5#25AE#259A#25E4#25B9#2589 [5 0 R /XYZ 0 100 0] >>",
        ]
        var text = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(text.utf8.count)
            text += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let table = text.utf8.count
        text += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        text += offsets.map { String(format: "%010d 00000 n \n", $0) }.joined()
        text += "trailer\n<</Size \(objects.count + 1)\n/Root 1 0 R>>\nstartxref\n\(table)\n%%EOF\n"
        return Data(text.utf8)
    }

    @Test("each destination's page, by the id it stands for")
    func destinations() throws {
        let found = try #require(PDFDestinations.read(Self.smallPDF()))
        #expect(found["a"] == .init(name: "a", page: 1))
        #expect(found["b--定义"] == .init(name: "b--#25E5#25AE#259A#25E4#25B9#2589", page: 2))
        #expect(found.count == 2)
    }

    @Test("a file that is not such a PDF has no destinations, rather than wrong ones")
    func notSuchAPDF() {
        #expect(PDFDestinations.read(Data("not a PDF".utf8)) == nil)
        #expect(PDFDestinations.read(Self.smallPDF().prefix(300)) == nil)
        // The cross-reference table points somewhere else.
        let moved = String(decoding: Self.smallPDF(), as: UTF8.self).replacing(#/startxref\n\d+/#, with: "startxref\n7")
        #expect(PDFDestinations.read(Data(moved.utf8)) == nil)
    }

    @Test(
        "the outline is added as an update: the objects before it stay, qpdf finds no fault, and it names every entry")
    func outline() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("galley-outline-\(UUID()).pdf")
        defer { try? FileManager.default.removeItem(at: url) }
        let original = Self.smallPDF()
        try original.write(to: url)
        let items = [
            PDFOutline.Item(
                title: "第一章 σ′(z)", destination: "a",
                sections: [.init(title: "定义", destination: "b--#25E5#25AE#259A#25E4#25B9#2589")])
        ]
        #expect(PDFOutline.append(items, to: url))
        let updated = try Data(contentsOf: url)
        #expect(updated.prefix(original.count) == original, "an update only adds")
        let check = try Self.qpdf(["--check", url.path])
        #expect(check.status == 0, "\(check.stdout) \(check.stderr)")
        let json = try Self.qpdf(["--json=2", "--json-key=outlines", url.path])
        let outlines = try #require(
            (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["outlines"]
                as? [[String: Any]])
        #expect(outlines.map { $0["title"] as? String } == ["第一章 σ′(z)"])
        #expect(outlines.first?["destpageposfrom1"] as? Int == 1)
        let sections = outlines.first?["kids"] as? [[String: Any]] ?? []
        #expect(sections.map { $0["title"] as? String } == ["定义"])
        #expect(sections.first?["destpageposfrom1"] as? Int == 2)
        // The catalog keeps what it held.
        #expect(String(decoding: updated.suffix(from: original.count), as: UTF8.self).contains("/Lang (en)"))
    }

    /// qpdf, the reader these tests trust (installed by `scripts/setup.sh`).
    static func qpdf(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/qpdf")
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test("a file that is not such a PDF is left as it was")
    func outlineRefused() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("galley-outline-\(UUID()).pdf")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("not a PDF".utf8).write(to: url)
        #expect(!PDFOutline.append([.init(title: "A", destination: "a")], to: url))
        #expect(try Data(contentsOf: url) == Data("not a PDF".utf8))
    }
}
