/// A 128-bit content hash for cache keys: two 64-bit FNV-1a hashes with different offsets.
///
/// Not cryptographic — a cache key only has to tell honest inputs apart, and this needs no
/// dependency.
public struct ContentHash: Sendable {
    private var first: UInt64 = 0xcbf2_9ce4_8422_2325
    private var second: UInt64 = 0x6c62_272e_07bb_0142
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    public init() {}

    public mutating func add(_ bytes: some Sequence<UInt8>) {
        // Called from other modules, this is not specialised: a byte at a time through the
        // sequence's iterator costs some 400 instructions. Contiguous bytes take the loop below.
        let added: Void? = bytes.withContiguousStorageIfAvailable { add(contiguous: $0) }
        guard added == nil else { return }
        for byte in bytes { Self.mix(byte, into: &first, &second) }
    }

    private mutating func add(contiguous bytes: UnsafeBufferPointer<UInt8>) {
        var first = first
        var second = second
        for byte in bytes { Self.mix(byte, into: &first, &second) }
        self.first = first
        self.second = second
    }

    @inline(__always)
    private static func mix(_ byte: UInt8, into first: inout UInt64, _ second: inout UInt64) {
        first = (first ^ UInt64(byte)) &* prime
        second = (second ^ UInt64(byte)) &* prime
        second = (second << 7) | (second >> 57)
    }

    /// Adds a string and a separator, so that ("ab", "c") and ("a", "bc") differ.
    public mutating func add(_ string: String) {
        add(string.utf8)
        add(CollectionOfOne(0xff))
    }

    public var hex: String {
        func hex(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return hex(first) + hex(second)
    }
}
