import Foundation
import GalleySystem

/// The line a terminal redraws while a long render works: `rendering 41 of 100 chapters: 100
/// loaded, 100 typeset, 40 compiled, 12 run, 0 written`. It appears only once the run has taken
/// `delay` (a quick render prints nothing but its summary), only on a terminal, and is erased
/// before anything else is printed.
final class ProgressLine: @unchecked Sendable {
    private let progress: RunProgress
    private let delay: Duration
    private let lock = NSLock()
    private var running = true
    private var drawn = false
    private let done = DispatchSemaphore(value: 0)

    /// Starts watching `progress`; nothing is drawn before `delay`.
    init(_ progress: RunProgress, delay: Duration) {
        self.progress = progress
        self.delay = delay
        Thread.detachNewThread { [self] in draw() }
    }

    /// Whether a progress line belongs on standard error: a terminal, and a human reading it.
    static func wanted(quiet: Bool, github: Bool) -> Bool {
        !quiet && !github && isatty(STDERR_FILENO) == 1
    }

    /// `GALLEY_PROGRESS_AFTER_MS` sets how long a run goes before its line appears (half a
    /// second by default); scripts that drive a terminal use it.
    static var delay: Duration {
        let milliseconds = ProcessInfo.processInfo.environment["GALLEY_PROGRESS_AFTER_MS"].flatMap(Int.init) ?? 500
        return .milliseconds(max(0, milliseconds))
    }

    /// The line for a snapshot.
    static func text(_ snapshot: (total: Int, counts: [RunProgress.Step: Int])) -> String {
        let steps: [(RunProgress.Step, String)] = [
            (.loaded, "loaded"), (.typeset, "typeset"), (.compiled, "compiled"), (.run, "run"), (.written, "written"),
        ]
        let counts = steps.map { "\(snapshot.counts[$0.0] ?? 0) \($0.1)" }.joined(separator: ", ")
        let total = snapshot.total == 1 ? "1 chapter" : "\(snapshot.total) chapters"
        return "rendering \(total): \(counts)"
    }

    private func draw() {
        let start = ContinuousClock.now
        var last = ""
        while lock.withLock({ running }) {
            if ContinuousClock.now - start >= delay, progress.snapshot.total > 0 {
                let line = Self.text(progress.snapshot)
                lock.withLock {
                    guard running, line != last else { return }
                    FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
                    drawn = true
                    last = line
                }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        done.signal()
    }

    /// Stops drawing and erases the line, so the summary and diagnostics print where it was.
    func finish() {
        lock.withLock {
            running = false
            if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
        done.wait()
    }
}
