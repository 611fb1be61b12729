// A fully connected layer: z = W x + b, and what backpropagation needs of it.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A dense (fully connected) layer: z = W x + b, with W of `outputs` rows and `inputs` columns.
public struct DenseLayer: Sendable, Equatable {
    /// W, one row per output.
    public var weights: [[Double]]
    /// b, one entry per output.
    public var bias: [Double]

    public var inputs: Int { weights.first?.count ?? 0 }
    public var outputs: Int { weights.count }

    /// - Precondition: every row of `weights` has the same length, and `bias` one entry per row.
    public init(weights: [[Double]], bias: [Double]) {
        precondition(weights.count == bias.count, "DenseLayer: \(weights.count) rows, \(bias.count) biases")
        precondition(
            weights.allSatisfy { $0.count == (weights.first?.count ?? 0) }, "DenseLayer: rows of different lengths")
        self.weights = weights
        self.bias = bias
    }

    /// A layer with weights drawn uniformly from [−r, r], r = √(6 / (inputs + outputs)) (Glorot's
    /// choice, which keeps the scale of signals through the layer), and zero biases. The same
    /// generator state gives the same layer.
    public init(inputs: Int, outputs: Int, using generator: inout SeededRandom) {
        precondition(inputs > 0 && outputs > 0, "DenseLayer: \(inputs) inputs, \(outputs) outputs")
        let limit = (6 / Double(inputs + outputs)).squareRoot()
        var weights: [[Double]] = []
        for _ in 0..<outputs {
            weights.append((0..<inputs).map { _ in generator.uniform(in: -limit...limit) })
        }
        self.init(weights: weights, bias: Array(repeating: 0, count: outputs))
    }

    /// z = W x + b.
    /// - Precondition: `x` has `inputs` entries.
    public func callAsFunction(_ x: [Double]) -> [Double] {
        precondition(x.count == inputs, "DenseLayer: \(x.count) inputs for a layer of \(inputs)")
        return zip(weights, bias).map { row, b in zip(row, x).reduce(b) { $0 + $1.0 * $1.1 } }
    }

    /// The gradients of a loss L, given ∂L/∂z for the input `x`: ∂L/∂W = (∂L/∂z) xᵀ,
    /// ∂L/∂b = ∂L/∂z, and ∂L/∂x = Wᵀ (∂L/∂z), which the layer before receives.
    public struct Gradients: Sendable, Equatable {
        public var weights: [[Double]]
        public var bias: [Double]
        public var input: [Double]

        public init(weights: [[Double]], bias: [Double], input: [Double]) {
            self.weights = weights
            self.bias = bias
            self.input = input
        }
    }

    /// - Precondition: `input` has `inputs` entries and `outputGradient` `outputs`.
    public func gradients(input x: [Double], outputGradient g: [Double]) -> Gradients {
        precondition(x.count == inputs && g.count == outputs, "DenseLayer.gradients: shapes do not match")
        let weightGradients = g.map { gi in x.map { gi * $0 } }
        var inputGradient = Array(repeating: 0.0, count: inputs)
        for (row, gi) in zip(weights, g) {
            for column in row.indices { inputGradient[column] += row[column] * gi }
        }
        return Gradients(weights: weightGradients, bias: g, input: inputGradient)
    }

    /// One gradient-descent step on the layer's parameters: W − η ∂L/∂W, b − η ∂L/∂b.
    public mutating func update(with gradients: Gradients, learningRate η: Double) {
        for row in weights.indices {
            weights[row] = gradientDescentStep(weights[row], gradient: gradients.weights[row], learningRate: η)
        }
        bias = gradientDescentStep(bias, gradient: gradients.bias, learningRate: η)
    }
}
