/// A formula as KaTeX typeset it when the book was built: its HTML and MathML, or KaTeX's error,
/// and KaTeX's strict-mode remarks (Unicode text in math mode, say), which are not errors.
public struct TypesetMath: Sendable, Equatable, Codable {
    /// KaTeX's `htmlAndMathml` output; nil when the formula has an error.
    public var html: String?
    /// KaTeX's message, without its position: `Expected '}', got 'EOF' at end of input`.
    public var error: String?
    /// Where in the TeX the error is, in UTF-16 code units (KaTeX's `position`), when KaTeX says.
    public var errorOffset: Int?
    public var remarks: [String]

    public init(html: String? = nil, error: String? = nil, errorOffset: Int? = nil, remarks: [String] = []) {
        self.html = html
        self.error = error
        self.errorOffset = errorOffset
        self.remarks = remarks
    }

    /// A formula as the page and the cache know it: its TeX and whether it is displayed.
    public struct Key: Hashable, Sendable, Codable {
        public var tex: String
        public var display: Bool

        public init(tex: String, display: Bool) {
            self.tex = tex
            self.display = display
        }
    }
}
