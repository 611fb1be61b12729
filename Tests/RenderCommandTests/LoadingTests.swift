import Foundation
import GalleyTestSupport
import Testing

/// What the load stage refuses and what it warns about: a chapter that links outside the book,
/// and a chapter that is not UTF-8.
@Suite("Loading chapters")
struct LoadingTests {
    @Test("a chapter that is a symbolic link to a file outside the book is refused at that chapter")
    func symlinkOutside() throws {
        let book = try TemporaryBook(["01-a.md": "# 一\n\n正文。\n", "03-c.md": "# 三\n"])
        let secret = book.root.appendingPathComponent("secret.md")
        try Data("# 私密\n\n不该发布的内容。\n".utf8).write(to: secret)
        try FileManager.default.createSymbolicLink(
            at: book.chapters.appendingPathComponent("02-b.md"), withDestinationURL: secret)
        // A link that stays inside the book is a chapter like any other.
        try FileManager.default.createSymbolicLink(
            at: book.chapters.appendingPathComponent("04-d.md"),
            withDestinationURL: book.chapters.appendingPathComponent("01-a.md"))
        let run = try book.render()
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "Chapters/02-b.md:1:1: error: this chapter is a symbolic link to a file outside the book's folder"),
            "\(run.stderr)")
        #expect(book.output("02-b.html") == nil)
        #expect(!book.outputFiles().values.contains { String(decoding: $0, as: UTF8.self).contains("不该发布") })
        #expect(book.output("01-a.html") != nil && book.output("03-c.html") != nil)
        #expect(book.output("04-d.html")?.contains("正文。") == true)
    }

    @Test("a chapter that is not valid UTF-8 is a warning at the first bad byte; the rest is shown")
    func invalidUTF8() throws {
        let book = try TemporaryBook()
        var bytes = Array("# 编码\n\n第一段。\n\n坏字节".utf8)
        bytes += [0xC3, 0x28] + Array("之后，\n\n还有 ".utf8) + [0xFF, 0x0A]
        try book.write("a.md", Data(bytes))
        let run = try book.render()
        #expect(run.status == 0)
        #expect(
            run.stderr.contains("Chapters/a.md:5:4: warning: this chapter is not valid UTF-8 from here"),
            "\(run.stderr)")
        #expect(run.stderr.components(separatedBy: "not valid UTF-8").count == 2, "one warning per chapter")
        #expect(book.output("a.html")?.contains("坏字节\u{FFFD}(之后") == true)
    }
}
