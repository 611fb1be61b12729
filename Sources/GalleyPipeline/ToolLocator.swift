import Foundation

/// Finds a tool Galley runs (Pagefind, Chromium): the file an environment variable names, else
/// the first of some known places, else the first of its names on `PATH`.
enum ToolLocator {
    /// The tool, or nil when it is nowhere; an environment error when `variable` names no
    /// executable file (a mistake the author should hear about, not a tool to look for elsewhere).
    static func find(
        variable: String, places: [URL] = [], names: [String], environment: [String: String]
    ) throws(PipelineError) -> URL? {
        let manager = FileManager.default
        if let named = environment[variable], !named.isEmpty {
            guard manager.isExecutableFile(atPath: named) else {
                throw PipelineError(stage: .environment, path: named, message: "\(variable) names no executable file")
            }
            return URL(fileURLWithPath: named)
        }
        if let place = places.first(where: { manager.isExecutableFile(atPath: $0.path) }) { return place }
        for name in names {
            for folder in (environment["PATH"] ?? "").split(separator: ":") {
                let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if manager.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }
}
