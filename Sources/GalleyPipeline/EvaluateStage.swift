import GalleyEvaluation

/// Evaluate: every chapter that has code or expressions to compute is compiled (together, where
/// one `swiftc` call can build them) and run, each in its own process.
enum EvaluateStage {
    /// The evaluations, in the chapters' order; nil for a chapter with nothing to evaluate.
    static func evaluate(
        _ chapters: [ParsedChapter], configuration: Evaluator.Configuration, timings: inout StageTimings
    ) throws(PipelineError) -> [ChapterEvaluation?] {
        let runnable = chapters.indices.filter { chapters[$0].evaluationInput.needsEvaluation }
        guard !runnable.isEmpty else { return chapters.map { _ in nil } }
        let evaluator: Evaluator
        do {
            evaluator = try timings.measure("compile") { () throws(EvaluationError) in
                try Evaluator.prepare(configuration)
            }
        } catch {
            throw PipelineError(stage: .evaluate, message: error.description)
        }
        let outcome: Evaluator.Outcome
        do {
            outcome = try evaluator.evaluate(runnable.map { chapters[$0].evaluationInput })
        } catch {
            throw PipelineError(stage: .evaluate, message: error.description)
        }
        timings.add("compile", outcome.compileTime)
        timings.add("run", outcome.runTime)
        var evaluations: [ChapterEvaluation?] = chapters.map { _ in nil }
        for (position, index) in runnable.enumerated() { evaluations[index] = outcome.evaluations[position] }
        return evaluations
    }
}
