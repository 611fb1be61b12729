public import Foundation

/// Where a Swift toolchain keeps what linking needs, as `swiftc -print-target-info` tells.
public struct ToolchainPaths: Sendable, Equatable {
    /// The runtime resource folder, `…/usr/lib/swift`.
    public var resourceFolder: String
    /// Where the runtime's libraries are, `…/usr/lib/swift/linux`.
    public var libraryFolders: [String]
    /// `linux`, and the target's architecture, `x86_64`: the folder of `swiftrt.o`.
    public var platform: String
    public var architecture: String

    /// Reads the JSON `swiftc -print-target-info` prints; nil when it lacks a field.
    public init?(targetInfo: String) {
        struct Info: Decodable {
            struct Target: Decodable {
                var platform: String
                var arch: String
            }
            struct Paths: Decodable {
                var runtimeLibraryPaths: [String]
                var runtimeResourcePath: String
            }
            var target: Target
            var paths: Paths
        }
        guard let info = try? JSONDecoder().decode(Info.self, from: Data(targetInfo.utf8)) else { return nil }
        resourceFolder = info.paths.runtimeResourcePath
        libraryFolders = info.paths.runtimeLibraryPaths
        platform = info.target.platform
        architecture = info.target.arch
    }

    /// The object every Swift image is linked with: it registers the image's metadata (types,
    /// conformances) with the runtime when the image is loaded.
    var runtimeObject: String { "\(resourceFolder)/\(platform)/\(architecture)/swiftrt.o" }

    /// The toolchain's own `clang`, beside `swiftc` in `…/usr/bin`.
    var clang: String {
        URL(fileURLWithPath: resourceFolder).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("bin/clang").path
    }
}

/// Links a compiled chapter into a shared object, which the chapter host (`ChapterHost`) loads and
/// runs.
///
/// Linking an executable reads every library the chapter might use — Foundation's alone are
/// tens of megabytes of symbols — and `swiftc` starts a process to find them in the object first:
/// a third of the time of compiling five chapters (BENCHMARKS.md). The host was linked with those
/// libraries once; a chapter's shared object is linked with none of them, its symbols found in the
/// host when it is loaded. Only a library the host lacks (a chapter that imports `Synchronization`,
/// the book's own package) is linked in.
struct ChapterLinker: Sendable {
    let clang: String
    let paths: ToolchainPaths

    /// The linker of the compiler's toolchain; nil when the compiler did not say where its parts
    /// are or they are not there (then chapters are linked into executables by `swiftc`).
    static func locate(_ compiler: SwiftCompiler) -> ChapterLinker? {
        guard let paths = compiler.paths, FileManager.default.fileExists(atPath: paths.runtimeObject),
            FileManager.default.isExecutableFile(atPath: paths.clang)
        else { return nil }
        return ChapterLinker(clang: paths.clang, paths: paths)
    }

    /// Links `object` into the shared object `output`, with `libraries` (`-lName` entries) found in
    /// the runtime's folders or `folders`, which the shared object also finds them in when loaded.
    func link(
        _ object: URL, into output: URL, libraries: [String], folders: [String]
    ) throws(EvaluationError) -> SwiftCompiler.Output {
        var arguments = ["-shared", "-o", output.path, paths.runtimeObject, object.path]
        if !libraries.isEmpty {
            for folder in paths.libraryFolders + folders {
                arguments += ["-L", folder, "-Wl,-rpath,\(folder)"]
            }
            arguments += libraries
        }
        return try SwiftCompiler.execute(clang, arguments)
    }
}
