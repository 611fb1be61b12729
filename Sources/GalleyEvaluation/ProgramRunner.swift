import Foundation
import GalleyDiagnostics
import GalleyRecords
import GalleyResults
import GalleySystem

/// Compiles one chapter program with `swiftc` and runs it, through the cache.
struct ProgramRunner: Sendable {
    let compiler: SwiftCompiler
    let runtime: RuntimeLibrary
    let cache: ProgramCache
    let timeout: Duration
    let outputCap: Int
    /// An expression that takes longer than this to type-check is a warning at its line.
    let slowTypeCheck: Duration
    /// The book's own package, when it names one.
    var package: PackageLibrary? = nil
    /// Links chapters into shared objects that the chapter host runs; nil where the toolchain's
    /// linker cannot be found, and `swiftc` links each program into an executable.
    var linker: ChapterLinker? = nil

    /// Flags for chapter code, part of the cache key. Swift 5 mode keeps strict-concurrency
    /// errors out of course code; the long-expression warning tells authors when an expression is
    /// slow to type-check; line tables (`-gline-tables-only`) let the runtime's backtracer name the
    /// Markdown line where a block trapped.
    var chapterFlags: [String] {
        let milliseconds = max(1, Int(slowTypeCheck / .milliseconds(1)))
        return [
            "-Onone", "-gline-tables-only", "-wmo", "-swift-version", "5",
            "-Xfrontend", "-warn-long-expression-type-checking=\(milliseconds)",
        ]
    }

    /// The module name of chapter programs, which `#file` shows in trap messages.
    static let moduleName = "Chapter"

    /// The `swiftc` flags that build chapter sources, into one executable with `-o` and the
    /// sources, or into an object with `compileObject`.
    private var flags: [String] {
        chapterFlags + runtime.linkFlags + (package?.linkFlags ?? []) + [
            "-module-cache-path", cache.folder.appendingPathComponent("ModuleCache").path,
            "-module-name", Self.moduleName,
        ]
    }

    /// The outcome of compiling.
    struct Compilation: Codable {
        var succeeded: Bool
        var diagnostics: [CompilerDiagnostic]
        var text: String
        /// For a chapter built with others into one program, the argument that selects it.
        var argument: String?
        /// The executable's digest, checked before it is run (`SealedFile.digest`).
        var programDigest: String?
    }

    /// The outcome of running.
    struct Run: Codable {
        var outputs: [Int: BlockOutput]
        var lastBlock: Int?
        var finished: Bool
        var reachedBindings: Bool
        var values: [Int: BoundValue]
        var offered: [OfferedValue]
        var expectations: [BlockExpectation]
        var bindingsError: String
        /// Record lines Galley could not read, each described.
        var unreadableRecords: [String]
        var exitStatus: Int32?
        var signal: Int32?
        var timedOut: Bool

        /// The program never got to its first block: the shell's "cannot execute" status, and no
        /// record at all (a block that exits with 127 has begun first).
        var didNotStart: Bool {
            exitStatus == 127 && lastBlock == nil && !reachedBindings && outputs.isEmpty && !finished
        }
    }

    /// The cache key of a program.
    func key(for program: ChapterProgram) -> String {
        var hash = ContentHash()
        hash.add("sealed entries")  // entries before the seal are not read
        hash.add(program.source)
        hash.add(runtime.hash)
        // A program finds its libraries where they were when it was linked (its rpath).
        hash.add(runtime.folder.path)
        hash.add(package?.key ?? "no package")
        hash.add(package?.folder.path ?? "")
        hash.add(compiler.version)
        for flag in chapterFlags { hash.add(flag) }
        hash.add(linker == nil ? "executable" : "shared object for the chapter host")
        return hash.hex
    }

    /// Compiles the program unless the cache has it; returns the outcome and whether it compiled.
    func compile(_ program: ChapterProgram) throws(EvaluationError) -> (Compilation, compiledNow: Bool) {
        let key = key(for: program)
        let executable = cache.entry(for: key).appendingPathComponent("program")
        if isCompiled(key), let cached = cache.load(Compilation.self, key: key, name: "compile.json") {
            return (cached, false)
        }
        let folder = cache.entry(for: key)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .system("cannot write to the cache \(folder.path): \(error.localizedDescription)")
        }
        do {
            // Whole or not at all: a render compiling the same program at the same time reads it.
            // The key decides the source, so a file already there is left alone: replacing it
            // under another render's swiftc makes that one fail ("modified during the build").
            try AtomicFile.writeIfChanged(Data(program.source.utf8), to: folder.appendingPathComponent("main.swift"))
        } catch {
            throw .system("cannot write to the cache: \(error)")
        }
        let temporary = AtomicFile.temporaryURL(beside: executable)
        let output = try build([folder.appendingPathComponent("main.swift").path], into: temporary, asLibrary: false)
        if output.succeeded {
            do {
                try AtomicFile.move(temporary, into: executable)
            } catch {
                throw .system("cannot put the compiled chapter into the cache: \(error)")
            }
        } else {
            try? FileManager.default.removeItem(at: temporary)
        }
        let compilation = Compilation(
            succeeded: output.succeeded,
            diagnostics: output.diagnostics, text: output.text, argument: nil,
            programDigest: output.succeeded ? SealedFile.digest(of: executable) : nil)
        cache.store(compilation, key: key, name: "compile.json")
        return (compilation, true)
    }

    /// Compiles `sources` into the program `output`: with a linker, a shared object for the chapter
    /// host (`ChapterLinker`), of top-level code (`main`) or, `asLibrary`, of entry functions; else
    /// an executable.
    private func build(_ sources: [String], into output: URL, asLibrary: Bool) throws(EvaluationError)
        -> SwiftCompiler.Output
    {
        guard let linker else { return try compiler.run(flags + ["-o", output.path] + sources) }
        let object = AtomicFile.temporaryURL(beside: output, purpose: "object")
        defer { try? FileManager.default.removeItem(at: object) }
        let compiled = try compiler.compileObject(
            flags + (asLibrary ? ["-parse-as-library"] : []), sources: sources, output: object)
        guard compiled.succeeded else { return compiled }
        // What the chapter imports beyond what the host was linked with, and the book's package.
        var libraries = (AutolinkEntries.read(object) ?? []).filter { !runtime.hostLibraries.contains($0) }
        var folders = [runtime.folder.path]
        if let package {
            libraries.append("-l\(PackageLibrary.wrapperName)")
            folders.append(package.folder.path)
        }
        let linked = try linker.link(object, into: output, libraries: libraries, folders: folders)
        return SwiftCompiler.Output(
            succeeded: linked.succeeded, diagnostics: compiled.diagnostics, text: compiled.text + linked.text)
    }

    /// The name of the entry of the chapter numbered `number` in a program of several.
    static func entryName(_ number: Int) -> String { "galley_chapter_\(number)" }

    /// Compiles several chapters' programs, in one `swiftc` call per core where it works.
    ///
    /// Starting `swiftc` costs more than compiling a chapter, so the chapters that are not in the
    /// cache are built together into one program: each chapter becomes a function in a file of
    /// its own, with an entry the host calls by name, one process per chapter as before. One
    /// `swiftc -wmo` call uses one core, so the chapters are split into a group per core (of two
    /// chapters at least), built side by side: on this 2-core machine two calls over halves of the
    /// 10-chapter book take 407 ms against 692 ms for one (BENCHMARKS.md, session 13).
    /// Returns the keys of the programs compiled.
    func compileTogether(_ programs: [ChapterProgram]) throws(EvaluationError) -> Set<String> {
        var pending: [ChapterProgram] = []
        var seen = Set<String>()
        for program in programs {
            let key = key(for: program)
            guard seen.insert(key).inserted, !isCompiled(key) else { continue }
            pending.append(program)
        }
        let groups = Self.groups(pending, cores: ProcessInfo.processInfo.activeProcessorCount)
        guard groups.count > 1 else { return try compileBatch(pending) }
        let outcomes = Parallel.map(groups) { group -> Result<Set<String>, EvaluationError> in
            do throws(EvaluationError) {
                return .success(try compileBatch(group))
            } catch {
                return .failure(error)
            }
        }
        var compiled = Set<String>()
        for outcome in outcomes { compiled.formUnion(try outcome.get()) }
        return compiled
    }

    /// The chapters split into one group per core, each of two chapters at least, with about as
    /// much source in each (the largest first, each to the lightest group).
    static func groups(_ programs: [ChapterProgram], cores: Int) -> [[ChapterProgram]] {
        let count = max(1, min(cores, programs.count / 2))
        guard count > 1 else { return [programs] }
        var groups = [[ChapterProgram]](repeating: [], count: count)
        var sizes = [Int](repeating: 0, count: count)
        for program in programs.sorted(by: { $0.source.utf8.count > $1.source.utf8.count }) {
            let lightest = sizes.indices.min { sizes[$0] < sizes[$1] }!
            groups[lightest].append(program)
            sizes[lightest] += program.source.utf8.count
        }
        return groups
    }

    /// Compiles chapters into one executable. When that build fails, the chapters the errors
    /// point into are compiled on their own, as top-level code — the form whose diagnostics
    /// authors see — and the rest together again.
    private func compileBatch(_ pending: [ChapterProgram]) throws(EvaluationError) -> Set<String> {
        if pending.count < 2 {
            for program in pending { _ = try compile(program) }
            return Set(pending.map { key(for: $0) })
        }
        let batchKey: String = {
            var hash = ContentHash()
            for program in pending { hash.add(key(for: program)) }
            return hash.hex
        }()
        let folder = cache.folder.appendingPathComponent("batches").appendingPathComponent(batchKey)
        var files: [String] = []
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // Each chapter a function, called by the entry the host looks up, or, in an
            // executable, by `main.swift` for the entry's name as its argument.
            var dispatch = "switch CommandLine.arguments.dropFirst().first {\n"
            for (number, program) in pending.enumerated() {
                let file = folder.appendingPathComponent("chapter\(number).swift")
                let function = "galleyChapter\(number)"
                let entry = """
                    @_cdecl("\(Self.entryName(number))")
                    public func _\(function)Entry(
                        _ count: Int32, _ arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
                    ) -> Int32 {
                        \(function)()
                        return 0
                    }

                    """
                try Data((program.functionSource(named: function) + entry).utf8).write(to: file)
                files.append(file.path)
                dispatch += "case \"\(Self.entryName(number))\": \(function)()\n"
            }
            dispatch += "default: fatalError(\"no such chapter\")\n}\n"
            if linker == nil {
                let main = folder.appendingPathComponent("main.swift")
                try Data(dispatch.utf8).write(to: main)
                files.append(main.path)
            }
        } catch {
            throw .system("cannot write to the cache \(folder.path): \(error.localizedDescription)")
        }
        let executable = folder.appendingPathComponent("program")
        let output = try build(files, into: executable, asLibrary: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        if output.succeeded {
            for (number, program) in pending.enumerated() {
                let key = key(for: program)
                let entry = cache.entry(for: key)
                try? FileManager.default.createDirectory(at: entry, withIntermediateDirectories: true)
                let linked = entry.appendingPathComponent("program")
                try? FileManager.default.removeItem(at: linked)
                if link(executable.path, linked.path) != 0 {
                    try? FileManager.default.copyItem(at: executable, to: linked)
                }
                // Warnings that only the function form raises (a local never used) are dropped:
                // as top-level code the same lines raise none.
                let own = output.diagnostics.filter {
                    $0.path == program.path && !$0.message.hasSuffix("[#no-usage]")
                }
                cache.store(
                    Compilation(
                        succeeded: true, diagnostics: own, text: "", argument: Self.entryName(number),
                        programDigest: SealedFile.digest(of: linked)),
                    key: key, name: "compile.json")
            }
            return Set(pending.map { key(for: $0) })
        }
        // Which chapters broke the build? Errors name the chapter's Markdown file or its
        // generated file.
        var broken = Set<Int>()
        for diagnostic in output.diagnostics where diagnostic.severity == .error {
            if let number = pending.firstIndex(where: { $0.path == diagnostic.path }) {
                broken.insert(number)
            } else if let number = files.firstIndex(of: diagnostic.path), number < pending.count {
                broken.insert(number)
            } else {
                broken = Set(pending.indices)  // an error nobody owns: build each on its own
                break
            }
        }
        if broken.isEmpty { broken = Set(pending.indices) }
        var compiled = Set<String>()
        for number in broken.sorted() {
            _ = try compile(pending[number])
            compiled.insert(key(for: pending[number]))
        }
        let rest = pending.indices.filter { !broken.contains($0) }.map { pending[$0] }
        return compiled.union(try compileBatch(rest))
    }

    /// Whether a program's compilation is in the cache, its executable whole: one whose bytes are
    /// not those compiled is recorded as damaged and compiled again.
    private func isCompiled(_ key: String) -> Bool {
        guard let cached = cache.load(Compilation.self, key: key, name: "compile.json") else { return false }
        guard cached.succeeded else { return true }
        let executable = cache.entry(for: key).appendingPathComponent("program")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else { return false }
        guard let digest = cached.programDigest, SealedFile.digest(of: executable) == digest else {
            cache.damage?.record("program", at: executable)
            return false
        }
        return true
    }

    /// Runs a compiled program unless the cache has its results. A program that does not start
    /// at all (the loader cannot find its libraries, as after a cache restored on another machine)
    /// is the cache's fault, not the chapter's: it is recorded, compiled again and run again.
    func run(_ program: ChapterProgram) throws(EvaluationError) -> Run {
        let key = key(for: program)
        if let cached = cache.load(Run.self, key: key, name: "run.json") { return cached }
        var run = try execute(program, key: key)
        if run.didNotStart {
            let entry = cache.entry(for: key)
            cache.damage?.record("program", at: entry.appendingPathComponent("program"))
            try? FileManager.default.removeItem(at: entry.appendingPathComponent("compile.json"))
            try? FileManager.default.removeItem(at: entry.appendingPathComponent("program"))
            _ = try compile(program)
            run = try execute(program, key: key)
        }
        // A timed-out run is not cached: the next render should try again.
        if !run.timedOut { cache.store(run, key: key, name: "run.json") }
        return run
    }

    /// Runs the compiled program once.
    private func execute(_ program: ChapterProgram, key: String) throws(EvaluationError) -> Run {
        let nonce = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        var environment = ProcessInfo.processInfo.environment
        environment[RecordLine.nonceVariable] = nonce
        // On a trap the runtime's backtracer names the failure and the line it happened at; only
        // the crashed thread's top frames, no registers or images: Galley reads and then drops it.
        environment["SWIFT_BACKTRACE"] =
            "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,limit=8,top=4,output-to=stderr"
        var collector = OutputCollector(nonce: nonce, cap: outputCap)
        let argument = cache.load(Compilation.self, key: key, name: "compile.json")?.argument
        let program = cache.entry(for: key).appendingPathComponent("program").path
        let process = ChildProcess(
            executable: linker == nil ? program : runtime.host.path,
            arguments: linker == nil ? (argument.map { [$0] } ?? []) : [program, argument ?? "main"],
            environment: environment, timeout: timeout)
        let termination: ChildProcess.Termination
        do {
            termination = try process.run(
                standardOutput: { collector.consumeOutput($0) },
                standardError: { collector.consumeError($0) })
        } catch {
            throw .system(error.description)
        }
        collector.finish()
        let run = Run(
            outputs: collector.outputs, lastBlock: collector.currentBlock, finished: collector.finished,
            reachedBindings: collector.reachedBindings, values: collector.values,
            offered: collector.offered, expectations: collector.expectations, bindingsError: collector.bindingsError,
            unreadableRecords: collector.unreadable.map(\.description),
            exitStatus: termination.exitStatus, signal: termination.signal, timedOut: termination.timedOut)
        return run
    }
}
