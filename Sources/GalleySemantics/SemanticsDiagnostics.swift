public import GalleyDiagnostics

// The problems found while reading meaning out of a chapter's tree: every identifier and every
// word of them is here, and the readers call these factories.

extension Diagnostic.Identifier {
    /// A formula with a check comment that Galley cannot translate into Swift.
    public static let formulaUnsupported = Self("formula.unsupported")
    /// A check comment after a formula that cannot be read.
    public static let formulaCheckComment = Self("formula.check-comment")
    /// Raw HTML or a link that would run script, kept inert by the pages' policy.
    public static let htmlScript = Self("html.script")
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

    /// A warning at raw HTML or a link that would run script in the reader's browser: the pages'
    /// Content-Security-Policy keeps it from running.
    ///
    /// - Parameter what: `raw HTML with the event handler 'onload'`, `a link to a javascript: URL`.
    static func scriptInMarkup(_ what: String, path: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            path: path, location: location, severity: .warning, identifier: .htmlScript,
            summary: "\(what) will not run: the pages' Content-Security-Policy allows no inline script")
    }

    /// Raised at a formula whose check comment cannot be read; the formula is then not checked.
    ///
    /// - Parameter message: what is wrong with the comment, as the comment's reader says it.
    static func invalidCheckComment(path: String, at location: SourceLocation, message: String) -> Diagnostic {
        Diagnostic(path: path, location: location, identifier: .formulaCheckComment, summary: message)
    }
}
