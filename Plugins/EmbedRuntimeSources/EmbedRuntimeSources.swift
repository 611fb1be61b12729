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
        for module in try context.package.targets(named: Self.modules) {
            guard let sources = module.sourceModule else { continue }
            let files = sources.sourceFiles(withSuffix: "swift").map(\.url).sorted { $0.path < $1.path }
            arguments += ["--module", module.name] + files.map(\.path)
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
