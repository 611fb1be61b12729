public import Foundation
import GalleyDiagnostics
import GalleyResults

extension Pipeline.Report {
    /// The `--report FILE` JSON: the counts of the run, every diagnostic, the claims nothing checks,
    /// the bindings Galley proposes for them, and the counts of each chapter.
    public struct Document: Codable, Sendable {
        public struct Entry: Codable, Sendable {
            public var path: String
            public var line: Int
            public var column: Int
            public var severity: String
            public var identifier: String
            public var message: String
        }

        /// A claim nothing checks.
        public struct Unchecked: Codable, Sendable {
            public var file: String
            public var line: Int
            public var column: Int
            public var text: String
            /// Whether it stands in a formula.
            public var inMath: Bool
        }

        /// A binding proposed for an unchecked claim: `binding` when one value fits best;
        /// `candidates` when several fit alike; `nearMisses` when none fits but some nearly do.
        public struct Suggestion: Codable, Sendable {
            public var file: String
            public var line: Int
            public var column: Int
            public var text: String
            public var binding: String?
            public var candidates: [String]?
            public var nearMisses: [String]?
            /// How many computed values matched the claim.
            public var candidateCount: Int
        }

        /// One chapter's counts.
        public struct Chapter: Codable, Sendable {
            public var file: String
            public var numbersChecked: Int
            public var numbersWrong: Int
            public var numbersUnchecked: Int
            public var expectedNumbers: Int
            public var expectedNumbersPassed: Int
        }

        public var chapters: [String]
        /// The chapters taken whole from the render cache, since nothing they depend on changed.
        public var reused: [String]
        /// The chapters whose code was compiled in this run (not taken from the program cache).
        public var compiled: [String]
        public var numbersChecked: Int
        public var numbersWrong: Int
        public var numbersUnchecked: Int
        public var statedNumbers: Int
        public var errors: Int
        public var warnings: Int
        public var diagnostics: [Entry]
        /// KaTeX's strict-mode remarks: not problems, so not printed.
        public var remarks: [Entry]
        public var unchecked: [Unchecked]
        public var suggestions: [Suggestion]
        /// Formulas read from the math cache file, typeset in this run, typeset earlier in this run (the
        /// same formula in another chapter), and KaTeX engines started.
        public var math: Math

        public struct Math: Codable, Sendable {
            public var fromCache: Int
            public var typeset: Int
            /// Formulas typeset earlier in this run: the same formula in another chapter.
            public var repeated: Int
            public var enginesStarted: Int
        }
        public var perChapter: [Chapter]

        public init(_ report: Pipeline.Report) {
            chapters = report.chapters
            reused = report.reusedChapters
            compiled = report.compiledChapters
            numbersChecked = report.numbersChecked
            numbersWrong = report.numbersWrong
            numbersUnchecked = report.uncheckedNumbers
            statedNumbers = report.statedNumbers
            errors = report.errorCount
            warnings = report.warningCount
            func entry(_ diagnostic: Diagnostic) -> Entry {
                Entry(
                    path: diagnostic.path, line: diagnostic.location.line, column: diagnostic.location.column,
                    severity: diagnostic.severity.rawValue, identifier: diagnostic.identifier.rawValue,
                    message: diagnostic.summary)
            }
            diagnostics = report.diagnostics.map(entry)
            remarks = report.remarks.map(entry)
            let statistics = report.typesetStatistics
            math = Math(
                fromCache: statistics.fromCache, typeset: statistics.typeset, repeated: statistics.repeated,
                enginesStarted: statistics.enginesStarted)
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

        /// The JSON, keys sorted, as `--report` writes it.
        public func encoded() throws -> Data {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return try encoder.encode(self)
        }
    }

    /// The report as `--report FILE` writes it: one schema, shared by the writer and every reader.
    public var document: Document { Document(self) }
}
