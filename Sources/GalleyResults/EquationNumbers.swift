public import GalleyDiagnostics

/// Equation numbers and where references lead, for the renderers: the numbers Galley gives
/// labelled formulas, (chapter.n) in book order, and every label of the book.
public struct EquationNumbers: Sendable, Equatable {
    /// A labelled formula of the book: the number its references show, and its page.
    public struct Target: Sendable, Equatable {
        /// `1.2`, or the formula's own `\tag` text.
        public var number: String
        /// The chapter's page and Markdown file: `01-softmax.html`, `01-softmax.md`.
        public var page: String
        public var markdownPage: String

        public init(number: String, page: String, markdownPage: String) {
            self.number = number
            self.page = page
            self.markdownPage = markdownPage
        }
    }

    /// The tag Galley adds to each labelled formula of this chapter without a `\tag` of its own, by
    /// where the formula starts: `1.2`.
    public var tags: [SourceLocation: String] = [:]
    /// Each labelled formula's label, by where it starts: the anchor on the page.
    public var anchors: [SourceLocation: String] = [:]
    /// Every label of the book, by name (`eq-softmax`).
    public var targets: [String: Target] = [:]
    /// The references of this chapter's prose that lead somewhere: name and where the `@` stands.
    public var references: [SourceLocation: String] = [:]
    /// The bytes of each of those references' `@eq-…` in the source, by where the `@` stands, for
    /// the Markdown output; a reference not written as it reads has none.
    public var referenceByteRanges: [SourceLocation: Range<Int>] = [:]

    public init() {}

    /// The TeX a formula is typeset from: with Galley's `\tag{…}` when it has one.
    public func typesetTeX(_ tex: String, at location: SourceLocation) -> String {
        guard let tag = tags[location] else { return tex }
        return tex + " \\tag{\(tag)}"
    }
}
