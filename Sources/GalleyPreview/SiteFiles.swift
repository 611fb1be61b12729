import Foundation
import GalleySystem

#if canImport(Glibc)
    import Glibc
#endif

/// The rendered site's files as the preview serves them: only regular files inside the site's
/// folder. A path that climbs out (`..`, written plainly or percent-encoded), names a hidden file,
/// or leads out through a symbolic link is refused.
struct SiteFiles: Sendable {
    /// What a request's path leads to.
    enum Lookup: Equatable {
        case file(URL, contentType: String)
        case notFound
        case forbidden
    }

    let root: URL

    /// `path` is the request's path as the server decoded it (`/01-softmax.html`).
    func lookUp(_ path: String) -> Lookup {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        // The server has decoded %2e%2e into "..": refused, whatever the spelling.
        if parts.contains(where: { $0 == ".." || $0 == "." || $0.contains("\\") || $0.contains("\u{0}") }) {
            return .forbidden
        }
        if parts.contains(where: { $0.hasPrefix(".") }) { return .notFound }
        var url = root
        for part in parts { url.appendPathComponent(String(part)) }
        guard let realRoot = RealPath.of(root.path) else { return .notFound }
        var real = RealPath.of(url.path)
        if let folder = real, Self.isDirectory(folder) {
            real = RealPath.of(url.appendingPathComponent("index.html").path)
        }
        guard let real else { return .notFound }
        guard RealPath.isInside(real, root: realRoot) else { return .forbidden }
        guard Self.isRegularFile(real) else { return .notFound }
        return .file(URL(fileURLWithPath: real), contentType: Self.contentType(of: real))
    }

    static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "md": "text/markdown; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "woff2": "font/woff2"
        case "woff": "font/woff"
        case "ttf": "font/ttf"
        default: "application/octet-stream"
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }
}
