// libFuzzer harness: Markdown to document — cmark-gfm with Galley's math extension, then the
// conversion to the Swift tree and the HTML formatter's core (positions, diagnostics). Any input
// must parse without crashing, and every diagnostic must point inside the file.

import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // Galley parses on 1 GiB-stack threads (`Parallel`), where nesting hundreds of levels deep is
    // fine; on the fuzzer's own stack (smaller, and frames grown by ASan) it would not be.
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        check(text)
        done.signal()
    }
    thread.stackSize = 1 << 30
    thread.start()
    done.wait()
    return 0
}

private func check(_ text: String) {
    let source = SourceFile(path: "fuzz.md", text: text)
    let result = MarkdownParser.parse(source)
    for diagnostic in result.diagnostics {
        precondition(diagnostic.location.line >= 1 && diagnostic.location.line <= source.lineCount + 1)
    }
    let semantics = ChapterSemantics.read(result.document, path: source.path)
    for diagnostic in semantics.diagnostics {
        precondition(diagnostic.location.line >= 1 && diagnostic.location.line <= source.lineCount + 1)
    }
    for claim in ClaimFinder.mathClaims(in: result.document, sites: semantics.sites) {
        // One number, or a vector written alone.
        precondition(!claim.numbers.isEmpty && claim.inMath)
    }
    let spaced = ClaimFinder.claims(in: result.document, digitGroups: .prose(spaces: true))
    for claim in ClaimFinder.claims(in: result.document) + spaced {
        precondition(!claim.numbers.isEmpty && claim.range.lowerBound < claim.range.upperBound)
        precondition(claim.range.lowerBound.line >= 1 && claim.range.upperBound.line <= source.lineCount + 1)
        // The bytes a claim carries are its text, as `--bind` wraps them.
        if let bytes = claim.byteRange { precondition(source.bytes[bytes].elementsEqual(claim.text.utf8)) }
    }
    _ = PlainText.of(
        result.document.blocks.compactMap { if case .paragraph(let p) = $0 { p.content } else { nil } }.flatMap { $0 })
}
