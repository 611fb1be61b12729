import Foundation
import GalleyPipeline
import GalleyTestSupport
import Testing

/// `render init`, and a course repository that depends on Galley, end to end.
@Suite("A course repository in one command")
struct CourseRepositoryTests {
    /// A fresh folder for a repository, removed afterwards.
    final class Folder {
        let url: URL
        let keeping: String?

        init() {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("galley-init-\(UUID().uuidString)")
            keeping = nil
        }

        /// A folder at `url`, emptied but for `keeping`, which stays when the test is done too.
        init(at url: URL, keeping: String) throws {
            self.url = url
            self.keeping = keeping
            try FileManager.default.createDirectory(
                at: url.appendingPathComponent(keeping), withIntermediateDirectories: true)
            empty()
        }

        private func empty() {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] where name != keeping {
                try? FileManager.default.removeItem(at: url.appendingPathComponent(name))
            }
        }

        deinit {
            if keeping == nil { try? FileManager.default.removeItem(at: url) } else { empty() }
        }

        func text(_ path: String) throws -> String {
            try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
        }
    }

    static let written = [
        "Package.swift", "Chapters/book.json", "Chapters/01-first-chapter.md", ".github/workflows/check.yml",
        ".github/workflows/pages.yml", ".gitignore",
    ]

    func initialize(_ folder: Folder, _ arguments: [String] = []) throws -> RenderRun {
        try RenderBinary.run(
            ["init", folder.url.path, "--galley", RenderBinary.packageRoot.path] + arguments,
            in: FileManager.default.temporaryDirectory)
    }

    @Test("render init writes the repository; its chapter passes --check --strict; its workflows pass actionlint")
    func writesARepository() throws {
        let folder = Folder()
        let run = try initialize(folder, ["--title", "Money & Models"])
        #expect(run.status == 0, "\(run.stderr)")
        for path in Self.written {
            #expect(run.stdout.contains("wrote \(folder.url.path)/\(path)"), "\(run.stdout)")
        }
        #expect(
            try folder.text("Chapters/book.json") == "{\n  \"title\": \"Money & Models\",\n  \"language\": \"en\"\n}\n")
        #expect(try folder.text("Package.swift").contains(".package(path: \"\(RenderBinary.packageRoot.path)\")"))
        #expect(try folder.text("Package.swift").contains("name: \"MoneyModels\""))
        #expect(try folder.text(".gitignore").contains("\nOutput/\n"), "Output/ is left out of git by default")
        #expect(
            run.stdout.contains("note: Package.swift depends on Galley at \(RenderBinary.packageRoot.path), a folder"))

        let check = try RenderBinary.run(
            ["Chapters", "--check", "--strict", "--cache-dir", TemporaryBook.sharedCache.path], in: folder.url)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("1 stated number checked in 1 chapter"), "\(check.stdout)")

        let lint = try WorkflowTests.lint(
            [".github/workflows/check.yml", ".github/workflows/pages.yml"], in: folder.url)
        #expect(lint.status == 0, "\(lint.stdout)")
        #expect(lint.stderr.contains("Found 0 errors in 2 files"), "\(lint.stderr)")
    }

    @Test("in Chinese: the chapter is Chinese and passes; --no-ignore-output commits the site")
    func chinese() throws {
        let folder = Folder()
        let run = try initialize(folder, ["--language", "zh-CN", "--no-ignore-output"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try folder.text("Chapters/book.json").contains("\"language\": \"zh-CN\""))
        #expect(try folder.text("Chapters/01-first-chapter.md").contains("Softmax 把一组分数变成和为一的概率"))
        #expect(try !folder.text(".gitignore").contains("Output/"))
        let check = try RenderBinary.run(
            ["Chapters", "--check", "--strict", "--cache-dir", TemporaryBook.sharedCache.path], in: folder.url)
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test("render init never overwrites: it names the file in the way, writes nothing and exits 2")
    func neverOverwrites() throws {
        let folder = Folder()
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("Chapters"), withIntermediateDirectories: true)
        try "mine\n".write(
            to: folder.url.appendingPathComponent("Chapters/book.json"), atomically: true, encoding: .utf8)
        let run = try initialize(folder)
        #expect(run.status == 2)
        #expect(
            run.stderr.contains(
                "error: \(folder.url.path)/Chapters/book.json exists; render init writes no file over another, and wrote nothing"
            ), "\(run.stderr)")
        #expect(try folder.text("Chapters/book.json") == "mine\n")
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.url.path).sorted()
        #expect(files == ["Chapters", "Chapters/book.json"], "nothing else was written")
    }

    @Test("the workflows install the packages the setup script installs")
    func workflowPackages() throws {
        let script = try String(
            contentsOf: RenderBinary.packageRoot.appendingPathComponent("scripts/setup.sh"), encoding: .utf8)
        let line = try #require(script.split(separator: "\n").first { $0.hasPrefix("packages=(") })
        let listed = line.dropFirst("packages=(".count).dropLast().split(separator: " ").map(String.init)
        #expect(listed == CourseWorkflows.packages)
        #expect(CourseWorkflows.check.contains(CourseWorkflows.packages.joined(separator: " ")))
    }

    /// The `run:` steps of a workflow, single-line and block (`run: |`) alike, with their names.
    static func steps(_ workflow: String) -> [(name: String, script: String)] {
        var steps: [(name: String, script: String)] = []
        var name = ""
        let lines = workflow.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < lines.count {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("- name: ") { name = String(trimmed.dropFirst("- name: ".count)) }
            if trimmed == "run: |" {
                let indent = lines[index].prefix(while: { $0 == " " }).count + 2
                var script: [String] = []
                index += 1
                while index < lines.count, lines[index].prefix(while: { $0 == " " }).count >= indent {
                    script.append(String(lines[index].dropFirst(indent)))
                    index += 1
                }
                steps.append((name, script.joined(separator: "\n")))
                continue
            }
            if trimmed.hasPrefix("run: ") { steps.append((name, String(trimmed.dropFirst("run: ".count)))) }
            index += 1
        }
        return steps
    }

    @Test(
        "a repository that depends on Galley by path runs its workflows' commands: swift run builds render and checks and renders the book",
        .timeLimit(.minutes(30)))
    func dependsOnGalley() throws {
        // The repository stays in one place beside Galley's own build, with its `.build/`, so that
        // Galley is built as its dependency once per machine, as the workflows keep theirs in a
        // cache (SwiftPM's module cache remembers the path it was built at). Every other file is
        // written anew.
        let folder = try Folder(
            at: RenderBinary.packageRoot.appendingPathComponent(".build-course-repository/course"), keeping: ".build")
        #expect(try initialize(folder).status == 0)
        for workflow in ["check.yml", "pages.yml"] {
            let steps = Self.steps(try folder.text(".github/workflows/\(workflow)"))
            #expect(steps.map(\.name).first == "Install what Galley needs", "\(steps)")
            // The packages are installed already (the setup script did it); the rest runs as written.
            for step in steps.dropFirst() {
                let run = try runProgram(
                    URL(fileURLWithPath: "/bin/bash"), ["-euo", "pipefail", "-c", step.script], in: folder.url)
                #expect(run.status == 0, "\(workflow), \(step.name): \(step.script)\n\(run.stderr)")
            }
        }
        let page = try folder.text("Output/01-first-chapter.html")
        #expect(page.contains("stated correct"), "the page carries the checked number")
    }
}
