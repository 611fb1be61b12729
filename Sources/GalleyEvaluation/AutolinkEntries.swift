import Foundation

/// The libraries a Swift object file asks to be linked with: the `-l…` entries `swiftc` records in
/// its `.swift1_autolink_entries` section for every module the code imports (what the driver's
/// `swift-autolink-extract` step reads, without starting a process for it).
enum AutolinkEntries {
    /// The section's name in an ELF object.
    static let sectionName = Array(".swift1_autolink_entries".utf8)

    /// The entries of the object at `url`, in order and without repeats; nil when it cannot be read
    /// as a 64-bit little-endian ELF file, empty when it has no such section.
    static func read(_ url: URL) -> [String]? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return entries(in: [UInt8](data))
    }

    /// The entries of an object file's bytes.
    static func entries(in bytes: [UInt8]) -> [String]? {
        guard bytes.count >= 64, bytes[0..<4].elementsEqual([0x7F, 0x45, 0x4C, 0x46]),
            bytes[4] == 2, bytes[5] == 1  // 64-bit, little-endian
        else { return nil }
        let sectionTable = Int(clamping: integer(bytes, at: 0x28, size: 8))
        let entrySize = Int(clamping: integer(bytes, at: 0x3A, size: 2))
        let count = Int(clamping: integer(bytes, at: 0x3C, size: 2))
        let namesIndex = Int(clamping: integer(bytes, at: 0x3E, size: 2))
        guard entrySize >= 0x28, namesIndex < count, sectionTable > 0,
            sectionTable <= bytes.count, count <= (bytes.count - sectionTable) / entrySize
        else { return nil }
        func section(_ index: Int) -> (name: Int, contents: Range<Int>)? {
            let header = sectionTable + index * entrySize
            let offset = Int(clamping: integer(bytes, at: header + 0x18, size: 8))
            let size = Int(clamping: integer(bytes, at: header + 0x20, size: 8))
            guard offset >= 0, size >= 0, offset <= bytes.count, size <= bytes.count - offset else { return nil }
            return (Int(clamping: integer(bytes, at: header, size: 4)), offset..<offset + size)
        }
        guard let names = section(namesIndex) else { return nil }
        for index in 0..<count {
            guard let candidate = section(index) else { return nil }
            let nameStart = names.contents.lowerBound + candidate.name
            let nameEnd = nameStart + sectionName.count
            guard nameEnd < names.contents.upperBound, bytes[nameStart..<nameEnd].elementsEqual(sectionName),
                bytes[nameEnd] == 0
            else { continue }
            var entries: [String] = []
            for piece in bytes[candidate.contents].split(separator: 0) {
                let entry = String(decoding: piece, as: UTF8.self)
                if !entries.contains(entry) { entries.append(entry) }
            }
            return entries
        }
        return []
    }

    /// A little-endian unsigned integer of `size` bytes at `offset`; 0 past the end.
    private static func integer(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt64 {
        guard offset >= 0, offset + size <= bytes.count else { return 0 }
        var value: UInt64 = 0
        for position in (0..<size).reversed() { value = value << 8 | UInt64(bytes[offset + position]) }
        return value
    }
}
