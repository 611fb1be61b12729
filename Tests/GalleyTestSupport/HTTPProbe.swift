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
        let text = read(socket, until: nil, timeout: .seconds(10))
        return parse(text)
    }

    /// Opens `path` as an event stream and reads until `marker` has come (or `timeout` passed);
    /// `whileOpen` runs once the stream is open (to make something happen).
    public static func events(
        _ path: String, port: Int, until marker: String, timeout: Duration = .seconds(20),
        whileOpen: () throws -> Void = {}
    ) throws -> String {
        let socket = try connect(port: port)
        defer { close(socket) }
        try send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n", to: socket)
        // The stream's first event (the current problems) says it is open.
        var text = read(socket, until: "event: diagnostics", timeout: timeout)
        try whileOpen()
        text += read(socket, until: marker, timeout: timeout)
        return text
    }

    private static func connect(port: Int) throws -> Int32 {
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

    private static func send(_ text: String, to socket: Int32) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, 0) }
            guard sent > 0 else { throw POSIXError(.EPIPE) }
            offset += sent
        }
    }

    /// Reads until the connection closes, `marker` has come, or `timeout` passed.
    private static func read(_ socket: Int32, until marker: String?, timeout: Duration) -> String {
        var bytes: [UInt8] = []
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 65536)
        while ContinuousClock.now < deadline {
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            bytes += buffer[..<count]
            if let marker, String(decoding: bytes, as: UTF8.self).contains(marker) { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func parse(_ text: String) -> Response {
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts.first ?? ""
        let status = head.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return Response(status: status, head: head, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }
}
