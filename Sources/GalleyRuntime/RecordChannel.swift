import Foundation

/// How a chapter program tells Galley which block is running and what it displays.
///
/// Records travel on standard output between what the program prints, each on a line of its own
/// that starts with the ASCII record separator (U+001E), the word `galley` and a nonce Galley
/// chose for this run, so that nothing a program prints can be mistaken for one:
///
///     ␞galley NONCE block 3
///     ␞galley NONCE display {"value":{"label":"a","text":"0.8789"}}
///     ␞galley NONCE bind {"id":0,"numbers":[0.8789],"text":"0.8789","type":"Double"}
///     ␞galley NONCE expect {"line":14,"column":1,"stated":"0.88","computed":[0.8789]}
///     ␞galley NONCE end
///
/// The same `block` record goes to standard error, so both streams split at the same places.
/// `end` is written when the program finishes; a program that stops without it was cut short.
public enum RecordChannel {
    /// The first bytes of every record line.
    public static let marker = "\u{1E}galley "

    /// The environment variable that carries the nonce to the program.
    public static let nonceVariable = "GALLEY_NONCE"

    static let nonce = ProcessInfo.processInfo.environment[nonceVariable] ?? "0"

    /// Writes a record to standard output (and, for `block`, standard error).
    static func send(_ kind: String, _ payload: String, alsoToStandardError: Bool = false) {
        let line = "\(marker)\(nonce) \(kind) \(payload)\n"
        // Through the same buffered stream as `print`, so records and printed text stay in order;
        // flushed (all streams: `fflush(nil)`) so nothing is lost if the program traps next.
        print(line, terminator: "")
        fflush(nil)
        if alsoToStandardError {
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    static func send(_ item: DisplayItem) {
        sendJSON("display", item)
    }

    /// Sends a record whose payload is a value as JSON (NaN and the infinities as strings).
    static func sendJSON(_ kind: String, _ value: some Encodable) {
        guard let data = try? encoder.encode(value) else { return }
        send(kind, String(decoding: data, as: UTF8.self))
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }
}

/// Marks the start of block `index` (0-based, in chapter order). Galley's generated program calls
/// this before each block; chapter code never needs to.
public func _galleyBeginBlock(_ index: Int) {
    if index == 0 {
        // Line-buffered, so what a block printed before it trapped is not lost in a buffer.
        // `stdout` is a C global that Swift 6 will not read directly; its address comes from the
        // C library itself. This runs once, on the main thread, before any chapter code.
        if let symbol = dlsym(nil, "stdout"),
            let stream = symbol.assumingMemoryBound(to: UnsafeMutablePointer<FILE>?.self).pointee
        {
            setvbuf(stream, nil, _IOLBF, 0)
        }
    }
    RecordChannel.send("block", String(index), alsoToStandardError: true)
}

/// Marks the start of the bindings, the expressions the prose binds to, evaluated after every
/// block has run.
public func _galleyBeginBindings() {
    RecordChannel.send("bindings", "", alsoToStandardError: true)
}

/// Marks the normal end of the program. Galley's generated program calls this last.
public func _galleyEnd() {
    RecordChannel.send("end", "")
}
