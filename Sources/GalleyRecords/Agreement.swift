/// When two computed values are the same number: the one rule `expect(_:equals:)`, closed
/// arithmetic and checked formulas apply when neither side is a number an author wrote (those
/// follow the precision rule, `StatedNumber`).
///
///     |a − b| ≤ tolerance · max(1, |a|, |b|)
///
/// The tolerance is absolute for values below 1 in size and relative above, so that it means
/// "this many significant digits" for large values without asking the impossible of values near
/// zero. Equal values agree (an infinity with itself, as in swift-numerics' `isApproximatelyEqual`);
/// otherwise both must be finite: an infinity is not "within a relative tolerance" of the largest
/// finite number, though the formula alone would say so (∞ ≤ 10⁻⁹ · ∞). NaN agrees with nothing,
/// itself included.
public enum Agreement {
    /// What computed values are held to by default: about nine significant digits, far beyond
    /// what a page states and well within what `Double` keeps through a chapter's arithmetic.
    public static let computed = 1e-9
    /// What a formula holding a numerical derivative is held to: a central difference keeps
    /// about six digits.
    public static let derivative = 1e-6

    /// Whether `a` and `b` agree to within `tolerance`, as above.
    public static func holds(_ a: Double, _ b: Double, within tolerance: Double = computed) -> Bool {
        if a == b { return true }
        guard a.isFinite, b.isFinite else { return false }
        return abs(a - b) <= tolerance * max(1, abs(a), abs(b))
    }
}
