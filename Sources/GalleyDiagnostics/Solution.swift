/// A way to fix the problem a diagnostic reports: what it does, in a few words, and the edits to
/// the source that do it — the way swift-docc's `Solution` travels with its `Problem`.
///
/// `render --fix` applies the solutions of the problems it fixes; nothing finds fixes by
/// diagnostic identifiers.
public struct Solution: Hashable, Sendable, Codable {
    /// `write 0.88`.
    public var summary: String
    public var replacements: [Replacement]

    public init(summary: String, replacements: [Replacement]) {
        self.summary = summary
        self.replacements = replacements
    }
}

/// Bytes of the diagnostic's file replaced by new text.
public struct Replacement: Hashable, Sendable, Codable {
    /// The UTF-8 byte offsets replaced, in the file as it was read.
    public var byteRange: Range<Int>
    public var text: String

    public init(byteRange: Range<Int>, text: String) {
        self.byteRange = byteRange
        self.text = text
    }
}
