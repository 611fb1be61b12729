import Foundation
import GalleyRecords
import GalleySystem

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
        // Only what changed is written, so that SwiftPM does not plan the wrapper again for nothing.
        try AtomicFile.writeIfChanged(
            Data(manifest(for: package, products: products).utf8), to: folder.appendingPathComponent("Package.swift"))
        let exports = products.modules.map { "@_exported import \($0)\n" }.joined()
        try AtomicFile.writeIfChanged(Data(exports.utf8), to: sources.appendingPathComponent("Exports.swift"))
        let resolved = package.folder.appendingPathComponent("Package.resolved")
        if let pins = FileManager.default.contents(atPath: resolved.path) {
            try AtomicFile.writeIfChanged(pins, to: folder.appendingPathComponent("Package.resolved"))
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
}
