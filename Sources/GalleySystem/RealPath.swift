#if canImport(Glibc)
    import Glibc
#endif

/// A path with every symbolic link, `.` and `..` resolved, as the system's `realpath` gives it;
/// nil when it names nothing. What decides whether a file is inside a folder (an image, a chapter,
/// a page the preview serves) once links are followed.
public enum RealPath {
    public static func of(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path`, resolved, is inside the folder `root` (itself resolved).
    public static func isInside(_ path: String, root: String) -> Bool {
        path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }
}
