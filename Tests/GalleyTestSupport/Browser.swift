public import Foundation
import GalleySystem

/// A real headless Chromium (Debian's `chromium`), driven through its DevTools protocol over
/// `--remote-debugging-pipe`, to open rendered pages as a reader would.
///
/// Nothing here waits for a fixed time: a page is read once a condition — a JavaScript expression
/// evaluated in it — holds, with a generous ceiling, and at the ceiling the test fails with what
/// the page showed. A loaded machine makes a test slower, never wrong.
public final class Browser {
    /// A page once its condition held: the DOM, and every message it logged.
    public struct Page: Sendable {
        public var dom: String
        /// Console calls, uncaught exceptions and the browser's own log entries (a resource that
        /// failed to load, a Content-Security-Policy violation), one line each.
        public var console: [String]
    }

    /// Why the browser could not do what a test asked, with what it saw.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// How long a condition may take before the test fails: far beyond what an idle machine needs.
    public static let ceiling: Duration = .seconds(60)

    /// The condition every page is read after: its document and subresources have loaded.
    public static let loaded = "document.readyState === \"complete\""

    /// `$GALLEY_CHROMIUM`, or `chromium` from `PATH`.
    public static var executable: String {
        if let explicit = ProcessInfo.processInfo.environment["GALLEY_CHROMIUM"] { return explicit }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(folder)/chromium"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "/usr/bin/chromium"
    }

    private let connection: DevToolsConnection
    private let profile: URL

    /// Starts Chromium with a fresh profile.
    public init() throws {
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("galley-chromium-\(UUID().uuidString)")
        connection = try DevToolsConnection(
            executable: Self.executable,
            arguments: [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                "--user-data-dir=\(profile.path)", "--remote-debugging-pipe", "about:blank",
            ])
    }

    deinit {
        connection.close()
        try? FileManager.default.removeItem(at: profile)
    }

    /// Opens `url` in a new tab and returns it once the page has loaded.
    /// - Parameter beforeLoad: JavaScript run in the page before any of its own, whatever its
    ///   Content-Security-Policy (the DevTools protocol's `addScriptToEvaluateOnNewDocument`).
    public func open(_ url: String, beforeLoad: String? = nil) throws -> Tab {
        let target = try connection.call("Target.createTarget", ["url": "about:blank"])
        guard let targetId = target["targetId"] as? String else { throw Failure(description: "no target: \(target)") }
        let attached = try connection.call("Target.attachToTarget", ["targetId": targetId, "flatten": true])
        guard let session = attached["sessionId"] as? String else {
            throw Failure(description: "no session: \(attached)")
        }
        let tab = Tab(browser: self, connection: connection, target: targetId, session: session, url: url)
        // The log is listened to before the page starts, so nothing it says is missed.
        for domain in ["Runtime.enable", "Log.enable", "Page.enable"] { _ = try tab.call(domain) }
        if let beforeLoad { _ = try tab.call("Page.addScriptToEvaluateOnNewDocument", ["source": beforeLoad]) }
        let navigated = try tab.call("Page.navigate", ["url": url])
        if let error = navigated["errorText"] as? String { throw Failure(description: "\(url): \(error)") }
        try tab.wait(until: Self.loaded)
        return tab
    }

    /// Opens `url` in this browser, waits until `condition` holds, and reads the page.
    public func load(_ url: String, until condition: String = Browser.loaded) throws -> Page {
        let tab = try open(url)
        defer { tab.close() }
        try tab.wait(until: condition)
        return try tab.page()
    }

    /// Opens `url` in a browser of its own, waits until `condition` holds, and reads the page.
    public static func load(_ url: String, until condition: String = Browser.loaded) throws -> Page {
        try Browser().load(url, until: condition)
    }

    /// One page in the browser, open until it is closed.
    public final class Tab {
        /// Kept so that the browser lives as long as any of its tabs.
        private let browser: Browser
        private let connection: DevToolsConnection
        private let target: String
        private let session: String
        let url: String

        init(browser: Browser, connection: DevToolsConnection, target: String, session: String, url: String) {
            self.browser = browser
            self.connection = connection
            self.target = target
            self.session = session
            self.url = url
        }

        /// What the page has logged so far.
        public var console: [String] { connection.log[session] ?? [] }

        /// The value of a JavaScript expression in the page, or nil while it cannot be evaluated
        /// (the page is navigating) or throws.
        public func evaluate(_ expression: String) throws -> Any? {
            let result = try call("Runtime.evaluate", ["expression": expression, "returnByValue": true])
            guard result["exceptionDetails"] == nil, let value = result["result"] as? [String: Any] else { return nil }
            return value["value"]
        }

        /// Waits until `condition`, a JavaScript expression, is true in the page; fails at the
        /// ceiling with the page's address, state, text and log.
        public func wait(until condition: String, ceiling: Duration = Browser.ceiling) throws {
            let deadline = ContinuousClock.now + ceiling
            while ContinuousClock.now < deadline {
                // A page that is navigating has no context to evaluate in; that is "not yet".
                if let holds = try? evaluate("Boolean(\(condition))") as? Bool, holds { return }
                Thread.sleep(forTimeInterval: 0.05)
            }
            let seen =
                (try? evaluate(
                    "location.href + \" [\" + document.readyState + \"] \" + document.body.innerText.slice(0, 600)"))
                .flatMap { $0 as? String }
            throw Failure(
                description: "after \(ceiling), \(condition) still does not hold in \(url); "
                    + "the page: \(seen ?? "(not readable)"); its log: \(console)")
        }

        /// Waits until the page has logged a line containing `text`; fails at the ceiling with
        /// what it did log.
        public func waitForLog(containing text: String, ceiling: Duration = Browser.ceiling) throws {
            let deadline = ContinuousClock.now + ceiling
            while ContinuousClock.now < deadline {
                if console.contains(where: { $0.contains(text) }) { return }
                Thread.sleep(forTimeInterval: 0.05)
            }
            throw Failure(
                description: "after \(ceiling), \(url) has logged no line with '\(text)'; its log: \(console)")
        }

        /// The DOM as it is now, and the log.
        public func page() throws -> Page {
            guard let dom = try evaluate("document.documentElement.outerHTML") as? String else {
                throw Failure(description: "\(url): the DOM cannot be read")
            }
            return Page(dom: "<!DOCTYPE html>\n" + dom, console: console)
        }

        public func close() {
            _ = try? connection.call("Target.closeTarget", ["targetId": target])
        }

        /// Shows the page as a window `width` CSS pixels wide (a phone's below 600) would, in the
        /// light or the dark scheme (`prefers-color-scheme`).
        public func emulate(width: Int, height: Int = 900, dark: Bool = false) throws {
            _ = try call(
                "Emulation.setDeviceMetricsOverride",
                ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600])
            _ = try call(
                "Emulation.setEmulatedMedia",
                ["features": [["name": "prefers-color-scheme", "value": dark ? "dark" : "light"]]])
        }

        /// The page as a PNG, the whole of it (`fullPage`) or the window.
        public func screenshot(fullPage: Bool = false) throws -> Data {
            let shot = try call("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": fullPage])
            guard let base64 = shot["data"] as? String, let data = Data(base64Encoded: base64) else {
                throw Failure(description: "\(url): no screenshot: \(shot)")
            }
            return data
        }

        func call(_ method: String, _ parameters: [String: Any] = [:]) throws -> [String: Any] {
            try connection.call(method, parameters, session: session)
        }
    }
}
