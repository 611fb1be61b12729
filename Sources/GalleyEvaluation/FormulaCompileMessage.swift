import Foundation
import GalleyRecords

/// A compiler error in the Swift Galley wrote for a checked formula, said in terms of the formula
/// and its check comment.
enum FormulaCompileMessage {
    /// - Parameters:
    ///   - message: swiftc's message.
    ///   - expression: the generated expression.
    ///   - offset: where in it (UTF-8 bytes, 0-based) the compiler pointed.
    static func summary(_ message: String, in expression: String, at offset: Int) -> String {
        if message.hasPrefix("cannot find '"), let name = message.split(separator: "'").dropFirst().first {
            // A symbol of the formula, or a name in the comment's Swift (a misspelt function)?
            if expression.contains("\(GeneratedName.valueType)(`\(name)`")
                || expression.contains("\(GeneratedName.binding)(`\(name)`")
            {
                return
                    "checking the formula: '\(name)' is not a variable of the chapter; bind it in the check comment, as in <!-- check: \(name) = … -->"
            }
            return "checking the formula: cannot find '\(name)' in the check comment's bindings or the chapter"
        }
        if message.contains("\(GeneratedName.binding)") || message.contains("initializer") {
            let name = symbol(before: offset, in: expression).map { "'\($0)'" } ?? "a symbol"
            return
                "checking the formula: \(name) must be a number, a vector, a matrix (of Doubles) or a function of one number"
        }
        return "checking the formula: \(message)"
    }

    /// The symbol of the generated call at or around `offset`: the Swift writes each binding as
    /// ``let `name` = _galleyBinding(…)`` and each value as ``_GalleyValue(`name`, …)``.
    private static func symbol(before offset: Int, in expression: String) -> String? {
        let bytes = Array(expression.utf8)
        let end = min(max(offset, 0), bytes.count)
        let before = String(decoding: bytes[..<end], as: UTF8.self)
        let after = String(decoding: bytes[end...], as: UTF8.self)
        let binding = before.range(of: "\(GeneratedName.binding)(", options: .backwards)
        let value = before.range(of: "\(GeneratedName.valueType)(", options: .backwards)
        if let value, binding.map({ $0.lowerBound < value.lowerBound }) ?? true {
            return backticked(in: String(before[value.upperBound...]) + after, last: false)
        }
        if let binding { return backticked(in: String(before[..<binding.lowerBound]), last: true) }
        if let next = after.range(of: "\(GeneratedName.valueType)(") {
            return backticked(in: String(after[next.upperBound...]), last: false)
        }
        return nil
    }

    /// The first or last name written between backticks.
    private static func backticked(in text: String, last: Bool) -> String? {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return nil }
        return String(last ? parts[parts.count - 2] : parts[1])
    }
}
