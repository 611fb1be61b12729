public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A rendered site served over HTTP, as a reader's static host serves it: Python's `http.server`
/// on a free loopback port, for the pages that fetch what they need (the search fetches its
/// index's parts; from `file://` a browser refuses). Stopped when released.
public final class SiteServer {
    public let folder: URL
    private let process = Process()
    public private(set) var port = 0

    /// Starts the server and waits, with a ceiling, until it says where it listens.
    public init(_ folder: URL) throws {
        self.folder = folder
        let output = Pipe()
        // Debian's python3 itself: a wrapper (pyenv's shim) would stand between the test and the
        // server, and take the signal that stops it.
        let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : nil
        process.executableURL = URL(fileURLWithPath: python ?? "/usr/bin/env")
        process.arguments =
            (python == nil ? ["python3"] : [])
            + ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", folder.path]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var said = ""
        port =
            Self.port(
                in: output.fileHandleForReading.fileDescriptor, said: &said, ceiling: HTTPProbe.ceiling,
                pattern: #/port (\d+)/#) ?? 0
        guard port != 0 else {
            throw HTTPProbe.Failure(description: "http.server gave no port within the ceiling; it said: \(said)")
        }
    }

    /// Stops the server: killed, and waited for with a ceiling.
    deinit {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        let deadline = ContinuousClock.now + HTTPProbe.ceiling
        while process.isRunning && ContinuousClock.now < deadline {
            var poller = pollfd(fd: -1, events: 0, revents: 0)
            _ = poll(&poller, 0, 20)
        }
    }

    /// The address of `page` (a path in the site), with `query` as its `q` parameter.
    public func url(_ page: String, query: String? = nil) -> String {
        var components = URLComponents()
        components.scheme = "http"
        components.host = "127.0.0.1"
        components.port = port
        components.path = "/" + page
        if let query { components.queryItems = [URLQueryItem(name: "q", value: query)] }
        return components.string!
    }

    /// Reads what a starting server writes on `descriptor` until `pattern` names its port (the
    /// first capture), with a ceiling; everything read is added to `said`. Nil when the ceiling
    /// came or the output ended first.
    public static func port(
        in descriptor: Int32, said: inout String, ceiling: Duration, pattern: Regex<(Substring, Substring)>
    ) -> Int? {
        let deadline = ContinuousClock.now + ceiling
        var buffer = [UInt8](repeating: 0, count: 4096)
        while ContinuousClock.now < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { return nil }
            said += String(decoding: buffer[..<count], as: UTF8.self)
            if let match = said.firstMatch(of: pattern), let port = Int(match.output.1) { return port }
        }
        return nil
    }
}
