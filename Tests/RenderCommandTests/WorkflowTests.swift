import Foundation
import GalleyPipeline
import GalleyTestSupport
import Testing

/// The GitHub workflows a course repository adopts (`.github/workflows/`): the commands they run
/// are run here, on the course, exactly as written but for where the output goes, so that a
/// workflow that would fail on main fails here first.
@Suite("GitHub workflows")
struct WorkflowTests {
    static let folder = RenderBinary.packageRoot.appendingPathComponent(".github/workflows")

    /// The `run:` lines of a workflow.
    static func commands(_ name: String) throws -> [String] {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("run: ") else { return nil }
            return String(trimmed.dropFirst("run: ".count))
        }
    }

    @Test("each workflow's render command passes on the course", arguments: ["check.yml", "pages.yml"])
    func renderCommands(workflow: String) throws {
        let commands = try Self.commands(workflow)
        let renders = commands.filter { $0.hasPrefix("swift run -c release render ") }
        #expect(renders.count == 1, "\(commands)")
        for command in renders {
            var arguments = command.dropFirst("swift run -c release render ".count).split(separator: " ").map(
                String.init)
            // Where the output goes is the one change: never into the repository's Output/.
            let output = FileManager.default.temporaryDirectory.appendingPathComponent(
                "galley-workflow-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: output) }
            if let at = arguments.firstIndex(of: "--output") { arguments.removeSubrange(at...(at + 1)) }
            let run = try RenderBinary.run(
                arguments + ["--output", output.path, "--cache-dir", TemporaryBook.sharedCache.path],
                in: RenderBinary.packageRoot)
            #expect(run.status == 0, "\(command): \(run.stderr)")
            #expect(!run.stderr.contains("::error"), "\(run.stderr)")
        }
    }

    @Test("Galley's own course runs the workflows render init writes, as written")
    func sameAsInit() throws {
        let check = try String(contentsOf: Self.folder.appendingPathComponent("check.yml"), encoding: .utf8)
        let pages = try String(contentsOf: Self.folder.appendingPathComponent("pages.yml"), encoding: .utf8)
        #expect(check == CourseWorkflows.check)
        #expect(pages == CourseWorkflows.pages)
        let requirements = try String(
            contentsOf: RenderBinary.packageRoot.appendingPathComponent(".github/pagefind-requirements.txt"),
            encoding: .utf8)
        #expect(requirements == CourseWorkflows.pagefindRequirements)
    }

    @Test("setup without the browser installs what rendering needs")
    func setupWithoutBrowser() throws {
        let run = try runProgram(
            URL(fileURLWithPath: "/bin/bash"), ["scripts/setup.sh", "--no-browser"], in: RenderBinary.packageRoot)
        #expect(run.status == 0, "\(run.stderr)")
        let script = try String(
            contentsOf: RenderBinary.packageRoot.appendingPathComponent("scripts/setup.sh"), encoding: .utf8)
        #expect(script.contains("if [ \"${1:-}\" = \"--no-browser\" ]; then tests=false; fi"))
        #expect(script.contains("if $tests; then\n  packages+=(chromium fonts-noto-cjk poppler-utils qpdf shellcheck)"))
    }

    /// actionlint, as `scripts/setup.sh` installs it for the tests.
    static let actionlint = RenderBinary.packageRoot.appendingPathComponent(".build/tools/actionlint/actionlint")

    /// Runs actionlint on `files` in `folder`; shellcheck must be there to check the `run:` steps.
    static func lint(_ files: [String], in folder: URL = RenderBinary.packageRoot) throws -> RenderRun {
        try #require(
            FileManager.default.isExecutableFile(atPath: actionlint.path),
            "actionlint is missing: run scripts/setup.sh (make test does)")
        let run = try runProgram(actionlint, ["-verbose", "-no-color"] + files, in: folder)
        #expect(!run.stderr.contains(#"Rule "shellcheck" was disabled"#), "\(run.stderr)")
        return run
    }

    @Test("actionlint finds nothing wrong in the workflows")
    func actionlintPasses() throws {
        let run = try Self.lint([".github/workflows/check.yml", ".github/workflows/pages.yml"])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.isEmpty, "\(run.stdout)")
        #expect(run.stderr.contains("Found 0 errors in 2 files"), "\(run.stderr)")
    }

    @Test("actionlint reports a broken workflow at the line, shell included")
    func actionlintCatchesMistakes() throws {
        // check.yml with three mistakes a course author could make while adapting it.
        var text = try String(contentsOf: Self.folder.appendingPathComponent("check.yml"), encoding: .utf8)
        let checkout = "      - uses: actions/checkout@v6\n"
        #expect(text.contains(checkout))
        text = text.replacingOccurrences(
            of: checkout,
            with: checkout + "        with:\n          depth: 1\n"  // line 18: not an input of checkout
                + "      - run: echo ${{ github.event.pull_request.title }}\n"  // line 19: injection
                + "      - run: rm -rf $BUILD_DIR/*\n")  // line 20: shellcheck's SC2115
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("galley-workflow-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try text.write(to: folder.appendingPathComponent("check.yml"), atomically: true, encoding: .utf8)
        let run = try Self.lint(["check.yml"], in: folder)
        #expect(run.status == 1)
        let found = run.stdout.split(separator: "\n")
        #expect(found.contains { $0.hasPrefix("check.yml:18:11: input \"depth\" is not defined") }, "\(run.stdout)")
        #expect(
            found.contains { $0.hasPrefix("check.yml:19:23: ") && $0.contains("potentially untrusted") },
            "\(run.stdout)")
        #expect(found.contains { $0.hasPrefix("check.yml:20:21: ") && $0.contains("SC2115") }, "\(run.stdout)")
    }

    @Test("publishing uploads Output/ from main; pull requests are checked with annotations")
    func triggers() throws {
        let pages = try String(contentsOf: Self.folder.appendingPathComponent("pages.yml"), encoding: .utf8)
        #expect(pages.contains("on:\n  push:\n    branches: [main]"))
        #expect(pages.contains("uses: actions/upload-pages-artifact@v5\n        with:\n          path: Output"))
        #expect(pages.contains("uses: actions/deploy-pages@v5"))
        #expect(pages.contains("pages: write") && pages.contains("id-token: write"))
        let check = try String(contentsOf: Self.folder.appendingPathComponent("check.yml"), encoding: .utf8)
        #expect(check.contains("on:\n  pull_request:"))
        #expect(check.contains("--check --strict --format github"))
    }
}
