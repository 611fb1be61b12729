// Comparison of computed floating-point values in tests: never `==`.

/// Whether `computed` lies within a tolerance of `expected`: |computed − expected| ≤
/// max(absolute, relative · |expected|).
///
/// The relative part serves values of any magnitude; the absolute part serves expected values at or
/// near zero, where a relative tolerance would demand exact equality.
func isClose(
    _ computed: Double, _ expected: Double, relative: Double = 1e-12, absolute: Double = 1e-300
) -> Bool {
    if computed.isNaN || expected.isNaN { return false }
    if computed.isInfinite || expected.isInfinite { return computed == expected }
    return (computed - expected).magnitude <= Swift.max(absolute, relative * expected.magnitude)
}

/// Elementwise `isClose` for vectors of equal length.
func isClose(
    _ computed: [Double], _ expected: [Double], relative: Double = 1e-12, absolute: Double = 1e-300
) -> Bool {
    computed.count == expected.count
        && zip(computed, expected).allSatisfy { isClose($0, $1, relative: relative, absolute: absolute) }
}

/// Elementwise `isClose` for matrices given as rows.
func isClose(
    _ computed: [[Double]], _ expected: [[Double]], relative: Double = 1e-12, absolute: Double = 1e-300
) -> Bool {
    computed.count == expected.count
        && zip(computed, expected).allSatisfy { isClose($0, $1, relative: relative, absolute: absolute) }
}
