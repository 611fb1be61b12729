import GalleyDiagnostics
import GalleyResults
import GalleySemantics
import GalleySystem

/// Equation numbers for the whole book, in Quarto's syntax: a labelled formula
/// (`$$ … $$ {#eq-softmax}`) is numbered (chapter.n) in book order unless it has a `\tag` of its
/// own, and `@eq-softmax` in any chapter refers to it. A label used twice, and a reference to no
/// label, are errors at their lines.
enum EquationIndex {
    /// The tags Galley gives one chapter's labelled formulas, by where each starts: `3.1`, `3.2`…
    /// for those without a `\tag` of their own. `chapter` counts from 1.
    static func tags(chapter: Int, labels: [EquationLabel]) -> [SourceLocation: String] {
        var tags: [SourceLocation: String] = [:]
        var number = 0
        for label in labels where label.explicitTag == nil {
            number += 1
            tags[label.location] = "\(chapter).\(number)"
        }
        return tags
    }

    /// What one chapter knows of its equations on its own: its tags, and an anchor for each of its
    /// labels. `chapter` counts from 1.
    static func local(chapter: Int, labels: [EquationLabel]) -> EquationNumbers {
        var numbers = EquationNumbers()
        numbers.tags = tags(chapter: chapter, labels: labels)
        var named: Set<String> = []
        for label in labels where named.insert(label.name).inserted {
            numbers.anchors[label.location] = label.name
        }
        return numbers
    }

    /// What the index takes of a chapter: its labels and its references.
    struct ChapterEquations: Sendable {
        var path: String
        var labels: [EquationLabel]
        var references: [EquationReference]
    }

    /// The book's equations, resolved: by chapter, its numbers, its problems, and a digest of all
    /// that the rest of the book decides for it (where every label leads, and where a label it
    /// repeats was first used), which the render cache compares.
    struct Resolution: Sendable {
        var numbers: [EquationNumbers] = []
        var diagnostics: [[Diagnostic]] = []
        var digests: [String] = []
    }

    /// Every chapter's equation numbers and references, and the problems found, by chapter.
    static func resolve(_ book: Book, chapters: [ChapterEquations]) -> Resolution {
        var targets: [String: EquationNumbers.Target] = [:]
        var firstPlace: [String: (path: String, location: SourceLocation)] = [:]
        var resolution = Resolution()
        resolution.diagnostics = chapters.map { _ in [] }
        // Per chapter, the first places of the labels it repeats.
        var repeated: [[String]] = chapters.map { _ in [] }
        for (index, chapter) in chapters.enumerated() {
            var chapterNumbers = local(chapter: index + 1, labels: chapter.labels)
            for label in chapter.labels {
                if let first = firstPlace[label.name] {
                    // The anchor belongs to the first formula with the label.
                    chapterNumbers.anchors[label.location] = nil
                    repeated[index].append("\(label.name) \(first.path):\(first.location.line)")
                    resolution.diagnostics[index].append(
                        .duplicateEquationLabel(
                            label.name, firstPath: first.path, firstLine: first.location.line, path: chapter.path,
                            at: label.location))
                    continue
                }
                firstPlace[label.name] = (chapter.path, label.location)
                targets[label.name] = EquationNumbers.Target(
                    number: label.explicitTag ?? chapterNumbers.tags[label.location] ?? "",
                    page: book.chapters[index].htmlName, markdownPage: book.chapters[index].markdownName)
            }
            resolution.numbers.append(chapterNumbers)
        }
        var book = ContentHash()
        for (name, target) in targets.sorted(by: { $0.key < $1.key }) {
            book.add(name)
            book.add(target.number)
            book.add(target.page)
            book.add(target.markdownPage)
        }
        for (index, chapter) in chapters.enumerated() {
            resolution.numbers[index].targets = targets
            for reference in chapter.references {
                if targets[reference.name] != nil {
                    resolution.numbers[index].references[reference.location] = reference.name
                    resolution.numbers[index].referenceByteRanges[reference.location] = reference.byteRange
                } else {
                    resolution.diagnostics[index].append(
                        .unknownEquationLabel(reference.name, path: chapter.path, at: reference.location))
                }
            }
            var digest = book
            for place in repeated[index] { digest.add(place) }
            resolution.digests.append(digest.hex)
        }
        return resolution
    }
}
