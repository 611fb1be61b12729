import Foundation

/// A real headless Chromium (Debian's `chromium`), to open rendered pages as a reader would.
public enum Browser {
    /// A page after its scripts ran: the DOM, and whatever it wrote to the console.
    public struct Page: Sendable {
        public var dom: String
        public var console: [String]
    }

    /// `$GALLEY_CHROMIUM`, or `chromium` from `PATH`.
    public static var executable: String {
        if let explicit = ProcessInfo.processInfo.environment["GALLEY_CHROMIUM"] { return explicit }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(folder)/chromium"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "/usr/bin/chromium"
    }

    /// Opens a URL (a `file://` page, with a query if needed) and returns the DOM once it has loaded.
    /// - Parameters:
    ///   - javascript: false to open the page as a reader with scripts turned off would.
    ///   - waitingFor: for a page that never finishes loading (one holding an event stream open),
    ///     how long to wait before reading its DOM; otherwise Chromium runs the page's timers ahead
    ///     until it is idle.
    public static func load(_ url: String, javascript: Bool = true, waitingFor: Duration? = nil) throws -> Page {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "galley-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let run = try runProgram(
            URL(fileURLWithPath: executable),
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
                waitingFor.map { "--timeout=\(Int($0 / .milliseconds(1)))" } ?? "--virtual-time-budget=5000",
                "--dump-dom",
            ] + (javascript ? [] : ["--blink-settings=scriptEnabled=false"]) + [url])
        let dom = run.stdout
        let log = run.stderr
        // Chromium logs every console message as `…:INFO:CONSOLE:…] "message", source: …`.
        let console = log.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return Page(dom: dom, console: console)
    }
}
