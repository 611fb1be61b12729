import Foundation
import GalleyRecords

/// The package SwiftPM builds for a book: it depends on the author's package by path and makes
/// one dynamic library of all its library products, so that a chapter program links one file
/// and imports the products' modules.
enum PackageWrapper {
    /// Part of the inputs' hash: a change to what is written here builds the package again.
    static let formatVersion = "galley-package-wrapper 2"

    /// Writes the wrapper's manifest and its one source file into `folder`, and the author's
    /// `Package.resolved`, if there is one, so that the dependencies resolve to the versions the
    /// author pinned.
    static func write(for package: BookPackage, products: BookPackage.Products, into folder: URL) throws {
        let sources = folder.appendingPathComponent("Sources").appendingPathComponent(PackageLibrary.wrapperName)
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        try writeIfChanged(
            manifest(for: package, products: products), to: folder.appendingPathComponent("Package.swift"))
        let exports = products.modules.map { "@_exported import \($0)\n" }.joined()
        try writeIfChanged(exports, to: sources.appendingPathComponent("Exports.swift"))
        let resolved = package.folder.appendingPathComponent("Package.resolved")
        if let pins = FileManager.default.contents(atPath: resolved.path) {
            try writeIfChanged(
                String(decoding: pins, as: UTF8.self), to: folder.appendingPathComponent("Package.resolved"))
        }
    }

    /// The wrapper's `Package.swift`.
    static func manifest(for package: BookPackage, products: BookPackage.Products) -> String {
        let dependencies = products.libraries.map {
            ".product(name: \(SwiftLiteral.string($0)), package: \(SwiftLiteral.string(products.identity)))"
        }
        return """
            // swift-tools-version:5.9
            // Written by Galley: the book's package as one library for chapter programs.
            import PackageDescription

            let package = Package(
                name: "\(PackageLibrary.wrapperName)",
                products: [.library(name: "\(PackageLibrary.wrapperName)", type: .dynamic, targets: ["\(PackageLibrary.wrapperName)"])],
                dependencies: [.package(path: \(SwiftLiteral.string(package.folder.standardizedFileURL.path)))],
                targets: [.target(name: "\(PackageLibrary.wrapperName)", dependencies: [\(dependencies.joined(separator: ", "))])]
            )

            """
    }

    /// Writes only what changed, so that SwiftPM does not plan the wrapper again for nothing.
    private static func writeIfChanged(_ text: String, to url: URL) throws {
        let data = Data(text.utf8)
        guard FileManager.default.contents(atPath: url.path) != data else { return }
        try data.write(to: url, options: .atomic)
    }
}
