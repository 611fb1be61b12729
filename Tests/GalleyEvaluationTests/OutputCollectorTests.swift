import Foundation
import GalleyRecords
import Testing

@testable import GalleyEvaluation

@Suite("Splitting a chapter program's output into its blocks")
struct OutputCollectorTests {
    private func line(_ record: ProgramRecord) -> String { RecordLine.encode(record, nonce: "N") }

    /// Feeds `text` to a collector in pieces of `chunk` bytes, as a pipe may deliver it.
    private func collect(_ text: String, chunk: Int, cap: Int = 1 << 20) -> OutputCollector {
        var collector = OutputCollector(nonce: "N", cap: cap)
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            collector.consumeOutput(bytes[start..<min(start + chunk, bytes.count)])
            start += chunk
        }
        collector.finish()
        return collector
    }

    static let program: String = {
        func line(_ record: ProgramRecord) -> String { RecordLine.encode(record, nonce: "N") }
        return line(.blockStarted(index: 0)) + "hello\n" + line(.display(.value(label: "a", text: "1")))
            + "no newline" + line(.blockStarted(index: 1)) + "second\n"
            + line(.expectation(Expectation(line: 9, column: 1, stated: "1", computed: [1], checked: 1, failure: nil)))
            + line(.bindingsStarted) + line(.bound(BoundValue(id: 0, numbers: [2], text: "2", type: "Double")))
            + line(.end)
    }()

    @Test(
        "text, displays, expectations and values land where they belong, however the bytes arrive",
        arguments: [1, 3, 7, 64, 4096])
    func splitsByBlock(chunk: Int) {
        let collector = collect(Self.program, chunk: chunk)
        #expect(
            collector.outputs[0]?.items == [
                .text("hello\n"), .display(.value(label: "a", text: "1")), .text("no newline"),
            ])
        #expect(collector.outputs[1]?.items == [.text("second\n")])
        #expect(collector.expectations.map(\.block) == [1])
        #expect(collector.values[0]?.numbers == [2])
        #expect(collector.reachedBindings && collector.finished)
        #expect(collector.unreadable.isEmpty)
    }

    @Test("a line that carries the marker but no record is reported, not dropped")
    func unreadableRecord() {
        let text = line(.blockStarted(index: 0)) + RecordLine.marker + "N display {\"value\":1}\n" + line(.end)
        let collector = collect(text, chunk: 5)
        #expect(collector.unreadable.count == 1)
        #expect(collector.unreadable.first?.payload == #"display {"value":1}"#)
        #expect(collector.finished)
    }

    @Test("another run's nonce is text the program printed")
    func foreignNonce() {
        let foreign = RecordLine.encode(.end, nonce: "OTHER")
        let collector = collect(line(.blockStarted(index: 0)) + foreign, chunk: 10)
        #expect(collector.outputs[0]?.items == [.text(foreign)])
        #expect(!collector.finished)
    }

    @Test("a block's output is cut at the cap and marked truncated")
    func cap() {
        let collector = collect(line(.blockStarted(index: 0)) + String(repeating: "x", count: 100), chunk: 9, cap: 40)
        guard case .text(let text)? = collector.outputs[0]?.items.first else {
            Issue.record("no text")
            return
        }
        #expect(text.count == 40)
        #expect(collector.outputs[0]?.truncated == true)
    }

    @Test("standard error splits at the same block marks")
    func standardError() {
        var collector = OutputCollector(nonce: "N")
        let text =
            line(.blockStarted(index: 0)) + "warning one\n" + line(.blockStarted(index: 1)) + "warning two\n"
            + line(.bindingsStarted) + "binding trouble\n"
        collector.consumeError(Array(text.utf8)[...])
        collector.finish()
        #expect(collector.outputs[0]?.standardError == "warning one\n")
        #expect(collector.outputs[1]?.standardError == "warning two\n")
        #expect(collector.bindingsError == "binding trouble\n")
    }
}
