import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A plain HTTP/1.1 client over a socket, for the preview's tests: it sends the request line
/// exactly as given (so `/%2e%2e/` reaches the server as written) and reads what comes back.
public enum HTTPProbe {
    public struct Response: Sendable {
        public var status: Int
        public var head: String
        public var body: String
    }

    /// Sends `GET path` (or another method) to 127.0.0.1:`port` and reads the whole response.
    public static func get(_ path: String, port: Int, method: String = "GET") throws -> Response {
        let socket = try connect(port: port)
        defer { close(socket) }
        try send("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", to: socket)
        return parse(try readToEnd(socket))
    }

    /// Why a probe failed: no connection, or the awaited text did not come in time.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// How long a probe waits for what it expects before it fails: far beyond an idle machine's need.
    public static let ceiling: Duration = .seconds(60)

    /// Opens `path` as an event stream and reads until `marker` has come; `whileOpen` runs once
    /// the stream is open (to make something happen). Returns all it read, the response's head
    /// included; fails at the ceiling with what it read.
    public static func events(
        _ path: String, port: Int, until marker: String, whileOpen: () throws -> Void = {}
    ) throws -> String {
        let stream = try EventStream(path, port: port)
        try whileOpen()
        _ = try stream.read(until: marker)
        return stream.text
    }

    /// An event stream kept open across several reads, so that a test sees every event in order.
    public final class EventStream {
        private let socket: Int32
        /// Everything read so far.
        public private(set) var text = ""
        private var consumed: String.Index

        /// Connects and waits for the stream's first event (the current problems), which says it
        /// is open.
        public init(_ path: String, port: Int) throws {
            socket = try HTTPProbe.connect(port: port)
            consumed = text.startIndex
            try HTTPProbe.send(
                "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n", to: socket)
            _ = try read(until: "event: diagnostics")
        }

        deinit { close(socket) }

        /// Reads until `marker` appears after what earlier reads returned, and returns the text
        /// from there to the marker's end; fails at the ceiling with all it read.
        public func read(until marker: String) throws -> String {
            let deadline = ContinuousClock.now + HTTPProbe.ceiling
            while true {
                if let found = text[consumed...].range(of: marker) {
                    defer { consumed = found.upperBound }
                    return String(text[consumed..<found.upperBound])
                }
                guard ContinuousClock.now < deadline else {
                    throw Failure(description: "no \"\(marker)\" after \(HTTPProbe.ceiling); the stream said: \(text)")
                }
                guard let chunk = HTTPProbe.receive(socket, before: deadline) else {
                    let why =
                        ContinuousClock.now < deadline ? "the stream closed" : "nothing came for \(HTTPProbe.ceiling)"
                    throw Failure(description: "\(why) before \"\(marker)\"; the stream said: \(text)")
                }
                text += chunk
            }
        }
    }

    /// A connected socket to 127.0.0.1:`port`, for a test to hold or close.
    public static func connect(port: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(socket)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECONNREFUSED)
        }
        return socket
    }

    static func send(_ text: String, to socket: Int32) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw POSIXError(.EPIPE) }
            offset += sent
        }
    }

    /// Reads the whole response: until the server closes the connection. Fails at the ceiling.
    private static func readToEnd(_ socket: Int32) throws -> String {
        let deadline = ContinuousClock.now + ceiling
        var text = ""
        while let chunk = receive(socket, before: deadline) { text += chunk }
        guard ContinuousClock.now < deadline else {
            throw Failure(description: "the response did not end within \(ceiling); it began: \(text.prefix(2000))")
        }
        return text
    }

    /// The next bytes to arrive, as text (a multi-byte character split between two reads is
    /// decoded whole, the bytes being kept until it is); nil when the connection closed or at
    /// `deadline`.
    private static func receive(_ socket: Int32, before deadline: ContinuousClock.Instant) -> String? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        var bytes: [UInt8] = []
        while ContinuousClock.now < deadline {
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            bytes += buffer[..<count]
            if let text = String(validating: bytes, as: UTF8.self) { return text }
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    private static func parse(_ text: String) -> Response {
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts.first ?? ""
        let status = head.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return Response(status: status, head: head, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }
}
