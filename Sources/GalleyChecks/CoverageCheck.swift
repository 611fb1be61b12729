public import GalleyDiagnostics
public import GalleyResults
public import GalleySemantics

/// Claims nothing checks, as the coverage report shows them and as `--strict` reports them.
public enum CoverageCheck {
    /// A claim before Galley has looked for values that fit it.
    public static func unchecked(_ claim: Claim) -> UncheckedClaim {
        var unchecked = UncheckedClaim(
            text: claim.text, numberCount: claim.numbers.count, range: claim.range, inMath: claim.inMath)
        unchecked.inLink = claim.inLink
        unchecked.byteRange = claim.byteRange
        return unchecked
    }

    /// `--strict`: an unchecked claim is an error at the claim, saying what would check it.
    public static func diagnostic(for claim: UncheckedClaim, path: String) -> Diagnostic {
        .uncheckedClaim(claim, path: path)
    }
}
