// libFuzzer harness: the stated-number reader on arbitrary text. Whatever it accepts must have a
// finite precision, match itself, and restyle into text it reads again (digit groups included).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStatedNumbers(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for token in StatedNumber.split(text) + StatedNumber.split(text, groups: .prose(spaces: true)) {
        guard let number = StatedNumber(token.text) else { continue }
        if number.value.isFinite && abs(number.value) < 1e300 {
            precondition(number.matches(number.value), "\(token.text) does not match itself")
        }
        let restyled = number.restyled(number.value * 1.01)
        if number.value.isFinite && abs(number.value) < 1e12 && abs(number.decimals) < 12 {
            precondition(StatedNumber(restyled) != nil, "\(token.text) restyled as \(restyled), which is no number")
        }
        _ = number.describe(number.value)
        _ = number.decimals(within: 0.001)
    }
    return 0
}
