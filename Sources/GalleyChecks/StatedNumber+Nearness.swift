import GalleyRecords

extension StatedNumber {
    /// One unit of the last digit written: 0.01 for `0.13`, 0.001 for `12.5%`.
    var unit: Double { 2 * tolerance }

    /// How far from the written value a computed one may be to match or nearly match it.
    var reach: Double { 1.5 * unit + 1e-12 * max(1, value.magnitude) }

    /// A near miss: the written digits are the computed value cut off instead of rounded, or one
    /// off in the last place.
    func isNear(_ computed: Double) -> Bool { isTruncation(of: computed) || isOneOff(from: computed) }

    /// How far a computed value is from the written one, in units of the last digit.
    func distance(to computed: Double) -> Double { (computed - value).magnitude / unit }
}
