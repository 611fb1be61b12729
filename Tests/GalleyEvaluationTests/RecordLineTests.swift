import Foundation
import GalleyRecords
import Testing

@Suite("Records between chapter programs and Galley")
struct RecordLineTests {
    static let records: [ProgramRecord] = [
        .blockStarted(index: 3),
        .display(.value(label: "a", text: "0.8789")),
        .display(
            .table(DisplayTable(caption: "J", columnHeaders: ["", "$z_1$"], rowHeaders: ["$a_1$"], cells: [["0.1"]]))),
        .display(.math(tex: #"\begin{pmatrix} 1 \end{pmatrix}"#)),
        .expectation(Expectation(line: 14, column: 1, stated: "0.88", computed: [0.8789], checked: 1, failure: nil)),
        .bindingsStarted,
        .bound(BoundValue(id: 0, numbers: [0.25, -1e300], text: "(0.25, -1e+300)", type: "Array<Double>")),
        .bound(
            BoundValue(
                id: 1, numbers: nil, text: "", type: "FormulaValues",
                formula: FormulaValues(
                    rows: [.init(pair: 0, indices: [2], left: 0.5, right: 0.5)], inputs: ["z = (3, 1)"]))),
        .end,
    ]

    @Test("every record reads back as it was sent, on one line", arguments: records)
    func roundTrip(record: ProgramRecord) throws {
        let line = RecordLine.encode(record, nonce: "n0nce")
        #expect(line.hasPrefix(RecordLine.marker + "n0nce "))
        #expect(line.hasSuffix("\n"))
        #expect(line.dropLast().contains("\n") == false)
        let payload = line.utf8.dropFirst((RecordLine.marker + "n0nce ").utf8.count).dropLast()
        #expect(try RecordLine.decode(Array(payload)) == record)
    }

    @Test("NaN and the infinities travel as strings and come back")
    func nonFiniteNumbers() throws {
        let record = ProgramRecord.bound(
            BoundValue(id: 2, numbers: [.nan, .infinity, -.infinity], text: "", type: "Double"))
        let line = RecordLine.encode(record, nonce: "x")
        #expect(line.contains(#""nan""#) && line.contains(#""inf""#) && line.contains(#""-inf""#))
        let payload = Array(line.utf8.dropFirst((RecordLine.marker + "x ").utf8.count).dropLast())
        guard case .bound(let value) = try RecordLine.decode(payload), let numbers = value.numbers else {
            Issue.record("not a bound value")
            return
        }
        #expect(numbers.count == 3)
        #expect(numbers[0].isNaN)
        #expect(numbers[1] == .infinity && numbers[2] == -.infinity)
    }

    @Test(
        "a payload that is not a record says why",
        arguments: [
            ("block 3", "not JSON"),
            (#"{"bogus":{}}"#, "unknown record"),
            (#"{"blockStarted":{}}"#, "missing 'index'"),
            (#"{"blockStarted":{"index":"three"}}"#, "wrong type"),
        ])
    func unreadable(payload: String, reason: String) {
        #expect {
            try RecordLine.decode(Array(payload.utf8))
        } throws: { error in
            guard let error = error as? RecordLine.UnreadableRecord else { return false }
            return error.payload == payload && error.reason.contains(reason) && !error.reason.isEmpty
        }
    }

    @Test("stage marks go to standard error too; the rest only to standard output")
    func stageMarks() {
        #expect(Self.records.filter(\.marksStage) == [.blockStarted(index: 3), .bindingsStarted])
    }
}
