import FlyingFox
import FlyingSocks
public import Foundation
import GalleySystem
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// `render --serve`: serves the rendered site over HTTP, watches the book, renders again after
/// each change (the render cache makes that the changed chapters only) and reloads every open page.
///
/// It serves only the site's files and listens on loopback unless told otherwise; it writes
/// nothing but what the render writes (the output folder and the cache), never into the book.
/// On Ctrl-C or SIGTERM it stops every process a render started, then itself.
public enum LivePreview {
    public struct Configuration: Sendable {
        /// The book's folder, watched.
        public var book: URL
        /// The output folder, served.
        public var site: URL
        /// Folders inside the book that are not the book's (the output, the cache).
        public var ignoring: [URL]
        public var host: String
        /// 0 for any free port.
        public var port: UInt16
        /// How long the book must stay still after a change before it is rendered again, so that
        /// a burst of saves is one render.
        public var settle: Duration
        /// Waits for work a render left to the background (the search index) and returns true
        /// once some is done: the preview then renders again to publish it, and reloads no page
        /// (no page changed). False when cancelled.
        public var backgroundWork: (@Sendable () async -> Bool)?
        /// Waits until pages a render left to the background (the front and checks pages) are
        /// written, and returns their paths: the open ones reload. Nil when cancelled.
        public var pagesWritten: (@Sendable () async -> [String]?)?
        /// Called before a request's file is looked up, with its path: a file made only when it is
        /// asked for (the print page) is made then.
        public var beforeServing: (@Sendable (String) async -> Void)?

        /// Long enough for an editor's save in several writes, short beside a render.
        public static let defaultSettle: Duration = .milliseconds(40)

        public init(
            book: URL, site: URL, ignoring: [URL], host: String, port: UInt16, settle: Duration = defaultSettle
        ) {
            self.book = book
            self.site = site
            self.ignoring = ignoring
            self.host = host
            self.port = port
            self.settle = settle
        }
    }

    /// Why the preview could not start.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Renders once, serves, and renders again after each change, until the process is stopped.
    /// `render` runs a render, prints what it has to say, and returns the diagnostics to show on
    /// the pages; `started` is told the address once the server listens.
    public static func run(
        _ configuration: Configuration, render: @escaping @Sendable () -> [String],
        started: @escaping @Sendable (String) -> Void
    ) throws(Failure) -> Never {
        stopOnSignals()
        // Before anything sizes itself by the limit (the hub's stream cap) or inherits it.
        DescriptorLimit.raiseToHard()
        let watcher = BookWatcher(
            folder: configuration.book, ignoring: configuration.ignoring, settle: configuration.settle)
        var snapshot = watcher.snapshot()
        let first = render()
        let hub = ReloadHub()
        let handler = SiteHandler(
            files: SiteFiles(root: configuration.site), hub: hub, beforeServing: configuration.beforeServing)
        let port = try PreviewServer.start(
            host: configuration.host, port: configuration.port, handler: handler,
            say: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
        blocking { await hub.published(diagnostics: first) }
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        started("http://\(host):\(port)/")
        Task {
            while true {
                try? await Task.sleep(for: ReloadHub.heartbeat)
                await hub.ping()
            }
        }
        // Renders one at a time, each after the book settled or background work finished.
        let background = configuration.backgroundWork
        let pagesWritten = configuration.pagesWritten
        while true {
            let last = snapshot
            switch blocking({ await next(watcher, after: last, background: background, pages: pagesWritten) }) {
            case .changed(let change):
                snapshot = change.snapshot
                blocking { await hub.rendering() }
                let diagnostics = render()
                blocking { await hub.published(diagnostics: diagnostics) }
            case .backgroundDone:
                _ = render()
            case .pagesWritten(let paths):
                // After the render that published the edited page was announced.
                blocking { await hub.reload(pages: paths) }
            case .none:
                continue
            }
        }
    }

    private enum Event: Sendable {
        case changed((snapshot: BookWatcher.Snapshot, changed: [String]))
        case backgroundDone
        case pagesWritten([String])
        case none
    }

    /// The book's next change, the end of background work, or pages written in the background,
    /// whichever comes first.
    private static func next(
        _ watcher: BookWatcher, after last: BookWatcher.Snapshot, background: (@Sendable () async -> Bool)?,
        pages: (@Sendable () async -> [String]?)?
    ) async -> Event {
        await withTaskGroup(of: Event.self) { group in
            group.addTask { await watcher.nextChange(after: last).map(Event.changed) ?? .none }
            if let background {
                group.addTask { await background() ? .backgroundDone : .none }
            }
            if let pages {
                group.addTask { await pages().map(Event.pagesWritten) ?? .none }
            }
            let first = await group.next() ?? .none
            group.cancelAll()
            return first
        }
    }

    /// Runs async work from this (non-async) thread and waits for it.
    private static func blocking<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let result = Mutex<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let value = await body()
            result.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return result.withLock { $0! }
    }

    /// Ctrl-C and SIGTERM stop every process a render started (compilers, chapter programs),
    /// then the preview.
    private static func stopOnSignals() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                ProcessTree.killDescendants()
                FileHandle.standardOutput.write(Data("\nstopped\n".utf8))
                exit(0)
            }
            source.resume()
            signalSources.append(source)
        }
    }

    /// Kept for the life of the process; set once, from the thread that starts the preview.
    nonisolated(unsafe) private static var signalSources: [any DispatchSourceSignal] = []
}
