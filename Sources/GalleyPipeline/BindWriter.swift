import Foundation
import GalleyChecks
import GalleyDiagnostics
import GalleyRendering
import GalleyResults
import GalleySystem

/// `render --bind`: wraps each claim that has exactly one suggested binding in a stated-number
/// link — `0.129` becomes `[0.129](=loss)` — keeping every other byte of the chapter, in one
/// atomic write per file.
///
/// Claims in formulas (checked by a check comment, not a link) and claims inside a link's text
/// (links do not nest) are left for the author, and so are ambiguous ones and near misses: each
/// is a note saying what was found.
enum BindWriter: ModeWriter {
    /// Binds what can be bound; reports every chapter's problems and what was left for the author.
    static func finish(_ run: inout BookRun) throws(PipelineError) -> ModeOutcome {
        let book = run.book
        let coverage = run.chapters.map { $0.checks?.results.coverage ?? Coverage() }
        let outcome = try run.timings.measurePhase("write") { () throws(PipelineError) in
            try apply(book, coverage: coverage)
        }
        return ModeOutcome(diagnostics: run.chapters.flatMap(\.diagnostics) + outcome.notes, bound: outcome.bound)
    }

    struct Outcome {
        /// The claims bound, by chapter path.
        var bound: [String: Int] = [:]
        /// What `--bind` left for the author, as notes.
        var notes: [Diagnostic] = []
    }

    static func apply(_ book: Book, coverage: [Coverage]) throws(PipelineError) -> Outcome {
        var outcome = Outcome()
        for (chapter, chapterCoverage) in zip(book.chapters, coverage) {
            let source = chapter.source
            var edits: [Replacement] = []
            var reportedNoValues = false
            for claim in chapterCoverage.unchecked {
                switch claim.suggestion {
                case .binding(let name):
                    // The rule `--check` counts by: `UncheckedClaim.bindableRange`.
                    if let range = claim.bindableRange {
                        edits.append(Replacement(byteRange: range, text: "[\(claim.text)](=\(name))"))
                    } else if claim.inMath || claim.inLink {
                        outcome.notes.append(.claimNotBound(claim, name: name, path: source.path))
                    } else {
                        outcome.notes.append(.claimTextNotFound(claim, path: source.path))
                    }
                case .ambiguous, .nearMisses:
                    var diagnostic = CoverageCheck.diagnostic(for: claim, path: source.path)
                    diagnostic.severity = .note
                    outcome.notes.append(diagnostic)
                case .noValues where !reportedNoValues:
                    reportedNoValues = true
                    outcome.notes.append(.noBindingsSuggested(path: source.path, at: claim.range.lowerBound))
                case .noValues, .none:
                    continue
                }
            }
            guard !edits.isEmpty else { continue }
            let text = MarkdownFormatter.format(source, edits: edits)
            do {
                try AtomicFile.write(Data(text.utf8), to: chapter.url)
            } catch {
                throw PipelineError(
                    stage: .write, path: source.path, message: "cannot write the bound chapter: \(error)")
            }
            outcome.bound[source.path] = edits.count
        }
        return outcome
    }
}
