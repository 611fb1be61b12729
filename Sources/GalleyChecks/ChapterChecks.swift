public import GalleyDiagnostics
public import GalleyResults

/// What the check stage found in one chapter: the results the renderers draw, the problems (a
/// stale number carries its fix as a `Solution`), and, in `results.coverage`, the counts for the
/// closing line of `render --check`.
public struct ChapterChecks: Sendable {
    public var results = ChapterResults()
    public var diagnostics: [Diagnostic] = []

    public init(coverage: Coverage = Coverage()) {
        results.coverage = coverage
    }

    /// The coverage, counted as the checker goes.
    var counts: Coverage {
        get { results.coverage }
        set { results.coverage = newValue }
    }
}
