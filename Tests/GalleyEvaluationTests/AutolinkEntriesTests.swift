import Foundation
import Testing

@testable import GalleyEvaluation

/// The libraries an object file asks for, read from its ELF section as `swift-autolink-extract` does.
@Suite("Autolink entries")
struct AutolinkEntriesTests {
    /// Runs a tool of the toolchain (or the system) on PATH in `folder`.
    static func run(_ tool: String, _ arguments: [String], in folder: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.currentDirectoryURL = folder
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test("a Swift object's imports, in order, each once; none in a C object; nil for what is not ELF")
    func entries() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("autolink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "import Foundation\nimport Synchronization\npublic func f() -> String { Date().description }\n"
            .write(to: folder.appendingPathComponent("a.swift"), atomically: true, encoding: .utf8)
        #expect(try Self.run("swiftc", ["-parse-as-library", "-c", "-o", "a.o", "a.swift"], in: folder) == 0)
        let swift = try #require(AutolinkEntries.read(folder.appendingPathComponent("a.o")))
        for library in ["-lswiftCore", "-lFoundation", "-lFoundationEssentials", "-lswiftSynchronization"] {
            #expect(swift.contains(library), "\(swift)")
        }
        #expect(Set(swift).count == swift.count, "\(swift)")
        #expect(swift.allSatisfy { $0.hasPrefix("-l") }, "\(swift)")

        try "int g(void) { return 1; }\n".write(
            to: folder.appendingPathComponent("b.c"), atomically: true, encoding: .utf8)
        #expect(try Self.run("cc", ["-c", "-o", "b.o", "b.c"], in: folder) == 0)
        #expect(AutolinkEntries.read(folder.appendingPathComponent("b.o")) == [])

        let object = [UInt8](try Data(contentsOf: folder.appendingPathComponent("a.o")))
        #expect(AutolinkEntries.entries(in: Array(object.prefix(200))) == nil, "a cut object")
        #expect(AutolinkEntries.entries(in: Array("not an object at all, just text".utf8)) == nil)
        var foreign = object
        foreign[4] = 1  // 32-bit
        #expect(AutolinkEntries.entries(in: foreign) == nil)
        #expect(AutolinkEntries.read(folder.appendingPathComponent("missing.o")) == nil)
    }
}
