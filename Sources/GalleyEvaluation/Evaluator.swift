public import Foundation
public import GalleyDiagnostics
public import GalleyMarkdown
public import GalleyResults
public import GalleySemantics
public import GalleySystem

/// The evaluate stage: compiles and runs each chapter's `swift run` blocks with the real `swiftc`
/// against NeuralMath, the Galley runtime and the book's own package, and reports what they printed, displayed and got wrong.
public struct Evaluator: Sendable {
    public struct Configuration: Sendable {
        /// Where compiled programs, their results and the runtime libraries are kept.
        public var cacheFolder: URL
        /// How long a chapter may run before it is stopped with everything it started.
        public var timeout: Duration
        /// How much each block may write to each stream before the rest is dropped.
        public var outputCap: Int
        /// False to compile and run everything again, ignoring the cache.
        public var usesCache: Bool
        /// An expression in chapter code that takes longer than this to type-check is a warning
        /// at its line (swiftc's `-warn-long-expression-type-checking`).
        public var slowTypeCheck: Duration
        /// Where NeuralMath and the runtime are built, shared by every book (`LibraryCache`);
        /// nil to build them into `cacheFolder`.
        public var libraryFolder: URL?
        /// The book's own package, built, which every chapter program links against.
        public var package: PackageLibrary?
        /// Where a damaged cache entry is recorded (it is then built again).
        public var damage: CacheDamage?
        /// Advanced as chapters are compiled and run.
        public var progress: RunProgress?

        public init(
            cacheFolder: URL, timeout: Duration = .seconds(30), outputCap: Int = 1 << 20, usesCache: Bool = true,
            slowTypeCheck: Duration = .milliseconds(200), libraryFolder: URL? = nil
        ) {
            self.libraryFolder = libraryFolder
            self.cacheFolder = cacheFolder
            self.timeout = timeout
            self.outputCap = outputCap
            self.usesCache = usesCache
            self.slowTypeCheck = slowTypeCheck
        }
    }

    let runner: ProgramRunner
    var progress: RunProgress? = nil

    /// Finds the compiler and builds (or finds cached) the libraries chapter code links against.
    public static func prepare(_ configuration: Configuration) throws(EvaluationError) -> Evaluator {
        do {
            try FileManager.default.createDirectory(at: configuration.cacheFolder, withIntermediateDirectories: true)
        } catch {
            throw .system(
                "cannot create the cache folder \(configuration.cacheFolder.path): \(error.localizedDescription)")
        }
        let compiler = try SwiftCompiler.locate(cache: configuration.cacheFolder, damage: configuration.damage)
        let runtime = try RuntimeLibrary.prepare(
            compiler: compiler, cache: usableLibraryFolder(configuration) ?? configuration.cacheFolder,
            damage: configuration.damage)
        return Evaluator(
            runner: ProgramRunner(
                compiler: compiler, runtime: runtime,
                cache: ProgramCache(
                    folder: configuration.cacheFolder, reads: configuration.usesCache, damage: configuration.damage),
                timeout: configuration.timeout, outputCap: configuration.outputCap,
                slowTypeCheck: configuration.slowTypeCheck, package: configuration.package,
                linker: ChapterLinker.locate(compiler)),
            progress: configuration.progress)
    }

    /// The shared library folder, created if need be; nil when there is none or it cannot be
    /// written (a read-only home), so that the book's own cache is used instead.
    private static func usableLibraryFolder(_ configuration: Configuration) -> URL? {
        guard let folder = configuration.libraryFolder else { return nil }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            return nil
        }
        return FileManager.default.isWritableFile(atPath: folder.path) ? folder : nil
    }

    /// One chapter to evaluate: its document, what its prose and formulas ask of its code, and
    /// its path as diagnostics show it.
    public struct Chapter: Sendable {
        public var document: Document
        public var sites: [ExpressionSite]
        public var path: String

        public init(document: Document, sites: [ExpressionSite], path: String) {
            self.document = document
            self.sites = sites
            self.path = path
        }

        /// Whether the chapter has anything to run: code blocks, or expressions to compute.
        public var needsEvaluation: Bool {
            sites.contains(where: \.needsProgram)
                || (document.containsRunBlocks && !Evaluator.runnableBlocks(in: document).isEmpty)
        }

        /// The first `import` in the chapter's `swift run` blocks of one of `modules`, with where
        /// it stands: `import Finance`, `@testable import Finance`, `import struct Finance.Loan`.
        public func firstImport(of modules: Set<String>) -> (module: String, location: SourceLocation)? {
            guard !modules.isEmpty else { return nil }
            for block in Evaluator.runnableBlocks(in: document) {
                for (offset, line) in block.code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                    while let first = words.first, first.hasPrefix("@") { words.removeFirst() }
                    guard words.count >= 2, words[0] == "import" else { continue }
                    let path = words.count >= 3 && Self.importKinds.contains(String(words[1])) ? words[2] : words[1]
                    let module = String(path.prefix(while: { $0 != "." && $0 != ";" }))
                    guard modules.contains(module) else { continue }
                    let start = line.range(of: "import")?.lowerBound ?? line.startIndex
                    let column = line.unicodeScalars.distance(from: line.startIndex, to: start)
                    return (module, SourceLocation(line: block.firstCodeLine + offset, column: column + 1))
                }
            }
            return nil
        }

        private static let importKinds: Set<String> = [
            "struct", "class", "enum", "protocol", "typealias", "func", "let", "var",
        ]
    }

    /// Evaluates the `swift run` blocks of several chapters: first every chapter that needs it is
    /// compiled, together in one `swiftc` call where that works, then each chapter runs in its own
    /// process, in parallel. Results are in the order of `chapters`.
    /// What evaluating several chapters gave, and where the time went.
    public struct Outcome: Sendable {
        /// One evaluation per chapter, in the chapters' order.
        public var evaluations: [ChapterEvaluation]
        /// Compiling the chapters together (before any ran).
        public var compileTime: Duration
        /// Running them, with the few compiles a chapter needs on its own.
        public var runTime: Duration
    }

    public func evaluate(_ chapters: [Chapter]) throws(EvaluationError) -> Outcome {
        let clock = ContinuousClock()
        let compileStart = clock.now
        let blocks = chapters.map { Self.runnableBlocks(in: $0.document) }
        let sites = chapters.map(\.sites)
        let programs = chapters.indices.map { index in
            blocks[index].isEmpty && !sites[index].contains(where: \.needsProgram)
                ? nil
                : ChapterSession.notebookProgram(path: chapters[index].path, blocks: blocks[index], sites: sites[index])
        }
        let compiledNow = try runner.compileTogether(programs.compactMap { $0 })
        progress?.advance(.compiled, by: chapters.count)
        let runStart = clock.now
        let progress = progress
        let outcomes = Parallel.map(Array(chapters.indices)) { index -> Result<ChapterEvaluation, EvaluationError> in
            var session = ChapterSession(
                path: chapters[index].path, blocks: blocks[index], sites: sites[index], runner: runner)
            do {
                var evaluation = try session.evaluate()
                progress?.advance(.run)
                if let program = programs[index], compiledNow.contains(runner.key(for: program)) {
                    evaluation.compiled = true
                }
                return .success(evaluation)
            } catch let error as EvaluationError {
                return .failure(error)
            } catch {
                return .failure(.system("\(error)"))
            }
        }
        var results: [ChapterEvaluation] = []
        for outcome in outcomes {
            switch outcome {
            case .success(let evaluation): results.append(evaluation)
            case .failure(let error): throw error
            }
        }
        // Running includes the few compiles a chapter needs on its own (a `fails` block, a
        // chapter that broke the shared build), which the sessions do as they go.
        return Outcome(evaluations: results, compileTime: runStart - compileStart, runTime: clock.now - runStart)
    }

    /// The code blocks to run, in source order, wherever they stand (lists and quotes included).
    static func runnableBlocks(in document: Document) -> [CodeBlock] {
        guard document.containsRunBlocks else { return [] }
        struct Collector: MarkupWalker {
            var blocks: [CodeBlock] = []
            mutating func visit(_ block: Block) {
                if case .codeBlock(let code) = block, RunOptions.parse(info: code.info) != nil {
                    blocks.append(code)
                }
                descend(into: block)
            }
        }
        var collector = Collector()
        collector.walk(document)
        return collector.blocks
    }
}
