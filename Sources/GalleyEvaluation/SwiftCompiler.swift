public import Foundation
import GalleyDiagnostics
public import GalleySystem

/// The toolchain's `swiftc`, which compiles every chapter: no interpreter of Galley's own.
public struct SwiftCompiler: Sendable {
    /// The path of `swiftc`.
    public let path: String
    /// What `swiftc --version` prints, part of every cache key.
    public let version: String

    /// Where the toolchain keeps what linking needs, from `swiftc -print-target-info`; nil when it
    /// could not tell.
    public let paths: ToolchainPaths?
    /// The binary's identity (`FileIdentity`), the folder its answers are remembered in, and
    /// where a damaged one is recorded.
    private var identity: String? = nil
    private var memory: URL? = nil
    private var damage: CacheDamage? = nil

    /// Finds `swiftc`: `$SWIFTC` if set, else the first on `PATH`.
    ///
    /// Its version and paths are asked once per compiler binary and remembered in `cache`, sealed
    /// and keyed by the binary's resolved path, size and modification time: starting `swiftc
    /// --version` costs about half of an unchanged re-render. A damaged answer is recorded in
    /// `damage` and asked again.
    public static func locate(
        cache: URL? = nil, damage: CacheDamage? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(EvaluationError) -> SwiftCompiler {
        guard let path = find(environment: environment) else {
            throw .compilerNotFound("no swiftc on PATH; set SWIFTC to its path")
        }
        let identity = FileIdentity.of(path)
        func answer(_ argument: String, file: String) throws(EvaluationError) -> String {
            try remembered(
                path: path, arguments: [argument], identity: identity, file: cache?.appendingPathComponent(file),
                damage: damage)
        }
        let version = try answer("--version", file: "compiler-version")
        let paths = (try? answer("-print-target-info", file: "compiler-paths")).flatMap(
            ToolchainPaths.init(targetInfo:))
        return SwiftCompiler(
            path: path, version: version, paths: paths, identity: identity, memory: cache, damage: damage)
    }

    /// What `swiftc ARGUMENTS` prints, remembered in `file` for a compiler of the same `identity`.
    private static func remembered(
        path: String, arguments: [String], identity: String?, file: URL?, damage: CacheDamage?
    ) throws(EvaluationError) -> String {
        if let file, let identity, let data = SealedFile.read(file, damage: damage, kind: "compiler"),
            let text = String(data: data, encoding: .utf8), let newline = text.firstIndex(of: "\n"),
            text[..<newline] == identity
        {
            return String(text[text.index(after: newline)...])
        }
        let run: (termination: ChildProcess.Termination, output: String, errors: String)
        do {
            run = try ChildProcess(executable: path, arguments: arguments, timeout: .seconds(60)).collect()
        } catch {
            throw .compilerNotFound(error.description)
        }
        guard run.termination.succeeded else {
            throw .compilerNotFound("\(path) \(arguments.joined(separator: " ")) failed: \(run.errors)")
        }
        let answer = (run.output + run.errors).trimmingCharacters(in: .whitespacesAndNewlines)
        if let file, let identity {
            // Concurrent renders see the old file or the new one; a cache that cannot be written
            // only costs the next run another question.
            try? SealedFile.write(Data((identity + "\n" + answer).utf8), to: file)
        }
        return answer
    }

    /// Where `locate` finds `swiftc`, without starting it: `$SWIFTC` if set, else the first on
    /// `PATH`.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        var candidates: [String] = []
        if let explicit = environment["SWIFTC"] { candidates.append(explicit) }
        for folder in (environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            candidates.append("\(folder)/swiftc")
        }
        return candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) })
    }

    /// The result of one compiler run.
    struct Output {
        var succeeded: Bool
        var diagnostics: [CompilerDiagnostic]
        /// Everything the compiler printed, for problems that are not diagnostics.
        var text: String
    }

    /// Runs `swiftc` with `arguments` and reads its diagnostics.
    func run(_ arguments: [String], timeout: Duration = .seconds(300)) throws(EvaluationError) -> Output {
        try Self.execute(path, Self.diagnosticStyle + arguments, timeout: timeout)
    }

    /// Diagnostics one a line, `path:line:column: severity: message`.
    private static let diagnosticStyle = ["-diagnostic-style", "llvm"]

    /// Compiles `sources` with `flags` into the object file `output`.
    ///
    /// The frontend is started directly, with the arguments `swiftc -###` plans for these flags —
    /// asked once and remembered beside the compiler's version: the driver, a Swift program that
    /// loads its own libraries, costs 50–100 ms of every compile. Through `swiftc` when there is no
    /// plan Galley can read (`FrontendPlan`).
    func compileObject(_ flags: [String], sources: [String], output: URL) throws(EvaluationError) -> Output {
        guard let plan = frontendPlan(flags) else {
            return try run(flags + ["-c", "-o", output.path] + sources)
        }
        return try Self.execute(plan.frontend, plan.arguments(sources: sources, output: output.path))
    }

    /// The remembered plan for compiling with `flags`, asked for if there is none.
    private func frontendPlan(_ flags: [String]) -> FrontendPlan? {
        guard let memory, let identity else { return nil }
        let arguments = Self.diagnosticStyle + flags + FrontendPlan.question
        var key = ContentHash()
        for argument in arguments { key.add(argument) }
        // The plan names the working folder (`-file-compilation-dir`).
        key.add(FileManager.default.currentDirectoryPath)
        let file = memory.appendingPathComponent("frontend-plan-\(key.hex)")
        guard
            let text = try? Self.remembered(
                path: path, arguments: arguments, identity: identity, file: file, damage: damage)
        else { return nil }
        return FrontendPlan(driverOutput: text)
    }

    /// Runs a tool of the toolchain (the driver, the frontend, the linker) and reads its
    /// diagnostics.
    static func execute(
        _ executable: String, _ arguments: [String], timeout: Duration = .seconds(300)
    ) throws(EvaluationError) -> Output {
        let run: (termination: ChildProcess.Termination, output: String, errors: String)
        do {
            run = try ChildProcess(executable: executable, arguments: arguments, timeout: timeout).collect()
        } catch {
            throw .system(error.description)
        }
        let text = run.output + run.errors
        return Output(
            succeeded: run.termination.succeeded, diagnostics: CompilerDiagnostic.parse(text), text: text)
    }
}

/// One line of `swiftc`'s diagnostics: `Chapters/01.md:12:5: error: cannot find 'x' in scope`.
struct CompilerDiagnostic: Equatable, Sendable, Codable {
    var path: String
    var line: Int
    var column: Int
    var severity: Diagnostic.Severity
    var message: String

    /// Reads every diagnostic line of the compiler's output (notes included).
    static func parse(_ text: String) -> [CompilerDiagnostic] {
        var result: [CompilerDiagnostic] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            // path:LINE:COL: severity: message — the path itself may contain colons, so read the
            // fields from the severity backwards.
            for (word, severity) in [
                (": error: ", Diagnostic.Severity.error), (": warning: ", .warning), (": note: ", .note),
            ] {
                guard let range = line.range(of: word) else { continue }
                let location = line[..<range.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
                guard location.count >= 3, let lineNumber = Int(location[location.count - 2]),
                    let column = Int(location[location.count - 1])
                else { break }
                result.append(
                    CompilerDiagnostic(
                        path: location.dropLast(2).joined(separator: ":"), line: lineNumber, column: column,
                        severity: severity, message: String(line[range.upperBound...])))
                break
            }
        }
        return result
    }
}
