/// Why a run could not go on at all, tagged with the stage it stopped in.
///
/// Problems in a chapter's content are never thrown: they are `Diagnostic`s, and the rest of the
/// book still renders. This is for the few things that stop everything: an unreadable book folder,
/// a broken book file, missing system files, an output folder that cannot be written.
public struct PipelineError: Error, CustomStringConvertible, Sendable {
    public enum Stage: String, Sendable {
        case load, parse, evaluate, render, write, environment
    }

    public var stage: Stage
    /// The file or folder involved, if any.
    public var path: String?
    public var message: String

    public init(stage: Stage, path: String? = nil, message: String) {
        self.stage = stage
        self.path = path
        self.message = message
    }

    public var description: String {
        if let path { return "\(path): error: \(message) (\(stage.rawValue))" }
        return "error: \(message) (\(stage.rawValue))"
    }
}
