// Derivatives by central differences, for checking analytic ones.

/// The step used by the numerical derivatives unless a caller gives one.
///
/// Central differences have truncation error O(h²) and rounding error O(ε/h); with ε ≈ 2.2·10⁻¹⁶
/// the two balance near h = ε^(1/3) ≈ 6·10⁻⁶, where the total error is about 10⁻¹⁰ for smooth
/// functions of inputs of order 1. For large inputs the step grows so that x ± h still differ from
/// x in enough bits (see `step(_:at:)`), and the quotient always divides by the difference of the
/// two points actually evaluated, not by the 2h that was asked for.
public let defaultDifferenceStep = 6.0e-6

/// The derivative of a scalar function by central differences.
///
/// f′(x) ≈ (f(x + h) − f(x − h)) / 2h
public func numericalDerivative(
    of f: (Double) -> Double, at x: Double, step h: Double = defaultDifferenceStep
) -> Double {
    let scaled = step(h, at: x)
    let forward = x + scaled
    let backward = x - scaled
    return (f(forward) - f(backward)) / (forward - backward)
}

/// The gradient of a scalar function of a vector by central differences.
///
/// ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, where eᵢ is the i-th unit vector.
///
/// - Returns: A vector of x's length; empty for empty x.
public func numericalGradient(
    of f: ([Double]) -> Double, at x: [Double], step h: Double = defaultDifferenceStep
) -> [Double] {
    x.indices.map { i in
        let scaled = step(h, at: x[i])
        var forward = x
        var backward = x
        forward[i] += scaled
        backward[i] -= scaled
        return (f(forward) - f(backward)) / (forward[i] - backward[i])
    }
}

/// The Jacobian of a vector function by central differences.
///
/// J[i][j] = ∂fᵢ/∂xⱼ ≈ (fᵢ(x + h·eⱼ) − fᵢ(x − h·eⱼ)) / 2h
///
/// - Returns: An m×n matrix as rows, where m is the length of f's output and n the length of x.
public func numericalJacobian(
    of f: ([Double]) -> [Double], at x: [Double], step h: Double = defaultDifferenceStep
) -> [[Double]] {
    var columns: [[Double]] = []
    columns.reserveCapacity(x.count)
    for j in x.indices {
        let scaled = step(h, at: x[j])
        var forward = x
        var backward = x
        forward[j] += scaled
        backward[j] -= scaled
        let up = f(forward)
        let down = f(backward)
        let width = forward[j] - backward[j]
        columns.append(zip(up, down).map { ($0 - $1) / width })
    }
    let rowCount = columns.first?.count ?? f(x).count
    return (0..<rowCount).map { i in columns.map { $0[i] } }
}

/// The step for an input x: h, or |x|·√ε when that is larger, so that x ± step keeps about half
/// of x's significant bits of difference even for large x (at x = 1000 the step is 1.5·10⁻⁵, not
/// 6·10⁻³, which would make the truncation error of curved functions such as softmax visible).
func step(_ h: Double, at x: Double) -> Double {
    Swift.max(h, x.magnitude * Double.ulpOfOne.squareRoot())
}
