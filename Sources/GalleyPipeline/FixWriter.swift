import Foundation
import GalleyChecks
import GalleyDiagnostics
import GalleyRendering
import GalleySystem

/// `render --fix`: applies the solutions that diagnostics carry (a stale number rewritten to the
/// computed value, in the author's style) to the chapter files, changing no other byte.
enum FixWriter: ModeWriter {
    /// Applies every fix the run's diagnostics carry; a problem fixed is no longer reported.
    static func finish(_ run: inout BookRun) throws(PipelineError) -> ModeOutcome {
        let all = run.chapters.flatMap(\.diagnostics)
        let book = run.book
        let fixes = try run.timings.measurePhase("write") { () throws(PipelineError) in
            try apply(book, diagnostics: all)
        }
        return ModeOutcome(
            diagnostics: all.filter { $0.solutions.isEmpty }, fixes: fixes,
            wrongNumbersFixed: all.filter { $0.identifier == .numberWrong && !$0.solutions.isEmpty }.count)
    }

    /// Rewrites each chapter that has fixes, in one atomic step per file; returns how many
    /// replacements each chapter got, by source path.
    static func apply(_ book: Book, diagnostics: [Diagnostic]) throws(PipelineError) -> [String: Int] {
        var fixed: [String: Int] = [:]
        for chapter in book.chapters {
            let edits = diagnostics.filter { $0.path == chapter.source.path }
                .flatMap { $0.solutions.first?.replacements ?? [] }
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
