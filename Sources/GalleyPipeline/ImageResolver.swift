import Foundation
import GalleyDiagnostics
import GalleyMarkdown
import GalleyRendering
import GalleySystem

#if canImport(Glibc)
    import Glibc
#endif

/// Decides, for each image a chapter references, which file to copy and where its copy goes.
///
/// Paths are taken relative to the chapter's folder. Windows-style paths (`.\Images\7\a.png`)
/// work: backslashes are separators here, as they are for the tools such chapters were written
/// with. A path that leaves the book's folder — by `..`, by being absolute, or through a symbolic
/// link — is refused, as is one that names no file; both are diagnostics, not copies.
struct ImageResolver {
    /// An image file to copy into the output.
    struct Copy: Hashable, Sendable {
        var from: URL
        /// Relative to the output folder, with `/` separators.
        var to: String
    }

    /// What one chapter's images need.
    struct Resolution: Sendable {
        var copies: [Copy] = []
        /// Output path for each source as written, for the HTML renderer.
        var paths: [String: String] = [:]
        /// Edits that make the chapter's Markdown point at the copies.
        var markdownEdits: [Replacement] = []
        var diagnostics: [Diagnostic] = []
    }

    let bookFolder: URL
    private let realBookFolder: String

    init(bookFolder: URL) {
        self.bookFolder = bookFolder
        self.realBookFolder =
            RealPath.of(bookFolder.path) ?? bookFolder.standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// What the file system says about a path relative to the book's folder.
    private enum Target {
        case file(String)
        case outside
        case missing
    }

    private func target(_ relative: String) -> Target {
        guard let real = RealPath.of(bookFolder.appendingPathComponent(relative).path) else { return .missing }
        guard real == realBookFolder || RealPath.isInside(real, root: realBookFolder) else { return .outside }
        var status = stat()
        guard stat(real, &status) == 0, status.st_mode & S_IFMT != S_IFDIR else { return .missing }
        return .file(real)
    }

    func resolve(_ references: [ImageReference], in chapter: Chapter) -> Resolution {
        var resolution = Resolution()
        var targets: [String: Target] = [:]
        for reference in references {
            let written = reference.source
            if isExternal(written) { continue }
            let chapterPath = chapter.source.path
            guard let relative = normalised(written) else {
                resolution.diagnostics.append(.imageOutsideBook(written, path: chapterPath, at: reference.location))
                continue
            }
            // A chapter shows the same image many times; the file system is asked once.
            let found = targets[relative] ?? target(relative)
            targets[relative] = found
            let real: String
            switch found {
            case .file(let path): real = path
            case .outside:
                resolution.diagnostics.append(.imageOutsideBook(written, path: chapterPath, at: reference.location))
                continue
            case .missing:
                resolution.diagnostics.append(.missingImage(written, path: chapterPath, at: reference.location))
                continue
            }
            resolution.copies.append(Copy(from: URL(fileURLWithPath: real), to: relative))
            resolution.paths[written] = relative
            if relative != written,
                let edit = markdownEdit(with: relative, for: reference)
            {
                resolution.markdownEdits.append(edit)
            }
        }
        return resolution
    }

    /// A URL with a scheme, or a protocol-relative one: shown as it is, never copied.
    private func isExternal(_ path: String) -> Bool {
        if path.hasPrefix("//") { return true }
        guard let colon = path.firstIndex(of: ":") else { return false }
        let scheme = path[..<colon]
        // `C:\…` is a Windows drive, not a scheme; treat it as an absolute path (refused below).
        return scheme.count > 1 && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }

    /// The path relative to the book's folder with `/` separators and no `.` or `..`, or nil when
    /// it is absolute or climbs out of the folder.
    private func normalised(_ path: String) -> String? {
        let decoded = path.removingPercentEncoding ?? path
        let unified = decoded.replacingOccurrences(of: "\\", with: "/")
        if unified.hasPrefix("/") || (unified.count >= 2 && unified.dropFirst().first == ":") { return nil }
        var parts: [Substring] = []
        for part in unified.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// The edit that replaces the path as written, where the parser placed it; none where it is not
    /// written as it reads (an escape in it).
    private func markdownEdit(with relative: String, for reference: ImageReference) -> Replacement? {
        reference.byteRange.map {
            Replacement(byteRange: $0, text: relative.replacingOccurrences(of: " ", with: "%20"))
        }
    }
}
