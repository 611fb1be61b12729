import Foundation
import GalleyTestSupport
import Testing

/// Chapters are linked into shared objects that the chapter host loads; a chapter that imports a
/// library the host was not linked with gets it linked in, and a toolchain whose linker Galley
/// cannot find builds executables as before.
@Suite("The chapter host")
struct ChapterHostTests {
    static let chapters = [
        "a.md": """
        ```swift run
        import Synchronization
        let total = Mutex(0)
        for step in 1...4 { total.withLock { $0 += step } }
        print("total", total.withLock { $0 })
        ```
        """,
        "b.md": """
        ```swift run
        import RegexBuilder
        let digits = Regex { OneOrMore(.digit) }
        print("found", "softmax of 3 numbers".firstMatch(of: digits).map { String($0.output) } ?? "none")
        ```
        """,
        "c.md": "```swift run\nprint(\"sum\", softmax([1, 1]).reduce(0, +))\n```\n",
    ]

    /// The programs in a cache folder.
    static func programs(in cache: URL) -> [URL] {
        let programs = cache.appendingPathComponent("programs")
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: programs.path)) ?? []
        return entries.map { programs.appendingPathComponent($0).appendingPathComponent("program") }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Whether an ELF file asks for a program interpreter (an executable does, a library does not).
    static func isExecutable(_ file: URL) throws -> Bool {
        let bytes = [UInt8](try Data(contentsOf: file))
        func integer(_ offset: Int, _ size: Int) -> Int {
            (0..<size).reversed().reduce(0) { $0 << 8 | Int(bytes[offset + $1]) }
        }
        let table = integer(0x20, 8)
        let entrySize = integer(0x36, 2)
        return (0..<integer(0x38, 2)).contains { integer(table + $0 * entrySize, 4) == 3 }  // PT_INTERP
    }

    func expectOutputs(_ book: TemporaryBook) {
        #expect(book.output("a.html")?.contains("<pre class=\"stdout\" tabindex=\"0\">total 10\n</pre>") == true)
        #expect(book.output("b.html")?.contains("<pre class=\"stdout\" tabindex=\"0\">found 3\n</pre>") == true)
        #expect(book.output("c.html")?.contains("<pre class=\"stdout\" tabindex=\"0\">sum 1.0\n</pre>") == true)
    }

    @Test("chapters run as shared objects, with the libraries they import that the host lacks")
    func sharedObjects() throws {
        let book = try TemporaryBook(Self.chapters)
        let cache = book.root.appendingPathComponent("cache")
        let run = try book.render(["--cache-dir", cache.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("(compiled 3)"), "\(run.stdout)")
        expectOutputs(book)
        let programs = Self.programs(in: cache)
        #expect(programs.count == 3)
        for program in programs { #expect(try !Self.isExecutable(program), "\(program.path)") }
        // One chapter alone is compiled as top-level code: the host calls its `main`.
        try book.write("c.md", "```swift run\nprint(\"sum\", softmax([1, 1]).reduce(0, +))\n```\n\nEdited.\n")
        try book.write("b.md", Self.chapters["b.md"]! + "\n```swift run\nprint(\"again\")\n```\n")
        let edited = try book.render(["--cache-dir", cache.path])
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(edited.stdout.contains("(compiled 1)"), "\(edited.stdout)")
        #expect(book.output("b.html")?.contains("<pre class=\"stdout\" tabindex=\"0\">again\n</pre>") == true)
    }

    @Test("a toolchain that does not say where its linker is gets executables, which run the same")
    func executablesWithoutTheLinker() throws {
        let book = try TemporaryBook(Self.chapters)
        let wrapper = book.root.appendingPathComponent("swiftc")
        let swiftc = try #require(
            ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").map { "\($0)/swiftc" }
                .first { FileManager.default.isExecutableFile(atPath: $0) })
        try """
        #!/bin/sh
        [ "$1" = -print-target-info ] && exit 1
        exec \(swiftc) "$@"

        """.write(to: wrapper, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper.path)
        let cache = book.root.appendingPathComponent("cache")
        let run = try book.render(["--cache-dir", cache.path], environment: ["SWIFTC": wrapper.path])
        #expect(run.status == 0, "\(run.stderr)")
        expectOutputs(book)
        let programs = Self.programs(in: cache)
        #expect(programs.count == 3)
        for program in programs { #expect(try Self.isExecutable(program), "\(program.path)") }
    }
}
