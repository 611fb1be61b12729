public import Foundation

/// A book folder made for one test, removed when the test is done with it.
public final class TemporaryBook {
    /// A fresh working folder; the book lives in `Chapters/` inside it.
    public let root: URL
    public var chapters: URL { root.appendingPathComponent("Chapters") }
    public var output: URL { root.appendingPathComponent("Output") }

    /// Creates the folder with these files, by path relative to `Chapters/`.
    public init(_ files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("galley-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
        for (path, contents) in files { try write(path, contents) }
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
        Self.forgetRendered(Self.sharedCache, book: chapters)
    }

    /// Writes a file under `Chapters/`.
    public func write(_ path: String, _ contents: String) throws {
        try write(path, Data(contents.utf8))
    }

    public func write(_ path: String, _ data: Data) throws {
        let url = chapters.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Writes a file beside `Chapters/`, by path relative to the working folder: a package the
    /// book names, say.
    public func writeBeside(_ path: String, _ contents: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
    }

    /// A file of the rendered output, as text; nil when it is not there.
    public func output(_ path: String) -> String? {
        (try? Data(contentsOf: output.appendingPathComponent(path))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether a render's staging folder (the next output, being written) is beside the output.
    public var hasStaging: Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).contains {
            $0.contains("galley-staging")
        }
    }

    /// Every file under the output folder, by relative path, with its bytes.
    public func outputFiles() -> [String: Data] {
        var files: [String: Data] = [:]
        let base = output.standardizedFileURL.path + "/"
        guard let enumerator = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil) else {
            return [:]
        }
        for case let url as URL in enumerator {
            guard let data = try? Data(contentsOf: url), !url.hasDirectoryPath else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(base.count))] = data
        }
        return files
    }

    /// Runs `render Chapters` with more arguments in this folder. Unless the arguments name a
    /// cache, the tests share one, so the runtime libraries are built once per machine.
    @discardableResult
    public func render(_ arguments: [String] = [], environment: [String: String] = [:]) throws -> RenderRun {
        let cache = arguments.contains("--cache-dir") ? [] : ["--cache-dir", Self.sharedCache.path]
        return try RenderBinary.run(["Chapters"] + cache + arguments, in: root, environment: environment)
    }

    /// The cache the tests share (keyed by content, so sharing is safe).
    public static let sharedCache = FileManager.default.temporaryDirectory.appendingPathComponent("galley-test-cache")

    /// Removes what `cache` keeps of a book's rendered chapters: every test book is gone when its
    /// test ends, and a shared cache would otherwise keep its pages (hundreds of megabytes for the
    /// long-chapter tests) until the render cache's pruning finds them a month old.
    public static func forgetRendered(_ cache: URL, book: URL) {
        let render = cache.appendingPathComponent("render")
        let manager = FileManager.default
        let owner = book.standardizedFileURL.path
        for name in (try? manager.contentsOfDirectory(atPath: render.path)) ?? [] {
            let folder = render.appendingPathComponent(name)
            guard let recorded = try? String(contentsOf: folder.appendingPathComponent("owner"), encoding: .utf8),
                recorded.trimmingCharacters(in: .whitespacesAndNewlines) == owner
            else { continue }
            try? manager.removeItem(at: folder)
        }
    }
}
