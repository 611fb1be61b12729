public import Foundation
public import GalleyDiagnostics
public import GalleyEvaluation
public import GalleyRecords
public import GalleyRendering

/// A course: chapters in reading order, with the title and language its pages carry.
public struct Book: Sendable {
    public var title: String
    /// A BCP 47 tag, `zh-CN` for the course in `Chapters/`.
    public var language: String
    public var author: String?
    public var chapters: [Chapter]
    /// What separates digit groups in the prose: a comma or a thin space always, a plain space in a
    /// language that writes `1 000` (`DigitGroups.groupsWithSpaces`).
    public var digitGroups: DigitGroups { .prose(spaces: DigitGroups.groupsWithSpaces(language: language)) }
    /// The words the pages show, in the book's language (`SiteStrings`).
    public var strings: SiteStrings { SiteStrings.strings(for: language).strings }
    /// The folder the chapters are in.
    public var folder: URL
    /// KaTeX macros for every formula of the book, by name: `\R` → `\mathbb{R}`.
    public var macros: [String: String] = [:]
    /// Where the book's source lives, for each page's "edit this page" link: a GitHub repository's
    /// address (`https://github.com/owner/course`), its branch, and the book folder's path in it.
    public var repository: String?
    public var branch = "main"
    /// The PDF's file name in the output folder (`render --pdf`), and its paper.
    public var pdfName = "book.pdf"
    public var paper = PrintPage.Paper.a4
    public var pathInRepository = ""
    /// A hash of `book.json` as written: every page depends on it, so it is part of the render
    /// cache's key.
    public var settingsDigest = ""
    /// The author's own SwiftPM package that chapter code imports, from `book.json`'s `"package"`.
    public var package: BookPackage?
}

extension Book {
    /// The page that edits a chapter's source on GitHub, when `book.json` names a repository.
    func editURL(for chapter: Chapter) -> String? {
        guard var repository, !repository.isEmpty else { return nil }
        while repository.hasSuffix("/") { repository.removeLast() }
        let file = chapter.url.lastPathComponent
        let path = pathInRepository.isEmpty ? file : pathInRepository + "/" + file
        return "\(repository)/edit/\(branch)/\(path)"
    }
}

/// One Markdown file of a book.
public struct Chapter: Sendable {
    public var source: SourceFile
    /// The file's location on disk.
    public var url: URL
    /// The file name without `.md`: `01-softmax`. Output files are named after it.
    public var slug: String

    public var htmlName: String { slug + ".html" }
    public var markdownName: String { slug + ".md" }
}

/// The optional `book.json` in a book's folder.
///
/// ```json
/// {
///   "title": "神经网络中的数学",
///   "language": "zh-CN",
///   "author": "Galley 团队",
///   "chapters": ["01-softmax.md", "02-sigmoid.md"],
///   "macros": {"\\R": "\\mathbb{R}"},
///   "repository": "https://github.com/owner/course",
///   "package": "../Finance",
///   "pdf": "neural-math.pdf",
///   "paper": "letter"
/// }
/// ```
///
/// Every key is optional. Without `chapters`, every `.md` file in the folder is a chapter, in file
/// name order.
struct BookManifest: Decodable {
    var title: String?
    var language: String?
    var author: String?
    var chapters: [String]?
    /// KaTeX macros, applied to every formula that is typeset.
    var macros: [String: String]?
    /// The GitHub repository the book lives in (`https://github.com/owner/course`), for "edit this
    /// page" links; and its branch, `main` unless given.
    var repository: String?
    var branch: String?
    /// A SwiftPM package's folder, relative to the book's: chapter code imports its libraries.
    var package: String?
    /// `render --pdf`'s file name in the output folder (`book.pdf`), and its paper (`A4`, `letter`).
    var pdf: String?
    var paper: String?

    static let fileName = "book.json"
}
