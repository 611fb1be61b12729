import Foundation

/// Finds KaTeX's files, from Debian's `libjs-katex`, to copy into the output so that math is
/// typeset offline, from the site itself, never from a CDN.
enum KaTeXAssets {
    /// Where Debian installs KaTeX. `GALLEY_KATEX_DIR` overrides it.
    static let defaultFolder = "/usr/share/javascript/katex"

    /// The files to copy, by output path (`katex/katex.min.js`, `katex/fonts/…`).
    static func files(environment: [String: String] = ProcessInfo.processInfo.environment) throws(PipelineError)
        -> [String: URL]
    {
        let folder = URL(fileURLWithPath: environment["GALLEY_KATEX_DIR"] ?? defaultFolder)
        let manager = FileManager.default
        var files: [String: URL] = [:]
        for name in ["katex.min.js", "katex.min.css"] {
            let url = folder.appendingPathComponent(name)
            guard manager.fileExists(atPath: url.path) else {
                throw PipelineError(
                    stage: .environment, path: url.path,
                    message: "KaTeX is missing: install Debian's libjs-katex (`make setup` does)")
            }
            files["katex/\(name)"] = url
        }
        let fonts = folder.appendingPathComponent("fonts")
        // The stylesheet lists woff2 first, which every current browser reads; the older formats
        // would only double the size of the site.
        let fontNames = ((try? manager.contentsOfDirectory(atPath: fonts.path)) ?? []).filter { $0.hasSuffix(".woff2") }
        guard !fontNames.isEmpty else {
            throw PipelineError(
                stage: .environment, path: fonts.path,
                message: "KaTeX's fonts are missing: install Debian's fonts-katex (`make setup` does)")
        }
        for name in fontNames {
            files["katex/fonts/\(name)"] = fonts.appendingPathComponent(name).resolvingSymlinksInPath()
        }
        return files
    }
}
