import ArgumentParser
import Foundation
import GalleyDiagnostics
import GalleyPipeline
import GalleyPreview
import GalleySystem

/// `render`: renders a book of Markdown chapters into a static site and GitHub-ready Markdown,
/// checks it for CI, or fixes its stale numbers.
@main
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a folder of Markdown chapters into HTML pages and GitHub-ready Markdown.",
        discussion: """
            Every chapter problem is reported as path:line:col: error: …, and the rest of the book \
            still renders. The output folder is replaced as a whole, atomically: a run that fails \
            or is killed leaves the previous output intact.

            --check renders nothing and ends with a summary such as "37 stated numbers checked in 4 \
            chapters (30 computed, 7 restated inputs), 1 wrong; 12 formulas checked at 340 points, 0 \
            wrong; 3 of 40 stated numbers unchecked": a claim is unchecked when no \
            binding and no checked formula covers it. --strict makes each unchecked claim, and \
            each warning, an error (but a slow type-check, which depends on the machine). --bind wraps each unchecked claim that one computed value \
            matches in a stated-number link ([0.129](=loss)). --fix rewrites each wrong stated number in the chapters to the \
            computed value, at the author's precision and style, and changes no other byte.

            Exit status: 0 when the book is clean, 1 when a chapter has an error (a wrong number, \
            a block that fails, a missing image, unterminated math), 2 for a usage or environment \
            error.

            render init [DIR] starts a course repository (render init --help).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, github
    }

    @Argument(help: "The book's folder: Markdown chapters and, optionally, book.json.")
    var book: String = "Chapters"

    @Option(name: .shortAndLong, help: "The folder to write the site into (replaced as a whole).")
    var output: String = "Output"

    @Flag(help: "Check code, numbers, images and math; write nothing; exit 1 on any error.")
    var check = false

    @Flag(help: "Rewrite each wrong stated number in the chapters to the computed value.")
    var fix = false

    @Flag(
        help:
            "Wrap each unchecked claim that one computed value matches in a stated-number link: 0.129 → [0.129](=loss)."
    )
    var bind = false

    @Flag(
        help:
            "Make every unchecked claim and every warning an error (but slow type-checking, which depends on the machine), so CI can require full coverage."
    )
    var strict = false

    @Option(help: "How to print diagnostics: text (path:line:col: error: …) or github (Actions annotations).")
    var format: Format = .text

    @Option(help: "Write a JSON report of the run to this file.")
    var report: String?

    @Flag(name: .shortAndLong, help: "Print only diagnostics, not the summary.")
    var quiet = false

    @Flag(
        help:
            "Print where the time went: the phases one after another (load, parse+typeset, evaluate, check, render, write), then parse, typeset, compile, run and render summed over chapters in parallel."
    )
    var timings = false

    @Option(help: "Seconds a chapter's code may run before it is stopped, with everything it started.")
    var timeout: Double = 30

    @Option(
        help: "Milliseconds an expression in chapter code may take to type-check before it is a warning at its line.")
    var slowTypeCheck: Int = 200

    @Option(help: "The folder for compiled chapters and their results.")
    var cacheDir: String = ".galley-cache"

    @Option(
        help:
            "The folder where the libraries chapter code links against are built once for every book (default: $XDG_CACHE_HOME/galley, else ~/.cache/galley)."
    )
    var libraryCache: String?

    @Flag(
        help:
            "Remove from the cache, at once, what belongs to books and packages that no longer exist, and programs no run used for a week (a render does it after a month anyway)."
    )
    var pruneCache = false

    @Flag(help: "Compile and run every chapter again, ignoring the cache.")
    var noCache = false

    @Flag(help: "Run no chapter code: show it, check no number. For drafts you do not trust.")
    var noRun = false

    @Flag(help: "Build no search index (and need no Pagefind): the site's search page says it has none.")
    var noSearch = false

    @Flag(
        help:
            "Print the book to a PDF as well (Output/book.pdf, or book.json's \"pdf\"), with headless Chromium: a title page, the contents, every chapter."
    )
    var pdf = false

    @Option(
        help: ArgumentHelp(
            "The most bytes of text one run of Pagefind indexes; a longer book's index is built in parts.",
            visibility: .hidden))
    var searchPartSize: Int?

    @Flag(
        help:
            "Serve the site, render again whenever the book changes, and reload the open pages (Ctrl-C stops)."
    )
    var serve = false

    @Option(help: "The port --serve listens on (0 for any free one).")
    var port: Int = 8000

    @Option(help: "The address --serve listens on: loopback unless you say otherwise.")
    var host: String = "127.0.0.1"

    @Option(
        help:
            "Milliseconds the book must stay still after a save before --serve renders it again (one render a burst; default 40)."
    )
    var settle: Int?

    /// Runs the command, with ArgumentParser's usage errors (its exit code 64) reported as exit
    /// status 2, as Galley documents for every usage or environment error.
    static func main() {
        // `render init` is a command of its own; a book folder named `init` is `render ./init`.
        // (As a subcommand, ArgumentParser would read the book's folder as one.)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "init" { execute(Init.self, Array(arguments.dropFirst())) }
        execute(Render.self, arguments)
    }

    /// Parses `arguments` as `command`, runs it and exits.
    private static func execute<Command: ParsableCommand>(_ command: Command.Type, _ arguments: [String]) -> Never {
        do {
            var parsed = try command.parseAsRoot(arguments)
            try parsed.run()
            Foundation.exit(0)
        } catch {
            if command.exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((command.fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            command.exit(withError: error)
        }
    }

    func validate() throws {
        if output.isEmpty { throw ValidationError("--output needs a folder name") }
        if !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
        if slowTypeCheck < 1 { throw ValidationError("--slow-type-check must be at least 1 millisecond") }
        if check && fix { throw ValidationError("--check and --fix do not go together: --fix first, then --check") }
        if pdf && (check || fix || bind) {
            throw ValidationError("--pdf prints the rendered book: --check, --fix and --bind write no book to print")
        }
        if bind && (check || fix || strict) {
            throw ValidationError(
                "--bind does not go with --check, --fix or --strict: --bind first, then --check --strict")
        }
        if noRun && (check || fix || bind) {
            throw ValidationError("--no-run checks no numbers: it does not go with --check, --fix or --bind")
        }
        let bookURL = URL(fileURLWithPath: book).standardizedFileURL
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        if bookURL.path == outputURL.path || bookURL.path.hasPrefix(outputURL.path + "/") {
            throw ValidationError("--output must not be the book's folder or contain it: it is replaced as a whole")
        }
        if serve && (check || fix || bind) {
            throw ValidationError("--serve renders the site: it does not go with --check, --fix or --bind")
        }
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if let settle, settle < 0 { throw ValidationError("--settle must be a number of milliseconds, 0 or more") }
        if settle != nil && !serve { throw ValidationError("--settle is for --serve: it says when to render again") }
        if serve {
            for (name, path) in [("--output", output), ("--cache-dir", cacheDir)] {
                let url = URL(fileURLWithPath: path).standardizedFileURL
                if url.path.hasPrefix(bookURL.path + "/") {
                    throw ValidationError("--serve never writes into the book's folder: put \(name) outside it")
                }
            }
        }
    }

    func run() throws {
        if serve { try preview() }
        let clock = ContinuousClock()
        let start = clock.now
        var options = pipelineOptions()
        var line: ProgressLine?
        if ProgressLine.wanted(quiet: quiet, github: format == .github) {
            let progress = RunProgress()
            options.progress = progress
            line = ProgressLine(progress, delay: ProgressLine.delay)
        }
        let result: Pipeline.Report
        do {
            result = try Pipeline.run(options)
            line?.finish()
        } catch {
            line?.finish()
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        Self.printDiagnostics(result, format: format)
        if let report {
            do {
                try result.document.encoded().write(to: URL(fileURLWithPath: report))
            } catch {
                FileHandle.standardError.write(
                    Data("error: cannot write the report \(report): \(error.localizedDescription)\n".utf8))
                throw ExitCode(2)
            }
        }
        if timings {
            print(
                "timings: " + result.timings.summary
                    + String(format: "; whole run %.3f s", (clock.now - start) / .seconds(1)))
        }
        if !quiet { print(summary(result, seconds: ((clock.now - start) / .seconds(1)))) }
        if result.errorCount > 0 { throw ExitCode(1) }
    }

    /// `--serve`: renders, serves, and renders again after each change, until stopped.
    private func preview() throws -> Never {
        var pipeline = pipelineOptions()
        pipeline.freesMemory = true  // a long-running process
        // An edit reaches the page without waiting for the search index; a render publishes it
        // once it is built.
        pipeline.defersSearch = true
        // And without waiting for the front and checks pages, which follow it.
        pipeline.defersBookPages = true
        // Each render reads only what changed since the last one.
        pipeline.remembersCache = true
        // The whole book as it prints, to look at before printing.
        pipeline.writesPrintPage = true
        let options = pipeline
        var configuration = LivePreview.Configuration(
            book: URL(fileURLWithPath: book), site: URL(fileURLWithPath: output),
            ignoring: [URL(fileURLWithPath: output), URL(fileURLWithPath: cacheDir)], host: host, port: UInt16(port),
            settle: settle.map { .milliseconds($0) } ?? LivePreview.Configuration.defaultSettle)
        configuration.backgroundWork = { await Pipeline.waitForBackgroundWork() }
        configuration.pagesWritten = { await Pipeline.waitForBookPages() }
        configuration.beforeServing = { path in
            if path == "/print.html" { await Pipeline.wantPrintPage() }
        }
        let format = format
        let quiet = quiet
        let timings = timings
        do {
            try LivePreview.run(
                configuration,
                render: {
                    let clock = ContinuousClock()
                    let start = clock.now
                    let result: Pipeline.Report
                    do {
                        result = try Pipeline.run(options)
                    } catch {
                        FileHandle.standardError.write(Data("\(error)\n".utf8))
                        return ["\(error)"]
                    }
                    Self.printDiagnostics(result, format: format)
                    if !quiet {
                        let seconds = ((clock.now - start) / .seconds(1))
                        FileHandle.standardOutput.write(
                            Data(
                                (String(format: "rendered in %.2f s", seconds) + Self.renderedCounts(result) + "\n")
                                    .utf8))
                    }
                    if timings {
                        FileHandle.standardError.write(Data("timings: \(result.timings.summary)\n".utf8))
                    }
                    // The page's overlay shows them as the terminal's text format does.
                    return result.diagnostics.map { DiagnosticFormat.line($0, format: .text) }
                },
                started: { url in
                    FileHandle.standardOutput.write(
                        Data("serving \(output)/ at \(url) — watching \(book)/ for changes; Ctrl-C stops\n".utf8))
                })
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// What a preview render did: ` (9 chapters: 1 rendered, 8 reused): 1 error, 2 warnings`.
    static func renderedCounts(_ result: Pipeline.Report) -> String {
        let reused = result.reusedChapters.count
        return
            " (\(counted(result.chapters.count, "chapter")): \(result.chapters.count - reused) rendered, \(reused) reused)"
            + problems(result)
    }

    /// `: 1 error, 2 warnings` after a render's line, or nothing when there are none.
    static func problems(_ result: Pipeline.Report) -> String {
        guard result.errorCount + result.warningCount > 0 else { return "" }
        return ": \(counted(result.errorCount, "error")), \(counted(result.warningCount, "warning"))"
    }

    /// Every diagnostic of a run on standard error, one a line.
    private static func printDiagnostics(_ result: Pipeline.Report, format: Format) {
        for diagnostic in result.diagnostics {
            FileHandle.standardError.write(Data((DiagnosticFormat.line(diagnostic, format: format) + "\n").utf8))
        }
    }

    private func pipelineOptions() -> Pipeline.Options {
        var options = Pipeline.Options(
            bookFolder: URL(fileURLWithPath: book), bookDisplayPath: book, outputFolder: URL(fileURLWithPath: output),
            cacheFolder: URL(fileURLWithPath: cacheDir),
            mode: check ? .check : (fix ? .fix : (bind ? .bind : .render)), runsCode: !noRun)
        options.timeout = .milliseconds(Int(timeout * 1000))
        options.usesCache = !noCache
        options.prunesCache = pruneCache
        if let libraryCache { options.libraryFolder = URL(fileURLWithPath: libraryCache) }
        options.slowTypeCheck = .milliseconds(slowTypeCheck)
        options.freesMemory = false  // the process exits right after
        options.strict = strict
        options.indexesSearch = !noSearch
        options.searchPartBytes = searchPartSize
        options.printsPDF = pdf
        return options
    }

    /// The line of `--fix` and `--bind`: what was rewritten in which files, or that nothing was.
    private func rewrites(_ counts: [String: Int], did: String, what: String, none: String, _ result: Pipeline.Report)
        -> String
    {
        let count = counts.values.reduce(0, +)
        guard count > 0 else { return "\(none); \(result.checkSummary)" }
        return "\(did) \(counted(count, what)) in \(counts.keys.sorted().joined(separator: ", "))"
    }

    private func summary(_ result: Pipeline.Report, seconds: Double) -> String {
        let time = String(format: "%.2f", seconds)
        if check { return result.checkSummary }
        if fix {
            return rewrites(result.fixes, did: "fixed", what: "number", none: "no wrong numbers to fix", result)
        }
        if bind {
            return rewrites(result.bound, did: "bound", what: "claim", none: "no claim to bind", result)
                + (result.bound.isEmpty ? "" : "; render --check shows what is left")
        }
        var line =
            "rendered \(counted(result.chapters.count, "chapter")) of “\(result.bookTitle)” into \(output)/ in \(time) s"
        if !result.compiledChapters.isEmpty {
            line += " (compiled \(result.compiledChapters.count))"
        }
        return line + Self.problems(result)
    }
}
