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
        return unchecked
    }

    /// `--strict`: an unchecked claim is an error at the claim, saying what would check it.
    public static func diagnostic(for claim: UncheckedClaim, path: String) -> Diagnostic {
        let what = claim.inMath ? "\(claim.text) in this formula" : claim.text
        let advice: String
        switch claim.suggestion {
        case .binding(let name):
            advice =
                claim.inMath
                ? "it matches '\(name)': check the formula with a check comment"
                : "it matches '\(name)': write [\(claim.text)](=\(name)), or run render --bind"
        case .ambiguous(let names):
            advice = "it matches \(names.map { "'\($0)'" }.joined(separator: ", ")): bind it to the one it means"
        case .nearMisses(let misses):
            advice = "no computed value matches; near misses: \(misses.joined(separator: "; "))"
        case .noValues:
            advice = "the chapter's code did not run to its end, so no computed value could be proposed"
        case .none:
            advice =
                claim.inMath
                ? "check the formula with a check comment, or mark the number <!-- \(ClaimFinder.notAClaimMark) -->"
                : "bind it to a value the code computes ([\(claim.text)](=name)), or mark it <!-- \(ClaimFinder.notAClaimMark) -->"
        }
        return Diagnostic(
            path: path, location: claim.range.lowerBound, identifier: "claim.unchecked",
            summary: "\(what) is not checked: \(advice)")
    }
}
