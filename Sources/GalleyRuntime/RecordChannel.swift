import Foundation
@_exported public import GalleyRecords

/// Sends the chapter program's records to Galley, on standard output between what the program
/// prints (see `RecordLine` for the format and `ProgramRecord` for what is sent).
///
/// The records that start a block or the bindings go to standard error too, so both streams
/// split at the same places.
enum RecordChannel {
    static let nonce = ProcessInfo.processInfo.environment[RecordLine.nonceVariable] ?? "0"

    /// Writes a record.
    static func send(_ record: ProgramRecord) {
        let line = RecordLine.encode(record, nonce: nonce)
        // Through the same buffered stream as `print`, so records and printed text stay in order;
        // flushed (all streams: `fflush(nil)`) so nothing is lost if the program traps next.
        print(line, terminator: "")
        fflush(nil)
        if record.marksStage {
            FileHandle.standardError.write(Data(line.utf8))
        }
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
    RecordChannel.send(.blockStarted(index: index))
}

/// Marks the start of the bindings, the expressions the prose binds to, evaluated after every
/// block has run.
public func _galleyBeginBindings() {
    RecordChannel.send(.bindingsStarted)
}

/// Marks the normal end of the program. Galley's generated program calls this last.
public func _galleyEnd() {
    RecordChannel.send(.end)
}
