public import Foundation
import GalleyDiagnostics
public import GalleyMarkdown

/// The evaluate stage: compiles and runs each chapter's `swift run` blocks with the real `swiftc`
/// against NeuralMath and the Galley runtime, and reports what they printed, displayed and got wrong.
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

        public init(cacheFolder: URL, timeout: Duration = .seconds(30), outputCap: Int = 1 << 20, usesCache: Bool = true) {
            self.cacheFolder = cacheFolder
            self.timeout = timeout
            self.outputCap = outputCap
            self.usesCache = usesCache
        }
    }

    let runner: ProgramRunner

    /// Finds the compiler and builds (or finds cached) the libraries chapter code links against.
    public static func prepare(_ configuration: Configuration) throws(EvaluationError) -> Evaluator {
        let compiler = try SwiftCompiler.locate()
        do {
            try FileManager.default.createDirectory(at: configuration.cacheFolder, withIntermediateDirectories: true)
        } catch {
            throw .system("cannot create the cache folder \(configuration.cacheFolder.path): \(error.localizedDescription)")
        }
        let runtime = try RuntimeLibrary.prepare(compiler: compiler, cache: configuration.cacheFolder)
        return Evaluator(runner: ProgramRunner(
            compiler: compiler, runtime: runtime,
            cache: ProgramCache(folder: configuration.cacheFolder, reads: configuration.usesCache),
            timeout: configuration.timeout, outputCap: configuration.outputCap))
    }

    /// Whether a chapter has anything to run.
    public static func hasRunnableBlocks(_ document: Document) -> Bool {
        !runnableBlocks(in: document).isEmpty
    }

    /// Evaluates the `swift run` blocks of one parsed chapter.
    public func evaluate(_ document: Document, path: String) throws(EvaluationError) -> ChapterEvaluation {
        var session = ChapterSession(path: path, blocks: Self.runnableBlocks(in: document), runner: runner)
        return try session.evaluate()
    }

    /// The code blocks to run, in source order, wherever they stand (lists and quotes included).
    static func runnableBlocks(in document: Document) -> [CodeBlock] {
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
