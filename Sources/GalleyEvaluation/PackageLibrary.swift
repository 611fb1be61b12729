public import Foundation
public import GalleyDiagnostics
public import GalleySystem

/// The author's package, built by SwiftPM into one shared library that chapter programs link
/// against, with the `.swiftmodule`s they import.
///
/// SwiftPM builds a small wrapper package in the cache: it depends on the author's package by
/// path and has one dynamic library product of every library product of it. Its scratch folder
/// stays from run to run, so SwiftPM's own incremental build does the work after an edit. A state
/// file remembers which inputs (`BookPackage.digest`, the compiler) the last build was of and what
/// it gave, a library or diagnostics, so an unchanged package costs no SwiftPM call at all.
public struct PackageLibrary: Sendable {
    /// SwiftPM's release folder: the library, and the modules in `Modules`.
    public let folder: URL
    /// A hash of the inputs and the resolved dependencies, part of every chapter's cache key.
    public let key: String
    /// The modules chapter code may import.
    public let modules: [String]
    /// The C flags SwiftPM compiled the wrapper with (`-Xcc -fmodule-map-file=…`, `-Xcc -I …`):
    /// a Swift module of the package that imports a C target of it, or of a dependency, needs
    /// them to be imported.
    public let clangFlags: [String]

    /// The wrapper's product and module.
    static let wrapperName = "GalleyBookPackage"

    /// The flags a chapter program needs to import the package's modules and link its library;
    /// a C target's module map, where the package has one, is named so Swift can import it.
    var linkFlags: [String] {
        ["-I", folder.appendingPathComponent("Modules").path, "-L", folder.path] + clangFlags + [
            "-l\(Self.wrapperName)", "-Xlinker", "-rpath", "-Xlinker", folder.path,
        ]
    }

    /// The `-Xcc` pairs of the wrapper's compile command in SwiftPM's build description, which
    /// name every C module the package's Swift modules import.
    static func clangFlags(inDescription file: URL) -> [String] {
        struct Description: Decodable {
            struct Command: Decodable {
                var moduleName: String?
                var otherArguments: [String]?
            }
            var swiftCommands: [String: Command]
        }
        guard let data = FileManager.default.contents(atPath: file.path),
            let description = try? JSONDecoder().decode(Description.self, from: data),
            let command = description.swiftCommands.values.first(where: { $0.moduleName == wrapperName }),
            let arguments = command.otherArguments
        else { return [] }
        var flags: [String] = []
        var index = 0
        while index + 1 < arguments.count {
            if arguments[index] == "-Xcc", arguments[index + 1] != "-g", arguments[index + 1] != "-fPIC",
                !arguments[index + 1].hasPrefix("-fno-omit")
            {
                flags += ["-Xcc", arguments[index + 1]]
                index += 2
            } else {
                index += 1
            }
        }
        return flags
    }

    /// What preparing the package gave.
    public enum Outcome: Sendable {
        case built(PackageLibrary)
        /// The package did not build: what SwiftPM said, as diagnostics, and the modules that
        /// chapters cannot import therefore (empty when even the manifest could not be read).
        case failed(modules: [String], diagnostics: [Diagnostic])
    }

    /// What the state file holds: the inputs built and the outcome.
    struct State: Codable {
        var inputs: String
        var key: String?
        var modules: [String]
        var diagnostics: [Diagnostic]
        var clangFlags: [String] = []
        /// The built library's digest, checked before it is used.
        var libraryDigest: String?
    }
}

extension BookPackage {
    /// Builds the package into `cache`, or finds the last build of the same inputs there.
    /// `reads` false builds again whatever the state file says.
    public func prepare(
        compiler: SwiftCompiler, cache: URL, reads: Bool, damage: CacheDamage? = nil
    ) -> PackageLibrary.Outcome {
        var inputs = ContentHash()
        inputs.add(compiler.version)
        inputs.add(digest)
        inputs.add(PackageWrapper.formatVersion)
        var place = ContentHash()
        place.add(folder.standardizedFileURL.path)
        let root = cache.appendingPathComponent("package-\(place.hex)")
        let stateFile = root.appendingPathComponent("state.sealed")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        // Which package this is, for the cache's pruning once it is gone; and used now.
        try? AtomicFile.writeIfChanged(
            Data(folder.standardizedFileURL.path.utf8), to: root.appendingPathComponent(Self.ownerFile))
        AtomicFile.touch(root)
        if reads, let data = SealedFile.read(stateFile, damage: damage, kind: "package"),
            let state = try? JSONDecoder().decode(PackageLibrary.State.self, from: data), state.inputs == inputs.hex
        {
            let library = PackageLibrary(
                folder: releaseFolder(root), key: state.key ?? "", modules: state.modules, clangFlags: state.clangFlags)
            if state.key == nil { return .failed(modules: state.modules, diagnostics: state.diagnostics) }
            if let digest = state.libraryDigest, SealedFile.digest(of: library.libraryFile) == digest {
                return .built(library)
            }
            damage?.record("package", at: library.libraryFile)
            // SwiftPM links it again only if it is gone.
            try? FileManager.default.removeItem(at: library.libraryFile)
        }
        var state = build(compiler: compiler, root: root, inputs: inputs.hex)
        state.libraryDigest = SealedFile.digest(of: PackageLibrary.libraryFile(in: releaseFolder(root)))
        if let data = try? JSONEncoder().encode(state) { try? SealedFile.write(data, to: stateFile) }
        guard let key = state.key else { return .failed(modules: state.modules, diagnostics: state.diagnostics) }
        return .built(
            PackageLibrary(folder: releaseFolder(root), key: key, modules: state.modules, clangFlags: state.clangFlags))
    }

    private func releaseFolder(_ root: URL) -> URL {
        root.appendingPathComponent("build").appendingPathComponent("release")
    }

    /// Reads the products, writes the wrapper and runs `swift build`.
    private func build(compiler: SwiftCompiler, root: URL, inputs: String) -> PackageLibrary.State {
        let swift = URL(fileURLWithPath: compiler.path).deletingLastPathComponent().appendingPathComponent("swift").path
        let (read, problems) = readProducts(swift: swift)
        guard let products = read else { return .init(inputs: inputs, modules: [], diagnostics: problems) }
        guard !products.libraries.isEmpty else {
            return .init(inputs: inputs, modules: [], diagnostics: [.packageHasNoLibrary(self)])
        }
        let wrapper = root.appendingPathComponent("wrapper")
        do {
            try PackageWrapper.write(for: self, products: products, into: wrapper)
        } catch {
            return .init(
                inputs: inputs, modules: products.modules,
                diagnostics: [.packageUnusable(self, detail: "cannot write \(wrapper.path): \(error)")])
        }
        let arguments = [
            "build", "--package-path", wrapper.path, "--scratch-path", root.appendingPathComponent("build").path,
            "-c", "release", "--product", PackageLibrary.wrapperName, "-Xswiftc", "-diagnostic-style=llvm",
        ]
        let run: (termination: ChildProcess.Termination, output: String, errors: String)
        do {
            run = try ChildProcess(executable: swift, arguments: arguments, timeout: .seconds(1800)).collect()
        } catch {
            return .init(
                inputs: inputs, modules: products.modules, diagnostics: [.packageUnusable(self, detail: "\(error)")])
        }
        guard run.termination.succeeded else {
            return .init(
                inputs: inputs, modules: products.modules,
                diagnostics: buildDiagnostics(run.output + run.errors, timedOut: run.termination.timedOut))
        }
        var key = ContentHash()
        key.add(inputs)
        key.add(FileManager.default.contents(atPath: wrapper.appendingPathComponent("Package.resolved").path) ?? Data())
        let clangFlags = PackageLibrary.clangFlags(
            inDescription: releaseFolder(root).appendingPathComponent("description.json"))
        return .init(inputs: inputs, key: key.hex, modules: products.modules, diagnostics: [], clangFlags: clangFlags)
    }

    /// The package's library products and their targets, from `swift package dump-package`.
    private func readProducts(swift: String) -> (Products?, [Diagnostic]) {
        let run: (termination: ChildProcess.Termination, output: String, errors: String)
        do {
            run = try ChildProcess(
                executable: swift, arguments: ["package", "dump-package", "--package-path", folder.path],
                timeout: .seconds(300)
            ).collect()
        } catch {
            return (nil, [.packageUnusable(self, detail: "\(error)")])
        }
        guard run.termination.succeeded else {
            return (nil, buildDiagnostics(run.output + run.errors, timedOut: run.termination.timedOut))
        }
        struct Manifest: Decodable {
            struct Product: Decodable {
                var name: String
                var type: [String: [String]?]
                var targets: [String]
            }
            var products: [Product]
        }
        guard let manifest = try? JSONDecoder().decode(Manifest.self, from: Data(run.output.utf8)) else {
            return (nil, [.packageUnusable(self, detail: "cannot read what `swift package dump-package` printed")])
        }
        let libraries = manifest.products.filter { $0.type.keys.contains("library") }
        var modules: [String] = []
        for target in libraries.flatMap(\.targets) where !modules.contains(target) { modules.append(target) }
        let products = Products(
            libraries: libraries.map(\.name), modules: modules, identity: folder.lastPathComponent.lowercased())
        return (products, [])
    }

    /// What SwiftPM printed, as diagnostics: each error and warning in a file of the package at
    /// its place there (notes too, after them); anything else, and a failure with no such line,
    /// at `book.json`'s `"package"`.
    func buildDiagnostics(_ text: String, timedOut: Bool) -> [Diagnostic] {
        let root = RealPath.of(folder.path) ?? folder.standardizedFileURL.path
        var diagnostics: [Diagnostic] = []
        var outside: [String] = []
        for message in CompilerDiagnostic.parse(text) {
            let real = RealPath.of(message.path) ?? message.path
            if RealPath.isInside(real, root: root) {
                let relative = String(real.dropFirst(root.count)).trimmingCharacters(in: ["/"])
                diagnostics.append(
                    .packageCompilerMessage(
                        message.message, severity: message.severity,
                        path: displayPath.isEmpty || displayPath == "." ? relative : displayPath + "/" + relative,
                        at: SourceLocation(line: message.line, column: message.column)))
            } else if message.severity == .error {
                outside.append("\(message.path):\(message.line):\(message.column): \(message.message)")
            }
        }
        if timedOut {
            outside.append("`swift build` ran for more than 30 minutes and was stopped")
        }
        if !diagnostics.contains(where: { $0.severity == .error }) && outside.isEmpty {
            // SwiftPM's own errors (resolution, a product it cannot find) are lines that start with
            // `error: `.
            let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            outside += lines.filter { $0.hasPrefix("error: ") }.map { String($0.dropFirst(7)) }
            if outside.isEmpty { outside.append(lines.suffix(5).joined(separator: "\n")) }
        }
        if !outside.isEmpty {
            diagnostics.append(.packageUnusable(self, detail: outside.joined(separator: "\n")))
        }
        return diagnostics
    }
}

extension PackageLibrary {
    var libraryFile: URL { Self.libraryFile(in: folder) }

    static func libraryFile(in folder: URL) -> URL { folder.appendingPathComponent("lib\(wrapperName).so") }
}
