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

    /// How long printing the book may take, Chromium's start included.
    static let timeLimit: Duration = .seconds(300)

    /// Prints `page` (a file beside the site's assets) into `pdf`; the error says what went wrong.
    ///
    /// Printed twice in one browser: first plain, to learn from its destinations the page each
    /// chapter and section starts on; then, those numbers set in the contents (the print page's
    /// `galleyNumberContents`, in room kept for them so that nothing moves), tagged, into `pdf`,
    /// which is then given its outline (`PDFOutline`).
    func print(_ page: URL, to pdf: URL) -> String? {
        let profile = AtomicFile.temporaryURL(beside: pdf, purpose: "chromium")
        defer { try? FileManager.default.removeItem(at: profile) }
        let deadline = ContinuousClock.now + Self.timeLimit
        do {
            let browser = try DevToolsConnection(
                executable: executable.path,
                arguments: [
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                    "--user-data-dir=\(profile.path)", "--remote-debugging-pipe", "about:blank",
                ], ceiling: Self.timeLimit)
            defer { browser.close() }
            let tab = try PrintTab(browser: browser, page: page, deadline: deadline)
            try tab.print(to: pdf, tagged: false)
            let destinations = (try? Data(contentsOf: pdf, options: .alwaysMapped)).flatMap(PDFDestinations.read) ?? [:]
            try tab.numberContents(destinations.mapValues(\.page))
            let contents = try tab.contents()
            try tab.print(to: pdf, tagged: true)
            _ = PDFOutline.append(Self.outline(contents, destinations: destinations), to: pdf)
            return nil
        } catch {
            if ContinuousClock.now >= deadline { return "Chromium did not print the book within \(Self.timeLimit)" }
            return "Chromium did not print the book: \(error.description)"
        }
    }

    /// The contents' entries as outline items: chapters, each with its sections; an entry with no
    /// destination in the PDF is left out.
    static func outline(_ contents: [PrintTab.Entry], destinations: [String: PDFDestinations.Destination])
        -> [PDFOutline.Item]
    {
        var items: [PDFOutline.Item] = []
        for entry in contents {
            guard let destination = destinations[entry.id] else { continue }
            let item = PDFOutline.Item(title: entry.title, destination: destination.name)
            if entry.depth > 1, !items.isEmpty {
                items[items.count - 1].sections.append(item)
            } else {
                items.append(item)
            }
        }
        return items
    }
}
