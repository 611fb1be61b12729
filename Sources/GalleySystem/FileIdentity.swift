public import Foundation

/// What tells one version of a file from another without reading it: its resolved path, size and
/// modification time. Cache keys use it for binaries too large to hash on every run — the compiler,
/// Galley's own executable.
public enum FileIdentity {
    /// `path` resolved through symbolic links, with its size and modification time; nil when the
    /// file cannot be read.
    public static func of(_ path: String) -> String? {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved),
            let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date
        else { return nil }
        return "\(resolved) \(size) \(modified.timeIntervalSince1970)"
    }

    /// The running executable's path.
    public static let executablePath: String = {
        #if os(Linux)
            if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
                return path
            }
        #endif
        return Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
    }()

    /// The running executable's identity: a rebuilt Galley is a new one, whatever changed in it.
    public static let executable: String = of(executablePath) ?? "unknown"
}
