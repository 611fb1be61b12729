import GalleyChecks
import GalleyDiagnostics
import GalleyResults

/// `--strict`, all of it: every claim nothing checks is an error at the claim (saying what would
/// check it), and every warning of the run is an error, so that CI can require that every number
/// the book states is checked and nothing is left to chance.
enum StrictMode {
    /// The errors `--strict` adds for a chapter's unchecked claims, in source order.
    static func uncheckedClaims(_ coverage: Coverage, path: String) -> [Diagnostic] {
        coverage.unchecked.map { CoverageCheck.diagnostic(for: $0, path: path) }
    }

    /// The run's diagnostics with every warning made an error.
    static func promotingWarnings(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            var promoted = diagnostic
            if promoted.severity == .warning { promoted.severity = .error }
            return promoted
        }
    }
}
