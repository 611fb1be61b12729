import Foundation
import GalleyRecords
import GalleyResults

/// Splits a chapter program's output into its blocks' outputs, as it streams in.
///
/// It reads the records of `ProgramRecord` — block starts, displayed items, the normal end — and
/// keeps everything else as the text the blocks printed. Each block may write up to `cap` bytes to
/// each stream; the rest is dropped and the block is marked truncated, so a block that prints
/// 100 MB costs 1 MB of memory.
struct OutputCollector {
    let nonce: String
    let cap: Int

    private(set) var outputs: [Int: BlockOutput] = [:]
    /// The block that started last, nil before the first.
    private(set) var currentBlock: Int?
    /// Whether the program reached its end.
    private(set) var finished = false
    /// Whether the program got past its blocks to the bindings.
    private(set) var reachedBindings = false
    /// The values of the bindings, by id.
    private(set) var values: [Int: BoundValue] = [:]
    /// The top-level values of the blocks, as offered after the bindings.
    private(set) var offered: [OfferedValue] = []
    /// The `expect` calls' outcomes, with the block each was made in.
    private(set) var expectations: [BlockExpectation] = []
    /// What the program wrote to standard error while evaluating the bindings.
    private(set) var bindingsError = ""
    /// Record lines that carried the run's marker but could not be read, in order.
    private(set) var unreadable: [RecordLine.UnreadableRecord] = []

    private var pendingOutput: [UInt8] = []
    private var pendingError: [UInt8] = []
    private var errorBlock: Int?
    private var outputBytes: [Int: Int] = [:]
    private var errorBytes: [Int: Int] = [:]
    private let marker: [UInt8]

    /// The stand-in block number for standard error written while evaluating bindings.
    static let bindingsStage = -1

    init(nonce: String, cap: Int = 1 << 20) {
        self.nonce = nonce
        self.cap = cap
        self.marker = Array((RecordLine.marker + nonce + " ").utf8)
    }

    // MARK: - Standard output

    mutating func consumeOutput(_ bytes: ArraySlice<UInt8>) {
        pendingOutput += bytes
        var start = 0
        while let separator = pendingOutput[start...].firstIndex(of: 0x1E) {
            appendText(pendingOutput[start..<separator])
            // A record runs to the end of its line; wait for the rest of it if it is not here yet.
            guard let newline = pendingOutput[separator...].firstIndex(of: UInt8(ascii: "\n")) else {
                start = separator
                pendingOutput.removeFirst(start)
                return
            }
            let line = pendingOutput[separator..<newline]
            if line.starts(with: marker) {
                handleRecord(line.dropFirst(marker.count))
            } else {
                appendText(line + [UInt8(ascii: "\n")])
            }
            start = newline + 1
        }
        // Keep nothing back but text that is already complete.
        appendText(pendingOutput[start...])
        pendingOutput.removeAll(keepingCapacity: true)
    }

    private mutating func handleRecord(_ payload: ArraySlice<UInt8>) {
        let record: ProgramRecord
        do {
            record = try RecordLine.decode(payload)
        } catch {
            unreadable.append(error)
            return
        }
        switch record {
        case .blockStarted(let index):
            currentBlock = index
            if outputs[index] == nil { outputs[index] = BlockOutput() }
        case .display(let item):
            guard let block = currentBlock, !reachedBindings else { return }
            let size = payload.count
            guard outputBytes[block, default: 0] + size <= cap else {
                outputs[block, default: BlockOutput()].truncated = true
                return
            }
            outputBytes[block, default: 0] += size
            outputs[block, default: BlockOutput()].items.append(.display(item))
        case .end:
            finished = true
        case .bindingsStarted:
            reachedBindings = true
        case .bound(let value):
            values[value.id] = value
        case .offered(let value):
            offered.append(value)
        case .expectation(let expectation):
            if let block = currentBlock {
                expectations.append(BlockExpectation(block: block, expectation: expectation))
            }
        }
    }

    private mutating func appendText(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty, !reachedBindings, let block = currentBlock else { return }
        let allowed = min(bytes.count, max(0, cap - outputBytes[block, default: 0]))
        if allowed < bytes.count { outputs[block, default: BlockOutput()].truncated = true }
        outputBytes[block, default: 0] += allowed
        guard allowed > 0 else { return }
        let text = String(decoding: bytes.prefix(allowed), as: UTF8.self)
        var output = outputs[block, default: BlockOutput()]
        if case .text(let previous)? = output.items.last {
            output.items[output.items.count - 1] = .text(previous + text)
        } else {
            output.items.append(.text(text))
        }
        outputs[block] = output
    }

    // MARK: - Standard error

    mutating func consumeError(_ bytes: ArraySlice<UInt8>) {
        pendingError += bytes
        while let newline = pendingError.firstIndex(of: UInt8(ascii: "\n")) {
            let line = Array(pendingError[..<newline])
            pendingError.removeFirst(newline + 1)
            if line.starts(with: marker) {
                // Standard output carries the same record; an unreadable one is reported from there.
                switch try? RecordLine.decode(line.dropFirst(marker.count)) {
                case .blockStarted(let index): errorBlock = index
                case .bindingsStarted: errorBlock = Self.bindingsStage
                default: break
                }
                continue
            }
            appendError(line + [UInt8(ascii: "\n")])
        }
        // A long line without a newline: keep it as it is rather than hold it back forever.
        if pendingError.count > 65536 {
            appendError(pendingError[...])
            pendingError.removeAll()
        }
    }

    /// Flushes what is left once the program has ended.
    mutating func finish() {
        if !pendingOutput.isEmpty {
            appendText(pendingOutput[...])
            pendingOutput.removeAll()
        }
        if !pendingError.isEmpty {
            appendError(pendingError[...])
            pendingError.removeAll()
        }
    }

    private mutating func appendError(_ bytes: ArraySlice<UInt8>) {
        if errorBlock == Self.bindingsStage {
            if bindingsError.utf8.count < cap { bindingsError += String(decoding: bytes, as: UTF8.self) }
            return
        }
        // Errors before any block (there are none in practice) go to the first.
        guard let block = errorBlock ?? currentBlock else { return }
        let allowed = min(bytes.count, max(0, cap - errorBytes[block, default: 0]))
        if allowed < bytes.count { outputs[block, default: BlockOutput()].truncated = true }
        errorBytes[block, default: 0] += allowed
        guard allowed > 0 else { return }
        outputs[block, default: BlockOutput()].standardError += String(decoding: bytes.prefix(allowed), as: UTF8.self)
    }
}

/// An `expect` call's outcome and the block (its place in the program) it was made in.
struct BlockExpectation: Codable, Equatable, Sendable {
    var block: Int
    var expectation: Expectation
}
