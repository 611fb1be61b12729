import Foundation
import GalleyDiagnostics
import GalleyPipeline
import GalleyResults

/// The `--report FILE` JSON: the counts of the run, every diagnostic, the claims nothing checks,
/// the bindings Galley proposes for them, and the counts of each chapter.
struct RunReport: Encodable {
    struct Entry: Encodable {
        var path: String
        var line: Int
        var column: Int
        var severity: String
        var identifier: String
        var message: String
    }

    /// A claim nothing checks.
    struct Unchecked: Encodable {
        var file: String
        var line: Int
        var column: Int
        var text: String
        /// Whether it stands in a formula.
        var inMath: Bool
    }

    /// A binding proposed for an unchecked claim: `binding` when one value fits best;
    /// `candidates` when several fit alike; `nearMisses` when none fits but some nearly do.
    struct Suggestion: Encodable {
        var file: String
        var line: Int
        var column: Int
        var text: String
        var binding: String?
        var candidates: [String]?
        var nearMisses: [String]?
        /// How many computed values matched the claim.
        var candidateCount: Int
    }

    /// One chapter's counts.
    struct Chapter: Encodable {
        var file: String
        var numbersChecked: Int
        var numbersWrong: Int
        var numbersUnchecked: Int
        var expectedNumbers: Int
        var expectedNumbersPassed: Int
    }

    var chapters: [String]
    /// The chapters taken whole from the render cache, since nothing they depend on changed.
    var reused: [String]
    var numbersChecked: Int
    var numbersWrong: Int
    var numbersUnchecked: Int
    var statedNumbers: Int
    var errors: Int
    var warnings: Int
    var diagnostics: [Entry]
    /// KaTeX's strict-mode remarks: not problems, so not printed.
    var remarks: [Entry]
    var unchecked: [Unchecked]
    var suggestions: [Suggestion]
    /// Formulas read from the math cache, typeset in this run, and KaTeX engines started.
    var math: Math

    struct Math: Encodable {
        var fromCache: Int
        var typeset: Int
        var enginesStarted: Int
    }
    var perChapter: [Chapter]

    init(_ report: Pipeline.Report) {
        chapters = report.chapters
        reused = report.reusedChapters
        numbersChecked = report.numbersChecked
        numbersWrong = report.numbersWrong
        numbersUnchecked = report.uncheckedNumbers
        statedNumbers = report.statedNumbers
        errors = report.errorCount
        warnings = report.warningCount
        func entry(_ diagnostic: Diagnostic) -> Entry {
            Entry(
                path: diagnostic.path, line: diagnostic.location.line, column: diagnostic.location.column,
                severity: diagnostic.severity.rawValue, identifier: diagnostic.identifier, message: diagnostic.summary)
        }
        diagnostics = report.diagnostics.map(entry)
        remarks = report.remarks.map(entry)
        let statistics = report.typesetStatistics
        math = Math(
            fromCache: statistics.fromCache, typeset: statistics.typeset, enginesStarted: statistics.enginesStarted)
        unchecked = []
        suggestions = []
        perChapter = []
        for (file, coverage) in zip(report.chapters, report.coverage) {
            perChapter.append(
                Chapter(
                    file: file, numbersChecked: coverage.numbersChecked, numbersWrong: coverage.numbersWrong,
                    numbersUnchecked: coverage.uncheckedNumbers, expectedNumbers: coverage.expectedNumbers,
                    expectedNumbersPassed: coverage.expectedNumbersPassed))
            for claim in coverage.unchecked {
                let start = claim.range.lowerBound
                unchecked.append(
                    Unchecked(
                        file: file, line: start.line, column: start.column, text: claim.text, inMath: claim.inMath))
                var suggestion = Suggestion(
                    file: file, line: start.line, column: start.column, text: claim.text,
                    candidateCount: claim.candidateCount)
                switch claim.suggestion {
                case .none, .noValues: continue
                case .binding(let name): suggestion.binding = name
                case .ambiguous(let names): suggestion.candidates = names
                case .nearMisses(let misses): suggestion.nearMisses = misses
                }
                suggestions.append(suggestion)
            }
        }
        // The surest first: one binding, then several, then near misses; among them, the claims
        // with fewer candidates; then in book order.
        func kind(_ suggestion: Suggestion) -> Int {
            suggestion.binding != nil ? 0 : (suggestion.candidates != nil ? 1 : 2)
        }
        let order = Dictionary(uniqueKeysWithValues: report.chapters.enumerated().map { ($1, $0) })
        suggestions.sort {
            (kind($0), $0.candidateCount, order[$0.file] ?? 0, $0.line, $0.column)
                < (kind($1), $1.candidateCount, order[$1.file] ?? 0, $1.line, $1.column)
        }
    }

    func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: url)
    }
}
