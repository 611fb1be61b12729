import Foundation

// What Galley's generated program calls to report the values of the expressions the prose binds
// to (`[0.88](=a[0])`, `` `{swift} loss` ``), and what chapter code calls to check numbers itself
// (`expect`).

// MARK: - Bindings

public func _galleyBind(_ id: Int, _ value: some BinaryFloatingPoint) {
    send(id, numbers: [Double(value)], type: "\(type(of: value))")
}

public func _galleyBind(_ id: Int, _ value: some BinaryInteger) {
    send(id, numbers: [Double(value)], type: "\(type(of: value))")
}

public func _galleyBind<S: Sequence>(_ id: Int, _ value: S) where S.Element: BinaryFloatingPoint {
    send(id, numbers: value.map { Double($0) }, type: "\(type(of: value))")
}

public func _galleyBind<S: Sequence>(_ id: Int, _ value: S) where S.Element: BinaryInteger {
    send(id, numbers: value.map { Double($0) }, type: "\(type(of: value))")
}

/// Anything else: shown as text where the prose asks for a value, a diagnostic where it states
/// numbers.
public func _galleyBind<T>(_ id: Int, _ value: T) {
    let record = BoundValue(id: id, numbers: nil, text: String(describing: value), type: "\(type(of: value))")
    RecordChannel.send(.bound(record))
}

private func send(_ id: Int, numbers: [Double], type: String) {
    let text =
        numbers.count == 1 ? proseFormat(numbers[0]) : "(" + numbers.map(proseFormat).joined(separator: ", ") + ")"
    RecordChannel.send(.bound(BoundValue(id: id, numbers: numbers, text: text, type: type)))
}

// MARK: - expect

/// Checks computed numbers against numbers as they would be written in prose, with the rule of
/// stated numbers: each written number's decimals set its precision (`0.88` allows ±0.005).
///
///     expect(softmax(z), "0.88, 0.12, 0")
///     expect(loss, "0.13")
///     expect(gradient[0], "-0.12", tolerance: 0.01)
///
/// A failed expectation is an error at the line of the call, in the chapter's Markdown file; the
/// program goes on.
public func expect(
    _ computed: some BinaryFloatingPoint, _ stated: String, tolerance: Double? = nil,
    line: Int = #line, column: Int = #column
) {
    check([Double(computed)], stated, tolerance: tolerance, line: line, column: column)
}

/// Checks a vector of computed numbers against a stated list.
public func expect<S: Sequence>(
    _ computed: S, _ stated: String, tolerance: Double? = nil, line: Int = #line, column: Int = #column
) where S.Element: BinaryFloatingPoint {
    check(computed.map { Double($0) }, stated, tolerance: tolerance, line: line, column: column)
}

/// Checks an integer against a stated number.
public func expect(
    _ computed: some BinaryInteger, _ stated: String, tolerance: Double? = nil,
    line: Int = #line, column: Int = #column
) {
    check([Double(computed)], stated, tolerance: tolerance, line: line, column: column)
}

private func check(_ computed: [Double], _ stated: String, tolerance: Double?, line: Int, column: Int) {
    let parts = StatedNumber.split(stated)
    var failure: String?
    let numbers = parts.map { StatedNumber($0.text) }
    if let bad = parts.indices.first(where: { numbers[$0] == nil }) {
        failure = "'\(parts[bad].text)' is not a number"
    } else if numbers.count != computed.count {
        failure = "sizes differ: \(numbers.count) stated, \(computed.count) computed"
    } else {
        var wrong: [String] = []
        for (number, value) in zip(numbers.compactMap { $0 }, computed)
        where !number.matches(value, tolerance: tolerance) {
            wrong.append(StatedNumberMessage.mismatch(number, value, tolerance: tolerance))
        }
        if !wrong.isEmpty { failure = wrong.joined(separator: "; ") }
    }
    RecordChannel.send(
        .expectation(
            Expectation(
                line: line, column: column, stated: stated, computed: computed, checked: max(parts.count, 1),
                failure: failure)))
}

// MARK: - expect(_:_:) for conditions

/// Checks a condition; a false one is an error at the line of the call, with the description.
///
///     expect(history[1] < history[0], "the loss goes down")
public func expect(_ condition: Bool, _ description: String = "", line: Int = #line, column: Int = #column) {
    RecordChannel.send(
        .expectation(
            Expectation(
                line: line, column: column, stated: description, computed: [], checked: 1,
                failure: condition ? nil : (description.isEmpty ? "the condition is false" : "not true: \(description)")
            )))
}

// MARK: - expect(_:equals:)

/// Checks that two computed values agree — an analytic derivative and a numerical one, a formula
/// and its simplification — to within `tolerance` (absolute, or relative to the larger value when
/// that is bigger than 1). A failure is an error at the line of the call.
///
///     expect(softmaxJacobian(z), equals: numericalJacobian(of: softmax, at: z), tolerance: 1e-8)
public func expect(
    _ computed: some BinaryFloatingPoint, equals reference: some BinaryFloatingPoint,
    tolerance: Double = Agreement.computed,
    line: Int = #line, column: Int = #column
) {
    compare([Double(computed)], [Double(reference)], tolerance: tolerance, line: line, column: column)
}

/// Checks that two vectors agree element by element.
public func expect(
    _ computed: [Double], equals reference: [Double], tolerance: Double = Agreement.computed,
    line: Int = #line, column: Int = #column
) {
    compare(computed, reference, tolerance: tolerance, line: line, column: column)
}

/// Checks that two matrices (given as rows) agree element by element.
public func expect(
    _ computed: [[Double]], equals reference: [[Double]], tolerance: Double = Agreement.computed,
    line: Int = #line, column: Int = #column
) {
    guard computed.map(\.count) == reference.map(\.count) else {
        RecordChannel.send(
            .expectation(
                Expectation(
                    line: line, column: column, stated: "", computed: computed.flatMap { $0 }, checked: 1,
                    failure: "shapes differ: \(computed.map(\.count)) and \(reference.map(\.count))")))
        return
    }
    compare(computed.flatMap { $0 }, reference.flatMap { $0 }, tolerance: tolerance, line: line, column: column)
}

private func compare(_ computed: [Double], _ reference: [Double], tolerance: Double, line: Int, column: Int) {
    var failure: String?
    if computed.count != reference.count {
        failure = "sizes differ: \(computed.count) and \(reference.count)"
    } else {
        for (index, (a, b)) in zip(computed, reference).enumerated() {
            if !Agreement.holds(a, b, within: tolerance) {
                let position = computed.count > 1 ? " at index \(index)" : ""
                failure =
                    "values differ\(position): \(proseFormat(a)) and \(proseFormat(b)) (tolerance \(proseFormat(tolerance)))"
                break
            }
        }
    }
    RecordChannel.send(
        .expectation(
            Expectation(
                line: line, column: column, stated: "", computed: computed, checked: max(computed.count, 1),
                failure: failure)))
}
