// Elementwise activation functions and their derivatives.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The logistic sigmoid, σ(x) = 1 / (1 + e^(−x)).
///
/// Evaluated as e^x / (1 + e^x) for negative x, so that neither form exponentiates a large positive
/// number: σ(−1000) is a tiny positive number's underflow, 0, rather than 1/∞ computed through an
/// overflow. σ(±∞) = 1 or 0; σ(NaN) = NaN.
public func sigmoid(_ x: Double) -> Double {
    if x >= 0 {
        return 1 / (1 + exp(-x))
    }
    let e = exp(x)
    return e / (1 + e)
}

/// The derivative of the sigmoid, σ′(x) = σ(x)(1 − σ(x)).
///
/// Largest at x = 0, where it is 1/4; it falls towards 0 as |x| grows (the sigmoid saturates).
/// Evaluated as σ(x)·σ(−x), which equals σ(x)(1 − σ(x)) but does not lose digits to the subtraction
/// 1 − σ(x) once σ(x) is close to 1: at x = 20 the product form keeps full precision where the
/// difference keeps only about eight digits.
public func sigmoidDerivative(_ x: Double) -> Double {
    sigmoid(x) * sigmoid(-x)
}

/// The derivative of the hyperbolic tangent, tanh′(x) = 1 − tanh²(x).
///
/// Evaluated as 1 / cosh²(x), the same quantity (sech²), because 1 − tanh²(x) cancels to 0 once
/// tanh(x) rounds to 1 (from |x| ≈ 19), while the true derivative is still about 10⁻¹⁷ there.
public func tanhDerivative(_ x: Double) -> Double {
    let c = cosh(x)
    return 1 / (c * c)
}

/// The rectified linear unit, relu(x) = max(0, x). NaN stays NaN.
public func relu(_ x: Double) -> Double {
    x.isNaN ? x : Swift.max(0, x)
}

/// The derivative of relu: 1 for x > 0 and 0 for x < 0.
///
/// relu has no derivative at 0; this returns 0 there, the subgradient most libraries use.
public func reluDerivative(_ x: Double) -> Double {
    x.isNaN ? x : (x > 0 ? 1 : 0)
}

/// The leaky rectified linear unit: x for x > 0 and αx otherwise.
///
/// - Parameter slope: α, the slope for negative inputs; 0.01 by default.
public func leakyReLU(_ x: Double, slope: Double = 0.01) -> Double {
    x > 0 ? x : slope * x
}

/// The derivative of the leaky relu: 1 for x > 0 and α otherwise (α at 0, by the same convention
/// as `reluDerivative`).
public func leakyReLUDerivative(_ x: Double, slope: Double = 0.01) -> Double {
    x.isNaN ? x : (x > 0 ? 1 : slope)
}

// MARK: - Vectors

/// σ applied to each element.
public func sigmoid(_ x: [Double]) -> [Double] { x.map { sigmoid($0) } }
/// σ′ applied to each element.
public func sigmoidDerivative(_ x: [Double]) -> [Double] { x.map { sigmoidDerivative($0) } }
/// tanh′ applied to each element.
public func tanhDerivative(_ x: [Double]) -> [Double] { x.map { tanhDerivative($0) } }
/// relu applied to each element.
public func relu(_ x: [Double]) -> [Double] { x.map { relu($0) } }
/// The derivative of relu applied to each element.
public func reluDerivative(_ x: [Double]) -> [Double] { x.map { reluDerivative($0) } }
/// The leaky relu applied to each element.
public func leakyReLU(_ x: [Double], slope: Double = 0.01) -> [Double] {
    x.map { leakyReLU($0, slope: slope) }
}
/// The derivative of the leaky relu applied to each element.
public func leakyReLUDerivative(_ x: [Double], slope: Double = 0.01) -> [Double] {
    x.map { leakyReLUDerivative($0, slope: slope) }
}
