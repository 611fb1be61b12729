public import GalleyDiagnostics

// The problems found while reading meaning out of a chapter's tree: every identifier and every
// word of them is here, and the readers call these factories.

extension Diagnostic.Identifier {
    /// A formula with a check comment that Galley cannot translate into Swift.
    public static let formulaUnsupported = Self("formula.unsupported")
    /// A check comment after a formula that cannot be read.
    public static let formulaCheckComment = Self("formula.check-comment")
}

extension Diagnostic {
    /// Raised at a formula with a check comment that cannot be translated into Swift (a construct
    /// the formula reader does not know, say), so it is not checked.
    ///
    /// - Parameter reason: what the formula reader could not do.
    static func uncheckableFormula(path: String, at location: SourceLocation, reason: String) -> Diagnostic {
        Diagnostic(
            path: path, location: location, identifier: .formulaUnsupported,
            summary: "cannot check this formula: \(reason)")
    }

    /// Raised at a formula whose check comment cannot be read; the formula is then not checked.
    ///
    /// - Parameter message: what is wrong with the comment, as the comment's reader says it.
    static func invalidCheckComment(path: String, at location: SourceLocation, message: String) -> Diagnostic {
        Diagnostic(path: path, location: location, identifier: .formulaCheckComment, summary: message)
    }
}
