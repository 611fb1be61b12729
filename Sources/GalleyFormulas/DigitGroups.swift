/// Numbers written with their digits in groups of three, as authors write large numbers in TeX:
/// `37,500`, `36{,}838`, `4\,000`, `4~000`, `10\ 000` are each one number.
///
/// A separator groups digits only where it cannot be anything else: right after the digits of a
/// number's whole part (one to three of them before the first separator), with exactly three
/// digits after it and no further digit. So `(0.88, 0.12)` and `f(1, 2)` (a space after the
/// comma), `(1,2)` (one digit after it) and `0.123,456` (after a point) stay two numbers.
enum DigitGroups {
    /// The separators, as written.
    private static let separators: [[Unicode.Scalar]] = [
        Array("{,}".unicodeScalars), Array("\\,".unicodeScalars), Array("\\ ".unicodeScalars), [","], ["~"],
    ]

    /// The length of the group separator at `index` of `scalars`, when one stands there with
    /// exactly three digits after it; nil otherwise.
    static func separator(in scalars: [Unicode.Scalar], at index: Int) -> Int? {
        for separator in separators {
            let end = index + separator.count
            guard end + 3 <= scalars.count, scalars[index..<end].elementsEqual(separator) else { continue }
            guard scalars[end..<(end + 3)].allSatisfy(isDigit) else { return nil }
            if end + 3 < scalars.count, isDigit(scalars[end + 3]) { return nil }
            return separator.count
        }
        return nil
    }

    /// `text` with the separators between its digit groups taken out: `36,838` is `36838`. Text
    /// with no such separator is returned as it is.
    static func joined(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var whole = 0
        var grouped = false
        var seenPoint = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if isDigit(scalar) {
                if !seenPoint { whole += 1 }
            } else if scalar == "." {
                seenPoint = true
            } else if !seenPoint, whole > 0, grouped || whole <= 3, let length = separator(in: scalars, at: index) {
                grouped = true
                index += length
                continue
            } else {
                whole = 0
                grouped = false
            }
            result.append(scalar)
            index += 1
        }
        return String(result)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }
}
