/// Numbers written with their digits in groups of three, as authors write large numbers:
/// `37,500`, `36{,}838`, `4\,000`, `4~000`, `10\ 000` in TeX; `36,838`, `10 000` (a thin or a
/// no-break space) in prose, and `1 000` with a plain space in a book whose language groups so.
///
/// A separator groups digits only where it cannot be anything else: right after the digits of a
/// number's whole part (one to three of them before the first separator), with exactly three
/// digits after it and no further digit. So `(0.88, 0.12)` and `f(1, 2)` (a space after the
/// comma), `(1,2)` (one digit after it) and `0.123,456` (after a point) stay two numbers.
public struct DigitGroups: Sendable, Equatable {
    /// The separators, as written.
    private let separators: [[Unicode.Scalar]]

    /// In TeX: `{,}`, `\,`, `\ `, `,`, `~`.
    public static let math = DigitGroups(separators: ["{,}", "\\,", "\\ ", ",", "~"])

    /// In prose: a comma, a thin space (U+2009), a narrow no-break space (U+202F) or a no-break
    /// space (U+00A0); a plain space too when `spaces`.
    public static func prose(spaces: Bool) -> DigitGroups {
        DigitGroups(separators: [",", "\u{2009}", "\u{202F}", "\u{00A0}"] + (spaces ? [" "] : []))
    }

    /// Whether books in a language (a BCP 47 tag such as `fr-CA`) write `1 000` for a thousand:
    /// the languages whose usual style groups digits with spaces.
    public static func groupsWithSpaces(language: String) -> Bool {
        let primary = language.split(separator: "-").first.map { $0.lowercased() } ?? ""
        return spaceGroupingLanguages.contains(primary)
    }

    private static let spaceGroupingLanguages: Set<String> = [
        "fr", "ru", "uk", "be", "pl", "cs", "sk", "sv", "nb", "nn", "no", "fi", "et", "lv", "lt", "hu", "bg", "kk",
    ]

    private init(separators: [String]) {
        self.separators = separators.map { Array($0.unicodeScalars) }
    }

    /// The length of the group separator at `index` of `scalars`, when one stands there with
    /// exactly three digits after it; nil otherwise.
    public func separator(in scalars: some RandomAccessCollection<Unicode.Scalar>, at index: Int) -> Int? {
        let count = scalars.count
        func at(_ offset: Int) -> Unicode.Scalar { scalars[scalars.index(scalars.startIndex, offsetBy: offset)] }
        for separator in separators {
            let end = index + separator.count
            guard end + 3 <= count, separator.indices.allSatisfy({ at(index + $0) == separator[$0] }) else { continue }
            guard (end..<(end + 3)).allSatisfy({ Self.isDigit(at($0)) }) else { return nil }
            if end + 3 < count, Self.isDigit(at(end + 3)) { return nil }
            return separator.count
        }
        return nil
    }

    /// `text` with the separators between its digit groups taken out: `36,838` is `36838`. Text
    /// with no such separator is returned as it is.
    public func joined(_ text: String) -> String {
        join(text).text
    }

    /// `text` with its digit groups joined, and the first separator taken out (`,` for `36,838`),
    /// nil when there was none.
    public func join(_ text: String) -> (text: String, separator: String?) {
        let scalars = Array(text.unicodeScalars)
        var first: String?
        var result = String.UnicodeScalarView()
        var whole = 0
        var grouped = false
        var seenPoint = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if Self.isDigit(scalar) {
                if !seenPoint { whole += 1 }
            } else if scalar == "." {
                seenPoint = true
            } else if !seenPoint, whole > 0, grouped || whole <= 3, let length = separator(in: scalars, at: index) {
                grouped = true
                if first == nil { first = String(String.UnicodeScalarView(scalars[index..<(index + length)])) }
                index += length
                continue
            } else {
                whole = 0
                grouped = false
                seenPoint = false
            }
            result.append(scalar)
            index += 1
        }
        return (String(result), first)
    }

    /// `digits` (the whole part of a number, digits only) with `separator` between groups of
    /// three from the right: `36839` and `,` give `36,839`.
    public static func grouping(_ digits: some StringProtocol, with separator: String) -> String {
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result += separator }
            result.append(character)
        }
        return result
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }
}
