// Gradient descent: a step against the gradient, and the path of many steps.

/// One step of gradient descent: x − η ∇f(x).
///
/// - Precondition: `x` and `gradient` have the same length.
public func gradientDescentStep(_ x: [Double], gradient: [Double], learningRate η: Double) -> [Double] {
    precondition(x.count == gradient.count, "gradientDescentStep: \(x.count) parameters, \(gradient.count) partials")
    return zip(x, gradient).map { $0 - η * $1 }
}

/// One step of gradient descent on a function of one variable: x − η f′(x).
public func gradientDescentStep(_ x: Double, derivative: Double, learningRate η: Double) -> Double {
    x - η * derivative
}

/// The points gradient descent visits on a function of one variable: x₀ = `start`, then
/// xₖ₊₁ = xₖ − η f′(xₖ), `steps` times (so `steps + 1` points).
///
/// A learning rate too large for the function makes the points grow without bound: they are
/// returned as they are, up to ±∞ or NaN, so that a chart shows the divergence.
public func gradientDescentPath(
    from start: Double, learningRate η: Double, steps: Int, derivative: (Double) -> Double
) -> [Double] {
    precondition(steps >= 0, "gradientDescentPath: \(steps) steps")
    var path = [start]
    path.reserveCapacity(steps + 1)
    var x = start
    for _ in 0..<steps {
        x = gradientDescentStep(x, derivative: derivative(x), learningRate: η)
        path.append(x)
    }
    return path
}
