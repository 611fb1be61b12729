import Foundation

/// NeuralMath and the Galley runtime, compiled as libraries that chapter programs link against.
///
/// `render` builds them itself, from the sources of the package it was built from, into a cache
/// folder keyed by a hash of those sources and the compiler version, so that it works from any
/// folder and a changed NeuralMath is picked up without anyone deleting a cache. SwiftPM's own
/// `.build` layout is no stable interface, so it is not used.
struct RuntimeLibrary: Sendable {
    /// The folder holding `libNeuralMath.so`, `libGalleyRuntime.so` and their `.swiftmodule`s.
    let folder: URL
    /// The hash of the sources and compiler, part of every chapter's cache key.
    let hash: String

    /// The modules chapter code sees, in build order.
    static let modules = ["NeuralMath", "GalleyRuntime"]

    /// The package's `Sources` folder: `$GALLEY_SOURCES`, or the one this file was compiled from.
    static func sourcesFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let explicit = environment["GALLEY_SOURCES"] { return URL(fileURLWithPath: explicit) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Flags for compiling the libraries, part of the cache key.
    static let libraryFlags = [
        "-swift-version", "6", "-parse-as-library",
        "-enable-upcoming-feature", "InternalImportsByDefault",
        "-enable-upcoming-feature", "ExistentialAny",
    ]

    /// NeuralMath is the math chapters run, optimised; the runtime only passes records and
    /// formats values, and optimising it tripled the time of a machine's first render.
    static func optimization(for module: String) -> String {
        module == "NeuralMath" ? "-O" : "-Onone"
    }

    /// Builds the libraries into `cache`, or finds them there from an earlier run.
    static func prepare(compiler: SwiftCompiler, cache: URL) throws(EvaluationError) -> RuntimeLibrary {
        let sources = sourcesFolder()
        var files: [String: [URL]] = [:]
        var hash = ContentHash()
        hash.add(compiler.version)
        for flag in libraryFlags { hash.add(flag) }
        for module in modules {
            let folder = sources.appendingPathComponent(module)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
                throw .runtimeLibrary("no sources at \(folder.path); set GALLEY_SOURCES to the package's Sources folder")
            }
            let swiftFiles = names.filter { $0.hasSuffix(".swift") }.sorted().map { folder.appendingPathComponent($0) }
            files[module] = swiftFiles
            hash.add(module)
            hash.add(optimization(for: module))
            for file in swiftFiles {
                guard let data = FileManager.default.contents(atPath: file.path) else {
                    throw .runtimeLibrary("cannot read \(file.path)")
                }
                hash.add(file.lastPathComponent)
                hash.add(data)
            }
        }
        let key = hash.hex
        let folder = cache.appendingPathComponent("runtime-\(key)")
        let library = RuntimeLibrary(folder: folder, hash: key)
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("complete").path) {
            return library
        }

        // Build beside the final folder, then move it into place in one step; a concurrent run
        // that gets there first wins, and its build is as good as ours.
        let staging = cache.appendingPathComponent("runtime-\(key).building-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw .runtimeLibrary("cannot create \(staging.path): \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: staging) }
        // The two modules do not import each other: they are built side by side.
        let sourceFiles = files
        let failures = Parallel.map(modules) { module -> String? in
            var arguments = libraryFlags + [
                optimization(for: module),
                "-emit-library", "-emit-module",
                "-module-name", module,
                "-o", staging.appendingPathComponent("lib\(module).so").path,
                "-emit-module-path", staging.appendingPathComponent("\(module).swiftmodule").path,
                "-module-cache-path", cache.appendingPathComponent("ModuleCache").path,
                "-Xlinker", "-soname=lib\(module).so",
            ]
            arguments += (sourceFiles[module] ?? []).map(\.path)
            do {
                let output = try compiler.run(arguments)
                return output.succeeded ? nil : "\(module) did not compile:\n\(output.text)"
            } catch {
                return "\(module) did not compile: \(error)"
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw .runtimeLibrary(failure) }
        _ = FileManager.default.createFile(atPath: staging.appendingPathComponent("complete").path, contents: Data())
        if rename(staging.path, folder.path) != 0,
            !FileManager.default.fileExists(atPath: folder.appendingPathComponent("complete").path)
        {
            throw .runtimeLibrary("cannot move the built libraries to \(folder.path): \(String(cString: strerror(errno)))")
        }
        return library
    }

    /// The flags a chapter program needs to import and link the libraries.
    var linkFlags: [String] {
        ["-I", folder.path, "-L", folder.path] + Self.modules.map { "-l\($0)" }
            + ["-Xlinker", "-rpath", "-Xlinker", folder.path]
    }
}
