public import Foundation
import GalleyRecords

/// The files `render init` writes: a course repository that renders, checks and publishes from
/// its first commit.
///
/// - `Package.swift`, which depends on Galley, so `swift run render` works in the repository;
/// - `Chapters/book.json` and a first chapter that runs code, binds a number and passes
///   `render --check --strict`;
/// - `.github/workflows/check.yml` (pull requests) and `pages.yml` (GitHub Pages), which keep
///   SwiftPM's `.build/` and Galley's cache between runs, and the pinned Pagefind wheel the Pages
///   workflow indexes the site's search with;
/// - `.gitignore`: the caches always, `Output/` unless the author commits the site.
public struct CourseTemplate: Sendable {
    public var title: String
    /// The book's language (`en`, `zh-CN`…): the first chapter is written in it where Galley has
    /// one in that language, else in English.
    public var language: String
    /// Where SwiftPM gets Galley: a URL (`https://…`, followed on its `main` branch) or a local
    /// folder.
    public var galley: String
    /// True to leave `Output/` out of git: the Pages workflow builds the site. False to commit it,
    /// so the rendered pages are browsable in the repository itself.
    public var ignoresOutput: Bool

    public init(title: String, language: String, galley: String, ignoresOutput: Bool) {
        self.title = title
        self.language = language
        self.galley = galley
        self.ignoresOutput = ignoresOutput
    }

    /// Whether `galley` is a URL rather than a folder on this machine.
    public var galleyIsURL: Bool { BookLoader.isWebURL(galley) }

    /// The files, by path relative to the repository's folder, in the order they are written.
    public var files: [(path: String, contents: String)] {
        [
            ("Package.swift", manifest),
            ("Chapters/book.json", bookFile),
            ("Chapters/01-first-chapter.md", firstChapter),
            (".github/workflows/check.yml", CourseWorkflows.check),
            (".github/workflows/pages.yml", CourseWorkflows.pages),
            (".github/pagefind-requirements.txt", CourseWorkflows.pagefindRequirements),
            (".gitignore", gitignore),
        ]
    }

    var manifest: String {
        let dependency =
            galleyIsURL
            ? ".package(url: \(SwiftLiteral.string(galley)), branch: \"main\")"
            : ".package(path: \(SwiftLiteral.string(galley)))"
        return """
            // swift-tools-version:6.1
            // The course's package: it depends on Galley, so that `swift run render` renders the
            // book in Chapters/ (and `swift run render --check --strict` checks it).
            import PackageDescription

            let package = Package(
                name: \(SwiftLiteral.string(packageName)),
                dependencies: [
                    \(dependency)
                ],
                targets: []
            )

            """
    }

    /// The package's name: the title's letters and digits, or `Course`.
    var packageName: String {
        let name = String(title.unicodeScalars.filter { $0.isASCII && CharacterSet.alphanumerics.contains($0) })
        return name.first?.isLetter == true ? name : "Course"
    }

    var bookFile: String {
        let fields = [("title", title), ("language", language)].map { "  \(jsonLiteral($0)): \(jsonLiteral($1))" }
        return "{\n" + fields.joined(separator: ",\n") + "\n}\n"
    }

    var firstChapter: String {
        language.lowercased().hasPrefix("zh") ? Self.chineseChapter : Self.englishChapter
    }

    var gitignore: String {
        """
        # SwiftPM's build and Galley's cache of compiled chapters: both are rebuilt when missing.
        .build/
        .galley-cache/
        .swiftpm/
        \(ignoresOutput ? "# The site: the Pages workflow renders and publishes it.\nOutput/\n" : "")
        """
    }

    static let englishChapter = """
        # Softmax

        Softmax turns scores into probabilities that add up to one:
        $a_j = e^{z_j} / \\sum_i e^{z_i}$.

        ```swift run
        let z: [Double] = [3, 1, -3]
        let a = softmax(z)
        print(a)
        ```

        The first score gets most of the probability, [0.88](=a[0]); the last gets almost none.
        Galley ran the block above, and it checks the number in this sentence against the value the
        code computed: change the code, and `render --check` says where the prose went wrong.

        """

    static let chineseChapter = """
        # Softmax

        Softmax 把一组分数变成和为一的概率：$a_j = e^{z_j} / \\sum_i e^{z_i}$。

        ```swift run
        let z: [Double] = [3, 1, -3]
        let a = softmax(z)
        print(a)
        ```

        第一个分数得到了大部分概率，[0.88](=a[0])；最后一个几乎为零。Galley 运行了上面的代码块，并用
        代码算出的值核对这句话里的数字：改动代码，`render --check` 会指出正文哪里不再正确。

        """

    private func jsonLiteral(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
