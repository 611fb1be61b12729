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
    static func evaluate(
        _ chapters: [ParsedChapter], configuration: Evaluator.Configuration, timings: inout StageTimings
    ) throws(PipelineError) -> [ChapterEvaluation?] {
        let runnable = chapters.indices.filter { needsEvaluation(chapters[$0]) }
        guard !runnable.isEmpty else { return chapters.map { _ in nil } }
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
        var evaluations: [ChapterEvaluation?] = chapters.map { _ in nil }
        for (position, index) in runnable.enumerated() { evaluations[index] = outcome.evaluations[position] }
        return evaluations
    }
}
