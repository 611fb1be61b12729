import Foundation
import GalleyDiagnostics

/// Compiles one chapter program with `swiftc` and runs it, through the cache.
struct ProgramRunner: Sendable {
    let compiler: SwiftCompiler
    let runtime: RuntimeLibrary
    let cache: ProgramCache
    let timeout: Duration
    let outputCap: Int

    /// Flags for chapter code, part of the cache key. Swift 5 mode keeps strict-concurrency
    /// errors out of course code; the long-expression warning tells authors when an expression is
    /// slow to type-check.
    static let chapterFlags = [
        "-Onone", "-swift-version", "5",
        "-Xfrontend", "-warn-long-expression-type-checking=200",
    ]

    /// The module name of chapter programs, which `#file` shows in trap messages.
    static let moduleName = "Chapter"

    /// The outcome of compiling.
    struct Compilation: Codable {
        var succeeded: Bool
        var diagnostics: [CompilerDiagnosticRecord]
        var text: String
    }

    /// A compiler diagnostic as cached.
    struct CompilerDiagnosticRecord: Codable {
        var path: String
        var line: Int
        var column: Int
        var severity: String
        var message: String
    }

    /// The outcome of running.
    struct Run: Codable {
        var outputs: [Int: BlockOutput]
        var lastBlock: Int?
        var finished: Bool
        var exitStatus: Int32?
        var signal: Int32?
        var timedOut: Bool
    }

    /// The cache key of a program.
    func key(for program: ChapterProgram) -> String {
        var hash = ContentHash()
        hash.add(program.source)
        hash.add(runtime.hash)
        hash.add(compiler.version)
        for flag in Self.chapterFlags { hash.add(flag) }
        return hash.hex
    }

    /// Compiles the program unless the cache has it; returns the outcome and whether it compiled.
    func compile(_ program: ChapterProgram) throws(EvaluationError) -> (Compilation, compiledNow: Bool) {
        let key = key(for: program)
        let executable = cache.entry(for: key).appendingPathComponent("program")
        if let cached = cache.load(Compilation.self, key: key, name: "compile.json"),
            !cached.succeeded || FileManager.default.isExecutableFile(atPath: executable.path)
        {
            return (cached, false)
        }
        let folder = cache.entry(for: key)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(program.source.utf8).write(to: folder.appendingPathComponent("main.swift"))
        } catch {
            throw .system("cannot write to the cache \(folder.path): \(error.localizedDescription)")
        }
        let temporary = folder.appendingPathComponent(".program-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let output = try compiler.run(
            Self.chapterFlags + runtime.linkFlags + [
                "-module-cache-path", cache.folder.appendingPathComponent("ModuleCache").path,
                "-module-name", Self.moduleName,
                "-o", temporary.path,
                folder.appendingPathComponent("main.swift").path,
            ])
        if output.succeeded, rename(temporary.path, executable.path) != 0 {
            throw .system("cannot move the compiled chapter into the cache: \(String(cString: strerror(errno)))")
        }
        try? FileManager.default.removeItem(at: temporary)
        let compilation = Compilation(
            succeeded: output.succeeded,
            diagnostics: output.diagnostics.map {
                CompilerDiagnosticRecord(path: $0.path, line: $0.line, column: $0.column, severity: $0.severity.rawValue, message: $0.message)
            },
            text: output.text)
        cache.store(compilation, key: key, name: "compile.json")
        return (compilation, true)
    }

    /// Runs a compiled program unless the cache has its results.
    func run(_ program: ChapterProgram) throws(EvaluationError) -> Run {
        let key = key(for: program)
        if let cached = cache.load(Run.self, key: key, name: "run.json") { return cached }
        let nonce = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        var environment = ProcessInfo.processInfo.environment
        environment[RecordChannel.nonceVariable] = nonce
        // A trap's message is what the page needs; the runtime's backtrace is noise there.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        var collector = OutputCollector(nonce: nonce, cap: outputCap)
        let process = ChildProcess(
            executable: cache.entry(for: key).appendingPathComponent("program").path,
            environment: environment, timeout: timeout)
        let termination = try process.run(
            standardOutput: { collector.consumeOutput($0) },
            standardError: { collector.consumeError($0) })
        collector.finish()
        let run = Run(
            outputs: collector.outputs, lastBlock: collector.currentBlock, finished: collector.finished,
            exitStatus: termination.exitStatus, signal: termination.signal, timedOut: termination.timedOut)
        // A timed-out run is not cached: the next render should try again.
        if !termination.timedOut { cache.store(run, key: key, name: "run.json") }
        return run
    }
}

import GalleyRuntime
