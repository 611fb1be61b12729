public import GalleyDiagnostics

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
        /// Stated numbers (and numbers `expect` calls checked), and how many were wrong.
        public var numbersChecked: Int
        public var numbersWrong: Int
        /// The chapters that state or expect at least one number.
        public var chaptersWithNumbers: Int
        /// For `.fix`: the numbers rewritten, by chapter path.
        public var fixes: [String: Int]
        /// Where the time went.
        public var timings: StageTimings

        /// The closing line of `--check`: `37 numbers checked in 4 chapters, 1 wrong`.
        public var checkSummary: String {
            let numbers = numbersChecked == 1 ? "1 number" : "\(numbersChecked) numbers"
            let chapters = chaptersWithNumbers == 1 ? "1 chapter" : "\(chaptersWithNumbers) chapters"
            var line = "\(numbers) checked in \(chapters), \(numbersWrong) wrong"
            let others = errorCount - numbersWrong
            if others > 0 { line += "; \(others) other error\(others == 1 ? "" : "s")" }
            return line
        }

        public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
        public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    }
}
