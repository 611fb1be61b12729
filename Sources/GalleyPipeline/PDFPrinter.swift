import Foundation
import GalleySystem

/// Prints the book's print page (`PrintPage`) to a PDF with headless Chromium: the CSS page
/// rules give the paper, margins, running heads and page numbers; Chromium embeds the fonts,
/// keeps the links, tags the PDF and makes its outline from the headings.
///
/// Chromium is found, in order: `GALLEY_CHROMIUM`; `chromium`, `chromium-browser`,
/// `google-chrome` on `PATH`. `scripts/setup.sh` installs Debian's `chromium`.
struct PDFPrinter: Sendable {
    let executable: URL

    static let installAdvice =
        "--pdf prints the book with headless Chromium: install Debian's chromium (scripts/setup.sh does), "
        + "or set GALLEY_CHROMIUM to a Chromium or Chrome"

    /// Chromium, or an environment error saying how to install it.
    static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(PipelineError) -> PDFPrinter {
        guard
            let found = try ToolLocator.find(
                variable: "GALLEY_CHROMIUM", names: ["chromium", "chromium-browser", "google-chrome"],
                environment: environment)
        else { throw PipelineError(stage: .environment, message: installAdvice) }
        return PDFPrinter(executable: found)
    }

    /// What tells this Chromium from another, for the PDF cache's key.
    var identity: String { FileIdentity.of(executable.path) ?? executable.path }

    /// Prints `page` (a file beside the site's assets) into `pdf`; the error says what went wrong.
    func print(_ page: URL, to pdf: URL) -> String? {
        let profile = AtomicFile.temporaryURL(beside: pdf, purpose: "chromium")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = ChildProcess(
            executable: executable.path,
            arguments: [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                "--user-data-dir=\(profile.path)", "--no-pdf-header-footer", "--generate-pdf-document-outline",
                "--print-to-pdf=\(pdf.path)", page.absoluteURL.absoluteString,
            ],
            timeout: .seconds(300))
        do {
            let (termination, _, errors) = try process.collect()
            guard termination.succeeded, FileManager.default.fileExists(atPath: pdf.path) else {
                if termination.timedOut { return "Chromium did not print the book within 300 s" }
                let said = errors.split(separator: "\n").suffix(3).joined(separator: "; ")
                return "Chromium did not print the book: \(said)"
            }
            return nil
        } catch {
            return "cannot start Chromium (\(executable.path)): \(error.description)"
        }
    }
}
