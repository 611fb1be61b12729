public import GalleyDiagnostics
import GalleyFormulas
public import GalleyMarkdown
public import GalleyRecords

/// What a parsed chapter asks of its code, read from the finished document tree: the expression
/// sites in source order, and the problems found reading them (a check comment that cannot be
/// read, a formula that cannot be checked).
///
/// This is the step between parsing, which knows only syntax, and evaluation, which needs the
/// Swift to run: the meaning of a link whose destination starts with `=`, of an inline value and
/// of a formula is worked out here, with the one TeX reader of `GalleyFormulas`.
public struct ChapterSemantics: Sendable, Equatable {
    /// The sites, in source order; a site's index is its id.
    public var sites: [ExpressionSite]
    /// The numbers the prose and the formulas state that nothing checks yet, in source order
    /// (`ClaimFinder`).
    public var claims: [Claim]
    /// The labelled display formulas, and the references to labels in the prose, in order.
    public var labels: [EquationLabel] = []
    public var references: [EquationReference] = []
    public var diagnostics: [Diagnostic]

    public init(sites: [ExpressionSite] = [], claims: [Claim] = [], diagnostics: [Diagnostic] = []) {
        self.sites = sites
        self.claims = claims
        self.diagnostics = diagnostics
    }

    /// Reads a chapter's document.
    /// - Parameter macros: the book's KaTeX macros, expanded in every formula before it is read.
    ///   - digitGroups: what may separate digit groups in the book's prose (its language decides).
    public static func read(
        _ document: Document, path: String, macros: [String: String] = [:],
        digitGroups: DigitGroups = .prose(spaces: false)
    ) -> ChapterSemantics {
        var reader = SiteReader(path: path)
        reader.macros = MacroExpander(macros: macros)
        reader.read(document)
        let prose = ClaimFinder.prose(of: document, digitGroups: digitGroups)
        let claims = (prose.claims + ClaimFinder.mathClaims(in: document, sites: reader.sites, macros: reader.macros))
            .sorted { $0.range.lowerBound < $1.range.lowerBound }
        var semantics = ChapterSemantics(
            sites: reader.sites, claims: claims,
            diagnostics: (reader.diagnostics + ScriptInMarkup.diagnostics(in: document, path: path))
                .sorted(by: Diagnostic.sourceOrder))
        semantics.labels = EquationReferences.labels(in: document)
        semantics.references = prose.references
        return semantics
    }
}
