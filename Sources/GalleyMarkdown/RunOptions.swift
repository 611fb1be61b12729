/// What a fence's info string asks of a code block: ```` ```swift run hide ````.
///
/// The first word stays `swift`, so GitHub still highlights the block; `run` makes Galley execute
/// it, and further words adjust how.
public struct RunOptions: Equatable, Sendable, Codable {
    /// Show the output, not the code.
    public var hide = false
    /// Run the code, show no output.
    public var quiet = false
    /// The block is expected to fail to compile or to trap; it is an error if it does not.
    public var fails = false

    public init(hide: Bool = false, quiet: Bool = false, fails: Bool = false) {
        self.hide = hide
        self.quiet = quiet
        self.fails = fails
    }

    /// The options of a `swift run …` info string, with the words it did not understand; nil when
    /// the block is not to be run.
    public static func parse(info: String) -> (options: RunOptions, unknown: [String])? {
        let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.count >= 2, words[0] == "swift", words[1] == "run" else { return nil }
        var options = RunOptions()
        var unknown: [String] = []
        for word in words.dropFirst(2) {
            switch word {
            case "hide": options.hide = true
            case "quiet": options.quiet = true
            case "fails": options.fails = true
            default: unknown.append(word)
            }
        }
        return (options, unknown)
    }
}
