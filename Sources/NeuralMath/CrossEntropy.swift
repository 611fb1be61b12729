// Cross-entropy loss and its gradient through the softmax.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The categorical cross-entropy of predicted probabilities against target labels, with the
/// natural logarithm.
///
/// L = −Σᵢ yᵢ ln pᵢ
///
/// Terms with yᵢ = 0 contribute nothing, even where pᵢ = 0 (0 · ln 0 is taken as 0, its limit),
/// so a one-hot target only reads the probability of its own class. A target class predicted with
/// probability 0 gives +∞.
///
/// - Parameters:
///   - probabilities: The predicted distribution p, for example `softmax(z)`.
///   - labels: The target distribution y, usually one-hot; the same length as `probabilities`.
/// - Returns: The loss in nats; NaN when the lengths differ or any input is NaN.
public func crossEntropy(probabilities: [Double], labels: [Double]) -> Double {
    guard probabilities.count == labels.count else { return .nan }
    var loss = 0.0
    for (p, y) in zip(probabilities, labels) {
        if p.isNaN || y.isNaN { return .nan }
        if y == 0 { continue }
        loss -= y * log(p)
    }
    return loss
}

/// The binary cross-entropy of one predicted probability against a label in [0, 1], with the
/// natural logarithm.
///
/// L = −(y ln p + (1 − y) ln(1 − p))
public func binaryCrossEntropy(probability p: Double, label y: Double) -> Double {
    crossEntropy(probabilities: [p, 1 - p], labels: [y, 1 - y])
}

/// The cross-entropy of softmax(z) against y, computed from the logits without forming softmax(z).
///
/// L = −Σᵢ yᵢ (zᵢ − log Σⱼ e^(zⱼ)) = −Σᵢ yᵢ · logSoftmax(z)ᵢ
///
/// This stays finite where `crossEntropy(probabilities: softmax(z), labels: y)` would take the log
/// of an underflowed 0.
public func softmaxCrossEntropy(logits z: [Double], labels y: [Double]) -> Double {
    guard z.count == y.count else { return .nan }
    let logProbabilities = logSoftmax(z)
    var loss = 0.0
    for (logP, label) in zip(logProbabilities, y) {
        if logP.isNaN || label.isNaN { return .nan }
        if label == 0 { continue }
        loss -= label * logP
    }
    return loss
}

/// The gradient of the softmax cross-entropy with respect to the logits.
///
/// ∂L/∂zᵢ = aᵢ − yᵢ, where a = softmax(z) and L = −Σⱼ yⱼ ln aⱼ, for labels y that sum to 1.
///
/// It follows from the chain rule with the softmax Jacobian: ∂L/∂zᵢ = Σⱼ (−yⱼ/aⱼ) · aⱼ(δⱼᵢ − aᵢ)
/// = −yᵢ + aᵢ Σⱼ yⱼ = aᵢ − yᵢ.
///
/// - Returns: A vector of the logits' length; all NaN when the lengths differ.
public func softmaxCrossEntropyGradient(logits z: [Double], labels y: [Double]) -> [Double] {
    guard z.count == y.count else { return z.map { _ in .nan } }
    return zip(softmax(z), y).map { $0 - $1 }
}
