import Foundation
import GalleyTestSupport
import Testing

/// The render cache: a chapter nothing changed for is taken whole from the last run; whatever
/// changed — the chapter, a neighbour's title, another chapter's equation labels, an image,
/// `book.json`, a page in the output folder — gives the same site as a render from nothing.
@Suite("Render cache")
struct RenderCacheTests {
    static let chapters = [
        "01-a.md": "# 第一章\n\n$$a = 1$$ {#eq-one}\n\n见 @eq-three。\n\n![图](images/a.png)\n",
        "02-b.md": "# 第二章\n\n由 @eq-one 与 @eq-three 可知 $\\frac{1}{2} = 0.5$。\n",
        "03-c.md": "# 第三章\n\n$$c = 3$$ {#eq-three}\n\n正文。\n",
    ]

    static func book() throws -> TemporaryBook {
        let book = try TemporaryBook(chapters)
        try book.write("images/a.png", Data([0x89, 0x50, 0x4E, 0x47]))
        return book
    }

    /// Renders with the book's own cache and reports which chapters were reused.
    @discardableResult
    static func render(_ book: TemporaryBook, _ arguments: [String] = []) throws -> (run: RenderRun, reused: [String]) {
        let report = book.root.appendingPathComponent("report.json")
        let run = try book.render(
            ["--cache-dir", book.root.appendingPathComponent("cache").path, "--report", report.path] + arguments)
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        return (run, try #require(json["reused"] as? [String]))
    }

    /// Every file of a folder by relative path.
    static func files(in folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.standardizedFileURL.path + "/"
        for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            ?? .init()
        where !url.hasDirectoryPath {
            files[String(url.standardizedFileURL.path.dropFirst(base.count))] = try? Data(contentsOf: url)
        }
        return files
    }

    /// The output equals, file for file and byte for byte, a render from nothing.
    static func expectSameAsFresh(_ book: TemporaryBook, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fresh = book.root.appendingPathComponent("Fresh")
        try? FileManager.default.removeItem(at: fresh)
        try book.render(
            ["--no-cache", "--cache-dir", book.root.appendingPathComponent("fresh-cache").path, "--output", fresh.path])
        let cached = files(in: book.output)
        let expected = files(in: fresh)
        #expect(!expected.isEmpty, "a render from nothing wrote nothing", sourceLocation: sourceLocation)
        #expect(cached.keys.sorted() == expected.keys.sorted(), sourceLocation: sourceLocation)
        for (path, data) in expected where cached[path] != data {
            Issue.record("\(path) differs from a render from nothing", sourceLocation: sourceLocation)
        }
    }

    @Test("an unchanged re-render takes every chapter from the cache and writes the same site")
    func unchanged() throws {
        let book = try Self.book()
        let first = try Self.render(book)
        #expect(first.run.status == 0, "\(first.run.stderr)")
        #expect(first.reused.isEmpty)
        let before = Self.files(in: book.output)
        let second = try Self.render(book)
        #expect(second.run.status == 0, "\(second.run.stderr)")
        #expect(second.reused == ["Chapters/01-a.md", "Chapters/02-b.md", "Chapters/03-c.md"])
        #expect(Self.files(in: book.output) == before)
    }

    @Test("an edited chapter is rendered again and the others are reused")
    func editedChapter() throws {
        let book = try Self.book()
        try Self.render(book)
        try book.write("02-b.md", Self.chapters["02-b.md"]! + "\n新加的一段。\n")
        let second = try Self.render(book)
        #expect(second.reused == ["Chapters/01-a.md", "Chapters/03-c.md"])
        #expect(book.output("02-b.html")?.contains("新加的一段。") == true)
        try Self.expectSameAsFresh(book)
    }

    @Test("a changed title reaches the neighbours' previous and next links, their bodies reused")
    func changedTitle() throws {
        let book = try Self.book()
        try Self.render(book)
        try book.write("02-b.md", Self.chapters["02-b.md"]!.replacingOccurrences(of: "# 第二章", with: "# 链式法则"))
        let second = try Self.render(book)
        #expect(second.reused == ["Chapters/01-a.md", "Chapters/03-c.md"])
        #expect(book.output("01-a.html")?.contains("链式法则 →") == true)
        #expect(book.output("03-c.html")?.contains("← 链式法则") == true)
        try Self.expectSameAsFresh(book)
    }

    @Test("a label added in one chapter renumbers the references of chapters that did not change")
    func equationNumbers() throws {
        let book = try Self.book()
        try Self.render(book)
        #expect(book.output("02-b.html")?.contains(">(3.1)</a>") == true)
        try book.write("03-c.md", "# 第三章\n\n$$b = 2$$ {#eq-two}\n\n$$c = 3$$ {#eq-three}\n\n正文。\n")
        let second = try Self.render(book)
        #expect(second.run.status == 0, "\(second.run.stderr)")
        #expect(book.output("02-b.html")?.contains(">(3.2)</a>") == true)
        try Self.expectSameAsFresh(book)
    }

    @Test("an image deleted under an unchanged chapter is reported at its line")
    func deletedImage() throws {
        let book = try Self.book()
        try Self.render(book)
        try FileManager.default.removeItem(at: book.chapters.appendingPathComponent("images/a.png"))
        let second = try Self.render(book)
        #expect(!second.reused.contains("Chapters/01-a.md"))
        #expect(second.run.stderr.contains("Chapters/01-a.md:7:1: error:"), "\(second.run.stderr)")
        try Self.expectSameAsFresh(book)
    }

    @Test("a changed book.json renders every chapter again")
    func bookSettings() throws {
        let book = try Self.book()
        try Self.render(book)
        try book.write("book.json", #"{"title": "新书名", "macros": {"\\one": "1"}}"#)
        let second = try Self.render(book)
        #expect(second.reused.isEmpty)
        #expect(book.output("01-a.html")?.contains("新书名") == true)
        try Self.expectSameAsFresh(book)
    }

    @Test("a page edited in place in the output folder is not taken back")
    func editedOutput() throws {
        let book = try Self.book()
        try Self.render(book)
        let page = book.output.appendingPathComponent("03-c.html")
        // Written in place, as an editor without safe saves would: the same file, new bytes.
        let handle = try FileHandle(forWritingTo: page)
        try handle.write(contentsOf: Data("被改坏了".utf8))
        try handle.close()
        let second = try Self.render(book)
        #expect(!second.reused.contains("Chapters/03-c.md"))
        try Self.expectSameAsFresh(book)
    }

    @Test("a reused chapter's diagnostics are reported again, and --check fails as before")
    func diagnosticsReplayed() throws {
        let book = try Self.book()
        try book.write("02-b.md", "# 第二章\n\n由 @eq-none 可知。\n")
        let first = try Self.render(book)
        #expect(first.run.status == 1)
        let second = try Self.render(book)
        #expect(second.reused.contains("Chapters/02-b.md"))
        #expect(second.run.status == 1)
        #expect(second.run.stderr == first.run.stderr)
        let check = try Self.render(book, ["--check"])
        #expect(check.reused.contains("Chapters/02-b.md"))
        #expect(check.run.status == 1)
        #expect(check.run.stderr.contains("Chapters/02-b.md:3:3: error: no equation is labelled 'eq-none'"))
    }
}
