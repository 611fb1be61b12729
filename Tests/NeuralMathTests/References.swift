// Reference values computed independently of NeuralMath, at high precision.
//
// Every number here was computed with Python's mpmath at 40 significant digits (mp.dps = 40), from
// the defining formulas rather than the stable ones NeuralMath uses:
//
//     from mpmath import mp, mpf, exp, log, tanh
//     mp.dps = 40
//     softmax = lambda z: [exp(mpf(x)) / sum(exp(mpf(y)) for y in z) for x in z]
//     logsumexp = lambda z: log(sum(exp(mpf(x)) for x in z))
//     sigmoid = lambda x: 1 / (1 + exp(-mpf(x)))
//
// and printed to 25 digits with mp.nstr. At 40 digits, exp(1002) is represented exactly enough that
// the naive formula is correct, which is what makes it an independent check of the shifted one.

enum Reference {
    /// softmax([3, 1, −3])
    static let softmax313: [Double] = [
        0.8788782427321508953783855, 0.1189432359106520814846593, 0.002178521357197023136955225,
    ]
    /// log Σ e^z for z = [3, 1, −3]
    static let logSumExp313 = 3.12910890882985058584002
    /// softmax([1000, 1001, 1002])
    static let softmaxHuge: [Double] = [
        0.0900305731703804579980221, 0.2447284710547976524729596, 0.6652409557748218895290183,
    ]
    /// log Σ e^z for z = [1000, 1001, 1002]
    static let logSumExpHuge = 1002.407605964444380304483
    /// log Σ e^z for z = [−1000, −1001, −1002]
    static let logSumExpTiny = -999.5923940355556196955171
    /// softmax([0.5, −0.25, 2.0, 0.0])
    static let softmaxMixed: [Double] = [
        0.1524254017698052484816321, 0.0720006615841670673896231, 0.6831232571536245045581208,
        0.09245067949240317957062401,
    ]
    /// ∂aᵢ/∂zⱼ for z = [3, 1, −3]
    static let jacobian313: [[Double]] = [
        [0.1064512771841973472245778, -0.1045366221620295671200646, -0.00191465502216778010451327],
        [-0.1045366221620295671200646, 0.1047957425417550465928341, -0.0002591203797254794727695566],
        [-0.00191465502216778010451327, -0.0002591203797254794727695566, 0.002173775401893259577282826],
    ]
    /// −ln softmax([3, 1, −3])₁, the loss for the one-hot label [1, 0, 0]
    static let crossEntropy313 = 0.12910890882985058584002
    /// softmax([3, 1, −3]) − [1, 0, 0]
    static let gradient313: [Double] = [
        -0.1211217572678491046216145, 0.1189432359106520814846593, 0.002178521357197023136955225,
    ]
    /// (x, σ(x), σ′(x), 1 − tanh²(x))
    static let sigmoidTable: [(x: Double, sigmoid: Double, derivative: Double, tanhDerivative: Double)] = [
        (0, 0.5, 0.25, 1.0),
        (1, 0.7310585786300048792511592, 0.1966119332414818525374247, 0.4199743416140260693944967),
        (-1, 0.2689414213699951207488408, 0.1966119332414818525374247, 0.4199743416140260693944967),
        (5, 0.993307149075715144440638, 0.006648056670790154913998535, 0.0001815832309438066841297682),
        (-5, 0.00669285092428485555936198, 0.006648056670790154913998535, 0.0001815832309438066841297682),
        (20, 0.9999999979388463818097964, 2.061153613941849343652295e-9, 1.699341702116635583692884e-17),
        (-30, 9.357622968839298953839563e-14, 9.357622968838423302763293e-14, 3.502604305078609162811289e-26),
    ]
    /// −ln 0.8, the binary cross-entropy of p = 0.8 against y = 1
    static let binaryCrossEntropyP08Y1 = 0.2231435513142097557662951
    /// −ln 0.7, the binary cross-entropy of p = 0.3 against y = 0
    static let binaryCrossEntropyP03Y0 = 0.3566749439387323789126387
}
