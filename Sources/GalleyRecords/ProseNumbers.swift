import Foundation

// How numbers are written for a reader, the same in chapter programs and in Galley: a computed
// value in running text, and the words of a mismatch between a stated number and a computed one.

/// A number for running text: an integer as an integer, others to four significant digits, very
/// large or small ones in scientific notation.
public func proseFormat(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "∞" : "−∞" }
    if value == value.rounded(), value.magnitude < 1e15 { return String(Int64(value)) }
    let magnitude = value.magnitude
    if magnitude >= 1e-4 && magnitude < 1e6 {
        var places = 3
        var scale = magnitude
        while scale < 1 { scale *= 10; places += 1 }
        while scale >= 10 && places > 0 { scale /= 10; places -= 1 }
        var text = fixed(value, places)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
    return String(format: "%.3e", value)
}

/// The words of a mismatch, the same for `expect` and for stated numbers in prose.
public enum StatedNumberMessage {
    /// `stated 150.246, computed 150.2466: truncated, rounds to 150.247`.
    public static func truncated(_ number: StatedNumber, _ computed: Double) -> String {
        var shown = number.describe(computed)
        if shown.contains("."), !shown.contains("e") {
            let suffix = number.isPercent ? "%" : ""
            if number.isPercent { shown.removeLast() }
            while shown.hasSuffix("0") { shown.removeLast() }
            if shown.hasSuffix(".") { shown.removeLast() }
            shown += suffix
        }
        return "stated \(number.text), computed \(shown): truncated, rounds to \(number.restyled(computed))"
    }

    /// `stated 0.89, computed 0.8789 (0.88 at 2 decimals)`.
    public static func mismatch(_ number: StatedNumber, _ computed: Double, tolerance: Double? = nil) -> String {
        if let tolerance {
            return
                "stated \(number.text), computed \(number.describe(computed)) (off by more than ±\(proseFormat(tolerance)))"
        }
        let places = number.decimals
        let unit = places == 1 || places == -1 ? "decimal" : "decimals"
        return
            "stated \(number.text), computed \(number.describe(computed)) (\(number.restyled(computed)) at \(places) \(unit))"
    }
}
