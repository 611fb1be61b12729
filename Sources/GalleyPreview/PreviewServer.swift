import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The preview's HTTP server, kept listening for as long as the preview runs.
///
/// FlyingFox ends `run()` when `accept` fails for any reason but "try again" — above all when the
/// process has run out of file descriptors — and closes its listening socket; nothing in it can be
/// told to wait and go on. So when a run that was serving ends, this says once what happened and
/// starts a server again on the same address and port. By then FlyingFox has closed every
/// connection, so the descriptors are free again and open pages reconnect by themselves (their
/// event streams retry after a second). Pauses between attempts grow from 50 ms to 2 s while
/// starting again keeps failing.
enum PreviewServer {
    /// Starts serving and returns the port it listens on, once it listens; throws when it cannot
    /// listen at all (a bad address, a port in use). `say` is told, once an episode, why the server
    /// stopped and that it listens again.
    static func start(
        host: String, port: UInt16, handler: SiteHandler, say: @escaping @Sendable (String) -> Void
    ) throws(LivePreview.Failure) -> UInt16 {
        let first = try make(host: host, port: port, handler: handler)
        let state = StartState()
        Task {
            var server = first
            var told = false
            var pause = Duration.milliseconds(50)
            while true {
                let began = ContinuousClock.now
                var reason = "it stopped"
                do { try await server.run() } catch { reason = describe(error) }
                guard let listening = state.ended(because: "cannot serve on \(host):\(port): \(reason)") else { return }
                // A server that served a while before it stopped starts a new episode.
                if ContinuousClock.now - began > .seconds(30) {
                    told = false
                    pause = .milliseconds(50)
                }
                if !told {
                    told = true
                    say(
                        "preview: the server stopped: \(reason); it closed every connection and listens again on "
                            + "port \(listening) — open pages reconnect by themselves")
                }
                try? await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(2))
                if let next = try? make(host: host, port: listening, handler: handler) { server = next }
            }
        }
        Task {
            try? await first.waitUntilListening(timeout: 60)
            switch await first.listeningAddress {
            case .ip4(_, let port)?, .ip6(_, let port)?: state.listening(on: port)
            default: state.ended(because: "cannot serve on \(host):\(port): it does not listen")
            }
        }
        return try state.wait()
    }

    /// Why a server stopped, in words an author can act on.
    private static func describe(_ error: any Error) -> String {
        if case SocketError.failed(_, let code, _) = error, code == EMFILE || code == ENFILE {
            return "the process ran out of file descriptors (it may open \(DescriptorLimit.current))"
        }
        return "\(error)"
    }

    /// Whether the first server came to listen, told by whichever of its two tasks knows first.
    private final class StartState: Sendable {
        private let state = Mutex<Result<UInt16, LivePreview.Failure>?>(nil)
        private let ready = DispatchSemaphore(value: 0)

        func listening(on port: UInt16) {
            let first = state.withLock { state in
                guard state == nil else { return false }
                state = .success(port)
                return true
            }
            if first { ready.signal() }
        }

        /// A server stopped: at start, that is the failure to report; after, the port to listen
        /// on again.
        @discardableResult
        func ended(because message: String) -> UInt16? {
            let (port, first) = state.withLock { state -> (UInt16?, Bool) in
                guard let known = state else {
                    state = .failure(LivePreview.Failure(description: message))
                    return (nil, true)
                }
                return (try? known.get(), false)
            }
            if first { ready.signal() }
            return port
        }

        func wait() throws(LivePreview.Failure) -> UInt16 {
            ready.wait()
            return try state.withLock { $0! }.get()
        }
    }

    static func make(host: String, port: UInt16, handler: SiteHandler) throws(LivePreview.Failure) -> HTTPServer {
        do {
            return host.contains(":")
                ? HTTPServer(
                    address: try sockaddr_in6.inet6(ip6: host, port: port), logger: .disabled, handler: handler)
                : HTTPServer(address: try sockaddr_in.inet(ip4: host, port: port), logger: .disabled, handler: handler)
        } catch {
            throw LivePreview.Failure(description: "cannot listen on \(host): not an IP address")
        }
    }
}
