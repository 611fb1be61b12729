import Foundation
import GalleySystem

/// Pagefind (CloudCannon, MIT), the indexer of the site's search: its extended build, which
/// segments Chinese and Japanese, from PyPI's `pagefind-bin-extended` wheel.
///
/// Found, in order: `GALLEY_PAGEFIND`; `.build/tools/pagefind/pagefind_extended`, taken out of the
/// wheel pinned in `.github/pagefind-requirements.txt` (as `scripts/setup.sh` and the course's
/// Pages workflow do), in the current folder or in the package `render` was built in;
/// `pagefind_extended` on `PATH`.
struct Pagefind: Sendable {
    let executable: URL

    /// Where the wheel's executable lies inside the folder pip installs it into.
    static let installedPath = ".build/tools/pagefind/pagefind_extended"

    /// What to tell an author who has none.
    static let installAdvice =
        "the site's search needs Pagefind's extended build (PyPI: pagefind-bin-extended): put its "
        + "pagefind_extended in .build/tools/pagefind/ (scripts/setup.sh and the Pages workflow do) or on PATH, "
        + "or set GALLEY_PAGEFIND to it; --no-search renders a site without search"

    /// Pagefind, or an environment error saying how to install it.
    static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentFolder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) throws(PipelineError) -> Pagefind {
        var folders = [currentFolder]
        var folder = URL(fileURLWithPath: FileIdentity.executablePath).deletingLastPathComponent()
        while folder.path != "/" && !folder.path.isEmpty {
            folders.append(folder)
            folder.deleteLastPathComponent()
        }
        guard
            let found = try ToolLocator.find(
                variable: "GALLEY_PAGEFIND", places: folders.map { $0.appendingPathComponent(installedPath) },
                names: ["pagefind_extended"], environment: environment)
        else { throw PipelineError(stage: .environment, message: installAdvice) }
        return Pagefind(executable: found)
    }

    /// What tells this Pagefind from another, for the search cache's key.
    var identity: String { FileIdentity.of(executable.path) ?? executable.path }

    /// Indexes the HTML pages in `site` into `output`; the error says what Pagefind said.
    /// `gently`: at a lower priority (`nice`), in the background of a preview whose next render
    /// must not wait for the processor.
    func index(site: URL, into output: URL, gently: Bool = false) -> String? {
        let process = ChildProcess(
            executable: executable.path, arguments: ["--site", site.path, "--output-path", output.path, "--quiet"],
            timeout: .seconds(600))
        do {
            let (termination, _, errors) = try (gently ? process.atLowPriority() : process).collect()
            guard termination.succeeded else {
                let said = errors.split(separator: "\n").suffix(5).joined(separator: "; ")
                return termination.timedOut ? "Pagefind did not finish within 600 s" : "Pagefind failed: \(said)"
            }
            return nil
        } catch {
            return "cannot start Pagefind (\(executable.path)): \(error.description)"
        }
    }
}
