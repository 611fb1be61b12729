public import Foundation

/// Runs the built `render` executable, as a user would, and captures what it says.
public struct RenderRun: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public enum RenderBinary {
    /// The `render` executable SwiftPM built next to the test bundle.
    public static var url: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("render"),
            packageRoot.appendingPathComponent(".build/debug/render"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    }

    /// The package's root folder.
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// Runs `render` with `arguments` in `directory` and waits for it.
    @discardableResult
    public static func run(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:]
    ) throws -> RenderRun {
        try runProgram(
            url, arguments, in: directory, environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
    }

    /// Starts `render` without waiting, for tests that stop it part-way.
    public static func start(_ arguments: [String], in directory: URL) throws -> Process {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}

/// Runs a program to its end and captures what it writes to each stream.
public func runProgram(
    _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil
) throws -> RenderRun {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if let environment { process.environment = environment }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes to the end before waiting, so a chatty run cannot block on a full pipe.
    let outData = PipeReader(out.fileHandleForReading)
    let errData = PipeReader(err.fileHandleForReading)
    process.waitUntilExit()
    return RenderRun(
        status: process.terminationStatus,
        stdout: String(decoding: outData.wait(), as: UTF8.self),
        stderr: String(decoding: errData.wait(), as: UTF8.self))
}

/// Reads a file handle to its end on a background thread, so that a child writing much to one
/// pipe cannot block while the other is being read.
final class PipeReader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
