import Foundation
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
        #expect(commands.contains("bash scripts/setup.sh --no-browser"), "\(commands)")
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

    @Test("the setup the workflows run installs everything but the browser")
    func setupWithoutBrowser() throws {
        let run = try runProgram(
            URL(fileURLWithPath: "/bin/bash"), ["scripts/setup.sh", "--no-browser"], in: RenderBinary.packageRoot)
        #expect(run.status == 0, "\(run.stderr)")
        let script = try String(
            contentsOf: RenderBinary.packageRoot.appendingPathComponent("scripts/setup.sh"), encoding: .utf8)
        #expect(script.contains("if [ \"${1:-}\" = \"--no-browser\" ]; then tests=false; fi"))
        #expect(script.contains("if $tests; then packages+=(chromium); fi"))
    }

    @Test("publishing uploads Output/ from main; pull requests are checked with annotations")
    func triggers() throws {
        let pages = try String(contentsOf: Self.folder.appendingPathComponent("pages.yml"), encoding: .utf8)
        #expect(pages.contains("on:\n  push:\n    branches: [main]"))
        #expect(pages.contains("uses: actions/upload-pages-artifact@v3\n        with:\n          path: Output"))
        #expect(pages.contains("uses: actions/deploy-pages@v4"))
        #expect(pages.contains("pages: write") && pages.contains("id-token: write"))
        let check = try String(contentsOf: Self.folder.appendingPathComponent("check.yml"), encoding: .utf8)
        #expect(check.contains("on:\n  pull_request:"))
        #expect(check.contains("--check --strict --format github"))
    }
}
