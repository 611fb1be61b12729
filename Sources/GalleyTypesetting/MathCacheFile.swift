import Foundation
public import GalleyResults

/// The math cache's file: every formula typeset so far, as length-prefixed records. A book of a
/// hundred chapters keeps some 10,000 formulas and 25 MB of KaTeX's HTML here; read as JSON that
/// was a fifth of an unchanged re-render, read as records it is a copy.
///
/// Layout: the magic line `galley-math 1\n`, then per formula: its TeX, a display byte, KaTeX's
/// HTML, its error, the error's offset and the remarks. A string is a 32-bit little-endian length
/// and its UTF-8; an absent one has the length 0xFFFF_FFFF. A file that does not read back whole is
/// ignored: the cache is only a cache.
enum MathCacheFile {
    static let magic = Array("galley-math 1\n".utf8)

    static func encode(_ entries: [(TypesetMath.Key, TypesetMath)]) -> Data {
        // Built as `Data`, so that the file (70 MB on a long book) is not copied once more.
        var bytes = Data(magic)
        bytes.reserveCapacity(
            entries.reduce(magic.count) { $0 + $1.0.tex.utf8.count + ($1.1.html?.utf8.count ?? 0) + 32 })
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
        for (key, math) in entries {
            string(key.tex)
            bytes.append(key.display ? 1 : 0)
            string(math.html)
            string(math.error)
            integer(math.errorOffset.map { UInt32(truncatingIfNeeded: $0) } ?? 0xFFFF_FFFF)
            integer(UInt32(math.remarks.count))
            for remark in math.remarks { string(remark) }
        }
        return bytes
    }

    static func decode(_ data: Data) -> [TypesetMath.Key: TypesetMath]? {
        data.withUnsafeBytes { raw -> [TypesetMath.Key: TypesetMath]? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard bytes.count >= magic.count, bytes.prefix(magic.count).elementsEqual(magic) else { return nil }
            var position = magic.count
            func integer() -> UInt32? {
                guard position + 4 <= bytes.count else { return nil }
                var value: UInt32 = 0
                for shift in 0..<4 { value |= UInt32(bytes[position + shift]) << (8 * shift) }
                position += 4
                return value
            }
            // nil: the file is cut short; .some(nil): an absent string.
            func string() -> String?? {
                guard let length = integer() else { return nil }
                if length == 0xFFFF_FFFF { return .some(nil) }
                guard position + Int(length) <= bytes.count else { return nil }
                let text = String(
                    decoding: UnsafeBufferPointer(rebasing: bytes[position..<(position + Int(length))]), as: UTF8.self)
                position += Int(length)
                return .some(text)
            }
            var entries: [TypesetMath.Key: TypesetMath] = [:]
            while position < bytes.count {
                guard case .some(.some(let tex)) = string(), position < bytes.count else { return nil }
                let display = bytes[position] == 1
                position += 1
                guard case .some(let html) = string(), case .some(let error) = string(), let offset = integer(),
                    let remarkCount = integer()
                else { return nil }
                var remarks: [String] = []
                for _ in 0..<remarkCount {
                    guard case .some(.some(let remark)) = string() else { return nil }
                    remarks.append(remark)
                }
                entries[TypesetMath.Key(tex: tex, display: display)] = TypesetMath(
                    html: html, error: error, errorOffset: offset == 0xFFFF_FFFF ? nil : Int(offset), remarks: remarks)
            }
            return entries
        }
    }
}
