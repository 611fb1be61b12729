import Foundation
import GalleyResults

/// The math cache's file: every formula typeset so far, as length-prefixed records. A book of a
/// hundred chapters keeps tens of thousands of formulas and 70 MB of KaTeX's HTML here; read as
/// JSON that was a fifth of an unchanged re-render. As records, a run indexes the file by formula
/// and decodes only the records it asks for, and writes new ones as they are typeset
/// (`MathTypesetter`): the book's formulas are never all in memory as strings.
///
/// Layout: the magic line `galley-math 1\n`, then per formula: its TeX, a display byte, KaTeX's
/// HTML, its error, the error's offset and the remarks. A string is a 32-bit little-endian length
/// and its UTF-8; an absent one has the length 0xFFFF_FFFF. A file that does not read back whole is
/// ignored: the cache is only a cache.
enum MathCacheFile {
    static let magic = Array("galley-math 1\n".utf8)

    /// One formula's record.
    static func record(_ key: TypesetMath.Key, _ math: TypesetMath) -> Data {
        var bytes = Data()
        bytes.reserveCapacity(key.tex.utf8.count + (math.html?.utf8.count ?? 0) + 32)
        func string(_ text: String?) {
            guard let text else {
                integer(0xFFFF_FFFF)
                return
            }
            integer(UInt32(text.utf8.count))
            bytes += text.utf8
        }
        func integer(_ value: UInt32) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        string(key.tex)
        bytes.append(key.display ? 1 : 0)
        string(math.html)
        string(math.error)
        integer(math.errorOffset.map { UInt32(truncatingIfNeeded: $0) } ?? 0xFFFF_FFFF)
        integer(UInt32(math.remarks.count))
        for remark in math.remarks { string(remark) }
        return bytes
    }

    /// A whole file of `entries`.
    static func encode(_ entries: [(TypesetMath.Key, TypesetMath)]) -> Data {
        var bytes = Data(magic)
        for (key, math) in entries { bytes += record(key, math) }
        return bytes
    }

    /// Where each formula's record lies in `data` (a whole file, from its magic line); nil when
    /// the file does not read back whole. Only the formulas' TeX is decoded.
    static func index(_ data: Data) -> [TypesetMath.Key: Range<Int>]? {
        data.withUnsafeBytes { raw -> [TypesetMath.Key: Range<Int>]? in
            guard raw.count >= magic.count, raw.prefix(magic.count).elementsEqual(magic) else { return nil }
            var reader = Reader(bytes: raw, position: magic.count)
            var found: [TypesetMath.Key: Range<Int>] = [:]
            while !reader.atEnd {
                let start = reader.position
                guard let key = reader.key(), reader.skipMath() else { return nil }
                found[key] = start..<reader.position
            }
            return found
        }
    }

    /// The formula whose record is `bytes` (as `index` found it, or `record` wrote it).
    static func decode(record bytes: Data) -> (TypesetMath.Key, TypesetMath)? {
        bytes.withUnsafeBytes { raw -> (TypesetMath.Key, TypesetMath)? in
            var reader = Reader(bytes: raw, position: 0)
            guard let key = reader.key(), let math = reader.math(), reader.atEnd else { return nil }
            return (key, math)
        }
    }

    /// Every formula of a whole file; nil when it does not read back whole.
    static func decode(_ data: Data) -> [TypesetMath.Key: TypesetMath]? {
        guard let index = index(data) else { return nil }
        var entries: [TypesetMath.Key: TypesetMath] = [:]
        for range in index.values {
            guard
                let (key, math) = decode(
                    record: data[(data.startIndex + range.lowerBound)..<(data.startIndex + range.upperBound)])
            else { return nil }
            entries[key] = math
        }
        return entries
    }

    /// Reads records; every read is nil when the bytes end before it does.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var position: Int

        var atEnd: Bool { position >= bytes.count }

        mutating func integer() -> UInt32? {
            guard position + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for shift in 0..<4 { value |= UInt32(bytes[position + shift]) << (8 * shift) }
            position += 4
            return value
        }

        /// nil: cut short; .some(nil): an absent string.
        mutating func string() -> String?? {
            guard let length = integer() else { return nil }
            if length == 0xFFFF_FFFF { return .some(nil) }
            guard position + Int(length) <= bytes.count else { return nil }
            let text = String(
                decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<(position + Int(length))]), as: UTF8.self)
            position += Int(length)
            return .some(text)
        }

        mutating func skipString() -> Bool {
            guard let length = integer() else { return false }
            if length == 0xFFFF_FFFF { return true }
            guard position + Int(length) <= bytes.count else { return false }
            position += Int(length)
            return true
        }

        mutating func key() -> TypesetMath.Key? {
            guard case .some(.some(let tex)) = string(), position < bytes.count else { return nil }
            let display = bytes[position] == 1
            position += 1
            return TypesetMath.Key(tex: tex, display: display)
        }

        mutating func math() -> TypesetMath? {
            guard case .some(let html) = string(), case .some(let error) = string(), let offset = integer(),
                let remarkCount = integer()
            else { return nil }
            var remarks: [String] = []
            for _ in 0..<remarkCount {
                guard case .some(.some(let remark)) = string() else { return nil }
                remarks.append(remark)
            }
            return TypesetMath(
                html: html, error: error, errorOffset: offset == 0xFFFF_FFFF ? nil : Int(offset), remarks: remarks)
        }

        mutating func skipMath() -> Bool {
            guard skipString(), skipString(), integer() != nil, let remarkCount = integer() else { return false }
            for _ in 0..<remarkCount {
                guard skipString() else { return false }
            }
            return true
        }
    }
}
