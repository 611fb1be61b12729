import Foundation
import GalleyDiagnostics
import GalleyRendering
import GalleySystem

/// `render --fix`: applies the solutions that diagnostics carry (a stale number rewritten to the
/// computed value, in the author's style) to the chapter files, changing no other byte.
enum FixWriter {
    /// Rewrites each chapter that has fixes, in one atomic step per file; returns how many
    /// replacements each chapter got, by source path.
    static func apply(_ book: Book, diagnostics: [Diagnostic]) throws(PipelineError) -> [String: Int] {
        var fixed: [String: Int] = [:]
        for chapter in book.chapters {
            let edits = diagnostics.filter { $0.path == chapter.source.path }
                .flatMap { $0.solutions.first?.replacements ?? [] }
                .map { MarkdownFormatter.Edit(byteRange: $0.byteRange, replacement: $0.text) }
            guard !edits.isEmpty else { continue }
            let text = MarkdownFormatter.format(chapter.source, edits: edits)
            do {
                try AtomicFile.write(Data(text.utf8), to: chapter.url)
            } catch {
                throw PipelineError(
                    stage: .write, path: chapter.source.path, message: "cannot write the fixed chapter: \(error)")
            }
            fixed[chapter.source.path] = edits.count
        }
        return fixed
    }
}
