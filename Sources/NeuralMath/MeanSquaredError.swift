// The loss of regression: the mean squared error and its gradient.

/// The mean squared error of predictions against targets: (1/n) Σᵢ (pᵢ − yᵢ)².
///
/// - Returns: NaN for empty input (the mean of nothing) and when any value is NaN; +∞ when a
///   difference is infinite.
/// - Precondition: `predictions` and `targets` have the same length.
public func meanSquaredError(predictions p: [Double], targets y: [Double]) -> Double {
    precondition(p.count == y.count, "meanSquaredError: \(p.count) predictions for \(y.count) targets")
    guard !p.isEmpty else { return .nan }
    var sum = 0.0
    for (prediction, target) in zip(p, y) {
        let difference = prediction - target
        sum += difference * difference
    }
    return sum / Double(p.count)
}

/// The gradient of `meanSquaredError` with respect to the predictions: ∂L/∂pᵢ = (2/n)(pᵢ − yᵢ).
///
/// - Returns: the empty vector for empty input.
/// - Precondition: `predictions` and `targets` have the same length.
public func meanSquaredErrorGradient(predictions p: [Double], targets y: [Double]) -> [Double] {
    precondition(p.count == y.count, "meanSquaredErrorGradient: \(p.count) predictions for \(y.count) targets")
    let scale = 2 / Double(p.count)
    return zip(p, y).map { scale * ($0 - $1) }
}
