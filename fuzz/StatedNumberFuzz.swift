// libFuzzer harness: the stated-number reader on arbitrary text. Whatever it accepts must have a
// finite precision, match itself, and restyle without crashing.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStatedNumbers(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for token in StatedNumber.split(text) {
        guard let number = StatedNumber(token.text) else { continue }
        if number.value.isFinite && abs(number.value) < 1e300 {
            precondition(number.matches(number.value), "\(token.text) does not match itself")
        }
        _ = number.restyled(number.value * 1.01)
        _ = number.describe(number.value)
        _ = number.decimals(within: 0.001)
    }
    return 0
}
