import NeuralMath
import Testing

// References for training, computed apart with Python (integers for SplitMix64, mpmath at 40
// digits for the rest), from the defining formulas:
//
//     M = (1 << 64) - 1
//     def splitmix(seed):                      # Steele, Lea and Flood's SplitMix64
//         s = seed
//         while True:
//             s = (s + 0x9E3779B97F4A7C15) & M
//             z = s
//             z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
//             z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
//             yield z ^ (z >> 31)
//     uniform = mpf(next(g) >> 11) / mpf(2)**53
//     normal  = sqrt(-2 * log(1 - uniform₁)) * cos(2 * pi * uniform₂)
//     mse     = sum((p - y)**2) / n,   gradient = 2 * (p - y) / n
//     descent = x - eta * f'(x)
//     dense   = W x + b;  dW = g xᵀ;  dx = Wᵀ g
enum TrainingReference {
    static let splitMixSeed42: [UInt64] = [
        13_679_457_532_755_275_413, 2_949_826_092_126_892_291, 5_139_283_748_462_763_858, 6_349_198_060_258_255_764,
        701_532_786_141_963_250,
    ]
    /// SplitMix64's first outputs for seed 0; the first is the published 0xE220A8397B1DCDAF.
    static let splitMixSeed0: [UInt64] = [
        16_294_208_416_658_607_535, 7_960_286_522_194_355_700, 487_617_019_471_545_679,
    ]
    static let uniformSeed7 = [
        0.3898297483912714911369335, 0.01678829452815611134042229, 0.9007606806068834126577372,
        0.582930293028078083672483,
    ]
    static let normalSeed7 = [0.9884743323187352394813589, -1.864255806731227233179593, 0.003920207215189248926125619]
}

@Suite("Training: mean squared error, gradient descent, a dense layer, seeded random numbers")
struct TrainingTests {
    // MARK: Mean squared error

    @Test("mean squared error and its gradient against references")
    func meanSquaredErrorReferences() {
        let p = [2.5, 0.0, 2.1, 7.8]
        let y = [3.0, -0.5, 2.0, 7.0]
        #expect(isClose(meanSquaredError(predictions: p, targets: y), 0.2875))
        #expect(isClose(meanSquaredErrorGradient(predictions: p, targets: y), [-0.25, 0.25, 0.05, 0.4]))
    }

    @Test("the analytic gradient of the mean squared error agrees with the numerical one")
    func meanSquaredErrorGradientNumerically() {
        let y = [0.3, -1.2, 4.0, 0.0, 2.5]
        for p in [[0.1, -1.0, 3.5, 0.2, 2.5], [10.0, -20.0, 0.0, 1e-3, 7.0]] {
            let analytic = meanSquaredErrorGradient(predictions: p, targets: y)
            let numerical = numericalGradient(of: { meanSquaredError(predictions: $0, targets: y) }, at: p)
            #expect(isClose(analytic, numerical, relative: 1e-7, absolute: 1e-9))
        }
    }

    @Test("special values: empty input, NaN, infinity, a perfect fit")
    func meanSquaredErrorSpecialValues() {
        #expect(meanSquaredError(predictions: [], targets: []).isNaN, "the mean of nothing")
        #expect(meanSquaredErrorGradient(predictions: [], targets: []).isEmpty)
        #expect(meanSquaredError(predictions: [1, .nan], targets: [1, 2]).isNaN)
        #expect(meanSquaredError(predictions: [.infinity], targets: [0]) == .infinity)
        #expect(meanSquaredError(predictions: [1e200], targets: [-1e200]) == .infinity, "(2e200)² overflows")
        #expect(isClose(meanSquaredError(predictions: [1, 2, 3], targets: [1, 2, 3]), 0, absolute: 0))
    }

    // MARK: Gradient descent

    @Test("descent on x² − 4x converges towards 2 with η = 0.1, against references")
    func descentConverges() {
        let path = gradientDescentPath(from: 0, learningRate: 0.1, steps: 5) { 2 * $0 - 4 }
        #expect(isClose(path, [0.0, 0.4, 0.72, 0.976, 1.1808, 1.34464], relative: 1e-14, absolute: 1e-15))
        let long = gradientDescentPath(from: 0, learningRate: 0.1, steps: 200) { 2 * $0 - 4 }
        #expect(isClose(long.last!, 2, relative: 1e-12))
    }

    @Test("descent on x² diverges with η = 1.1: each step multiplies x by −1.2")
    func descentDiverges() {
        let path = gradientDescentPath(from: 1, learningRate: 1.1, steps: 4) { 2 * $0 }
        #expect(isClose(path, [1.0, -1.2, 1.44, -1.728, 2.0736], relative: 1e-14))
        let long = gradientDescentPath(from: 1, learningRate: 1.1, steps: 5000) { 2 * $0 }
        #expect(long.last!.isInfinite || long.last!.isNaN, "left as it is, for a chart to show")
        #expect(isClose(gradientDescentPath(from: 3, learningRate: 0.5, steps: 0) { $0 }, [3]))
    }

    @Test("a step on a vector moves each parameter against its partial derivative")
    func vectorStep() {
        #expect(
            isClose(gradientDescentStep([1, -2, 0.5], gradient: [0.5, -1, 0], learningRate: 0.2), [0.9, -1.8, 0.5]))
        #expect(gradientDescentStep([], gradient: [], learningRate: 0.1).isEmpty)
        #expect(gradientDescentStep([1], gradient: [.nan], learningRate: 0.1)[0].isNaN)
    }

    // MARK: Dense layer

    static let layer = DenseLayer(weights: [[0.2, -0.5, 1.0], [1.5, 0.3, -0.7]], bias: [0.1, -0.2])

    @Test("a dense layer's output and gradients against references")
    func denseReferences() {
        let x = [1.0, 2.0, -1.5]
        #expect(isClose(Self.layer(x), [-2.2, 2.95], relative: 1e-14))
        let gradients = Self.layer.gradients(input: x, outputGradient: [0.25, -1.0])
        #expect(isClose(gradients.weights, [[0.25, 0.5, -0.375], [-1.0, -2.0, 1.5]], relative: 1e-14))
        #expect(isClose(gradients.bias, [0.25, -1.0]))
        #expect(isClose(gradients.input, [-1.45, -0.425, 0.95], relative: 1e-14))
    }

    @Test("a dense layer's analytic gradients agree with numerical ones, for a loss through softmax")
    func denseGradientsNumerically() {
        let x = [0.5, -1.0, 2.0]
        let labels = [0.0, 1.0]
        func loss(_ layer: DenseLayer, _ input: [Double]) -> Double {
            softmaxCrossEntropy(logits: layer(input), labels: labels)
        }
        let outputGradient = softmaxCrossEntropyGradient(logits: Self.layer(x), labels: labels)
        let gradients = Self.layer.gradients(input: x, outputGradient: outputGradient)
        let numericalInput = numericalGradient(of: { loss(Self.layer, $0) }, at: x)
        #expect(isClose(gradients.input, numericalInput, relative: 1e-7, absolute: 1e-9))
        let flat = Self.layer.weights.flatMap { $0 }
        let numericalWeights = numericalGradient(
            of: { w in loss(DenseLayer(weights: [Array(w[0..<3]), Array(w[3..<6])], bias: Self.layer.bias), x) },
            at: flat)
        #expect(isClose(gradients.weights.flatMap { $0 }, numericalWeights, relative: 1e-7, absolute: 1e-9))
        let numericalBias = numericalGradient(
            of: { b in loss(DenseLayer(weights: Self.layer.weights, bias: b), x) }, at: Self.layer.bias)
        #expect(isClose(gradients.bias, numericalBias, relative: 1e-7, absolute: 1e-9))
    }

    @Test("an update is a gradient-descent step on every parameter; training lowers the loss")
    func denseUpdate() {
        var layer = Self.layer
        let x = [1.0, 2.0, -1.5]
        let target = [0.0, 1.0]
        let before = meanSquaredError(predictions: layer(x), targets: target)
        for _ in 0..<50 {
            let gradient = meanSquaredErrorGradient(predictions: layer(x), targets: target)
            layer.update(with: layer.gradients(input: x, outputGradient: gradient), learningRate: 0.05)
        }
        let after = meanSquaredError(predictions: layer(x), targets: target)
        #expect(after < before / 100, "\(before) → \(after)")
    }

    // MARK: Seeded random numbers

    @Test("SplitMix64's outputs against an independent implementation, for seeds 0 and 42")
    func splitMix() {
        var zero = SeededRandom(seed: 0)
        #expect((0..<3).map { _ in zero.next() } == TrainingReference.splitMixSeed0)
        var fortyTwo = SeededRandom(seed: 42)
        #expect((0..<5).map { _ in fortyTwo.next() } == TrainingReference.splitMixSeed42)
    }

    @Test("uniform and normal numbers against references; the same seed gives the same numbers")
    func uniformAndNormal() {
        var generator = SeededRandom(seed: 7)
        #expect(isClose((0..<4).map { _ in generator.uniform() }, TrainingReference.uniformSeed7, relative: 1e-15))
        var normals = SeededRandom(seed: 7)
        #expect(isClose((0..<3).map { _ in normals.normal() }, TrainingReference.normalSeed7, relative: 1e-13))
        // Determinism is bit for bit: the same seed must give the very same numbers.
        var again = SeededRandom(seed: 7)
        var other = SeededRandom(seed: 7)
        #expect(
            (0..<100).map { _ in again.normal(mean: 2, standardDeviation: 0.5) }
                == (0..<100).map { _ in other.normal(mean: 2, standardDeviation: 0.5) })
    }

    @Test("uniform numbers lie in [0, 1) and in a given range; 100,000 normals have mean ≈ 0 and variance ≈ 1")
    func distributions() {
        var generator = SeededRandom(seed: 2026)
        let uniforms = (0..<100_000).map { _ in generator.uniform() }
        #expect(uniforms.allSatisfy { $0 >= 0 && $0 < 1 })
        let ranged = (0..<1000).map { _ in generator.uniform(in: -3...(-2)) }
        #expect(ranged.allSatisfy { $0 >= -3 && $0 <= -2 })
        let normals = (0..<100_000).map { _ in generator.normal() }
        let mean = normals.reduce(0, +) / Double(normals.count)
        let variance = normals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(normals.count - 1)
        // Standard errors: 1/√n ≈ 0.0032 for the mean, √(2/n) ≈ 0.0045 for the variance.
        #expect(mean.magnitude < 0.02, "\(mean)")
        #expect((variance - 1).magnitude < 0.03, "\(variance)")
        #expect(normals.allSatisfy { $0.isFinite })
    }

    @Test("a layer drawn from a seed: Glorot's range, zero biases, the same for the same seed")
    func seededLayer() {
        var first = SeededRandom(seed: 11)
        var second = SeededRandom(seed: 11)
        let layer = DenseLayer(inputs: 2, outputs: 3, using: &first)
        #expect(layer == DenseLayer(inputs: 2, outputs: 3, using: &second), "bit for bit")
        #expect(layer.inputs == 2 && layer.outputs == 3)
        let limit = (6.0 / 5).squareRoot()
        #expect(layer.weights.joined().allSatisfy { $0.magnitude <= limit })
        #expect(isClose(layer.bias, [0, 0, 0], absolute: 0))
    }
}
