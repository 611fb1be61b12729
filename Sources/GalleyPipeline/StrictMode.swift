import GalleyChecks
import GalleyDiagnostics
import GalleyEvaluation
import GalleyResults

/// `--strict`, all of it: every claim nothing checks is an error at the claim (saying what would
/// check it), and every warning of the run is an error, so that CI can require that every number
/// the book states is checked and nothing is left to chance — but for the warnings whose presence
/// depends on the machine (`Diagnostic.Identifier.dependsOnMachine`: slow type-checking), which
/// stay warnings, so that `--strict` depends on the book alone.
enum StrictMode {
    /// The errors `--strict` adds for a chapter's unchecked claims, in source order.
    static func uncheckedClaims(_ coverage: Coverage, path: String) -> [Diagnostic] {
        coverage.unchecked.map { CoverageCheck.diagnostic(for: $0, path: path) }
    }

    /// The run's diagnostics with every warning made an error, but those that depend on the
    /// machine.
    static func promotingWarnings(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            var promoted = diagnostic
            if promoted.severity == .warning, !Diagnostic.Identifier.dependsOnMachine.contains(promoted.identifier) {
                promoted.severity = .error
            }
            return promoted
        }
    }
}
