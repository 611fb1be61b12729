import GalleyDiagnostics

/// What finishes a run once every chapter is checked: one per `Pipeline.Mode` — the site written
/// (`SiteWriter`), nothing written (`CheckWriter`), stale numbers fixed (`FixWriter`), claims
/// bound (`BindWriter`).
protocol ModeWriter {
    static func finish(_ run: inout BookRun) throws(PipelineError) -> ModeOutcome
}

/// What a mode's writer did, for the report.
struct ModeOutcome: Sendable {
    /// Every diagnostic of the run's chapters, as the mode reports them.
    var diagnostics: [Diagnostic] = []
    /// The number of files written into the output folder.
    var fileCount = 0
    /// `--fix`: the numbers rewritten, by chapter path, and how many of them were wrong.
    var fixes: [String: Int] = [:]
    var wrongNumbersFixed = 0
    /// `--bind`: the claims wrapped in stated-number links, by chapter path.
    var bound: [String: Int] = [:]
    /// What the run made that a process exiting right after need not free.
    var retained: [any Sendable] = []
}

/// `--check`: renders each chapter in memory, for the problems only rendering finds (a missing
/// image), and writes nothing.
enum CheckWriter: ModeWriter {
    static func finish(_ run: inout BookRun) throws(PipelineError) -> ModeOutcome {
        let book = run
        let chapters = run.timings.measurePhase("render") { book.renderChapters() }
        return ModeOutcome(diagnostics: chapters.flatMap(\.reported), retained: [chapters])
    }
}
