import GalleyDiagnostics
import GalleyEvaluation
import GalleyResults

/// Evaluate: every chapter that has code or expressions to compute is compiled (together, where
/// one `swiftc` call can build them) and run, each in its own process.
enum EvaluateStage {
    /// What the evaluator takes of a parsed chapter.
    static func input(_ chapter: ParsedChapter) -> Evaluator.Chapter {
        Evaluator.Chapter(document: chapter.document, sites: chapter.sites, path: chapter.chapter.source.path)
    }

    /// Whether a chapter has code to run or expressions to compute.
    static func needsEvaluation(_ chapter: ParsedChapter) -> Bool {
        input(chapter).needsEvaluation
    }

    /// The evaluations, in the chapters' order; nil for a chapter with nothing to evaluate.
    ///
    /// A chapter that imports a module of `unbuilt` (the book's package, which did not build) is
    /// not run: its evaluation is a note at the `import`.
    static func evaluate(
        _ chapters: [ParsedChapter], configuration: Evaluator.Configuration, unbuilt: Set<String> = [],
        timings: inout StageTimings
    ) throws(PipelineError) -> [ChapterEvaluation?] {
        var evaluations: [ChapterEvaluation?] = chapters.map { _ in nil }
        var runnable: [Int] = []
        for index in chapters.indices {
            // A chapter that runs nothing is done with compiling and running; the evaluator
            // counts the others.
            guard needsEvaluation(chapters[index]) else {
                configuration.progress?.advance(.compiled, .run)
                continue
            }
            if let (module, location) = input(chapters[index]).firstImport(of: unbuilt) {
                let note = Diagnostic.packageNotBuilt(
                    module: module, path: chapters[index].chapter.source.path, at: location)
                evaluations[index] = ChapterEvaluation(diagnostics: [note])
                configuration.progress?.advance(.compiled, .run)
            } else {
                runnable.append(index)
            }
        }
        guard !runnable.isEmpty else { return evaluations }
        let evaluator: Evaluator
        do {
            // Building (or finding) the libraries chapters link against is compile work.
            let start = ContinuousClock.now
            evaluator = try Evaluator.prepare(configuration)
            timings.addWork("compile", ContinuousClock.now - start)
        } catch {
            throw PipelineError(stage: .evaluate, message: error.description)
        }
        let outcome: Evaluator.Outcome
        do {
            outcome = try evaluator.evaluate(runnable.map { input(chapters[$0]) })
        } catch {
            throw PipelineError(stage: .evaluate, message: error.description)
        }
        timings.addWork("compile", outcome.compileTime)
        timings.addWork("run", outcome.runTime)
        for (position, index) in runnable.enumerated() { evaluations[index] = outcome.evaluations[position] }
        return evaluations
    }
}
