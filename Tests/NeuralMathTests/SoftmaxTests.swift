import NeuralMath
import Testing

@Suite("softmax, logSumExp and logSoftmax")
struct SoftmaxTests {
    @Test("softmax of [3, 1, −3] matches the high-precision reference")
    func softmaxOfTheCourseExample() {
        #expect(isClose(softmax([3, 1, -3]), Reference.softmax313))
    }

    @Test("softmax of four mixed logits matches the reference")
    func softmaxOfMixedLogits() {
        #expect(isClose(softmax([0.5, -0.25, 2.0, 0.0]), Reference.softmaxMixed))
    }

    @Test("huge logits neither overflow nor lose the distribution")
    func softmaxOfHugeLogits() {
        let a = softmax([1000, 1001, 1002])
        #expect(a.count == 3 && a.allSatisfy { $0.isFinite })
        #expect(isClose(a, Reference.softmaxHuge))
    }

    @Test("very negative logits do not underflow to 0/0")
    func softmaxOfVeryNegativeLogits() {
        let a = softmax([-1000, -1001, -1002])
        #expect(a.count == 3 && a.allSatisfy { $0.isFinite })
        #expect(isClose(a, Array(Reference.softmaxHuge.reversed())))
    }

    @Test("softmax is unchanged by adding a constant to every logit")
    func softmaxIsShiftInvariant() {
        let z: [Double] = [0.3, -1.7, 2.2, 0.0, 5.5]
        #expect(isClose(softmax(z.map { $0 + 123.0 }), softmax(z), relative: 1e-12))
    }

    @Test(
        "the outputs sum to one",
        arguments: [
            [3.0, 1.0, -3.0], [1000, 1001, 1002], [-1000, -1001, -1002], [0.0], [1e-300, -1e-300], [700, -700],
        ])
    func softmaxSumsToOne(z: [Double]) {
        #expect(isClose(softmax(z).reduce(0, +), 1, relative: 1e-15))
    }

    @Test("empty input gives an empty output")
    func softmaxOfEmpty() {
        #expect(softmax([]).isEmpty)
        #expect(logSoftmax([]).isEmpty)
        #expect(softmaxJacobian([]).isEmpty)
    }

    @Test("one element is certain")
    func softmaxOfOneElement() {
        #expect(isClose(softmax([42]), [1]))
        #expect(isClose(softmax([-1e308]), [1]))
        #expect(isClose(logSoftmax([7]), [0], absolute: 0))
    }

    @Test("a NaN anywhere makes every output NaN")
    func nanPropagates() {
        #expect(allNaN(softmax([1, .nan, 3]), count: 3))
        #expect(logSumExp([.nan, 2]).isNaN)
        #expect(allNaN(logSoftmax([0, .nan]), count: 2))
        #expect(allNaN(Array(softmaxJacobian([.nan, 1]).joined()), count: 4))
    }

    @Test("infinite logits: +∞ takes all the mass, −∞ takes none")
    func infiniteLogits() {
        let a = softmax([-.infinity, 0, 0])
        #expect(isClose(a, [0, 0.5, 0.5]))
        // Every logit −∞: the distribution is undefined (0/0), and NaN says so.
        #expect(allNaN(softmax([-.infinity, -.infinity]), count: 2))
        #expect(isClose(logSumExp([.infinity, 1]), .infinity))
        #expect(isClose(logSumExp([-.infinity, -.infinity]), -.infinity))
    }

    @Test("logSumExp matches the reference, including where e^z overflows or underflows")
    func logSumExpReferences() {
        #expect(isClose(logSumExp([3, 1, -3]), Reference.logSumExp313))
        #expect(isClose(logSumExp([1000, 1001, 1002]), Reference.logSumExpHuge))
        #expect(isClose(logSumExp([-1000, -1001, -1002]), Reference.logSumExpTiny))
        #expect(isClose(logSumExp([]), -.infinity))
    }

    @Test("logSoftmax stays finite where log(softmax) would be −∞")
    func logSoftmaxIsStable() {
        let direct = logSoftmax([0, -1000])
        #expect(isClose(direct, [0, -1000], absolute: 1e-12))
        #expect(
            isClose(
                logSoftmax([3, 1, -3]),
                [-0.12910890882985058584002, -2.12910890882985058584002, -6.12910890882985058584002]))
    }
}

/// Whether `values` has `count` elements, every one NaN: an empty result is no pass.
private func allNaN(_ values: [Double], count: Int) -> Bool {
    values.count == count && values.allSatisfy(\.isNaN)
}
