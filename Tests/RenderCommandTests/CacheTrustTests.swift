import Foundation
import GalleySystem
import GalleyTestSupport
import Testing

/// Nothing in a cache is trusted blindly: each kind of entry, damaged in turn, is discarded and
/// built again with a note at the entry, and the site is byte for byte what a render without the
/// cache writes, with exit 0.
@Suite("A cache that can be trusted", .serialized)
struct CacheTrustTests {
    static let chapter = """
        # Softmax

        $$a_j = \\frac{e^{z_j}}{\\sum_i e^{z_i}}$$

        ```swift run
        let z: [Double] = [3, 1, -3]
        let a = softmax(z)
        print(a)
        ```

        The largest probability is [0.88](=a[0]); $\\frac{4.5}{2} = 2.25$.

        """

    /// A book, its cache and its library cache, and the site a render without the cache writes.
    final class Fixture {
        let book: TemporaryBook
        let cache: URL
        let libraries: URL
        let expected: [String: Data]

        init() throws {
            book = try TemporaryBook(["01-softmax.md": chapter, "02-more.md": "# More\n\n$x^2 = 4$ at $x = 2$.\n"])
            cache = book.root.appendingPathComponent("cache")
            libraries = book.root.appendingPathComponent("libraries")
            let reference = try book.render([
                "--no-cache", "--output", "Reference", "--cache-dir", book.root.appendingPathComponent("other").path,
                "--library-cache", libraries.path,
            ])
            #expect(reference.status == 0, "\(reference.stderr)")
            expected = Self.files(in: book.root.appendingPathComponent("Reference"))
            #expect(!expected.isEmpty)
            let first = try render()
            #expect(first.status == 0, "\(first.stderr)")
        }

        @discardableResult
        func render() throws -> RenderRun {
            try book.render(["--cache-dir", cache.path, "--library-cache", libraries.path])
        }

        static func files(in folder: URL) -> [String: Data] {
            var files: [String: Data] = [:]
            let base = folder.standardizedFileURL.path + "/"
            for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
                ?? FileManager.DirectoryEnumerator()
            where !url.hasDirectoryPath {
                files[String(url.standardizedFileURL.path.dropFirst(base.count))] = try? Data(contentsOf: url)
            }
            return files
        }

        /// The files under the cache whose path ends with `suffix` (or whose name starts with it).
        func entries(_ folder: URL, where matches: (URL) -> Bool) -> [URL] {
            var found: [URL] = []
            for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
                ?? FileManager.DirectoryEnumerator()
            where !url.hasDirectoryPath && matches(url) {
                found.append(url)
            }
            return found
        }

        /// Forgets the rendered chapters, so that the next render reads the caches under them.
        func forgetRendered() {
            try? FileManager.default.removeItem(at: cache.appendingPathComponent("render"))
        }

        /// Renders again after `damage`, and checks the site, the exit status and the note.
        func expectRebuilt(_ kind: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let run = try render()
            #expect(run.status == 0, "\(kind): \(run.stderr)", sourceLocation: sourceLocation)
            #expect(
                run.stderr.contains("note: a damaged \(kind) cache entry was discarded and built again"),
                "\(kind): \(run.stderr)", sourceLocation: sourceLocation)
            #expect(!run.stderr.contains("Chapters/"), "never blamed on a chapter: \(run.stderr)")
            let site = Self.files(in: book.output)
            #expect(site.keys.sorted() == expected.keys.sorted(), "\(kind)", sourceLocation: sourceLocation)
            for (path, data) in expected where site[path] != data {
                Issue.record("\(kind): \(path) differs from a render without the cache", sourceLocation: sourceLocation)
            }
            // And the run after it is quiet: what was rebuilt is whole.
            let next = try render()
            #expect(!next.stderr.contains("damaged"), "\(kind): \(next.stderr)", sourceLocation: sourceLocation)
        }
    }

    /// Random bytes over the middle of a file, its size kept.
    static func damage(_ url: URL, keepingTimes: Bool = false) throws {
        var data = try Data(contentsOf: url)
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        let middle = data.count / 2
        for index in middle..<min(middle + 64, data.count) { data[index] = UInt8.random(in: 0...255) }
        let reference = url.deletingLastPathComponent().appendingPathComponent(".times-\(UUID())")
        if keepingTimes {
            _ = try runProgram(URL(fileURLWithPath: "/usr/bin/touch"), ["-r", url.path, reference.path])
        }
        // In place, as a disk or a half-restored CI cache would: the same file, other bytes.
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: data)
        try handle.close()
        if keepingTimes {
            _ = try runProgram(URL(fileURLWithPath: "/usr/bin/touch"), ["-r", reference.path, url.path])
            try FileManager.default.removeItem(at: reference)
        }
        _ = attributes
    }

    @Test("the seal tells every one-byte change, at every place and length, and an older seal is stale")
    func sealCatchesEveryByte() {
        for length in [0, 1, 7, 8, 15, 16, 17, 33, 100] {
            let content = Data((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
            let sealed = SealedFile.seal(content)
            #expect(SealedFile.open(sealed) == content)
            for index in sealed.indices {
                var damaged = sealed
                damaged[index] ^= 0x5A
                #expect(SealedFile.open(damaged) == nil, "length \(length), byte \(index)")
            }
            #expect(SealedFile.open(sealed.dropLast()) == nil, "truncated")
        }
        let old = Data("content\n#galley-sealed 0123456789abcdef0123456789abcdef".utf8)
        guard case .stale = SealedFile.opened(old) else {
            Issue.record("a file sealed by the first version is stale, not damaged")
            return
        }
    }

    @Test(
        "damaged math, programs, compiler answers, results, render entries, pages, search indexes and libraries are rebuilt; the site is as without a cache"
    )
    func everyKindOfEntry() throws {
        let fixture = try Fixture()
        let cache = fixture.cache

        let math = try #require(fixture.entries(cache) { $0.lastPathComponent.hasPrefix("katex-") }.first)
        try Self.damage(math)
        fixture.forgetRendered()
        try fixture.expectRebuilt("math")

        let program = try #require(fixture.entries(cache) { $0.lastPathComponent == "program" }.first)
        try Self.damage(program)
        fixture.forgetRendered()
        try fixture.expectRebuilt("program")

        // What the compiler answered once, and how it plans a compile: asked again, never trusted
        // to start a wrong frontend.
        try Self.damage(cache.appendingPathComponent("compiler-version"))
        fixture.forgetRendered()
        try fixture.expectRebuilt("compiler")
        let plan = try #require(fixture.entries(cache) { $0.lastPathComponent.hasPrefix("frontend-plan-") }.first)
        try Self.damage(plan)
        fixture.forgetRendered()
        try? FileManager.default.removeItem(at: cache.appendingPathComponent("programs"))
        try fixture.expectRebuilt("compiler")

        let results = try #require(fixture.entries(cache) { $0.lastPathComponent == "run.json" }.first)
        try Self.damage(results)
        fixture.forgetRendered()
        try fixture.expectRebuilt("program")

        let entry = try #require(fixture.entries(cache) { $0.lastPathComponent == "entry.sealed" }.first)
        try Self.damage(entry)
        try fixture.expectRebuilt("render")

        // A kept page whose bytes changed under the same size and time: only its digest tells.
        let page = try #require(
            fixture.entries(cache.appendingPathComponent("render")) { $0.pathExtension == "html" }.first)
        try Self.damage(page, keepingTimes: true)
        try fixture.expectRebuilt("render")

        // The page the search indexes, kept beside the chapter's entry: only its digest tells.
        let searchPage = try #require(
            fixture.entries(cache.appendingPathComponent("render")) { $0.pathExtension == "search" }.first)
        try Self.damage(searchPage, keepingTimes: true)
        try fixture.expectRebuilt("render")

        // A part of the kept search index (Pagefind's), listed with its digest in the index's manifest.
        let fragment = try #require(
            fixture.entries(cache.appendingPathComponent("render")) { $0.pathExtension == "pf_fragment" }.first)
        try Self.damage(fragment)
        try fixture.expectRebuilt("search")

        let library = try #require(
            fixture.entries(fixture.libraries) { $0.lastPathComponent == "libNeuralMath.so" }.first)
        try Self.damage(library)
        fixture.forgetRendered()
        try fixture.expectRebuilt("libraries")

        let host = try #require(fixture.entries(fixture.libraries) { $0.lastPathComponent == "chapter-host" }.first)
        try Self.damage(host)
        fixture.forgetRendered()
        try fixture.expectRebuilt("libraries")
    }

    @Test(
        "a cached program that no longer starts (its libraries are not where it was linked) is compiled again, not blamed on the chapter"
    )
    func programThatDoesNotStart() throws {
        let fixture = try Fixture()
        let program = try #require(fixture.entries(fixture.cache) { $0.lastPathComponent == "program" }.first)
        let folder = program.deletingLastPathComponent()
        // A program whose loading stops at a library that is gone, as after a cache restored on
        // another machine; its compile.json vouches for it, so only running it tells.
        let work = fixture.book.root.appendingPathComponent("foreign")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try "int gone(void) { return 0; }\n".write(
            to: work.appendingPathComponent("gone.c"), atomically: true, encoding: .utf8)
        try "int gone(void);\nint main(void) { return gone(); }\n".write(
            to: work.appendingPathComponent("main.c"), atomically: true, encoding: .utf8)
        let gcc = URL(fileURLWithPath: "/usr/bin/gcc")
        #expect(try runProgram(gcc, ["-shared", "-fPIC", "-o", "libgone.so", "gone.c"], in: work).status == 0)
        // A shared object with a `main`, as the chapter host loads.
        #expect(
            try runProgram(
                gcc, ["-shared", "-fPIC", "-o", "foreign", "main.c", "-L.", "-lgone", "-Wl,-rpath,\(work.path)"],
                in: work
            ).status == 0)
        try FileManager.default.removeItem(at: work.appendingPathComponent("libgone.so"))
        try FileManager.default.removeItem(at: program)
        try FileManager.default.copyItem(at: work.appendingPathComponent("foreign"), to: program)
        for name in ["run.json"] { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
        let compile = folder.appendingPathComponent("compile.json")
        let opened = try #require(SealedFile.open(try Data(contentsOf: compile)))
        var json = try #require(try JSONSerialization.jsonObject(with: opened) as? [String: Any])
        json["programDigest"] = SealedFile.digest(of: program)
        try SealedFile.seal(try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])).write(to: compile)
        fixture.forgetRendered()
        try fixture.expectRebuilt("program")
    }
}
