// libFuzzer harness: the scanner of a block's top-level names on arbitrary text. It must end,
// every name it gives must be on a line of the text and not be empty, and a constant's value must
// be text of the block that the literal reader reads without crashing.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTopLevelNames(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lines = text.utf8.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    for name in TopLevelNames.names(in: text) {
        precondition(!name.name.isEmpty, "an empty name")
        precondition(name.line >= 0 && name.line < lines, "line \(name.line) of \(lines)")
        if let value = name.constantValue {
            precondition(text.contains(value), "a constant's value that is not in the block")
            _ = LiteralConstants.isLiteral(value)
        }
    }
    _ = LiteralConstants.names(in: [text])
    return 0
}
