public import GalleyDiagnostics
public import GalleyResults

/// What the check stage found in one chapter: the results the renderers draw, the problems (a
/// stale number carries its fix as a `Solution`), and the counts for the closing line of
/// `render --check`.
public struct ChapterChecks: Sendable {
    public var results = ChapterResults()
    public var diagnostics: [Diagnostic] = []
    /// Numbers compared (each number of a list, each value of a formula's sides), and how many were
    /// wrong.
    public var numbersChecked = 0
    public var numbersWrong = 0

    public init(coverage: Coverage = Coverage()) {
        results.coverage = coverage
    }
}
