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
            chapter.sites, evaluation: evaluation, source: chapter.chapter.source)
        checks.results.coverage = coverage(chapter, checks: checks, evaluation: evaluation)
        if strict {
            checks.diagnostics += StrictMode.uncheckedClaims(checks.results.coverage, path: chapter.chapter.source.path)
            checks.diagnostics.sort(by: Diagnostic.sourceOrder)
        }
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
        var coverage = unchecked(chapter)
        if let evaluation {
            if evaluation.computedValuesRead {
                let suggester = BindingSuggester(values: evaluation.computed)
                for (index, claim) in chapter.claims.enumerated() {
                    (coverage.unchecked[index].suggestion, coverage.unchecked[index].candidateCount) =
                        suggester.suggestion(for: claim)
                }
            } else {
                for index in coverage.unchecked.indices { coverage.unchecked[index].suggestion = .noValues }
            }
        }
        coverage.offersValues = evaluation.map { $0.computedValuesRead && !$0.computed.isEmpty } ?? false
        let expected = evaluation?.expectedNumbers ?? 0
        let wrongExpected = evaluation?.wrongExpectedNumbers ?? 0
        coverage.numbersChecked = checks.numbersChecked + expected
        coverage.numbersWrong = checks.numbersWrong + wrongExpected
        coverage.expectedNumbers = expected
        coverage.expectedNumbersPassed = expected - wrongExpected
        return coverage
    }
}
