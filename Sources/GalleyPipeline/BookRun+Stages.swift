import GalleyChecks
import GalleyDiagnostics
import GalleyMarkdown
import GalleyResults
import GalleySystem

/// The stages every chapter that is not reused goes through: parse and typeset (in parallel, with
/// early rendering), equations across the book, evaluation, checks, the typesetting of what the
/// code showed.
extension BookRun {
    /// Parses and typesets `indices` (by default every chapter not kept), in parallel. A chapter
    /// with nothing to evaluate has nothing to check either: it is rendered as soon as it is
    /// parsed, so that its rendering overlaps the parsing of the next (cmark-gfm's inline parsing
    /// runs one chapter at a time).
    mutating func parseAndTypeset(_ indices: [Int]? = nil) throws(PipelineError) {
        let indices = indices ?? chapters.indices.filter { chapters[$0].kept == nil }
        let run = self
        let passes = timings.measurePhase("parse+typeset") { Parallel.map(indices) { run.firstPass($0) } }
        if let failure = passes.lazy.compactMap(\.failure).first { throw failure }
        for (index, pass) in zip(indices, passes) {
            chapters[index].pass = pass
            timings.addWork("parse", pass.parseTime)
            timings.addWork("typeset", pass.typesetTime)
            timings.addWork("render", pass.renderTime)
        }
        typesetter.save()
    }

    /// One chapter's first pass: parsed, typeset with its own equation numbers (where references
    /// lead is known once every chapter is parsed), and rendered when nothing in it waits for
    /// other chapters. A chapter whose code runs is only parsed: it is typeset while its code
    /// compiles (`evaluate()`).
    func firstPass(_ index: Int) -> FirstPass {
        let chapter = chapters[index].chapter
        let clock = ContinuousClock()
        let start = clock.now
        let parsed = ParseStage.parse(
            chapter, macros: book.macros, digitGroups: book.digitGroups, freesTree: true)
        let parsedAt = clock.now
        options.progress?.advance(.loaded)
        var pass = FirstPass(parsed: parsed, parseTime: parsedAt - start)
        if options.runsCode && EvaluateStage.needsEvaluation(parsed) {
            pass.waitsForTypesetting = true
            return pass
        }
        let equations = EquationIndex.local(chapter: index + 1, labels: parsed.labels)
        do throws(PipelineError) {
            pass.math = try TypesetStage.typeset(parsed, equations: equations, with: typesetter)
        } catch {
            pass.failure = error
            return pass
        }
        let typesetAt = clock.now
        options.progress?.advance(.typeset)
        pass.typesetTime = typesetAt - parsedAt
        guard options.mode == .render, parsed.references.isEmpty else { return pass }
        // Nothing to run; its arithmetic was computed when its formulas were read.
        var checks = CheckStage.check(parsed, evaluation: nil, strict: options.strict, runsCode: options.runsCode)
        pass.checks = checks
        checks.results.typesetMath = pass.math.typeset
        checks.results.equations = equations
        pass.rendered = RenderStage.render(
            chapter, document: parsed.document, results: checks.results,
            diagnostics: parsed.diagnostics + pass.math.diagnostics + checks.diagnostics, resolver: resolver,
            strings: book.strings, language: book.language)
        pass.renderTime = clock.now - typesetAt
        // Rendered: its tree and its typeset formulas are not needed again, and a long book must
        // not keep every chapter's (memory bounded by the work in flight, not by the book).
        pass.parsed.document = Document(blocks: [])
        pass.math.typeset = [:]
        pass.rendered?.spillBody(to: spill, as: "\(index).body")
        return pass
    }

    /// Every chapter's equation numbers: they need every chapter's labels, a kept chapter's from
    /// its entry.
    mutating func resolveEquations() {
        let equations = EquationIndex.resolve(
            book,
            chapters: chapters.map { run in
                let path = run.chapter.source.path
                if let parsed = run.pass?.parsed {
                    return .init(path: path, labels: parsed.labels, references: parsed.references)
                }
                return .init(path: path, labels: run.kept?.labels ?? [], references: run.kept?.references ?? [])
            })
        for index in chapters.indices {
            chapters[index].equations = equations.numbers[index]
            chapters[index].equationDiagnostics = equations.diagnostics[index]
            chapters[index].equationDigest = equations.digests[index]
        }
    }

    /// Compiles and runs the code of every chapter that went through the stages, and typesets
    /// those chapters meanwhile: the compiler runs in processes of its own.
    mutating func evaluate() throws(PipelineError) {
        let passed = passed
        guard options.runsCode else {
            options.progress?.advance(.compiled, .run, by: passed.count)
            return
        }
        let start = ContinuousClock.now
        var configuration = options.evaluation
        configuration.damage = damage
        configuration.progress = options.progress
        if case .built(let library) = package { configuration.package = library }
        let inputs = passed.map { chapters[$0].pass!.parsed }
        let unbuilt = unbuiltModules
        let evaluation = configuration
        let (evaluated, typeset) = Parallel.alongside({
            var timings = StageTimings()
            let evaluations = Result { () throws(PipelineError) in
                try EvaluateStage.evaluate(inputs, configuration: evaluation, unbuilt: unbuilt, timings: &timings)
            }
            return (evaluations, timings)
        }) { () -> Result<Void, PipelineError> in
            Result { () throws(PipelineError) in try typesetWaiting() }
        }
        timings.addWork(of: evaluated.1)
        let evaluations = try evaluated.0.get()
        try typeset.get()
        timings.addPhase("evaluate", ContinuousClock.now - start)
        for (index, evaluation) in zip(passed, evaluations) { chapters[index].evaluation = evaluation }
    }

    /// Typesets the chapters whose formulas waited for their code to start compiling.
    private mutating func typesetWaiting() throws(PipelineError) {
        let waiting = chapters.indices.filter { chapters[$0].pass?.waitsForTypesetting == true }
        guard !waiting.isEmpty else { return }
        let run = self
        let typeset = Parallel.map(waiting) { index -> (Result<ChapterMath, PipelineError>, Duration) in
            let start = ContinuousClock.now
            let parsed = run.chapters[index].pass!.parsed
            let equations = EquationIndex.local(chapter: index + 1, labels: parsed.labels)
            let math = Result { () throws(PipelineError) in
                try TypesetStage.typeset(parsed, equations: equations, with: run.typesetter)
            }
            run.options.progress?.advance(.typeset)
            return (math, ContinuousClock.now - start)
        }
        for (index, (math, duration)) in zip(waiting, typeset) {
            chapters[index].pass!.math = try math.get()
            chapters[index].pass!.waitsForTypesetting = false
            timings.addWork("typeset", duration)
        }
        typesetter.save()
    }

    /// Checks what each chapter's code computed; a chapter rendered early was checked then.
    mutating func check() {
        let start = ContinuousClock.now
        for index in passed {
            let run = chapters[index]
            var checks =
                run.pass!.checks
                ?? CheckStage.check(
                    run.pass!.parsed, evaluation: run.evaluation, strict: options.strict, runsCode: options.runsCode)
            checks.results.typesetMath = run.pass!.math.typeset
            checks.results.equations = run.equations
            chapters[index].checks = checks
        }
        timings.addPhase("check", ContinuousClock.now - start)
    }

    /// Typesets the formulas the chapters' code showed (a matrix, a table's headers), so that a TeX
    /// error in them fails the run as one in the prose does.
    mutating func typesetOutputs() throws(PipelineError) {
        let chapters = chapters
        let typesetter = typesetter
        let start = ContinuousClock.now
        defer {
            timings.addPhase("check", ContinuousClock.now - start)
            timings.addWork("typeset", ContinuousClock.now - start)
        }
        let outputs = try TypesetStage.typesetOutputs(
            of: chapters.map { $0.evaluation?.blocks ?? [] }, paths: chapters.map(\.chapter.source.path),
            with: typesetter)
        typesetter.save()
        for index in passed {
            self.chapters[index].outputMath = outputs[index]
            self.chapters[index].checks!.results.typesetMath.merge(outputs[index].typeset) { old, _ in old }
        }
    }
}
