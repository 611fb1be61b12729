public import Foundation

/// Where the libraries every chapter program links against (NeuralMath, the records, the runtime)
/// are built: once per machine and toolchain, in the user's cache folder, shared by every book.
///
/// `$XDG_CACHE_HOME/galley`, or `~/.cache/galley` without it; `render --library-cache DIR` puts it
/// elsewhere. Each build goes into a folder named by the hash of its sources and compiler, built
/// beside it and moved into place in one step (`RuntimeLibrary.prepare`), so two renders that
/// start at once both succeed and one build wins.
public enum LibraryCache {
    /// The folder the environment names: `$XDG_CACHE_HOME/galley`, else `$HOME/.cache/galley`;
    /// nil when neither variable is set (the book's own cache is used then).
    public static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") {
            return URL(fileURLWithPath: base).appendingPathComponent("galley")
        }
        if let home = environment["HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).appendingPathComponent(".cache").appendingPathComponent("galley")
        }
        return nil
    }
}
