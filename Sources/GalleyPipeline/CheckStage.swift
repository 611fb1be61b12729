import GalleyChecks
import GalleyDiagnostics
import GalleyResults
import GalleySemantics

/// Check: the numbers the prose states and the formulas' sides against the values the code
/// computed, at the written precision; what was left unchecked; the results the renderers draw.
enum CheckStage {
    /// - Parameter runsCode: false for `--no-run`: nothing is checked, every claim stays open.
    static func check(
        _ chapter: ParsedChapter, evaluation: ChapterEvaluation?, strict: Bool = false, runsCode: Bool = true
    ) -> ChapterChecks {
        guard runsCode else { return ChapterChecks(coverage: unchecked(chapter)) }
        var checks = StatedNumberChecker.check(
            chapter.sites, evaluation: evaluation, source: chapter.chapter.source, digitGroups: chapter.digitGroups)
        checks.results.coverage = coverage(chapter, checks: checks, evaluation: evaluation)
        let path = chapter.chapter.source.path
        // Why a value offered nothing, when a claim found nothing to match.
        if let evaluation, checks.results.coverage.unchecked.contains(where: { $0.suggestion == .none }) {
            checks.diagnostics += evaluation.computed.filter { $0.notOffered != nil }.map {
                .valueNotOffered($0, path: path)
            }
        }
        if strict { checks.diagnostics += StrictMode.uncheckedClaims(checks.results.coverage, path: path) }
        checks.diagnostics.sort(by: Diagnostic.sourceOrder)
        return checks
    }

    /// The coverage of a chapter whose code was not run: nothing is checked, every claim is open.
    static func unchecked(_ chapter: ParsedChapter) -> Coverage {
        var coverage = Coverage()
        coverage.unchecked = chapter.claims.map(CoverageCheck.unchecked)
        return coverage
    }

    private static func coverage(_ chapter: ParsedChapter, checks: ChapterChecks, evaluation: ChapterEvaluation?)
        -> Coverage
    {
        // The checker counted the stated numbers, restated inputs and formulas.
        var coverage = checks.results.coverage
        coverage.unchecked = chapter.claims.map(CoverageCheck.unchecked)
        if let evaluation {
            if evaluation.computedValuesRead {
                let suggestions = BindingSuggester(values: evaluation.computed).suggestions(for: chapter.claims)
                for (index, suggested) in suggestions.enumerated() {
                    (coverage.unchecked[index].suggestion, coverage.unchecked[index].candidateCount) = suggested
                }
            } else {
                for index in coverage.unchecked.indices { coverage.unchecked[index].suggestion = .noValues }
            }
        }
        coverage.offersValues =
            evaluation.map { $0.computedValuesRead && $0.computed.contains { !$0.parts.isEmpty } } ?? false
        coverage.expectations = evaluation?.expectations ?? 0
        coverage.expectationsFailed = evaluation?.expectationsFailed ?? 0
        return coverage
    }
}
