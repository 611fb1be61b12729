public import GalleyDiagnostics

/// What checking a chapter's stated numbers and inline values found.
public struct ChapterChecks: Sendable {
    /// One stated-numbers link's verdict.
    public struct Link: Sendable, Equatable {
        public enum State: Sendable, Equatable {
            /// Every number matches the computed value at its written precision.
            case correct
            /// At least one number does not.
            case wrong
            /// It could not be checked; the reason is for the page.
            case unchecked(String)
        }

        public var state: State
        /// The computed values as prose would show them, for the hover text and screen readers.
        public var computed: String?
    }

    /// A replacement of source bytes that `render --fix` makes: a stale number by the computed
    /// value in the author's style.
    public struct Fix: Sendable, Equatable {
        public var byteRange: Range<Int>
        public var replacement: String
        public var location: SourceLocation
    }

    /// Verdicts by the byte offset where each link starts.
    public var links: [Int: Link] = [:]
    /// Inline values' texts by the byte offset where each code span starts; nil when the value
    /// could not be computed.
    public var inlineValues: [Int: String] = [:]
    /// Formulas whose arithmetic was checked, by where they start: true when every checked pair
    /// of sides agreed.
    public var formulas: [SourceLocation: Bool] = [:]
    public var diagnostics: [Diagnostic] = []
    public var fixes: [Fix] = []
    /// Stated numbers checked (each number of a list counts), and how many were wrong.
    public var numbersChecked = 0
    public var numbersWrong = 0

    public init() {}
}
