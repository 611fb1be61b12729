// libFuzzer harness: the scanner of a block's top-level names on arbitrary text. It must end, and
// every name it gives must be on a line of the text and not be empty.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTopLevelNames(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lines = text.utf8.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    for name in TopLevelNames.names(in: text) {
        precondition(!name.name.isEmpty, "an empty name")
        precondition(name.line >= 0 && name.line < lines, "line \(name.line) of \(lines)")
    }
    return 0
}
