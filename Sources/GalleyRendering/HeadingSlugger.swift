/// Makes heading anchors the way GitHub does: lower case, punctuation dropped, spaces to hyphens,
/// and `-1`, `-2`… for repeats. Chinese headings keep their characters, so `## 数值稳定性` is
/// `#数值稳定性` on the site as on GitHub.
public struct HeadingSlugger {
    private var used: [String: Int] = [:]

    public init() {}

    /// The anchor for a heading with this plain text, unique within this slugger.
    public mutating func slug(for text: String) -> String {
        var base = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII {
                // The common case, without looking up Unicode properties.
                switch scalar {
                case " ": base += "-"
                case "-", "_", "a"..."z", "0"..."9": base.unicodeScalars.append(scalar)
                default: break
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar.properties.generalCategory == .nonspacingMark
            {
                base.unicodeScalars.append(scalar)
            }
        }
        if base.isEmpty { base = "section" }
        let count = used[base, default: 0]
        used[base] = count + 1
        return count == 0 ? base : "\(base)-\(count)"
    }
}
