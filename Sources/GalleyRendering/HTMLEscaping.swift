/// Escaping for text placed into HTML.
public enum HTMLEscaping {
    /// Escapes `&`, `<`, `>` and `"`, enough for element content and double-quoted attributes.
    ///
    /// Works on UTF-8 bytes (the four characters are ASCII, so they never occur inside a
    /// multi-byte sequence) and returns the string itself when nothing needs escaping — most text.
    public static func escape(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes -> String in
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else {
                return text
            }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + bytes.count / 8)
            for byte in bytes {
                switch byte {
                case 0x26: result.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
                case 0x3C: result.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
                case 0x3E: result.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
                case 0x22: result.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
                default: result.append(byte)
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// Escapes a URL for an `href` or `src` attribute the way cmark-gfm does: bytes that may stand
    /// in a URL stay, `&` and `'` become entities, everything else is percent-encoded (existing
    /// `%XX` escapes are kept).
    public static func escapeURL(_ url: String) -> String {
        var copy = url
        return copy.withUTF8 { bytes -> String in
            guard !bytes.allSatisfy({ urlSafe[Int($0)] }) else { return url }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count * 3)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "&"): result.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
                case UInt8(ascii: "'"): result.append(contentsOf: [0x26, 0x23, 0x78, 0x32, 0x37, 0x3B])  // &#x27;
                case _ where urlSafe[Int(byte)]: result.append(byte)
                default:
                    result.append(UInt8(ascii: "%"))
                    result.append(hexDigits[Int(byte >> 4)])
                    result.append(hexDigits[Int(byte & 0xF)])
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Bytes that may stand in a URL as they are, by value.
    private static let urlSafe: [Bool] = (0..<256).map { value in
        let byte = UInt8(value)
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-_.+!*(),%#@?=;:/$~".utf8.contains(byte)
        }
    }
}
