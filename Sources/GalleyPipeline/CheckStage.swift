import GalleyChecks
import GalleyEvaluation

/// Check: the numbers the prose states and the formulas' sides against the values the code
/// computed, at the written precision; the results the renderers draw.
enum CheckStage {
    static func check(_ chapter: ParsedChapter, evaluation: ChapterEvaluation?) -> ChapterChecks {
        StatedNumberChecker.check(chapter.sites, evaluation: evaluation, source: chapter.chapter.source)
    }
}
