import Foundation
import GalleyTestSupport
import Testing

/// A cache the size of the books that use it: what belongs to a book that is gone, and programs
/// no run used, are pruned.
@Suite("Pruning the cache")
struct PruneCacheTests {
    static let chapter = """
        ```swift run
        let a = softmax([3, 1, -3])
        ```

        The first probability is [0.88](=a[0]).

        """

    static func folders(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Sets a folder's time `days` back.
    static func age(_ url: URL, days: Int) throws {
        let run = try runProgram(URL(fileURLWithPath: "/usr/bin/touch"), ["-d", "\(days) days ago", url.path])
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test(
        "--prune-cache removes a gone book's rendered chapters at once; a render removes them after a month, and programs unused as long"
    )
    func pruning() throws {
        let book = try TemporaryBook(["a.md": Self.chapter])
        let cache = book.root.appendingPathComponent("cache")
        // A second book that shares the cache, then is deleted.
        let other = book.root.appendingPathComponent("Other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Self.chapter.replacingOccurrences(of: "[3, 1, -3]", with: "[3, 1, -2]")
            .write(to: other.appendingPathComponent("b.md"), atomically: true, encoding: .utf8)
        let arguments = ["--cache-dir", cache.path, "--output"]
        #expect(try RenderBinary.run(["Other"] + arguments + ["OtherOutput"], in: book.root).status == 0)
        #expect(try book.render(arguments + ["Output"]).status == 0)
        let render = cache.appendingPathComponent("render")
        let programs = cache.appendingPathComponent("programs")
        #expect(Self.folders(render).count == 2)
        #expect(Self.folders(programs).count == 2)

        try FileManager.default.removeItem(at: other)
        // A routine render keeps what a gone book left for a month.
        #expect(try book.render(arguments + ["Output"]).status == 0)
        #expect(Self.folders(render).count == 2, "not yet a month")
        // --prune-cache removes it at once, and keeps this book's.
        #expect(try book.render(arguments + ["Output", "--prune-cache"]).status == 0)
        let kept = Self.folders(render)
        #expect(kept.count == 1)
        #expect(
            (try? String(
                contentsOf: render.appendingPathComponent(kept[0]).appendingPathComponent("owner"), encoding: .utf8))
                == book.chapters.standardizedFileURL.path)

        // The gone book's program, unused for 40 days, goes with a routine render; this book's,
        // used by every render, stays.
        let used = Self.folders(programs)
        #expect(used.count == 2)
        for name in used { try Self.age(programs.appendingPathComponent(name), days: 40) }
        #expect(try book.render(arguments + ["Output"]).status == 0)
        #expect(Self.folders(programs).count == 1, "\(Self.folders(programs))")
        // The site is still whole.
        #expect(book.output("a.html")?.contains("0.88") == true)
    }

    @Test("what a killed process left half made of a search index is removed by the next index built")
    func abandonedSearchIndex() throws {
        let book = try TemporaryBook(["01.md": "# 一\n\n第一段。\n"])
        let cache = book.root.appendingPathComponent("cache")
        #expect(try book.render(["--cache-dir", cache.path]).status == 0)
        let search = try #require(
            try FileManager.default.contentsOfDirectory(
                at: cache.appendingPathComponent("render"), includingPropertiesForKeys: nil
            )
            .map { $0.appendingPathComponent("search") }
            .first { FileManager.default.fileExists(atPath: $0.path) })
        // A process that has ended: its pid names no process now.
        let ended = try runProgram(URL(fileURLWithPath: "/bin/sh"), ["-c", "echo $$"])
        let pid = try #require(Int(ended.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let abandoned = search.appendingPathComponent(".0123abcd.pending-\(pid)-42")
        let running = search.appendingPathComponent(".0123abcd.pending-\(getpid())-43")
        for folder in [abandoned, running] {
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent("pages"), withIntermediateDirectories: true)
        }
        try book.write("01.md", "# 一\n\n改过的第一段。\n")
        #expect(try book.render(["--cache-dir", cache.path]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: abandoned.path), "a dead process's staging is removed")
        #expect(FileManager.default.fileExists(atPath: running.path), "a live process's staging is kept")
    }
}
