import ArgumentParser
import Foundation
import GalleyPipeline

/// `render init [DIR]`: a new course repository, ready to render, check and publish.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render init",
        abstract: "Start a course repository: Package.swift, Chapters/ with a first chapter, workflows, .gitignore.",
        discussion: """
            Writes Package.swift (which depends on Galley, so `swift run render` works), \
            Chapters/book.json, Chapters/01-first-chapter.md (code that runs and a number it checks; \
            it passes `render --check --strict`), .github/workflows/check.yml and pages.yml, and \
            .gitignore. It never overwrites a file: if one exists it names it, writes nothing and \
            exits 2.
            """)

    @Argument(help: "The repository's folder (created if missing).")
    var directory: String = "."

    @Option(help: "The book's title (default: the folder's name).")
    var title: String?

    @Option(help: "The book's language, a BCP 47 tag: en, zh-CN, zh-TW… It chooses the words of the site.")
    var language: String = "en"

    @Option(
        help:
            "Where SwiftPM gets Galley: its repository's URL (followed on main) or a folder on this machine (default: the Galley this render was built from)."
    )
    var galley: String = Init.builtFrom

    @Flag(
        inversion: .prefixedNo,
        help: "Leave Output/ out of git (the Pages workflow renders the site); --no-ignore-output commits it.")
    var ignoreOutput = true

    /// The Galley checkout this binary was built from: `Sources/render/Init.swift`, three
    /// folders up.
    static var builtFrom: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    func validate() throws {
        if language.isEmpty { throw ValidationError("--language needs a tag such as en or zh-CN") }
        if galley.isEmpty { throw ValidationError("--galley needs a URL or a folder") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: directory).standardizedFileURL
        let template = CourseTemplate(
            title: title ?? folder.lastPathComponent, language: language, galley: galley,
            ignoresOutput: ignoreOutput)
        let files = template.files
        let display = { (path: String) in directory == "." ? path : (directory as NSString).appendingPathComponent(path)
        }
        if let existing = files.first(where: {
            FileManager.default.fileExists(atPath: folder.appendingPathComponent($0.path).path)
        }) {
            FileHandle.standardError.write(
                Data(
                    "error: \(display(existing.path)) exists; render init writes no file over another, and wrote nothing\n"
                        .utf8))
            throw ExitCode(2)
        }
        do {
            for file in files {
                let url = folder.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                // `.withoutOverwriting`: a file that appeared since the check above is not replaced.
                try Data(file.contents.utf8).write(to: url, options: .withoutOverwriting)
                print("wrote \(display(file.path))")
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(error.localizedDescription)\n".utf8))
            throw ExitCode(2)
        }
        if !template.galleyIsURL {
            print(
                "note: Package.swift depends on Galley at \(galley), a folder on this machine; the workflows need it at a URL: edit Package.swift, or run render init --galley https://…"
            )
        }
        let inFolder = directory == "." ? "" : "cd \(directory) && "
        print("next: \(inFolder)swift run render --check --strict, then swift run render --serve")
    }
}
