/// A number as an author wrote it in prose, and the precision that its digits claim.
///
/// The rule: a number written with d decimals matches a computed value when
/// |computed − stated| ≤ ½·10^(−d). Trailing zeros count (`0.880` claims three decimals and does
/// not match 0.8789); an integer claims none (`0` matches 0.0022, `1` does not match 1.6). Also
/// understood: a leading `+`, `-` or the Unicode minus `−`; percent (`88%` is 0.88 at two
/// decimals); scientific notation (`1.2e-3` claims four decimals: one of the mantissa, three of
/// the exponent).
public struct StatedNumber: Equatable, Sendable {
    /// The number as written: `−0.12`, `88%`, `1.2e-3`.
    public var text: String
    /// Its value, with percent applied: `88%` is 0.88.
    public var value: Double
    /// The decimals the digits claim, percent and exponent included; negative for `1e3`.
    public var decimals: Int
    public var isPercent: Bool
    /// Written with the Unicode minus sign (U+2212).
    public var usesUnicodeMinus: Bool
    /// The exponent of scientific notation, if used.
    public var exponent: Int?
    /// Decimals of the mantissa as written (for scientific notation), or of the number.
    public var writtenDecimals: Int
    /// What separates the groups of three digits of its whole part, if the author grouped them:
    /// `,` in `36,838`, a thin space in `10 000`.
    public var groupSeparator: String?

    /// The largest difference the written digits allow: ½·10^(−decimals).
    public var tolerance: Double { 0.5 * pow10(-decimals) }

    /// The decimals to write this number with so that it is within `tolerance` of any value it
    /// is rounded from: at least as many as written.
    public func decimals(within tolerance: Double) -> Int {
        var places = writtenDecimals
        let shift = (isPercent ? 2 : 0) - (exponent ?? 0)
        while places < 17, 0.5 * pow10(-(places + shift)) > tolerance { places += 1 }
        return places
    }

    /// Reads one number; nil when `text` is not a number in one of the understood forms. Its
    /// whole part may be written in groups of three (`DigitGroups`): `36,838`, `1 000.5`.
    public init?(_ text: some StringProtocol) {
        let (ungrouped, separator) = DigitGroups.prose(spaces: true).join(String(text))
        var scalars = Substring(ungrouped).unicodeScalars[...]
        var negative = false
        var unicodeMinus = false
        switch scalars.first {
        case "-": negative = true; scalars.removeFirst()
        case "\u{2212}": negative = true; unicodeMinus = true; scalars.removeFirst()
        case "+": scalars.removeFirst()
        default: break
        }
        var percent = false
        if scalars.last == "%" || scalars.last == "\u{FF05}" {
            percent = true
            scalars.removeLast()
        }
        var mantissa = ""
        var exponentText = ""
        var seenPoint = false
        var inExponent = false
        var decimals = 0
        var digits = 0
        for scalar in scalars {
            if inExponent {
                guard
                    ("0"..."9").contains(scalar)
                        || ((scalar == "-" || scalar == "+" || scalar == "\u{2212}") && exponentText.isEmpty)
                else {
                    return nil
                }
                exponentText.unicodeScalars.append(scalar == "\u{2212}" ? "-" : scalar)
            } else if ("0"..."9").contains(scalar) {
                mantissa.unicodeScalars.append(scalar)
                digits += 1
                if seenPoint { decimals += 1 }
            } else if scalar == "." && !seenPoint {
                seenPoint = true
                mantissa += "."
            } else if (scalar == "e" || scalar == "E") && digits > 0 {
                inExponent = true
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        if inExponent && (exponentText.isEmpty || exponentText == "-" || exponentText == "+") { return nil }
        guard var value = Double(mantissa.hasPrefix(".") ? "0" + mantissa : mantissa) else { return nil }
        let exponent = inExponent ? Int(exponentText) : nil
        if inExponent && exponent == nil { return nil }
        if let exponent { value *= pow10(exponent) }
        if percent { value /= 100 }
        if negative { value = -value }
        self.text = String(text)
        self.value = value
        self.writtenDecimals = decimals
        self.decimals = decimals - (exponent ?? 0) + (percent ? 2 : 0)
        self.isPercent = percent
        self.usesUnicodeMinus = unicodeMinus
        self.exponent = exponent
        self.groupSeparator = separator
    }

    /// Whether a computed value is what the author wrote: within `tolerance` of it, or within an
    /// explicit tolerance when the author gave one.
    ///
    /// A relative slack of 10⁻¹² absorbs binary rounding, so that 0.125 stated as `0.12` (exactly
    /// half a unit off) still counts as matching, as it does on paper.
    public func matches(_ computed: Double, tolerance explicit: Double? = nil) -> Bool {
        guard computed.isFinite, value.isFinite else { return computed == value }
        let allowed = explicit ?? tolerance
        let difference = (computed - value).magnitude
        return difference <= allowed + 1e-12 * max(allowed, computed.magnitude, value.magnitude)
    }

    /// Whether the written digits are the computed value cut off rather than rounded: written
    /// 150.246, computed 150.2466 (which rounds to 150.247). A slip worth a warning, not a wrong
    /// number.
    public func isTruncation(of computed: Double) -> Bool {
        guard computed.isFinite, value.isFinite, !matches(computed) else { return false }
        guard value == 0 || (value < 0) == (computed < 0) else { return false }
        let unit = pow10(-decimals)
        let beyond = computed.magnitude - value.magnitude
        let slack = 1e-12 * max(unit, computed.magnitude)
        return beyond >= -slack && beyond < unit + slack
    }

    /// Whether the computed value, rounded as written, differs from the written digits by exactly
    /// one in the last place: written 0.13, computed 0.1189 (0.12).
    public func isOneOff(from computed: Double) -> Bool {
        guard computed.isFinite, value.isFinite, !matches(computed) else { return false }
        let unit = pow10(-decimals)
        let steps = ((computed - value) / unit).rounded()
        return steps.magnitude == 1
    }

    /// The computed value written the way this number is written: the same decimals, percent,
    /// exponent and minus sign. `0.89` and 0.8789 give `0.88`; `−12%` and −0.1189 give `−12%`.
    public func restyled(_ computed: Double) -> String {
        restyled(computed, decimals: writtenDecimals)
    }

    /// The computed value in this number's style with `decimals` decimals (of the mantissa, for
    /// scientific notation) — more than written when an explicit tolerance asks for them.
    public func restyled(_ computed: Double, decimals writtenDecimals: Int) -> String {
        if !computed.isFinite { return computed.isNaN ? "nan" : (computed > 0 ? "inf" : "-inf") }
        var magnitude = computed.magnitude
        if isPercent { magnitude *= 100 }
        var body: String
        if let exponent {
            let mantissa = magnitude / pow10(exponent)
            body = fixed(mantissa, writtenDecimals) + "e" + String(exponent)
        } else {
            body = fixed(magnitude, writtenDecimals)
        }
        if let groupSeparator {
            let whole = body.prefix { $0 != "." && $0 != "e" }
            body = DigitGroups.grouping(whole, with: groupSeparator) + body.dropFirst(whole.count)
        }
        if isPercent { body += "%" }
        let isZero = Double(fixed(magnitude, max(writtenDecimals, 0))) == 0
        if computed < 0 && !isZero {
            body = (usesUnicodeMinus ? "\u{2212}" : "-") + body
        } else if text.hasPrefix("+") {
            body = "+" + body
        }
        return body
    }

    /// The computed value with a couple more decimals than stated, for messages: `0.8789`.
    public func describe(_ computed: Double) -> String {
        if !computed.isFinite { return computed.isNaN ? "nan" : (computed > 0 ? "inf" : "-inf") }
        let shown = isPercent ? computed * 100 : computed
        let places = max(decimals - (isPercent ? 2 : 0) + 2, 2)
        return fixed(shown, min(places, 17)) + (isPercent ? "%" : "")
    }

    // MARK: - Lists

    /// Splits a stated list — `0.88，0.12，0`, `0.88; 0.12`, `(0.88, 0.12, 0.00)` — into its
    /// numbers' texts, with their offsets (in Unicode scalars) within `text`. Separators are commas
    /// (also the full-width `，` and `、`), semicolons (also `；`) and white space; brackets around
    /// the whole list or a number are ignored. A comma (or, with `groups` that allow it, a space)
    /// between digit groups of one number's whole part does not split it: `36,838` is one number.
    public static func split(_ text: String, groups: DigitGroups = .prose(spaces: false)) -> [(
        offset: Int, text: String
    )] {
        let separators: Set<Unicode.Scalar> = [
            ",", "\u{FF0C}", "\u{3001}", ";", "\u{FF1B}", " ", "\t", "\n", "\u{3000}",
        ]
        let brackets: Set<Unicode.Scalar> = ["(", ")", "[", "]", "\u{FF08}", "\u{FF09}"]
        let scalars = Array(text.unicodeScalars)
        var result: [(offset: Int, text: String)] = []
        var current = String.UnicodeScalarView()
        var start = 0
        // The whole part read so far: its digits since the last group separator, and whether it
        // has been grouped; nil once anything but digits (and a leading sign) was read.
        var whole: (digits: Int, grouped: Bool)? = (0, false)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if let (digits, grouped) = whole, digits > 0, grouped ? digits == 3 : digits <= 3,
                let length = groups.separator(in: scalars, at: index)
            {
                current.append(contentsOf: scalars[index..<(index + length)])
                whole = (0, true)
                index += length
                continue
            }
            if separators.contains(scalar) || brackets.contains(scalar) {
                if !current.isEmpty { result.append((start, String(current))) }
                current = String.UnicodeScalarView()
                whole = (0, false)
            } else {
                if current.isEmpty { start = index }
                current.append(scalar)
                let isSign = current.count == 1 && (scalar == "-" || scalar == "+" || scalar == "\u{2212}")
                if let (digits, grouped) = whole, DigitGroups.isDigit(scalar) {
                    whole = (digits + 1, grouped)
                } else if !isSign {
                    whole = nil
                }
            }
            index += 1
        }
        if !current.isEmpty { result.append((start, String(current))) }
        return result
    }
}

/// 10 to an integer power, exactly for the powers a stated number uses.
func pow10(_ exponent: Int) -> Double {
    var result = 1.0
    if exponent >= 0 {
        for _ in 0..<min(exponent, 400) { result *= 10 }
    } else {
        for _ in 0..<min(-exponent, 400) { result /= 10 }
    }
    return result
}

/// A number with a fixed count of decimals, without Foundation: rounding half away from zero on
/// the decimal digits that `description` gives.
func fixed(_ value: Double, _ places: Int) -> String {
    let places = max(0, places)
    let scaled = (value.magnitude * pow10(places)).rounded(.toNearestOrAwayFromZero)
    guard scaled < 1e17 else {
        return value.description
    }
    var digits = String(UInt64(scaled))
    if places > 0 {
        if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
        digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
    }
    return (value < 0 && scaled != 0 ? "-" : "") + digits
}
