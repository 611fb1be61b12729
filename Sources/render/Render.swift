import ArgumentParser
import Foundation
import GalleyEvaluation
import GalleyPipeline

/// `render`: renders a book of Markdown chapters into a static site and GitHub-ready Markdown.
@main
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a folder of Markdown chapters into HTML pages and GitHub-ready Markdown.",
        discussion: """
            Every chapter problem is reported as path:line:col: error: …, and the rest of the book \
            still renders. The output folder is replaced as a whole, atomically: a run that fails \
            or is killed leaves the previous output intact.

            Exit status: 0 when the book rendered cleanly, 1 when a chapter has an error, 2 for a \
            usage or environment error.
            """)

    @Argument(help: "The book's folder: Markdown chapters and, optionally, book.json.")
    var book: String = "Chapters"

    @Option(name: .shortAndLong, help: "The folder to write the site into (replaced as a whole).")
    var output: String = "Output"

    @Flag(name: .shortAndLong, help: "Print only diagnostics, not the summary.")
    var quiet = false

    @Option(help: "Seconds a chapter's code may run before it is stopped, with everything it started.")
    var timeout: Double = 30

    @Option(help: "The folder for compiled chapters and their results.")
    var cacheDir: String = ".galley-cache"

    @Flag(help: "Compile and run every chapter again, ignoring the cache.")
    var noCache = false

    /// Runs the command, with ArgumentParser's usage errors (its exit code 64) reported as exit
    /// status 2, as Galley documents for every usage or environment error.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    func validate() throws {
        if output.isEmpty { throw ValidationError("--output needs a folder name") }
        if !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
        let bookURL = URL(fileURLWithPath: book).standardizedFileURL
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        if bookURL.path == outputURL.path || bookURL.path.hasPrefix(outputURL.path + "/") {
            throw ValidationError("--output must not be the book's folder or contain it: it is replaced as a whole")
        }
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let options = Pipeline.Options(
            bookFolder: URL(fileURLWithPath: book), bookDisplayPath: book,
            outputFolder: URL(fileURLWithPath: output),
            evaluation: Evaluator.Configuration(
                cacheFolder: URL(fileURLWithPath: cacheDir), timeout: .milliseconds(Int(timeout * 1000)),
                usesCache: !noCache))
        let report: Pipeline.Report
        do {
            report = try Pipeline.run(options)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        for diagnostic in report.diagnostics {
            FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
        }
        if !quiet {
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let chapters = report.chapters.count == 1 ? "1 chapter" : "\(report.chapters.count) chapters"
            var line = "rendered \(chapters) of “\(report.bookTitle)” into \(output)/ in \(String(format: "%.2f", seconds)) s"
            if !report.compiledChapters.isEmpty {
                line += " (compiled \(report.compiledChapters.count))"
            }
            if report.errorCount > 0 || report.warningCount > 0 {
                line += ": \(report.errorCount) error\(report.errorCount == 1 ? "" : "s"), \(report.warningCount) warning\(report.warningCount == 1 ? "" : "s")"
            }
            print(line)
        }
        if report.errorCount > 0 { throw ExitCode(1) }
    }
}
