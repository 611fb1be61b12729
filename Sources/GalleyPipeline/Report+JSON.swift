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

        /// Counts, each as `Coverage` defines it: for the book, and for each chapter.
        public struct Counts: Codable, Sendable {
            /// Stated numbers checked, wrong, and of them the restated inputs; stated numbers no
            /// check covers, and all stated numbers.
            public var statedChecked: Int
            public var statedWrong: Int
            public var inputsRestated: Int
            public var numbersUnchecked: Int
            public var statedNumbers: Int
            /// Formulas checked and wrong, and the points they were checked at.
            public var formulasChecked: Int
            public var formulasWrong: Int
            public var formulaPoints: Int
            /// `expect` calls run, and failed.
            public var expectations: Int
            public var expectationsFailed: Int

            init(_ count: (KeyPath<Coverage, Int>) -> Int, statedWrong: Int) {
                // `statedWrong` apart: the book's excludes what `--fix` rewrote.
                statedChecked = count(\.statedChecked)
                self.statedWrong = statedWrong
                inputsRestated = count(\.inputsRestated)
                numbersUnchecked = count(\.uncheckedNumbers)
                statedNumbers = count(\.statedNumbers)
                formulasChecked = count(\.formulasChecked)
                formulasWrong = count(\.formulasWrong)
                formulaPoints = count(\.formulaPoints)
                expectations = count(\.expectations)
                expectationsFailed = count(\.expectationsFailed)
            }
        }

        /// One chapter's counts, beside its file (`{"file": …, "statedChecked": …}`).
        public struct Chapter: Codable, Sendable {
            public var file: String
            public var counts: Counts

            init(file: String, counts: Counts) {
                self.file = file
                self.counts = counts
            }

            private enum Key: String, CodingKey { case file }

            public init(from decoder: any Decoder) throws {
                file = try decoder.container(keyedBy: Key.self).decode(String.self, forKey: .file)
                counts = try Counts(from: decoder)
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(file, forKey: .file)
                try counts.encode(to: encoder)
            }
        }

        public var chapters: [String]
        /// The chapters taken whole from the render cache, since nothing they depend on changed.
        public var reused: [String]
        /// The chapters whose code was compiled in this run (not taken from the program cache).
        public var compiled: [String]
        /// The book's counts, at the top level of the JSON.
        public var counts: Counts
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
            counts = Counts({ report.total($0) }, statedWrong: report.statedWrong)
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
                        file: file, counts: Counts({ coverage[keyPath: $0] }, statedWrong: coverage.statedWrong)))
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

        private enum Key: String, CodingKey {
            case chapters, reused, compiled, errors, warnings, diagnostics, remarks, unchecked, suggestions, math
            case perChapter
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            chapters = try container.decode([String].self, forKey: .chapters)
            reused = try container.decode([String].self, forKey: .reused)
            compiled = try container.decode([String].self, forKey: .compiled)
            counts = try Counts(from: decoder)
            errors = try container.decode(Int.self, forKey: .errors)
            warnings = try container.decode(Int.self, forKey: .warnings)
            diagnostics = try container.decode([Entry].self, forKey: .diagnostics)
            remarks = try container.decode([Entry].self, forKey: .remarks)
            unchecked = try container.decode([Unchecked].self, forKey: .unchecked)
            suggestions = try container.decode([Suggestion].self, forKey: .suggestions)
            math = try container.decode(Math.self, forKey: .math)
            perChapter = try container.decode([Chapter].self, forKey: .perChapter)
        }

        /// The counts sit at the top level, beside the rest.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(chapters, forKey: .chapters)
            try container.encode(reused, forKey: .reused)
            try container.encode(compiled, forKey: .compiled)
            try counts.encode(to: encoder)
            try container.encode(errors, forKey: .errors)
            try container.encode(warnings, forKey: .warnings)
            try container.encode(diagnostics, forKey: .diagnostics)
            try container.encode(remarks, forKey: .remarks)
            try container.encode(unchecked, forKey: .unchecked)
            try container.encode(suggestions, forKey: .suggestions)
            try container.encode(math, forKey: .math)
            try container.encode(perChapter, forKey: .perChapter)
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
