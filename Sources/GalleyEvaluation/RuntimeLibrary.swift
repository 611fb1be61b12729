import Foundation
import GalleySystem

/// NeuralMath, the records and the Galley runtime, compiled as libraries that chapter programs
/// link against.
///
/// Their sources are embedded in Galley itself (`EmbeddedRuntimeSources`, generated at build time
/// by the EmbedRuntimeSources plugin), so a `render` binary copied anywhere can build them. They
/// are built into a cache folder keyed by a hash of those sources and the compiler version, so a
/// changed NeuralMath is picked up without anyone deleting a cache. SwiftPM's own `.build` layout
/// is no stable interface, so it is not used.
struct RuntimeLibrary: Sendable {
    /// The folder holding `libNeuralMath.so`, `libGalleyRecords.so`, `libGalleyRuntime.so` and
    /// their `.swiftmodule`s.
    let folder: URL
    /// The hash of the sources and compiler, part of every chapter's cache key.
    let hash: String
    /// The `-lName` libraries the chapter host was linked with, which a chapter's shared object
    /// need not be.
    var hostLibraries: Set<String> = []

    /// The chapter host, which runs chapters linked as shared objects (`ChapterHost`).
    var host: URL { folder.appendingPathComponent(ChapterHost.executableName) }

    /// The modules chapter code sees, in build order: each may import those before it.
    static let modules = EmbeddedRuntimeSources.modules.map(\.name)

    /// Flags for compiling the libraries, part of the cache key.
    static let libraryFlags = [
        "-swift-version", "6", "-parse-as-library",
        "-enable-upcoming-feature", "InternalImportsByDefault",
        "-enable-upcoming-feature", "ExistentialAny",
    ]

    /// NeuralMath is the math chapters run, optimised; the records and the runtime only pass
    /// records and format values, and optimising them tripled the time of a machine's first render.
    static func optimization(for module: String) -> String {
        module == "NeuralMath" ? "-O" : "-Onone"
    }

    /// What each module imports of the others (NeuralMath and the records import none).
    static let imports = ["GalleyRuntime": ["GalleyRecords"]]

    /// The modules in waves that build side by side, each after the modules it imports.
    static var buildWaves: [[String]] {
        var waves: [[String]] = []
        var done: Set<String> = []
        var left = modules
        while !left.isEmpty {
            let ready = left.filter { Set(imports[$0] ?? []).isSubset(of: done) }
            guard !ready.isEmpty else { return waves + [left] }
            waves.append(ready)
            done.formUnion(ready)
            left.removeAll { ready.contains($0) }
        }
        return waves
    }

    /// Builds the libraries into `cache`, or finds them there from an earlier run.
    static func prepare(
        compiler: SwiftCompiler, cache: URL, damage: CacheDamage? = nil
    ) throws(EvaluationError) -> RuntimeLibrary {
        var hash = ContentHash()
        hash.add(compiler.version)
        hash.add("sealed complete")  // folders from before the seal are not read
        for flag in libraryFlags { hash.add(flag) }
        for module in EmbeddedRuntimeSources.modules {
            hash.add(module.name)
            hash.add(optimization(for: module.name))
            for file in module.files {
                hash.add(file.name)
                hash.add(file.text)
            }
        }
        hash.add(ChapterHost.source)
        let key = hash.hex
        let folder = cache.appendingPathComponent("runtime-\(key)")
        var library = RuntimeLibrary(folder: folder, hash: key)
        let complete = folder.appendingPathComponent("complete")
        if FileManager.default.fileExists(atPath: complete.path) {
            if isWhole(folder, damage: damage) {
                library.hostLibraries = ChapterHost.libraries(in: folder)
                return library
            }
            // Damaged: built again, in place of the folder.
            try? FileManager.default.removeItem(at: folder)
        }

        // Build beside the final folder, then move it into place in one step; a concurrent run
        // that gets there first wins, and its build is as good as ours.
        let staging = AtomicFile.temporaryURL(beside: folder, purpose: "building")
        defer { try? FileManager.default.removeItem(at: staging) }
        var sourceFiles: [String: [String]] = [:]
        do {
            for module in EmbeddedRuntimeSources.modules {
                let sources = staging.appendingPathComponent("Sources").appendingPathComponent(module.name)
                try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
                for file in module.files {
                    let url = sources.appendingPathComponent(file.name)
                    try Data(file.text.utf8).write(to: url)
                    sourceFiles[module.name, default: []].append(url.path)
                }
            }
        } catch {
            throw .runtimeLibrary("cannot write the sources to \(staging.path): \(error.localizedDescription)")
        }
        let built = sourceFiles
        for wave in buildWaves {
            let failures = Parallel.map(wave) { module -> String? in
                var arguments =
                    libraryFlags + [
                        optimization(for: module),
                        "-emit-library", "-emit-module",
                        "-module-name", module,
                        "-o", staging.appendingPathComponent("lib\(module).so").path,
                        "-emit-module-path", staging.appendingPathComponent("\(module).swiftmodule").path,
                        "-module-cache-path", cache.appendingPathComponent("ModuleCache").path,
                        "-I", staging.path, "-L", staging.path,
                        "-Xlinker", "-soname=lib\(module).so",
                        "-Xlinker", "-rpath", "-Xlinker", folder.path,
                    ]
                arguments += (imports[module] ?? []).map { "-l\($0)" }
                arguments += built[module] ?? []
                do {
                    let output = try compiler.run(arguments)
                    return output.succeeded ? nil : "\(module) did not compile:\n\(output.text)"
                } catch {
                    return "\(module) did not compile: \(error)"
                }
            }
            if let failure = failures.compactMap({ $0 }).first { throw .runtimeLibrary(failure) }
        }
        try ChapterHost.build(
            compiler: compiler, modules: modules, in: staging, finalFolder: folder,
            moduleCache: cache.appendingPathComponent("ModuleCache"))
        do {
            try SealedFile.write(
                JSONEncoder().encode(digests(in: staging)), to: staging.appendingPathComponent("complete"))
        } catch {
            throw .runtimeLibrary("cannot write \(staging.path): \(error)")
        }
        do {
            try AtomicFile.move(staging, into: folder, keepingExisting: true)
        } catch {
            throw .runtimeLibrary("\(error)")
        }
        library.hostLibraries = ChapterHost.libraries(in: folder)
        return library
    }

    /// The digests of the libraries, modules and chapter host in a folder, which `complete` keeps,
    /// sealed.
    private static func digests(in folder: URL) -> [String: String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var digests: [String: String] = [:]
        for name in names
        where name.hasSuffix(".so") || name.hasSuffix(".swiftmodule") || name.hasPrefix(ChapterHost.executableName) {
            digests[name] = SealedFile.digest(of: folder.appendingPathComponent(name))
        }
        return digests
    }

    /// Whether a built folder's `complete` opens and its files are what it says; a damaged one is
    /// recorded.
    private static func isWhole(_ folder: URL, damage: CacheDamage?) -> Bool {
        let complete = folder.appendingPathComponent("complete")
        guard let data = SealedFile.read(complete, damage: damage, kind: "libraries") else { return false }
        guard let recorded = try? JSONDecoder().decode([String: String].self, from: data), !recorded.isEmpty,
            recorded == digests(in: folder)
        else {
            damage?.record("libraries", at: folder)
            return false
        }
        return true
    }

    /// The flags a chapter program needs to import and link the libraries.
    var linkFlags: [String] {
        ["-I", folder.path, "-L", folder.path] + Self.modules.map { "-l\($0)" }
            + ["-Xlinker", "-rpath", "-Xlinker", folder.path]
    }
}
