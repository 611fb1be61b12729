import Foundation
import GalleyTestSupport
import Testing

/// The line a terminal redraws while a long render works, and where it never appears.
@Suite("Progress while it works")
struct ProgressLineTests {
    static let chapter = """
        ```swift run
        let a = softmax([3, 1, -3])
        ```

        The first probability is [0.88](=a[0]).

        """

    /// Runs `render` on a terminal (util-linux's `script` gives it one) and returns what the
    /// terminal showed. `GALLEY_PROGRESS_AFTER_MS=0` draws from the start, so that the test does
    /// not depend on how long the render takes.
    func onTerminal(_ book: TemporaryBook, _ arguments: [String]) throws -> RenderRun {
        let command = ([RenderBinary.url.path, "Chapters", "--cache-dir", TemporaryBook.sharedCache.path] + arguments)
            .map { "'\($0)'" }.joined(separator: " ")
        return try runProgram(
            URL(fileURLWithPath: "/usr/bin/script"), ["-qefc", command, "/dev/null"], in: book.root,
            environment: ProcessInfo.processInfo.environment.merging(["GALLEY_PROGRESS_AFTER_MS": "0"]) { $1 })
    }

    @Test("on a terminal, one redrawn line counts the chapters through each step, then gives way to the summary")
    func terminal() throws {
        let book = try TemporaryBook(["01.md": Self.chapter, "02.md": "# Two\n\nProse.\n"])
        let run = try onTerminal(book, ["--no-cache"])
        #expect(run.status == 0, "\(run.stdout)")
        // How far it got when it was drawn depends on the machine; what it says does not.
        let line = #/\r\x{1B}\[Krendering 2 chapters: \d loaded, \d typeset, \d compiled, \d run, \d written/#
        #expect(run.stdout.contains(line), "\(run.stdout.debugDescription)")
        // Erased before the summary, which starts at the line's beginning.
        #expect(run.stdout.contains("\r\u{1B}[Krendered 2 chapters of "), "\(run.stdout.debugDescription)")
        #expect(!run.stdout.contains("\n\u{1B}[K"), "redrawn in place, never a line of its own")
    }

    @Test("no progress line in a pipe, with --quiet or under --format github")
    func notForMachines() throws {
        let book = try TemporaryBook(["01.md": Self.chapter])
        let piped = try book.render(["--no-cache"], environment: ["GALLEY_PROGRESS_AFTER_MS": "0"])
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(!piped.stderr.contains("\u{1B}[K") && !piped.stdout.contains("\u{1B}[K"))
        for arguments in [["--quiet"], ["--format", "github"]] {
            let run = try onTerminal(book, ["--no-cache"] + arguments)
            #expect(run.status == 0, "\(arguments): \(run.stdout)")
            #expect(!run.stdout.contains("\u{1B}[K"), "\(arguments): \(run.stdout.debugDescription)")
        }
    }
}
