/// Converts offsets in a text's Unicode scalars, where the readers of prose find things, to
/// offsets in its UTF-8 bytes, where `TextBytes` places them in the source.
///
/// Findings come in text order, so it goes on from the last offset asked for: a text with many
/// claims is counted once, however long its line.
public struct UTF8Offsets {
    private let scalars: [Unicode.Scalar]
    private var scalar = 0
    private var byte = 0

    public init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    /// The UTF-8 offset of the scalar at `index` (the text's length at its end).
    public mutating func offset(ofScalar index: Int) -> Int {
        if index < scalar {
            scalar = 0
            byte = 0
        }
        while scalar < min(index, scalars.count) {
            byte += UTF8.width(scalars[scalar])
            scalar += 1
        }
        return byte
    }
}
