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
        let chapters = Array(book.chapters.indices)

        // Chapters an earlier run rendered from the same bytes, with the same settings. `--fix`
        // and `--bind` need every chapter's diagnostics and claims as this run finds them.
        let cache = RenderCache(
            cacheFolder: options.evaluation.cacheFolder, book: book,
            reads: options.evaluation.usesCache && (options.mode == .render || options.mode == .check),
            fingerprint: RenderCache.fingerprint(book: book, options: options, typesetter: typesetter.identity))
        let sourceKeys = Parallel.map(chapters) { RenderCache.sourceKey(book.chapters[$0], index: $0) }
        let read = timings.measure("load") {
            Parallel.map(chapters) { cache.entry(for: book.chapters[$0], sourceKey: sourceKeys[$0]) }
        }

        // Parse every other chapter, in parallel. A chapter with nothing to evaluate has nothing to
        // check either: it is rendered as soon as it is parsed, so that its rendering overlaps
        // the parsing of the next (cmark-gfm's inline parsing runs one chapter at a time).
        let rendersEarly = options.mode == .render
        @Sendable func firstPass(_ index: Int) -> FirstPass {
            let chapter = book.chapters[index]
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
        var firstPasses: [FirstPass?] = Parallel.map(chapters) { read[$0] == nil ? firstPass($0) : nil }

        // Equation numbers need every chapter's labels: a kept chapter's are in its entry.
        let equations = EquationIndex.resolve(
            book,
            chapters: chapters.map { index in
                let path = book.chapters[index].source.path
                if let parsed = firstPasses[index]?.parsed {
                    return .init(path: path, labels: parsed.labels, references: parsed.references)
                }
                return .init(path: path, labels: read[index]!.labels, references: read[index]!.references)
            })
        // A kept chapter whose equations or images are not what they were is done again.
        let reusedImages = Parallel.map(chapters) { index -> ImageResolver.Resolution? in
            guard let entry = read[index] else { return nil }
            let images = resolver.resolve(entry.imageReferences, in: book.chapters[index])
            guard entry.equations == equations.digests[index], entry.images == RenderCache.digest(images) else {
                return nil
            }
            return images
        }
        let stored = chapters.map { reusedImages[$0] == nil ? nil : read[$0] }
        let again = chapters.filter { stored[$0] == nil && firstPasses[$0] == nil }
        for (index, pass) in zip(again, Parallel.map(again) { firstPass($0) }) { firstPasses[index] = pass }
        let passes = firstPasses
        if let failure = passes.lazy.compactMap({ $0?.failure }).first { throw failure }
        typesetter.save()
        let done = chapters.filter { passes[$0] != nil }
        let parsed = passes.map { $0?.parsed }
        timings.add("parse", passes.map { $0?.parseTime ?? .zero }.reduce(.zero, +))
        timings.add("typeset", passes.map { $0?.typesetTime ?? .zero }.reduce(.zero, +))
        timings.add("render", passes.map { $0?.renderTime ?? .zero }.reduce(.zero, +))

        // Evaluate, then check what the chapters' code computed.
        var evaluations: [ChapterEvaluation?] = chapters.map { _ in nil }
        if options.runsCode {
            let evaluated = try EvaluateStage.evaluate(
                done.map { parsed[$0]! }, configuration: options.evaluation, timings: &timings)
            for (index, evaluation) in zip(done, evaluated) { evaluations[index] = evaluation }
        }
        var checked: [ChapterChecks?] = timings.measure("check") {
            chapters.map { index in
                guard let pass = passes[index] else { return nil }
                // A chapter rendered early was checked then.
                var checks =
                    pass.checks
                    ?? CheckStage.check(
                        pass.parsed, evaluation: evaluations[index], strict: options.strict,
                        runsCode: options.runsCode)
                checks.results.typesetMath = pass.math.typeset
                checks.results.equations = equations.numbers[index]
                return checks
            }
        }
        // The formulas the chapters' code showed (a matrix, a table's headers), typeset too, so
        // that a TeX error in them fails the run as one in the prose does.
        let outputMath = try timings.measure("typeset") { () throws(PipelineError) in
            try TypesetStage.typesetOutputs(
                of: chapters.map { evaluations[$0]?.blocks ?? [] },
                paths: book.chapters.map(\.source.path),
                with: typesetter)
        }
        typesetter.save()
        for index in done {
            checked[index]!.results.typesetMath.merge(outputMath[index].typeset) { old, _ in old }
        }
        let checks = checked
        // Every problem of a chapter before rendering: its Markdown's, its math's, its code's, its
        // numbers'.
        let chapterDiagnostics = chapters.map { index -> [Diagnostic] in
            guard let pass = passes[index], let checks = checks[index] else { return [] }
            return pass.parsed.diagnostics + pass.math.diagnostics + outputMath[index].diagnostics
                + equations.diagnostics[index]
                + (evaluations[index]?.diagnostics ?? []) + checks.diagnostics
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
                try BindWriter.apply(book, coverage: checks.map { $0?.results.coverage ?? Coverage() })
            }
            bound = outcome.bound
            diagnostics += chapterDiagnostics.flatMap { $0 } + outcome.notes
        } else {
            let renderStart = ContinuousClock.now
            let rendered = Parallel.map(chapters) { index -> RenderedChapter in
                var rendered: RenderedChapter
                if let pass = passes[index] {
                    rendered =
                        pass.rendered
                        ?? RenderStage.render(
                            book.chapters[index], document: pass.parsed.document, results: checks[index]!.results,
                            diagnostics: chapterDiagnostics[index], resolver: resolver)
                    rendered.key = cache.chapterKey(
                        sourceKey: sourceKeys[index], equations: equations.digests[index],
                        images: RenderCache.digest(rendered.images))
                } else {
                    rendered = cache.rendered(book.chapters[index], from: stored[index]!, images: reusedImages[index]!)
                }
                return rendered
            }
            // What the run reports of each chapter: a chapter rendered early did not know the
            // other chapters' labels yet, so a duplicate of one of its labels is added here.
            let reported = chapters.map { index -> [Diagnostic] in
                guard let pass = passes[index] else { return stored[index]!.runDiagnostics }
                return rendered[index].diagnostics + (pass.rendered != nil ? equations.diagnostics[index] : [])
            }
            diagnostics += reported.flatMap { $0 }
            if options.mode == .render {
                let site = try RenderStage.site(book, chapters: rendered, katex: katex)
                timings.add("render", ContinuousClock.now - renderStart)
                try timings.measure("write") { () throws(PipelineError) in
                    try OutputWriter(destination: options.outputFolder).write(site.files)
                    // Keep what this run rendered, and the pages it assembled again.
                    _ = Parallel.map(chapters) { index in
                        let chapter = rendered[index]
                        guard chapter.reused?.pageKey != site.pages[index].key else { return }
                        let entry = RenderCache.Entry(
                            fingerprint: cache.fingerprint, source: sourceKeys[index],
                            equations: equations.digests[index], images: RenderCache.digest(chapter.images),
                            key: chapter.key, imageReferences: chapter.imageReferences,
                            labels: parsed[index]?.labels ?? stored[index]!.labels,
                            references: parsed[index]?.references ?? stored[index]!.references,
                            title: chapter.title, headings: chapter.headings, summary: chapter.summary,
                            pageDiagnostics: chapter.diagnostics,
                            runDiagnostics: reported[index], verification: chapter.verification,
                            coverage: checks[index]?.results.coverage ?? stored[index]!.coverage,
                            remarks: passes[index]?.math.remarks ?? stored[index]!.remarks,
                            pageKey: site.pages[index].key, page: stored[index]?.page ?? .none,
                            bodyRanges: site.pages[index].bodyRanges, markdown: stored[index]?.markdown ?? .none,
                            extraFiles: stored[index]?.extraFiles ?? [:], search: chapter.search.encoded,
                            searchMath: chapter.search.mathEncoded)
                        cache.store(
                            book.chapters[index], entry: entry, rendered: chapter.reused == nil,
                            extraPaths: Array(chapter.extraFiles.keys), output: options.outputFolder)
                    }
                    cache.prune(keeping: book.chapters)
                }
                fileCount = site.files.count
                retained += [rendered, site.files] as [any Sendable]
            } else {
                timings.add("render", ContinuousClock.now - renderStart)
                retained.append(rendered)
            }
        }
        if !options.freesMemory { ProcessLifetime.keep(retained) }

        if options.strict {
            for index in diagnostics.indices where diagnostics[index].severity == .warning {
                diagnostics[index].severity = .error
            }
        }
        let coverage = chapters.map { checks[$0]?.results.coverage ?? stored[$0]!.coverage }
        var report = Report(
            bookTitle: book.title, chapters: book.chapters.map(\.source.path),
            diagnostics: diagnostics.sorted(by: Diagnostic.sourceOrder), fileCount: fileCount,
            compiledChapters: chapters.filter { evaluations[$0]?.compiled == true }.map {
                book.chapters[$0].source.path
            },
            coverage: coverage, fixes: fixes, timings: timings)
        report.wrongNumbersFixed = wrongNumbersFixed
        report.reusedChapters = chapters.filter { stored[$0] != nil }.map { book.chapters[$0].source.path }
        report.remarks = chapters.flatMap { passes[$0]?.math.remarks ?? stored[$0]!.remarks }
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
