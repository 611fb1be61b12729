import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A headless Chromium driven through its DevTools protocol over `--remote-debugging-pipe`: JSON
/// messages, each ended by a NUL byte, which Chromium reads from its descriptor 3 and writes to
/// its descriptor 4. Both are one end of a socket pair here, so that writing to a browser that went
/// away is an error to report (`MSG_NOSIGNAL`), not a `SIGPIPE` that ends this process.
///
/// Chromium runs in a process group of its own (`ChildProcess.spawn`), so that its renderers and
/// helpers end with it. Every answer is waited for with a ceiling; at the ceiling the error says
/// what Chromium last wrote to its standard error.
public final class DevToolsConnection {
    /// Why the browser could not do what was asked, with what it said.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    private let process: pid_t
    private let socket: Int32
    private var buffer: [UInt8] = []
    /// How much of `buffer` is known to hold no NUL.
    private var scanned = 0
    private var nextID = 1
    private let stderrLog: URL
    private var closed = false
    /// How long one command may wait for its answer.
    public var ceiling: Duration
    /// Each session's console messages, exceptions and log entries, as they arrived.
    public private(set) var log: [String: [String]] = [:]

    /// Starts `executable` with `arguments`, which must include `--remote-debugging-pipe`.
    public init(executable: String, arguments: [String], ceiling: Duration = .seconds(60)) throws(Failure) {
        self.ceiling = ceiling
        stderrLog = FileManager.default.temporaryDirectory.appendingPathComponent("galley-chromium-\(UUID()).log")
        var ends: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
            throw Failure(description: "cannot create a socket pair: \(String(cString: strerror(errno)))")
        }
        let errors = open(stderrLog.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer {
            if errors >= 0 { Glibc.close(errors) }
            Glibc.close(ends[1])
        }
        do {
            process = try ChildProcess(executable: executable, arguments: arguments)
                .spawn(descriptors: [nil, nil, errors >= 0 ? errors : nil, ends[1], ends[1]])
        } catch {
            Glibc.close(ends[0])
            throw Failure(description: error.description)
        }
        socket = ends[0]
    }

    deinit { close() }

    /// Sends a command and waits for its answer, keeping the events that come before it.
    public func call(
        _ method: String, _ parameters: [String: Any] = [:], session: String? = nil
    ) throws(Failure) -> [String: Any] {
        let id = nextID
        nextID += 1
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if let session { message["sessionId"] = session }
        guard let data = try? JSONSerialization.data(withJSONObject: message) else {
            throw Failure(description: "\(method): its parameters are not JSON")
        }
        try send(data + [0])
        let deadline = ContinuousClock.now + ceiling
        while let reply = try receive(before: deadline) {
            if reply["id"] as? Int == id {
                if let error = reply["error"] as? [String: Any] {
                    throw Failure(description: "\(method): \(error["message"] ?? error)")
                }
                return reply["result"] as? [String: Any] ?? [:]
            }
            record(reply)
        }
        throw Failure(description: "\(method) had no answer after \(ceiling); \(stderrTail())")
    }

    /// Waits until an event named `method` has come for `session`, keeping the others.
    public func wait(for method: String, session: String) throws(Failure) {
        let deadline = ContinuousClock.now + ceiling
        while let event = try receive(before: deadline) {
            if event["method"] as? String == method, event["sessionId"] as? String == session { return }
            record(event)
        }
        throw Failure(description: "no \(method) after \(ceiling); \(stderrTail())")
    }

    /// Ends the browser and everything it started.
    public func close() {
        guard !closed else { return }
        closed = true
        Glibc.close(socket)
        killpg(process, SIGKILL)
        var status: Int32 = 0
        while waitpid(process, &status, 0) < 0 && errno == EINTR {}
        try? FileManager.default.removeItem(at: stderrLog)
    }

    // MARK: - Messages

    private func record(_ event: [String: Any]) {
        guard let session = event["sessionId"] as? String, let method = event["method"] as? String,
            let parameters = event["params"] as? [String: Any]
        else { return }
        let line: String
        switch method {
        case "Runtime.consoleAPICalled":
            let arguments = (parameters["args"] as? [[String: Any]] ?? []).map { argument in
                argument["value"].map { "\($0)" } ?? (argument["description"] as? String ?? "")
            }
            line = "console.\(parameters["type"] ?? "log"): \(arguments.joined(separator: " "))"
        case "Runtime.exceptionThrown":
            let details = parameters["exceptionDetails"] as? [String: Any] ?? [:]
            let exception = (details["exception"] as? [String: Any])?["description"] as? String
            line = "exception: \(exception ?? details["text"] as? String ?? "")"
        case "Log.entryAdded":
            let entry = parameters["entry"] as? [String: Any] ?? [:]
            line = "\(entry["level"] ?? "log") (\(entry["source"] ?? "")): \(entry["text"] ?? "") \(entry["url"] ?? "")"
        default:
            return
        }
        log[session, default: []].append(line)
    }

    private func send(_ data: Data) throws(Failure) {
        var offset = 0
        while offset < data.count {
            let written = data[offset...].withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw Failure(description: "the browser went away; \(stderrTail())") }
            offset += written
        }
    }

    /// The next message, or nil if none came before `deadline`.
    private func receive(before deadline: ContinuousClock.Instant) throws(Failure) -> [String: Any]? {
        while true {
            if let end = buffer[scanned...].firstIndex(of: 0) {
                let message = Data(buffer[..<end])
                buffer.removeSubrange(...end)
                scanned = 0
                return (try? JSONSerialization.jsonObject(with: message)) as? [String: Any] ?? [:]
            }
            guard ContinuousClock.now < deadline else { return nil }
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            scanned = buffer.count
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(socket, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw Failure(description: "the browser went away; \(stderrTail())") }
            buffer += chunk[..<count]
        }
    }

    private func stderrTail() -> String {
        let text = (try? String(contentsOf: stderrLog, encoding: .utf8)) ?? ""
        return "its stderr ends: " + String(text.suffix(1500))
    }
}
