// libFuzzer harness: the math scanner on arbitrary bytes. It must never crash, never read out of
// bounds (BytesSource returns 0 past the ends), and what it reports must lie inside the input.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMathScanner(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let source = BytesSource(bytes)
    for start in bytes.indices where bytes[start] == UInt8(ascii: "$") {
        switch MathScanner.scanInline(source, at: start) {
        case .math(let content, let end, _):
            precondition(content.lowerBound >= start && content.upperBound <= end && end <= bytes.count)
        case .notMath, .unterminated:
            break
        }
        if let opening = MathScanner.scanBlockOpening(source, at: start) {
            switch opening {
            case .complete(let content), .open(let content):
                precondition(content.upperBound <= bytes.count + 1)
            }
        }
    }
    _ = MathScanner.findDisplayClose(source, from: 0)
    return 0
}
