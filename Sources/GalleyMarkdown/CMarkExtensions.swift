internal import CCmarkGFM

/// cmark-gfm's syntax extensions as Galley uses them, set up once per process.
///
/// Debian's cmark-gfm keeps its extension registry in globals without a lock, and node types for
/// new extensions come from a global counter, so all of it happens in one `static let`, which Swift
/// initialises exactly once even when parallel tests parse at the same moment. After that the
/// extensions are only read, never written, which is what makes sharing them across threads safe.
struct CMarkExtensions: @unchecked Sendable {
    /// The GFM extensions, in the order they are attached to a parser.
    let gfm: [OpaquePointer]
    /// The tagfilter extension on its own, for rendering raw HTML through it.
    let tagfilter: OpaquePointer
    /// Galley's `$…$` and `$$…$$` extension.
    let math: OpaquePointer
    /// The node type of `$$…$$` blocks.
    let displayMathBlockType: cmark_node_type

    static let shared = CMarkExtensions()

    /// The GFM extensions Galley enables: every one GitHub uses for comments and READMEs.
    private static let gfmNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    private init() {
        cmark_gfm_core_extensions_ensure_registered()
        var found: [String: OpaquePointer] = [:]
        for name in Self.gfmNames {
            guard let pointer = cmark_find_syntax_extension(name) else {
                fatalError("cmark-gfm has no '\(name)' extension: is libcmark-gfm-extensions installed?")
            }
            found[name] = pointer
        }
        gfm = Self.gfmNames.compactMap { found[$0] }
        tagfilter = found["tagfilter"]!
        displayMathBlockType = MathExtension.makeBlockNodeType()
        math = MathExtension.make(blockType: displayMathBlockType)
    }
}
