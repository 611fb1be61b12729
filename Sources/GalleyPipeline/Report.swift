public import GalleyChecks
public import GalleyDiagnostics
public import GalleyResults

extension Pipeline {
    /// What a run did: built once, at the end of `Pipeline.run`.
    public struct Report: Sendable {
        public var bookTitle: String
        /// The chapters, by source path, in book order.
        public var chapters: [String]
        /// Every diagnostic of the run, in source order.
        public var diagnostics: [Diagnostic]
        /// The number of files written into the output folder.
        public var fileCount: Int
        /// The chapters whose code was compiled in this run (not taken from the cache).
        public var compiledChapters: [String]
        /// The chapters taken whole from the render cache: nothing about them changed.
        public var reusedChapters: [String] = []
        /// What each chapter's check proved and left open, in book order.
        public var coverage: [Coverage]
        /// For `.fix`: the numbers rewritten, by chapter path, and how many of them were wrong (the
        /// others were truncated).
        public var fixes: [String: Int]
        public var wrongNumbersFixed = 0
        /// For `.bind`: the claims wrapped in stated-number links, by chapter path.
        public var bound: [String: Int] = [:]
        /// KaTeX's strict-mode remarks (Unicode text in math mode, say): not problems, so listed in
        /// the `--report` JSON rather than printed.
        public var remarks: [Diagnostic] = []
        /// Formulas read from the math cache file, typeset in this run, typeset earlier in this run (the
        /// same formula in another chapter), and KaTeX engines started.
        public var typesetStatistics = (fromCache: 0, typeset: 0, repeated: 0, enginesStarted: 0)
        /// Where the time went.
        public var timings: StageTimings

        /// Stated numbers (and numbers `expect` calls checked), and how many were wrong; a number
        /// `--fix` rewrote is no longer wrong.
        public var numbersChecked: Int { coverage.reduce(0) { $0 + $1.numbersChecked } }
        public var numbersWrong: Int { coverage.reduce(0) { $0 + $1.numbersWrong } - wrongNumbersFixed }
        /// The chapters that state or expect at least one number that was checked.
        public var chaptersWithNumbers: Int { coverage.filter { $0.numbersChecked > 0 }.count }
        /// Numbers stated in claims nothing checks, and every number stated, checked or not.
        public var uncheckedNumbers: Int { coverage.reduce(0) { $0 + $1.uncheckedNumbers } }
        public var statedNumbers: Int { numbersChecked + uncheckedNumbers }

        /// The closing line of `--check`:
        /// `37 numbers checked in 4 chapters, 1 wrong; 3 of 40 stated numbers unchecked`.
        public var checkSummary: String {
            let numbers = numbersChecked == 1 ? "1 number" : "\(numbersChecked) numbers"
            let chapters = chaptersWithNumbers == 1 ? "1 chapter" : "\(chaptersWithNumbers) chapters"
            var line = "\(numbers) checked in \(chapters), \(numbersWrong) wrong"
            line += "; \(uncheckedNumbers) of \(statedNumbers) stated number\(statedNumbers == 1 ? "" : "s") unchecked"
            let others = otherErrorCount
            if others > 0 { line += "; \(others) other error\(others == 1 ? "" : "s")" }
            // What --check could do about the claims it left open.
            if bindableClaims > 0 {
                line += "; \(bindableClaims) claim\(bindableClaims == 1 ? "" : "s") can be bound: render --bind"
            }
            if chaptersWithoutValues > 0 {
                line +=
                    chaptersWithoutValues == 1
                    ? "; 1 chapter's code offers no value to bind its claims to"
                    : "; \(chaptersWithoutValues) chapters' code offers no value to bind their claims to"
            }
            return line
        }

        /// The unchecked claims `render --bind` would wrap in a stated-number link.
        public var bindableClaims: Int {
            coverage.reduce(0) { $0 + $1.unchecked.filter { $0.bindableRange != nil }.count }
        }

        /// The chapters with unchecked claims whose code offered no computed value for them: it
        /// failed before its end, or computes none.
        public var chaptersWithoutValues: Int { coverage.filter { !$0.unchecked.isEmpty && !$0.offersValues }.count }

        /// The errors that are neither a wrong number (counted in `numbersWrong`, however many
        /// numbers one diagnostic stands for: a formula wrong at three values is one) nor a claim
        /// `--strict` found unchecked (counted among the unchecked numbers).
        public var otherErrorCount: Int {
            diagnostics.filter { diagnostic in
                diagnostic.severity == .error && !Diagnostic.Identifier.wrongNumbers.contains(diagnostic.identifier)
                    && diagnostic.identifier != .claimUnchecked
            }.count
        }

        public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
        public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    }
}

extension BookRun {
    /// What the run did, once its mode's writer finished: `--strict` applied to every diagnostic.
    func report(_ outcome: ModeOutcome) -> Pipeline.Report {
        var diagnostics = (loadDiagnostics + outcome.diagnostics).sorted(by: Diagnostic.sourceOrder)
        if options.strict { diagnostics = StrictMode.promotingWarnings(diagnostics) }
        var report = Pipeline.Report(
            bookTitle: book.title, chapters: book.chapters.map(\.source.path), diagnostics: diagnostics,
            fileCount: outcome.fileCount,
            compiledChapters: chapters.filter { $0.evaluation?.compiled == true }.map(\.chapter.source.path),
            coverage: chapters.map(\.coverage), fixes: outcome.fixes, timings: timings)
        report.wrongNumbersFixed = outcome.wrongNumbersFixed
        report.reusedChapters = chapters.filter { $0.reused != nil }.map(\.chapter.source.path)
        report.remarks = chapters.flatMap(\.remarks)
        report.typesetStatistics = typesetter.statistics
        report.bound = outcome.bound
        return report
    }
}
