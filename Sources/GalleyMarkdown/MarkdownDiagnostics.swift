public import GalleyDiagnostics

// The problems the parse stage finds in a chapter's Markdown and math syntax: every identifier
// and every word of them is here, and the parser calls these factories.

extension Diagnostic.Identifier {
    /// Math whose closing `$` or `$$` never comes.
    public static let mathUnterminated = Self("math.unterminated")
    /// Text after the closing `$$` of display math, on the same line.
    public static let mathTrailingText = Self("math.trailing-text")
}

extension Diagnostic {
    /// Raised when a display-math block opened by `$$` on its own line reaches a blank line or
    /// the end of the file without its closing `$$`.
    static func unterminatedDisplayMath(path: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            path: path, location: location, identifier: .mathUnterminated,
            summary: "unterminated display math: no closing '$$'",
            explanation: "Display math ends at a line with '$$'; TeX allows no blank line inside it.")
    }

    /// Raised when a `$` in a paragraph (or a lone `$$` in one) has no partner.
    ///
    /// - Parameter isDisplay: whether the delimiter without a partner is `$$`.
    static func unterminatedInlineMath(path: String, at location: SourceLocation, isDisplay: Bool) -> Diagnostic {
        Diagnostic(
            path: path, location: location, identifier: .mathUnterminated,
            summary: isDisplay
                ? "unterminated display math: no closing '$$'" : "unterminated inline math: no closing '$'",
            explanation: "Write \\$ for a literal dollar sign.")
    }

    /// Raised, as a warning, when text follows the closing `$$` of display math on its line: the
    /// page does not show it.
    static func textAfterDisplayMath(path: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            path: path, location: location, severity: .warning, identifier: .mathTrailingText,
            summary: "text after the closing '$$' is not shown",
            explanation: "Put the text on its own line after the formula.")
    }
}
