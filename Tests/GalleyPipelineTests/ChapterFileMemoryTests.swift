import Foundation
import Testing

@testable import GalleyPipeline

#if canImport(Glibc)
    import Glibc
#endif

/// The preview reads the book on every save; a chapter file unchanged since an earlier read is
/// taken as it was read, and one saved in the last two seconds is always read again.
@Suite("Chapter files remembered by the preview")
struct ChapterFileMemoryTests {
    static func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("galley-chapter-\(UUID()).md")
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Sets the file's modification time `seconds` ago.
    static func age(_ url: URL, by seconds: Int) {
        var times = [
            timespec(tv_sec: time(nil) - seconds, tv_nsec: 0), timespec(tv_sec: time(nil) - seconds, tv_nsec: 0),
        ]
        _ = utimensat(AT_FDCWD, url.path, &times, 0)
    }

    /// Writes `text` over the file in place (same inode) and gives it back its modification time.
    static func overwrite(_ url: URL, with text: String) throws {
        var before = stat()
        stat(url.path, &before)
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
        var times = [before.st_mtim, before.st_mtim]
        _ = utimensat(AT_FDCWD, url.path, &times, 0)
    }

    @Test("a file as it was is not read again; any change of size or time is")
    func unchangedIsRemembered() throws {
        let url = try Self.file("# 第一章\n\n旧的句子。\n")
        defer { try? FileManager.default.removeItem(at: url) }
        Self.age(url, by: 60)
        let first = try #require(BookLoader.readChapter(url, displayName: "a.md", remembers: true))
        #expect(first.source.text.contains("旧的句子"))
        // The same size, inode and time: taken from memory (which is why recent files are not kept).
        try Self.overwrite(url, with: "# 第一章\n\n新的句子。\n")
        #expect(BookLoader.readChapter(url, displayName: "a.md", remembers: true)?.source.text.contains("旧的句子") == true)
        // Without remembering, and after an ordinary save, the file is read.
        #expect(
            BookLoader.readChapter(url, displayName: "a.md", remembers: false)?.source.text.contains("新的句子") == true)
        try Data("# 第一章\n\n又改了一句。\n".utf8).write(to: url)
        #expect(BookLoader.readChapter(url, displayName: "a.md", remembers: true)?.source.text.contains("又改了") == true)
    }

    @Test("a file saved in the last two seconds is read every time")
    func recentIsReadAgain() throws {
        let url = try Self.file("# A\n\nold text.\n")
        defer { try? FileManager.default.removeItem(at: url) }
        _ = BookLoader.readChapter(url, displayName: "a.md", remembers: true)
        try Self.overwrite(url, with: "# A\n\nnew text.\n")
        #expect(
            BookLoader.readChapter(url, displayName: "a.md", remembers: true)?.source.text.contains("new text") == true)
    }

    @Test("a remembered file keeps where its invalid UTF-8 was")
    func invalidBytesRemembered() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("galley-chapter-\(UUID()).md")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data([0x23, 0x20, 0x41, 0x0A, 0x0A, 0x62, 0xFF, 0x63, 0x0A]).write(to: url)
        Self.age(url, by: 60)
        let first = try #require(BookLoader.readChapter(url, displayName: "b.md", remembers: true))
        let again = try #require(BookLoader.readChapter(url, displayName: "b.md", remembers: true))
        #expect(first.invalidAt != nil && again.invalidAt == first.invalidAt)
        #expect(again.source.text.contains("\u{FFFD}"))
    }
}
