import Foundation

/// Finds KaTeX's files, from Debian's `libjs-katex`, to copy into the output so that math is
/// typeset offline, from the site itself, never from a CDN.
enum KaTeXAssets {
    /// Where Debian installs KaTeX. `GALLEY_KATEX_DIR` overrides it.
    static let defaultFolder = "/usr/share/javascript/katex"

    /// KaTeX's script, which typesets the book's math when it is built (pages do not load it).
    static func script(environment: [String: String] = ProcessInfo.processInfo.environment) throws(PipelineError)
        -> URL
    {
        let url = URL(fileURLWithPath: environment["GALLEY_KATEX_DIR"] ?? defaultFolder)
            .appendingPathComponent("katex.min.js")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw PipelineError(
                stage: .environment, path: url.path,
                message: "KaTeX is missing: install Debian's libjs-katex (`make setup` does)")
        }
        return url
    }

    /// The files to copy, by output path: KaTeX's stylesheet and fonts (`katex/katex.min.css`,
    /// `katex/fonts/…`), which the typeset math on the pages needs.
    static func files(environment: [String: String] = ProcessInfo.processInfo.environment) throws(PipelineError)
        -> [String: URL]
    {
        let folder = URL(fileURLWithPath: environment["GALLEY_KATEX_DIR"] ?? defaultFolder)
        let manager = FileManager.default
        var files: [String: URL] = [:]
        for name in ["katex.min.css"] {
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
