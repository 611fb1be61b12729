import Foundation
import PackagePlugin

/// Embeds the sources of the modules chapter programs compile against — NeuralMath, the records
/// and the runtime — into the target that builds them, as a generated Swift file. A `render`
/// binary then carries them wherever it is copied, without looking for the package it came from.
@main
struct EmbedRuntimeSources: BuildToolPlugin {
    /// The modules, in the order they are built: each may import those before it.
    static let modules = ["NeuralMath", "GalleyRecords", "GalleyRuntime"]

    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRuntimeSources.swift")
        var arguments = [output.path]
        var inputs: [URL] = []
        // The folders, not the targets: when Galley is another package's dependency, SwiftPM
        // loads only the targets `render` depends on, and the runtime is not one of them.
        for module in Self.modules {
            let folder = context.package.directoryURL.appending(path: "Sources").appending(path: module)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            let files = names.filter { $0.hasSuffix(".swift") }.sorted().map { folder.appending(path: $0) }
            arguments += ["--module", module] + files.map(\.path)
            inputs += files
        }
        return [
            .buildCommand(
                displayName: "Embedding the sources chapter programs compile against",
                executable: try context.tool(named: "EmbedSources").url,
                arguments: arguments, inputFiles: inputs, outputFiles: [output])
        ]
    }
}
