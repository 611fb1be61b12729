import GalleyChecks
public import GalleyDiagnostics
import GalleyEvaluation
import GalleyRendering
import GalleyResults

// The problems the pipeline's own stages find — loading the book, resolving equation labels and
// images, typesetting, `--bind` — and which diagnostics the summary line counts as wrong numbers:
// every identifier and every word of them is here, and the stages call these factories.

extension Diagnostic.Identifier {
    /// A chapter named in `book.json` that is not a `.md` file in the book's folder.
    public static let bookChapterName = Self("book.chapter-name")
    /// A chapter named in `book.json` that is not there.
    public static let bookChapterMissing = Self("book.chapter-missing")
    /// A URL in `book.json` that is not `https:` or `http:`.
    public static let bookURL = Self("book.url")
    /// A language in `book.json` whose site words Galley has no table of.
    public static let bookLanguage = Self("book.language")
    /// A `pdf` or `paper` in `book.json` that Galley cannot print to.
    public static let bookPrint = Self("book.print")
    /// A chapter that is a symbolic link to a file outside the book's folder.
    public static let chapterOutsideBook = Self("chapter.outside-book")
    /// A chapter that is not valid UTF-8.
    public static let chapterInvalidUTF8 = Self("chapter.invalid-utf8")
    /// An equation label used twice in the book.
    public static let equationDuplicateLabel = Self("equation.duplicate-label")
    /// A reference to an equation label no formula has.
    public static let equationUnknownLabel = Self("equation.unknown-label")
    /// An image reference whose file is not there.
    public static let imageMissing = Self("image.missing")
    /// An image reference that leaves the book's folder.
    public static let imageOutsideBook = Self("image.outside-book")
    /// A formula KaTeX cannot typeset.
    public static let mathTeX = Self("math.tex")
    /// A remark of KaTeX's strict mode, for the report only.
    public static let mathRemark = Self("math.remark")
    /// A claim `--bind` left for the author.
    public static let bindSkipped = Self("bind.skipped")
    /// A chapter `--bind` could suggest no bindings for.
    public static let bindNoValues = Self("bind.no-values")
    /// A cache entry that was damaged, truncated or foreign: discarded and rebuilt.
    public static let cacheDamaged = Self("cache.damaged")
}

// MARK: - What the summary line counts

extension Diagnostic.Identifier {
    /// The diagnostics that each report a wrong number: a stated number that differs from its
    /// value, closed arithmetic whose sides differ, a checked formula whose sides differ at some
    /// values (or that could not be checked at all), and an `expect` call that failed — the
    /// diagnostics raised where the check stage counts wrong stated numbers and formulas (and
    /// `expect.failed`, which evaluation counts as failed expectations).
    ///
    /// It lives with the pipeline because the pipeline is where the two meet: `expect.failed` is
    /// raised by evaluation, the others by the checks. A checked formula wrong at several values
    /// is one diagnostic, and counts once.
    public static let wrongNumbers: Set<Diagnostic.Identifier> = [
        .numberWrong, .formulaArithmetic, .formulaCheck, .expectFailed,
    ]
}

extension Diagnostic {
    // MARK: - Loading

    /// Raised at the start of `book.json` for a chapter it names that is not a `.md` file
    /// directly in the book's folder; the chapter is skipped.
    ///
    /// - Parameter path: the book file's path as diagnostics show it.
    /// Raised at a cache entry whose content is not what was written (damaged, truncated, from
    /// another machine): it was discarded and rebuilt, so nothing of it was used or published.
    static func damagedCacheEntry(kind: String, path: String) -> Diagnostic {
        Diagnostic(
            path: path, location: SourceLocation(line: 1, column: 1), severity: .note, identifier: .cacheDamaged,
            summary: "a damaged \(kind) cache entry was discarded and built again")
    }

    static func unsafeBookURL(key: String, value: String, path: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            path: path, location: location, identifier: .bookURL,
            summary: "'\(key)' must be an https: or http: URL, not '\(value)'; the pages link to it nowhere")
    }

    static func unknownLanguage(_ language: String, path: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            path: path, location: location, severity: .warning, identifier: .bookLanguage,
            summary:
                "Galley has no words for '\(language)' (it has en, zh-CN and zh-TW): the pages' own words are in English"
        )
    }

    static func unusablePrintSetting(key: String, value: String, path: String, at location: SourceLocation)
        -> Diagnostic
    {
        let expected =
            key == "paper"
            ? "the paper is \(PrintPage.Paper.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or "))"
            : "the PDF is a file name ending in .pdf, written into the output folder"
        return Diagnostic(
            path: path, location: location, severity: .warning, identifier: .bookPrint,
            summary: "'\(value)' cannot be used for \(key): \(expected); the default is used")
    }

    static func badChapterName(_ name: String, path: String) -> Diagnostic {
        Diagnostic(
            path: path, location: SourceLocation(line: 1, column: 1), identifier: .bookChapterName,
            summary: "chapter '\(name)' must be a .md file in the book's folder")
    }

    /// Raised at the start of `book.json` for a chapter it names that is not in the book's
    /// folder.
    ///
    /// - Parameter path: the book file's path as diagnostics show it.
    static func missingChapter(_ name: String, path: String) -> Diagnostic {
        Diagnostic(
            path: path, location: SourceLocation(line: 1, column: 1), identifier: .bookChapterMissing,
            summary: "chapter '\(name)' not found")
    }

    /// Raised at the start of a chapter that is a symbolic link to a file outside the book's
    /// folder: it would publish that file, so it is not read.
    static func chapterOutsideBook(path: String) -> Diagnostic {
        Diagnostic(
            path: path, location: SourceLocation(line: 1, column: 1), identifier: .chapterOutsideBook,
            summary: "this chapter is a symbolic link to a file outside the book's folder; it is not published",
            explanation: "Only files inside the book's folder are read, as for images.")
    }

    /// Raised, as a warning, at the first byte of a chapter that is not valid UTF-8; each bad byte
    /// is read as U+FFFD.
    static func invalidUTF8(path: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            path: path, location: location, severity: .warning, identifier: .chapterInvalidUTF8,
            summary: "this chapter is not valid UTF-8 from here: each bad byte is shown as \u{FFFD}",
            explanation: "Save the chapter as UTF-8.")
    }

    // MARK: - Equations and images

    /// Raised at the second (and each later) formula with an equation label used before; the
    /// label refers to the first.
    ///
    /// - Parameters:
    ///   - firstPath: the chapter of the label's first use.
    ///   - firstLine: the line of the label's first use.
    static func duplicateEquationLabel(
        _ name: String, firstPath: String, firstLine: Int, path: String, at location: SourceLocation
    ) -> Diagnostic {
        Diagnostic(
            path: path, location: location, identifier: .equationDuplicateLabel,
            summary: "the equation label '\(name)' is used twice; first at \(firstPath):\(firstLine)")
    }

    /// Raised at a reference (`@eq-softmax`) to an equation label no formula in the book has.
    static func unknownEquationLabel(_ name: String, path: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            path: path, location: location, identifier: .equationUnknownLabel,
            summary: "no equation is labelled '\(name)': label one with {#\(name)} after its closing $$")
    }

    /// Raised at an image reference whose file is not there.
    ///
    /// - Parameter written: the image's path as the chapter writes it.
    static func missingImage(_ written: String, path: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            path: path, location: location, identifier: .imageMissing,
            summary: "image not found: '\(written)'",
            explanation: "Image paths are relative to the chapter's folder.")
    }

    /// Raised at an image reference whose path leaves the book's folder; the image is not copied.
    ///
    /// - Parameter written: the image's path as the chapter writes it.
    static func imageOutsideBook(_ written: String, path: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            path: path, location: location, identifier: .imageOutsideBook,
            summary: "image path leaves the book's folder: '\(written)'",
            explanation: "Only images inside the book's folder are copied into the output.")
    }

    // MARK: - Typesetting

    /// Raised at a formula KaTeX cannot typeset, at the very character where KaTeX says which.
    ///
    /// - Parameter error: KaTeX's message.
    static func texError(_ error: String, path: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(path: path, location: location, identifier: .mathTeX, summary: "TeX error: \(error)")
    }

    /// Raised at the first line of a block that showed a formula KaTeX cannot typeset.
    ///
    /// - Parameters:
    ///   - error: KaTeX's message.
    ///   - tex: the formula the block showed.
    static func texErrorInOutput(_ error: String, tex: String, path: String, at location: SourceLocation)
        -> Diagnostic
    {
        Diagnostic(
            path: path, location: location, identifier: .mathTeX,
            summary: "TeX error in what this block shows (\(tex)): \(error)")
    }

    /// A note, for the `--report` JSON only, of a remark of KaTeX's strict mode about a formula
    /// (Unicode text in math mode, say).
    static func texRemark(_ remark: String, path: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(path: path, location: location, severity: .note, identifier: .mathRemark, summary: remark)
    }

    // MARK: - Binding

    /// Raised, as a warning, by `--bind` at the first unchecked claim of a chapter whose code did
    /// not compile or run to its end, so that no binding could be suggested for any claim in it.
    static func noBindingsSuggested(path: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            path: path, location: location, severity: .warning, identifier: .bindNoValues,
            summary: "no bindings suggested for this chapter: its code did not compile or run to its end")
    }

    /// A note by `--bind` at a claim with one suggested binding whose text does not stand in the
    /// source as it reads (an escape or an entity inside it), so there is nothing to wrap in a link.
    static func claimTextNotFound(_ claim: UncheckedClaim, path: String) -> Diagnostic {
        Diagnostic(
            path: path, location: claim.range.lowerBound, severity: .note, identifier: .bindSkipped,
            summary: "\(claim.text) cannot find its text to wrap")
    }

    /// A note by `--bind` at a claim with one suggested binding that it leaves for the author,
    /// because the claim stands in a formula or inside a link.
    ///
    /// - Parameter name: the binding suggested.
    static func claimNotBound(_ claim: UncheckedClaim, name: String, path: String) -> Diagnostic {
        let why = claim.inMath ? "it stands in a formula" : "it stands inside a link"
        return Diagnostic(
            path: path, location: claim.range.lowerBound, severity: .note, identifier: .bindSkipped,
            summary: "\(claim.text) matches '\(name)', not bound: \(why)")
    }
}
