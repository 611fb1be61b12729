import Foundation

/// A trap as the page tells it: its message and Markdown line, read from what a chapter's program
/// wrote to standard error.
///
/// The runtime and the backtracer write for someone at a terminal — a `Fatal error` line, a
/// headline between `***`, a stack trace; a reader of the page needs one line of text and the
/// place in the chapter.
enum TrapMessage {
    /// The message and line of a trap, from what the program wrote to standard error: Swift's
    /// `Fatal error: message` line, or the backtracer's `*** Swift runtime failure: … ***`
    /// headline, and the first backtrace frame in the chapter's Markdown file.
    static func read(_ standardError: String, exitStatus: Int32?, signal: Int32?, chapterPath: String) -> (
        text: String, line: Int?
    ) {
        let lines = standardError.split(separator: "\n")
        // `#file` is `Module/name` in Swift 6 (`Chapter/01-softmax.md`); frames name the path.
        let chapterFile =
            "\(ProgramRunner.moduleName)/" + (chapterPath.split(separator: "/").last.map(String.init) ?? chapterPath)
        var message: String?
        var line: Int?
        for text in lines where text.contains("Fatal error") {
            let parts = text.components(separatedBy: ": Fatal error")
            if parts.count >= 2, let colon = parts[0].lastIndex(of: ":") {
                message = "Fatal error" + parts.dropFirst().joined(separator: ": Fatal error")
                let file = String(parts[0][..<colon])
                if file == chapterPath || file == chapterFile { line = Int(parts[0][parts[0].index(after: colon)...]) }
            } else {
                message = String(text)
            }
            break
        }
        if message == nil,
            let headline = lines.first(where: {
                $0.hasPrefix("*** Swift runtime failure: ") || $0.hasPrefix("*** Program crashed: ")
            })
        {
            message = headline.dropFirst(4).replacingOccurrences(of: " ***", with: "")
        }
        if line == nil {
            // A frame: `1   0x… main + 389 in program at Chapters/a.md:11:16`.
            for text in lines {
                guard let range = text.range(of: " at \(chapterPath):") else { continue }
                let numbers = text[range.upperBound...].split(separator: ":")
                if let number = numbers.first.flatMap({ Int($0) }) {
                    line = number
                    break
                }
            }
        }
        if let message { return (message, line) }
        if let last = withoutStackTrace(standardError).split(separator: "\n").last(where: {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty
        }) {
            return (String(last), line)
        }
        if let signal { return ("stopped by signal \(signal)", line) }
        return ("exited with status \(exitStatus ?? -1)", line)
    }

    /// Standard error without the runtime's stack trace and the backtracer's report, which say
    /// nothing to a reader of the page (the trap's message and line are in the block's status).
    static func withoutStackTrace(_ text: String) -> String {
        var kept: [Substring] = []
        var skipping = false
        let frame = #/^\s*\d+\s+\S+\s+0x[0-9a-f]+ /#
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("*** Signal ") || line.hasPrefix("Current stack trace:") {
                skipping = true
                continue
            }
            if skipping {
                if line.hasPrefix("Backtrace took") {
                    skipping = false
                } else if line.hasPrefix("Current") || line.firstMatch(of: frame) != nil {
                    continue
                }
                continue
            }
            kept.append(line)
        }
        let joined = kept.joined(separator: "\n")
        let trimmed = joined.reversed().drop(while: { $0 == "\n" || $0 == " " })
        return trimmed.isEmpty ? "" : String(trimmed.reversed()) + "\n"
    }
}
