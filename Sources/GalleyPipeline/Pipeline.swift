public import Foundation
import GalleyChecks
import GalleyDiagnostics
public import GalleyEvaluation
import GalleyResults
import GalleySystem
import GalleyTypesetting

/// The stages a book goes through, in order: load (`BookLoader`) → parse (`ParseStage`) → typeset
/// (`TypesetStage`) → evaluate (`EvaluateStage`) → check (`CheckStage`) → render (`RenderStage`) → write
/// (`OutputWriter`, or `FixWriter` for `--fix`).
///
/// Chapters are parsed, evaluated and rendered in parallel; what goes wrong inside a chapter is
/// collected as diagnostics and the rest of the book goes on. Only a problem that stops the whole
/// run is thrown.
public enum Pipeline {
    public struct Options: Sendable {
        /// The book's folder.
        public var bookFolder: URL
        /// How the user named it, for the paths in diagnostics (`Chapters`).
        public var bookDisplayPath: String
        /// Where the site goes; replaced as a whole.
        public var outputFolder: URL
        /// How chapters' code is compiled, run and cached.
        public var evaluation: Evaluator.Configuration
        /// What the run is for.
        public var mode: Mode
        /// False to render without compiling or running any chapter code — for a draft you do not
        /// trust. Code is shown, not run, and stated numbers are left unchecked.
        public var runsCode: Bool
        /// False to leave the documents and pages of the run allocated when it returns, for a
        /// command-line process that exits right after (as compilers skip freeing at exit): on a
        /// long book, freeing them one by one costs a noticeable part of the run.
        public var freesMemory = true
        /// True to make every unchecked claim and every warning an error, so that CI can require
        /// that every number the book states is checked.
        public var strict = false

        public init(
            bookFolder: URL, bookDisplayPath: String, outputFolder: URL, evaluation: Evaluator.Configuration,
            mode: Mode = .render, runsCode: Bool = true
        ) {
            self.bookFolder = bookFolder
            self.bookDisplayPath = bookDisplayPath
            self.outputFolder = outputFolder
            self.evaluation = evaluation
            self.mode = mode
            self.runsCode = runsCode
        }
    }

    /// What a run is for.
    public enum Mode: Sendable {
        /// Render the book into the output folder.
        case render
        /// Check everything — code, stated numbers, images, math — and write nothing.
        case check
        /// Rewrite each wrong stated number in the chapters to the computed value, and write
        /// nothing else.
        case fix
        /// Wrap each unchecked claim that one computed value matches in a stated-number link, and
        /// write nothing else.
        case bind
    }

    /// Renders the book in `options.bookFolder` into `options.outputFolder`.
    ///
    /// The work happens on a thread with a deep stack (see `Parallel`): documents are walked
    /// recursively, and a chapter may nest block quotes ten thousand deep.
    public static func run(_ options: Options) throws(PipelineError) -> Report {
        let outcome = Parallel.onDeepStack { () -> Result<Report, PipelineError> in
            do throws(PipelineError) {
                return .success(try runStages(options))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    private static func runStages(_ options: Options) throws(PipelineError) -> Report {
        var timings = StageTimings()
        let (book, loadDiagnostics) = try timings.measure("load") { () throws(PipelineError) in
            try BookLoader.load(folder: options.bookFolder, displayPath: options.bookDisplayPath)
        }
        let katex = try KaTeXAssets.files()
        let script = try KaTeXAssets.script()
        let typesetter: MathTypesetter
        do {
            typesetter = try MathTypesetter(
                script: script, macros: book.macros,
                cacheFolder: options.evaluation.usesCache ? options.evaluation.cacheFolder : nil)
        } catch {
            throw PipelineError(stage: .environment, path: script.path, message: error.message)
        }
        let resolver = ImageResolver(bookFolder: book.folder)

        // Parse every chapter, in parallel. A chapter with nothing to evaluate has nothing to
        // check either: it is rendered as soon as it is parsed, so that its rendering overlaps
        // the parsing of the next (cmark-gfm's inline parsing runs one chapter at a time).
        let rendersEarly = options.mode == .render
        let firstPass = Parallel.map(Array(book.chapters.enumerated())) { index, chapter -> FirstPass in
            let clock = ContinuousClock()
            let start = clock.now
            let parsed = ParseStage.parse(chapter, macros: book.macros, freesTree: options.freesMemory)
            let parsedAt = clock.now
            // A chapter's own equation numbers; where its references lead is known once every
            // chapter is parsed.
            let equations = EquationIndex.local(chapter: index + 1, labels: parsed.labels)
            let math: ChapterMath
            do throws(PipelineError) {
                math = try TypesetStage.typeset(parsed, equations: equations, with: typesetter)
            } catch {
                return FirstPass(parsed: parsed, failure: error, parseTime: parsedAt - start)
            }
            let typesetAt = clock.now
            var pass = FirstPass(
                parsed: parsed, math: math, parseTime: parsedAt - start, typesetTime: typesetAt - parsedAt)
            guard rendersEarly, parsed.references.isEmpty, !(options.runsCode && EvaluateStage.needsEvaluation(parsed))
            else { return pass }
            // Nothing to run; its arithmetic was computed when its formulas were read.
            var checks = CheckStage.check(parsed, evaluation: nil, strict: options.strict, runsCode: options.runsCode)
            pass.checks = checks
            checks.results.typesetMath = math.typeset
            checks.results.equations = equations
            pass.rendered = RenderStage.render(
                chapter, document: parsed.document, results: checks.results,
                diagnostics: parsed.diagnostics + math.diagnostics + checks.diagnostics, resolver: resolver)
            pass.renderTime = clock.now - typesetAt
            return pass
        }
        if let failure = firstPass.lazy.compactMap(\.failure).first { throw failure }
        typesetter.save()
        let parsed = firstPass.map(\.parsed)
        let equations = EquationIndex.resolve(book, parsed: parsed)
        timings.add("parse", firstPass.map(\.parseTime).reduce(.zero, +))
        timings.add("typeset", firstPass.map(\.typesetTime).reduce(.zero, +))
        timings.add("render", firstPass.map(\.renderTime).reduce(.zero, +))

        // Evaluate, then check what the chapters' code computed.
        let evaluations =
            options.runsCode
            ? try EvaluateStage.evaluate(parsed, configuration: options.evaluation, timings: &timings)
            : parsed.map { _ in nil }
        var checked = timings.measure("check") {
            book.chapters.indices.map { index in
                // A chapter rendered early was checked then.
                var checks =
                    firstPass[index].checks
                    ?? CheckStage.check(
                        parsed[index], evaluation: evaluations[index], strict: options.strict,
                        runsCode: options.runsCode)
                checks.results.typesetMath = firstPass[index].math.typeset
                checks.results.equations = equations.numbers[index]
                return checks
            }
        }
        // The formulas the chapters' code showed (a matrix, a table's headers), typeset too, so
        // that a TeX error in them fails the run as one in the prose does.
        let outputMath = try timings.measure("typeset") { () throws(PipelineError) in
            try TypesetStage.typesetOutputs(
                of: book.chapters.indices.map { evaluations[$0]?.blocks ?? [] },
                paths: parsed.map(\.chapter.source.path),
                with: typesetter)
        }
        for index in checked.indices {
            checked[index].results.typesetMath.merge(outputMath[index].typeset) { old, _ in old }
        }
        let checks = checked
        // Every problem of a chapter before rendering: its Markdown's, its math's, its code's, its
        // numbers'.
        let chapterDiagnostics = book.chapters.indices.map { index in
            parsed[index].diagnostics + firstPass[index].math.diagnostics + outputMath[index].diagnostics
                + equations.diagnostics[index]
                + (evaluations[index]?.diagnostics ?? []) + checks[index].diagnostics
        }

        var diagnostics = loadDiagnostics
        var fixes: [String: Int] = [:]
        var wrongNumbersFixed = 0
        var bound: [String: Int] = [:]
        var fileCount = 0
        var retained: [any Sendable] = [parsed]
        if options.mode == .fix {
            let all = chapterDiagnostics.flatMap { $0 }
            fixes = try timings.measure("write") { () throws(PipelineError) in
                try FixWriter.apply(book, diagnostics: all)
            }
            // What was fixed is no longer wrong.
            diagnostics += all.filter { $0.solutions.isEmpty }
            wrongNumbersFixed = all.filter { $0.identifier == "number.wrong" && !$0.solutions.isEmpty }.count
        } else if options.mode == .bind {
            let outcome = try timings.measure("write") { () throws(PipelineError) in
                try BindWriter.apply(book, coverage: checks.map(\.results.coverage))
            }
            bound = outcome.bound
            diagnostics += chapterDiagnostics.flatMap { $0 } + outcome.notes
        } else {
            let renderStart = ContinuousClock.now
            let rendered = Parallel.map(Array(book.chapters.indices)) { index in
                firstPass[index].rendered
                    ?? RenderStage.render(
                        book.chapters[index], document: parsed[index].document, results: checks[index].results,
                        diagnostics: chapterDiagnostics[index], resolver: resolver)
            }
            let files = RenderStage.site(book, chapters: rendered, katex: katex)
            timings.add("render", ContinuousClock.now - renderStart)
            diagnostics += rendered.flatMap(\.diagnostics)
            // A chapter rendered early did not know the other chapters' labels yet: a duplicate of
            // one of its labels is reported here.
            for index in book.chapters.indices where firstPass[index].rendered != nil {
                diagnostics += equations.diagnostics[index]
            }
            if options.mode == .render {
                try timings.measure("write") { () throws(PipelineError) in
                    try OutputWriter(destination: options.outputFolder).write(files)
                }
                fileCount = files.count
            }
            retained += [rendered, files] as [any Sendable]
        }
        typesetter.save()
        if !options.freesMemory { ProcessLifetime.keep(retained) }

        if options.strict {
            for index in diagnostics.indices where diagnostics[index].severity == .warning {
                diagnostics[index].severity = .error
            }
        }
        let coverage = checks.map(\.results.coverage)
        var report = Report(
            bookTitle: book.title, chapters: book.chapters.map(\.source.path),
            diagnostics: diagnostics.sorted(by: Diagnostic.sourceOrder), fileCount: fileCount,
            compiledChapters: book.chapters.indices.filter { evaluations[$0]?.compiled == true }.map {
                book.chapters[$0].source.path
            },
            coverage: coverage, fixes: fixes, timings: timings)
        report.wrongNumbersFixed = wrongNumbersFixed
        report.remarks = firstPass.flatMap(\.math.remarks)
        report.typesetStatistics = typesetter.statistics
        report.bound = bound
        return report
    }

    /// A chapter after the first, parallel pass: parsed, and rendered when it had nothing to
    /// evaluate.
    private struct FirstPass: Sendable {
        var parsed: ParsedChapter
        var math = ChapterMath()
        /// KaTeX could not be started: the run stops.
        var failure: PipelineError?
        var rendered: RenderedChapter?
        /// The checks of a chapter rendered early.
        var checks: ChapterChecks?
        var parseTime: Duration
        var typesetTime: Duration = .zero
        var renderTime: Duration = .zero
    }
}
