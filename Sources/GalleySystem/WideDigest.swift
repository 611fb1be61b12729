public import Foundation

/// A 128-bit digest that reads eight bytes at a time, for checking cache files: a warm render of a
/// long book checks every kept page, hundreds of megabytes, and `ContentHash` (a byte at a time)
/// spent a noticeable part of the run on it.
///
/// Two 64-bit lanes, each multiplied by an odd constant and rotated per word, mixed at the end
/// with the length. Not cryptographic: it tells a damaged or foreign file from the one written.
public enum WideDigest {
    public static func hex(of data: Data) -> String {
        var lanes: (UInt64, UInt64) = (0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F)
        data.withUnsafeBytes { raw in
            let count = raw.count
            var offset = 0
            while offset + 16 <= count {
                let first = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                let second = raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
                lanes.0 = mix(lanes.0, first)
                lanes.1 = mix(lanes.1, second)
                offset += 16
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                tail |= UInt64(raw[offset]) << shift
                shift += 8
                if shift == 64 {
                    lanes.0 = mix(lanes.0, tail)
                    tail = 0
                    shift = 0
                }
                offset += 1
            }
            lanes.1 = mix(lanes.1, tail ^ UInt64(count))
        }
        return finished(lanes)
    }

    private static func finished(_ lanes: (UInt64, UInt64)) -> String {
        let first = finish(lanes.0 ^ (lanes.1 &* 0x9E37_79B9_7F4A_7C15))
        let second = finish(lanes.1 ^ (lanes.0 &* 0xC2B2_AE3D_27D4_EB4F))
        return hex(first) + hex(second)
    }

    /// The same digest of bytes that come in pieces: a file written piece by piece (the math
    /// cache) is sealed without holding it whole in memory.
    public struct Stream {
        private var lanes: (UInt64, UInt64) = (0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F)
        /// Bytes not yet a whole 16-byte block (fewer than 16).
        private var pending: [UInt8] = []
        private var count = 0

        public init() { pending.reserveCapacity(16) }

        public mutating func add(_ bytes: some DataProtocol) {
            for region in bytes.regions {
                region.withUnsafeBytes { add(raw: $0) }
            }
        }

        private mutating func add(raw: UnsafeRawBufferPointer) {
            count += raw.count
            var offset = 0
            if !pending.isEmpty {
                let taken = min(16 - pending.count, raw.count)
                pending += raw[0..<taken]
                offset = taken
                guard pending.count == 16 else { return }
                pending.withUnsafeBytes { Self.mixBlock(&lanes, $0) }
                pending.removeAll(keepingCapacity: true)
            }
            while offset + 16 <= raw.count {
                Self.mixBlock(&lanes, UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + 16)]))
                offset += 16
            }
            pending += raw[offset...]
        }

        private static func mixBlock(_ lanes: inout (UInt64, UInt64), _ bytes: UnsafeRawBufferPointer) {
            lanes.0 = WideDigest.mix(lanes.0, bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
            lanes.1 = WideDigest.mix(lanes.1, bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }

        /// The digest of every byte added, as `WideDigest.hex(of:)` gives it for them all at once.
        public func hex() -> String {
            var lanes = lanes
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            for byte in pending {
                tail |= UInt64(byte) << shift
                shift += 8
                if shift == 64 {
                    lanes.0 = WideDigest.mix(lanes.0, tail)
                    tail = 0
                    shift = 0
                }
            }
            lanes.1 = WideDigest.mix(lanes.1, tail ^ UInt64(count))
            return WideDigest.finished(lanes)
        }
    }

    @inline(__always)
    private static func mix(_ lane: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (lane ^ word) &* 0xFF51_AFD7_ED55_8CCD
        return (mixed << 31) | (mixed >> 33)
    }

    /// A final avalanche (MurmurHash3's), so that every input bit reaches every output bit.
    private static func finish(_ value: UInt64) -> UInt64 {
        var value = value
        value ^= value >> 33
        value = value &* 0xFF51_AFD7_ED55_8CCD
        value ^= value >> 33
        value = value &* 0xC4CE_B9FE_1A85_EC53
        value ^= value >> 33
        return value
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
