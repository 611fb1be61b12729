import FlyingFox
import FlyingSocks
import Foundation

/// The open pages' event streams (Server-Sent Events): after each render every page hears
/// `reload`, and each page, when it connects and after each render, hears the book's current
/// problems as `diagnostics` (a JSON array of lines), which it shows as an overlay until none is
/// left.
///
/// A stream holds a file descriptor for as long as it is open, and the server learns that a page
/// went away only when a write to it fails. So every open stream hears a heartbeat every couple of
/// seconds, and the hub keeps at most `limit` streams: a new page's stream ends the oldest one
/// (whose page, if it is still open, reconnects a second later), so that pages opened and closed
/// faster than the heartbeat can never use up the process's descriptors.
actor ReloadHub {
    /// How often each open stream hears a comment line.
    static let heartbeat: Duration = .seconds(2)

    private var streams: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]
    /// The open streams' identities, oldest first.
    private var order: [UUID] = []
    private var diagnostics: [String] = []
    /// Renders published so far.
    private(set) var renders = 0
    /// The most streams kept open at once.
    let limit: Int

    /// - Parameter limit: the most streams to keep open; by default half of what the process may
    ///   open beyond the few dozen descriptors the server and a render need.
    init(limit: Int = max(8, (DescriptorLimit.current - 64) / 2)) {
        self.limit = limit
    }

    /// A new page's stream: how soon to reconnect, the current problems, then whatever comes.
    func subscribe() -> AsyncStream<[UInt8]> {
        while streams.count >= limit, !order.isEmpty {
            streams.removeValue(forKey: order.removeFirst())?.finish()
        }
        let id = UUID()
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(16))
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        continuation.yield(Array("retry: 1000\n\n".utf8))
        continuation.yield(Self.event("diagnostics", Self.json(diagnostics)))
        streams[id] = continuation
        order.append(id)
        return stream
    }

    /// After a render: every page reloads, and hears the problems the render left.
    func published(diagnostics: [String]) {
        self.diagnostics = diagnostics
        renders += 1
        let events = Self.event("reload", String(renders)) + Self.event("diagnostics", Self.json(diagnostics))
        for continuation in streams.values { continuation.yield(events) }
    }

    /// Before a render: every page says it is being rendered (the overlay's "rendering…").
    /// Pages written after the render that announced itself (the front and checks pages): the
    /// open ones among them reload.
    func reload(pages: [String]) {
        let event = Self.event("reload-pages", Self.json(pages))
        for continuation in streams.values { continuation.yield(event) }
    }

    func rendering() {
        let event = Self.event("rendering", String(renders + 1))
        for continuation in streams.values { continuation.yield(event) }
    }

    /// A comment line, so that a closed page's stream is noticed and dropped. It goes out as two
    /// writes: the first to a page that went away still succeeds (the peer answers it with a
    /// reset), the second fails, and the server closes the connection.
    func ping() {
        for continuation in streams.values {
            continuation.yield(Array(": ping\n".utf8))
            continuation.yield(Array("\n".utf8))
        }
    }

    var openStreams: Int { streams.count }

    private func remove(_ id: UUID) {
        streams[id] = nil
        order.removeAll { $0 == id }
    }

    static func event(_ name: String, _ data: String) -> [UInt8] {
        Array("event: \(name)\ndata: \(data)\n\n".utf8)
    }

    /// A JSON array of strings on one line (as an event's data must be).
    static func json(_ lines: [String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = (try? encoder.encode(lines)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// An event stream as a response body FlyingFox can send chunk by chunk.
struct EventBody: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let events: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(events: events.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var events: AsyncStream<[UInt8]>.AsyncIterator
        var pending: [UInt8] = []

        mutating func next() async -> UInt8? {
            if pending.isEmpty { pending = await events.next() ?? [] }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            if pending.isEmpty { pending = await events.next() ?? [] }
            guard !pending.isEmpty else { return nil }
            let chunk = Array(pending.prefix(count))
            pending.removeFirst(chunk.count)
            return chunk
        }
    }
}
