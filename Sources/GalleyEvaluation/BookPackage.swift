public import Foundation
public import GalleyDiagnostics
import GalleySystem

/// The author's own SwiftPM package, named by `book.json`'s `"package"`: chapter code imports its
/// library products and runs against them, beside NeuralMath.
public struct BookPackage: Sendable {
    /// The package's folder (the one holding `Package.swift`), absolute.
    public var folder: URL
    /// The folder as diagnostics name the package's files: `Finance`, `../Finance`.
    public var displayPath: String
    /// Where `"package"` stands in `book.json`, for problems that are in no file of the package.
    public var manifestPath: String
    public var manifestLocation: SourceLocation
    /// A hash of everything the package's build reads: its manifest, its `Package.resolved` and
    /// every file of its sources (`digest(of:)`).
    public var digest: String
    /// The file in a cache folder that names the folder it is kept for (`CachePruner`).
    public static let ownerFile = "owner"

    public init(
        folder: URL, displayPath: String, manifestPath: String, manifestLocation: SourceLocation, digest: String
    ) {
        self.folder = folder
        self.displayPath = displayPath
        self.manifestPath = manifestPath
        self.manifestLocation = manifestLocation
        self.digest = digest
    }

    /// A hash of the package as its build reads it: the relative path and bytes of every file
    /// under its folder but hidden ones (`.build`, `.git`, `.swiftpm`), in path order. Editing a
    /// source, the manifest or the resolved versions changes it.
    public static func digest(of folder: URL) -> String {
        // Every run computes it at start-up: each file's bytes are read eight at a time.
        var hash = ContentHash()
        for path in files(in: folder) {
            hash.add(path)
            hash.add(SealedFile.digest(of: folder.appendingPathComponent(path)) ?? "unreadable")
        }
        return hash.hex
    }

    /// The files under `folder`, relative, sorted, without hidden files and folders.
    static func files(in folder: URL) -> [String] {
        guard
            let walker = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        let root = folder.standardizedFileURL.path
        var paths: [String] = []
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(root + "/") else { continue }
            paths.append(String(path.dropFirst(root.count + 1)))
        }
        return paths.sorted()
    }

    /// The modules that chapter code imports from the package: the targets of its library
    /// products.
    public struct Products: Sendable, Codable, Equatable {
        /// The library products' names, which the wrapper depends on.
        public var libraries: [String]
        /// Their targets, the modules chapter code may import.
        public var modules: [String]
        /// The package's identity as dependents name it: its folder's name, lowercased.
        public var identity: String
    }
}
