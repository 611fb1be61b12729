import NeuralMath
import Testing

@Suite("softmax Jacobian, loss gradient and activation derivatives")
struct DerivativeTests {
    @Test("the Jacobian of [3, 1, −3] matches the reference")
    func jacobianReference() {
        #expect(isClose(softmaxJacobian([3, 1, -3]), Reference.jacobian313))
    }

    @Test(
        "every Jacobian row sums to zero",
        arguments: [
            [3.0, 1.0, -3.0], [1000, 1001, 1002], [-1000, -1001, -1002], [0.1, 0.2, 0.3, 0.4, 0.5], [5.0],
        ])
    func jacobianRowsSumToZero(z: [Double]) {
        for row in softmaxJacobian(z) {
            #expect(isClose(row.reduce(0, +), 0, absolute: 1e-15))
        }
    }

    @Test(
        "the analytic Jacobian agrees with central differences",
        arguments: [
            [3.0, 1.0, -3.0], [0.5, -0.25, 2.0, 0.0], [1000, 1001, 1002],
        ])
    func jacobianMatchesNumerical(z: [Double]) {
        let numerical = numericalJacobian(of: softmax, at: z)
        #expect(isClose(softmaxJacobian(z), numerical, relative: 1e-6, absolute: 1e-8))
    }

    @Test("the Jacobian is symmetric")
    func jacobianIsSymmetric() {
        let j = softmaxJacobian([0.5, -0.25, 2.0, 0.0])
        for row in j.indices {
            for column in j.indices {
                #expect(isClose(j[row][column], j[column][row], relative: 0, absolute: 1e-17))
            }
        }
    }

    @Test("cross-entropy and its gradient a − y match the reference")
    func crossEntropyReference() {
        let z: [Double] = [3, 1, -3]
        let y: [Double] = [1, 0, 0]
        #expect(isClose(crossEntropy(probabilities: softmax(z), labels: y), Reference.crossEntropy313))
        #expect(isClose(softmaxCrossEntropy(logits: z, labels: y), Reference.crossEntropy313))
        #expect(isClose(softmaxCrossEntropyGradient(logits: z, labels: y), Reference.gradient313))
    }

    @Test(
        "the gradient a − y agrees with the numerical gradient of the loss",
        arguments: [
            ([3.0, 1.0, -3.0], [1.0, 0, 0]),
            ([0.5, -0.25, 2.0, 0.0], [0.0, 0, 0, 1]),
            ([1.0, 2.0, 3.0], [0.2, 0.3, 0.5]),
        ])
    func gradientMatchesNumerical(z: [Double], y: [Double]) {
        let numerical = numericalGradient(of: { crossEntropy(probabilities: softmax($0), labels: y) }, at: z)
        #expect(isClose(softmaxCrossEntropyGradient(logits: z, labels: y), numerical, relative: 1e-6, absolute: 1e-8))
    }

    @Test("cross-entropy special cases: zero-probability class, mismatched sizes, NaN")
    func crossEntropySpecialValues() {
        #expect(isClose(crossEntropy(probabilities: [0, 1], labels: [0, 1]), 0, absolute: 0))
        #expect(isClose(crossEntropy(probabilities: [0, 1], labels: [1, 0]), .infinity))
        #expect(crossEntropy(probabilities: [0.5], labels: [1, 0]).isNaN)
        #expect(crossEntropy(probabilities: [.nan, 0.5], labels: [0, 1]).isNaN)
        #expect(isClose(crossEntropy(probabilities: [], labels: []), 0, absolute: 0))
        // The logit form stays finite where the probability form takes ln 0.
        #expect(isClose(softmaxCrossEntropy(logits: [0, -1000], labels: [0, 1]), 1000, relative: 1e-12))
    }

    @Test("binary cross-entropy matches the reference")
    func binaryCrossEntropyReference() {
        #expect(isClose(binaryCrossEntropy(probability: 0.8, label: 1), Reference.binaryCrossEntropyP08Y1))
        #expect(isClose(binaryCrossEntropy(probability: 0.3, label: 0), Reference.binaryCrossEntropyP03Y0))
    }

    @Test("sigmoid, σ′ and tanh′ match the reference, also where they saturate")
    func sigmoidReference() {
        for row in Reference.sigmoidTable {
            #expect(isClose(sigmoid(row.x), row.sigmoid, relative: 1e-14), "σ(\(row.x))")
            #expect(isClose(sigmoidDerivative(row.x), row.derivative, relative: 1e-13), "σ′(\(row.x))")
            #expect(isClose(tanhDerivative(row.x), row.tanhDerivative, relative: 1e-13), "tanh′(\(row.x))")
        }
    }

    @Test("activation derivatives agree with central differences", arguments: [-4.0, -1.3, -0.2, 0.7, 2.5])
    func activationDerivativesMatchNumerical(x: Double) {
        #expect(isClose(sigmoidDerivative(x), numericalDerivative(of: sigmoid, at: x), relative: 1e-8))
        #expect(isClose(tanhDerivative(x), numericalDerivative(of: { tanh($0) }, at: x), relative: 1e-8))
        #expect(isClose(reluDerivative(x), numericalDerivative(of: relu, at: x), relative: 1e-8))
        #expect(isClose(leakyReLUDerivative(x), numericalDerivative(of: { leakyReLU($0) }, at: x), relative: 1e-8))
    }

    @Test("activation special values")
    func activationSpecialValues() {
        #expect(isClose(sigmoid(-1000), 0, absolute: 0))
        #expect(isClose(sigmoid(1000), 1, absolute: 0))
        #expect(isClose(sigmoid(.infinity), 1, absolute: 0))
        #expect(isClose(sigmoid(-.infinity), 0, absolute: 0))
        #expect(sigmoid(.nan).isNaN)
        #expect(sigmoidDerivative(.nan).isNaN)
        #expect(isClose(sigmoidDerivative(1000), 0, absolute: 0))
        #expect(isClose(tanhDerivative(1000), 0, absolute: 0))
        #expect(relu(.nan).isNaN)
        #expect(isClose(relu(-0.0), 0, absolute: 0))
        #expect(isClose(relu(-3), 0, absolute: 0))
        #expect(isClose(relu(2.5), 2.5))
        #expect(isClose(leakyReLU(-3), -0.03))
        #expect(isClose(leakyReLU(-3, slope: 0.2), -0.6))
        #expect(isClose(reluDerivative(0), 0, absolute: 0))
        #expect(isClose(relu([-1, 0, 2]), [0, 0, 2], absolute: 0))
        #expect(isClose(sigmoid([0, 0]), [0.5, 0.5]))
    }
}

#if canImport(Glibc)
    import Glibc
#endif
