import GalleyFormulas

/// Finds the arithmetic in a TeX formula that holds only numbers and functions of numbers:
/// `\frac{4.5369}{2}`, `-\ln 0.879`, `e^{3} + e^{1}`, `\sqrt{2} \cdot 3`. It splits formulas into
/// sides and rules out most of them with a look at the bytes; what remains is translated by
/// `ClosedArithmetic`. Anything else — a symbol such as `x` or `z_j`, a command it does not know —
/// makes the side "not closed", and the side is skipped.
public enum LaTeXArithmetic {
    /// The sides of a formula, split at `=`, `\approx` and `≈` outside braces and brackets.
    /// Works on UTF-8 bytes and slices the text, building no string character by character.
    public static func sides(_ tex: String) -> [String] {
        let bytes = Array(tex.utf8)
        let approx = Array("\\approx".utf8)
        var sides: [String] = []
        var start = 0
        var depth = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "("), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
            var width = 0
            if depth == 0 {
                if byte == UInt8(ascii: "=") {
                    width = 1
                } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x89, bytes[index + 2] == 0x88 {
                    width = 3  // ≈
                } else if byte == UInt8(ascii: "\\"), index + approx.count <= bytes.count,
                    bytes[index..<(index + approx.count)].elementsEqual(approx),
                    !(index + approx.count < bytes.count && isLetter(bytes[index + approx.count]))
                {
                    width = approx.count
                }
            }
            if width > 0 {
                sides.append(String(decoding: bytes[start..<index], as: UTF8.self))
                index += width
                start = index
            } else {
                index += 1
            }
        }
        sides.append(String(decoding: bytes[start...], as: UTF8.self))
        return sides
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// A quick look at the bytes: false when a side holds a letter that is neither part of a
    /// command (`\frac`) nor Euler's `e`, or any non-ASCII character — then it cannot be closed,
    /// and the tokenizer need not run. Most formulas in a chapter end here.
    public static func mightBeClosed(_ tex: String) -> Bool {
        let bytes = Array(tex.utf8)
        var index = 0
        var sawDigit = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x80 { return false }
            if byte == UInt8(ascii: "\\") {
                index += 1
                while index < bytes.count, (bytes[index] | 0x20) >= UInt8(ascii: "a"), (bytes[index] | 0x20) <= UInt8(ascii: "z") {
                    index += 1
                }
                continue
            }
            if (byte | 0x20) >= UInt8(ascii: "a"), (byte | 0x20) <= UInt8(ascii: "z"), byte != UInt8(ascii: "e") && byte != UInt8(ascii: "E") {
                return false
            }
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { sawDigit = true }
            index += 1
        }
        return sawDigit
    }

    /// The Swift expression for a side, or nil when it is not closed arithmetic. The side is read
    /// by the same parser as checked formulas.
    public static func swift(_ tex: String) -> String? {
        ClosedArithmetic.swift(tex)
    }

    /// The number a side is, when it is nothing but one number as written (`0.123`, `-2.5`,
    /// `88%`, `1.2e-3`).
    public static func bareNumber(_ tex: String) -> String? {
        ClosedArithmetic.bareNumber(tex)
    }
}
