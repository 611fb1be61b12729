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
        let manager = FileManager.default
        if let named = environment["GALLEY_CHROMIUM"], !named.isEmpty {
            guard manager.isExecutableFile(atPath: named) else {
                throw PipelineError(
                    stage: .environment, path: named, message: "GALLEY_CHROMIUM names no executable file")
            }
            return PDFPrinter(executable: URL(fileURLWithPath: named))
        }
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in (environment["PATH"] ?? "").split(separator: ":") {
                let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if manager.isExecutableFile(atPath: candidate.path) { return PDFPrinter(executable: candidate) }
            }
        }
        throw PipelineError(stage: .environment, message: installAdvice)
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
