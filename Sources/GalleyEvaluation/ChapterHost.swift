import Foundation

/// The executable that runs compiled chapters: `chapter-host PROGRAM ENTRY` loads the chapter's
/// shared object (`ChapterLinker`) and calls its entry, `main` for a chapter compiled as top-level
/// code, `galley_chapter_N` for one of several compiled together.
///
/// It is linked once, beside the runtime libraries, with them and every library Foundation brings,
/// so that a chapter's shared object need not be. A program it cannot load or whose entry is
/// missing exits with status 127, as the shell's "cannot execute" does: the cache's fault, never
/// the chapter's (`ProgramRunner.Run.didNotStart`).
enum ChapterHost {
    /// The executable's name in the runtime folder.
    static let executableName = "chapter-host"
    /// The file listing the `-lName` libraries the host was linked with, one a line.
    static let librariesName = "chapter-host.libraries"

    /// The host's source.
    static let source = """
        import Foundation

        let arguments = CommandLine.arguments
        func fail(_ message: String) -> Never {
            FileHandle.standardError.write(Data("galley chapter host: \\(message)\\n".utf8))
            exit(127)
        }
        guard arguments.count == 3 else { fail("usage: chapter-host PROGRAM ENTRY") }
        guard let program = dlopen(arguments[1], RTLD_NOW | RTLD_GLOBAL) else {
            fail(dlerror().map { String(cString: $0) } ?? "cannot load \\(arguments[1])")
        }
        guard let entry = dlsym(program, arguments[2]) else { fail("\\(arguments[1]) has no \\(arguments[2])") }
        typealias Entry = @convention(c) (Int32, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32
        exit(unsafeBitCast(entry, to: Entry.self)(CommandLine.argc, CommandLine.unsafeArgv))

        """

    /// Builds the host into `staging`, linked with the runtime `modules` built there, which it
    /// finds in `folder` once the staging folder is moved there.
    static func build(
        compiler: SwiftCompiler, modules: [String], in staging: URL, finalFolder folder: URL, moduleCache: URL
    ) throws(EvaluationError) {
        let sources = staging.appendingPathComponent("Sources").appendingPathComponent("ChapterHost")
        let main = sources.appendingPathComponent("main.swift")
        let object = staging.appendingPathComponent("\(executableName).o")
        do {
            try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
            try Data(source.utf8).write(to: main)
        } catch {
            throw .runtimeLibrary("cannot write the chapter host's source to \(sources.path): \(error)")
        }
        defer { try? FileManager.default.removeItem(at: object) }
        let compiled = try compiler.run([
            "-Onone", "-module-name", "ChapterHost", "-module-cache-path", moduleCache.path,
            "-c", "-o", object.path, main.path,
        ])
        guard compiled.succeeded else { throw .runtimeLibrary("the chapter host did not compile:\n\(compiled.text)") }
        let runtime = modules.map { "-l\($0)" }
        let linked = try compiler.run(
            ["-o", staging.appendingPathComponent(executableName).path, object.path, "-L", staging.path]
                // Linked whether or not the host calls into them: the chapters it loads do.
                + ["-Xlinker", "--no-as-needed"] + runtime + ["-Xlinker", "-rpath", "-Xlinker", folder.path])
        guard linked.succeeded else { throw .runtimeLibrary("the chapter host did not link:\n\(linked.text)") }
        // What the driver read of the object, left where it was linked.
        try? FileManager.default.removeItem(at: staging.appendingPathComponent("main.autolink"))
        do {
            let libraries = (AutolinkEntries.read(object) ?? []) + runtime
            try Data(libraries.map { $0 + "\n" }.joined().utf8).write(
                to: staging.appendingPathComponent(librariesName))
        } catch {
            throw .runtimeLibrary("cannot write \(staging.path): \(error)")
        }
    }

    /// The libraries the host in `folder` was linked with.
    static func libraries(in folder: URL) -> Set<String> {
        let text = (try? String(contentsOf: folder.appendingPathComponent(librariesName), encoding: .utf8)) ?? ""
        return Set(text.split(separator: "\n").map(String.init))
    }
}
