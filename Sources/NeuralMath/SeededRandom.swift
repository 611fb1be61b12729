// A random number generator that gives the same numbers for the same seed, on every platform and
// with every Swift version: course data generated with it, and so the rendered book, never change.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SplitMix64 (Steele, Lea and Flood, 2014): 64 bits of state, advanced by a fixed odd constant and
/// mixed. Small, fast and statistically sound for generating data; not for cryptography.
///
/// Its `uniform` and `normal` are defined here, not borrowed from the standard library, whose
/// `Double.random(in:using:)` may draw differently in another Swift version.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in [0, 1): the top 53 bits of `next()`, each of the 2⁵³ values equally likely.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A number in `range`, uniformly: lower + (upper − lower) · `uniform()`.
    public mutating func uniform(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * uniform()
    }

    /// A normally distributed number (Box–Muller): √(−2 ln u₁) cos(2π u₂) · σ + μ, with u₁ in
    /// (0, 1] (so the logarithm is finite) and u₂ in [0, 1), two draws per number.
    public mutating func normal(mean μ: Double = 0, standardDeviation σ: Double = 1) -> Double {
        let u1 = 1 - uniform()
        let u2 = uniform()
        return μ + σ * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
