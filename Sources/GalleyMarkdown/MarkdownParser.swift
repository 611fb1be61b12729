internal import CCmarkGFM
public import GalleyDiagnostics
import Synchronization

/// Parses a chapter's Markdown with cmark-gfm — GitHub-flavoured, with Galley's math — into a
/// `Document`, reporting problems in it as diagnostics.
public enum MarkdownParser {
    /// Serialises cmark-gfm's inline parsing; see `parse(_:)`.
    private static let inlineParsing = Mutex(())

    /// The result of parsing one file.
    public struct Result: Sendable {
        public var document: Document
        public var diagnostics: [Diagnostic]
    }

    /// Parses `source`. Never throws: what is wrong in the Markdown comes back as diagnostics and
    /// the document holds whatever could be read.
    /// - Parameter freesTree: false leaves cmark-gfm's tree to the end of the process — for a
    ///   command that exits right after, freeing millions of nodes one by one is wasted time.
    public static func parse(_ source: SourceFile, freesTree: Bool = true) -> Result {
        let extensions = CMarkExtensions.shared
        // Raw HTML is kept (authors use `<img>` and friends) and goes through the tagfilter;
        // source positions feed the diagnostics; footnotes as GitHub has them.
        let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_FOOTNOTES
        guard let parser = cmark_parser_new(options) else {
            fatalError("cmark-gfm could not allocate a parser")
        }
        defer { cmark_parser_free(parser) }
        // The math extension goes first so that `$$` lines open math before anything else sees them.
        cmark_parser_attach_syntax_extension(parser, extensions.math)
        for gfmExtension in extensions.gfm {
            cmark_parser_attach_syntax_extension(parser, gfmExtension)
        }
        source.bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        // Finishing runs the inline parser, which in cmark-gfm marks the extensions' special
        // characters (`$`, `~`) in a process-wide table and clears them again afterwards. Two
        // documents finishing at once would clear each other's `$` mid-parse, so only one finishes
        // at a time; the block parsing before it and the conversion after it run in parallel.
        nonisolated(unsafe) var finished: OpaquePointer?
        inlineParsing.withLock { _ in finished = cmark_parser_finish(parser) }
        guard let root = finished else {
            fatalError("cmark-gfm returned no document")
        }
        defer { if freesTree { cmark_node_free(root) } }
        var converter = DocumentConverter(
            source: source, extensions: extensions,
            renderExtensions: cmark_parser_get_syntax_extensions(parser), options: options)
        let document = converter.convert(root)
        return Result(document: document, diagnostics: converter.diagnostics)
    }
}
