// libFuzzer harness: Markdown to document — cmark-gfm with Galley's math extension, then the
// conversion to the Swift tree and the HTML formatter's core (positions, diagnostics). Any input
// must parse without crashing, and every diagnostic must point inside the file.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let source = SourceFile(path: "fuzz.md", text: text)
    let result = MarkdownParser.parse(source)
    for diagnostic in result.diagnostics {
        precondition(diagnostic.location.line >= 1 && diagnostic.location.line <= source.lineCount + 1)
    }
    _ = ExpressionSite.all(in: result.document)
    _ = PlainText.of(result.document.blocks.compactMap { if case .paragraph(let p) = $0 { p.content } else { nil } }.flatMap { $0 })
    return 0
}
