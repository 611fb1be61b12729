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

        /// A count of every chapter's coverage, added up (`Coverage` says what each counts).
        public func total(_ count: KeyPath<Coverage, Int>) -> Int { coverage.reduce(0) { $0 + $1[keyPath: count] } }

        /// Stated numbers checked, and how many were wrong; a number `--fix` rewrote is no longer
        /// wrong.
        public var statedChecked: Int { total(\.statedChecked) }
        public var statedWrong: Int { total(\.statedWrong) - wrongNumbersFixed }
        /// The chapters where anything was checked: a stated number, a formula, an expectation.
        public var chaptersChecked: Int { coverage.filter(\.checksAnything).count }
        /// Numbers stated in claims nothing checks, and every number stated, checked or not.
        public var uncheckedNumbers: Int { total(\.uncheckedNumbers) }
        public var statedNumbers: Int { statedChecked + uncheckedNumbers }

        /// The closing line of `--check`, each count saying what it counts:
        /// `40 stated numbers checked in 4 chapters (25 computed, 15 restated inputs), 1 wrong;
        /// 12 formulas checked at 340 points, 0 wrong; 20 expectations run, 0 failed; 3 of 43 stated
        /// numbers unchecked`. Formulas and expectations are left out when there are none.
        public var checkSummary: String {
            var line =
                "\(counted(statedChecked, "stated number")) checked in \(counted(chaptersChecked, "chapter"))"
            if statedChecked > 0 {
                line +=
                    " (\(total(\.computedChecked)) computed, \(counted(total(\.inputsRestated), "restated input")))"
            }
            line += ", \(statedWrong) wrong"
            let formulas = total(\.formulasChecked)
            if formulas > 0 {
                line += "; \(counted(formulas, "formula")) checked at \(counted(total(\.formulaPoints), "point"))"
                line += ", \(total(\.formulasWrong)) wrong"
            }
            let expectations = total(\.expectations)
            if expectations > 0 {
                line += "; \(counted(expectations, "expectation")) run, \(total(\.expectationsFailed)) failed"
            }
            line += "; \(uncheckedNumbers) of \(counted(statedNumbers, "stated number")) unchecked"
            let others = otherErrorCount
            if others > 0 { line += "; \(counted(others, "other error"))" }
            // What --check could do about the claims it left open.
            if bindableClaims > 0 {
                line += "; \(counted(bindableClaims, "claim")) can be bound: render --bind"
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

        /// The errors that are neither a wrong number (counted among the wrong stated numbers,
        /// formulas and expectations, however many
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
        let damaged = damage.all.map { Diagnostic.damagedCacheEntry(kind: $0.kind, path: $0.path) }
        var diagnostics = (loadDiagnostics + damaged + outcome.diagnostics).sorted(by: Diagnostic.sourceOrder)
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
