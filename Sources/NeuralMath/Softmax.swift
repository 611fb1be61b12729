// Softmax and the quantities derived from it.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The softmax of a vector of scores (logits).
///
/// aᵢ = e^(zᵢ − m) / Σⱼ e^(zⱼ − m), where m = maxⱼ zⱼ.
///
/// Subtracting the maximum leaves the result unchanged (the factor e^(−m) cancels) but keeps every
/// exponent ≤ 0, so no term overflows: logits such as [1000, 1001, 1002] give finite probabilities.
/// The largest term is e⁰ = 1, so the denominator is ≥ 1 and never underflows to zero either.
///
/// - Returns: A vector of the same length whose entries are in [0, 1] and sum to 1 (to rounding);
///   the empty vector for empty input. A NaN anywhere in the input makes every entry NaN.
public func softmax(_ z: [Double]) -> [Double] {
    guard let shift = shiftForExponentials(z) else { return z.map { _ in .nan } }
    let exponentials = z.map { exp($0 - shift) }
    let total = exponentials.reduce(0, +)
    return exponentials.map { $0 / total }
}

/// The log of the sum of exponentials, computed without overflow.
///
/// log Σᵢ e^(zᵢ) = m + log Σᵢ e^(zᵢ − m), where m = maxᵢ zᵢ.
///
/// - Returns: −∞ for empty input (the log of an empty sum, 0); NaN when any input is NaN; +∞ when
///   an input is +∞.
public func logSumExp(_ z: [Double]) -> Double {
    if z.isEmpty { return -.infinity }
    guard let shift = shiftForExponentials(z) else { return .nan }
    if shift.isInfinite { return shift }
    let total = z.reduce(0.0) { $0 + exp($1 - shift) }
    return shift + log(total)
}

/// The logarithm of the softmax, computed directly.
///
/// log aᵢ = zᵢ − log Σⱼ e^(zⱼ).
///
/// Taking log(softmax(z)) would give −∞ once an aᵢ underflows to 0; this form stays finite for
/// finite input (for z = [0, −1000] it gives −1000 where the naive form gives −∞).
public func logSoftmax(_ z: [Double]) -> [Double] {
    let normaliser = logSumExp(z)
    return z.map { $0 - normaliser }
}

/// The Jacobian of the softmax.
///
/// J[i][j] = ∂aᵢ/∂zⱼ = aᵢ(δᵢⱼ − aⱼ), where a = softmax(z) and δᵢⱼ is 1 when i = j and 0 otherwise.
///
/// The diagonal holds aᵢ(1 − aᵢ) and every off-diagonal entry is −aᵢaⱼ. Every row sums to zero,
/// because the outputs always sum to one whatever z is. The matrix is symmetric.
///
/// - Returns: An n×n matrix as rows, for an input of length n.
public func softmaxJacobian(_ z: [Double]) -> [[Double]] {
    let a = softmax(z)
    return a.indices.map { i in
        a.indices.map { j in a[i] * ((i == j ? 1 : 0) - a[j]) }
    }
}

// MARK: - Helpers

/// The shift m = max z used to keep exponentials in range, or nil when z contains a NaN.
///
/// For an empty vector the shift is 0 (nothing is exponentiated).
func shiftForExponentials(_ z: [Double]) -> Double? {
    var largest = -Double.infinity
    for value in z {
        if value.isNaN { return nil }
        largest = Swift.max(largest, value)
    }
    // All entries −∞: shifting by −∞ would give NaN (−∞ − (−∞)); 0 keeps every e^(zᵢ) = 0.
    return largest == -.infinity ? 0 : largest
}
