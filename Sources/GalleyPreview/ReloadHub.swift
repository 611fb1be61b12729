import FlyingFox
import FlyingSocks
import Foundation

/// The open pages' event streams (Server-Sent Events): after each render every page hears
/// `reload`, and each page, when it connects and after each render, hears the book's current
/// problems as `diagnostics` (a JSON array of lines), which it shows as an overlay until none is
/// left.
actor ReloadHub {
    private var streams: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]
    private var diagnostics: [String] = []
    /// Renders published so far.
    private(set) var renders = 0

    /// A new page's stream: the current problems first, then whatever comes.
    func subscribe() -> AsyncStream<[UInt8]> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(16))
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        continuation.yield(Self.event("diagnostics", Self.json(diagnostics)))
        streams[id] = continuation
        return stream
    }

    /// After a render: every page reloads, and hears the problems the render left.
    func published(diagnostics: [String]) {
        self.diagnostics = diagnostics
        renders += 1
        let events = Self.event("reload", String(renders)) + Self.event("diagnostics", Self.json(diagnostics))
        for continuation in streams.values { continuation.yield(events) }
    }

    /// A comment line every so often, so that a closed page's stream is noticed and dropped.
    func ping() {
        for continuation in streams.values { continuation.yield(Array(": ping\n\n".utf8)) }
    }

    var openStreams: Int { streams.count }

    private func remove(_ id: UUID) {
        streams[id] = nil
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
