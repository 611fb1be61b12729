import Foundation
import GalleyTestSupport
import Testing

/// Suggested bindings end to end, with the real compiler: structure decides, an ambiguous claim is
/// never written, and values of every shape are offered — or the author is told why not.
@Suite("Suggested bindings, end to end")
struct SuggestedBindingsTests {
    @Test(
        "--bind names the table row's own vector, not an earlier one holding the same numbers, and leaves ambiguity to the author"
    )
    func structureBeforeProximity() throws {
        let weights =
            "```swift run hide\nlet weights = [0.6, 0.3, 0.1, 0.2, 0.5]\nlet loss = 0.25\nlet half = 0.25\n```\n\n"
        let table = "| | 类别1 | 类别2 | 类别3 |\n|---|---|---|---|\n| 预测1 | 0.2 | 0.5 | 0.3 |\n| 预测2 | 0.1 | 0.3 | 0.6 |\n\n"
        let source = MarkedSource(
            weights + table + "损失约为 ⚑0.25。\n\n"
                + "```swift run hide\nlet prediction1 = [0.2, 0.5, 0.3]\nlet prediction2 = [0.1, 0.3, 0.6]\n```\n")
        let book = try TemporaryBook(["01.md": source.text])
        let report = book.root.appendingPathComponent("report.json")
        let bind = try book.render(["--bind", "--report", report.path])
        #expect(bind.status == 0, "\(bind.stderr)")
        #expect(bind.stdout.contains("bound 6 claims in Chapters/01.md"), "\(bind.stdout)")
        #expect(
            bind.stderr.contains(
                "Chapters/01.md:\(source.marker.line):\(source.marker.column): note: 0.25 is not checked: ambiguous: it matches 'half', 'loss'; bind it to the one it means"
            ), "\(bind.stderr)")
        let text = try String(contentsOf: book.chapters.appendingPathComponent("01.md"), encoding: .utf8)
        #expect(text.contains("| 预测1 | [0.2](=prediction1[0]) | [0.5](=prediction1[1]) | [0.3](=prediction1[2]) |"))
        #expect(text.contains("| 预测2 | [0.1](=prediction2[0]) | [0.3](=prediction2[1]) | [0.6](=prediction2[2]) |"))
        #expect(text.contains("损失约为 0.25。"), "the ambiguous claim is left as written")
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        let suggestions = try #require(json["suggestions"] as? [[String: Any]])
        let ambiguous = try #require(suggestions.first { $0["text"] as? String == "0.25" })
        #expect(ambiguous["candidates"] as? [String] == ["half", "loss"], "every candidate, by expression")
        #expect(ambiguous["candidateCount"] as? Int == 2)
        #expect(try book.render(["--check"]).status == 0)
    }

    @Test(
        "rows of different lengths, structs, tuples and optionals are offered by the paths that name them; a dictionary gets a note"
    )
    func everyShapeOffered() throws {
        let code = """
            ```swift run hide
            var history: [[Double]] = [[0, 1.0], [1, 1.5, 0.25], [2, 1.41667]]
            struct Fit { var w: [Double]; var b: Double; var label: String }
            let fit = Fit(w: [0.0625, 0.75], b: 0.125, label: "ridge")
            let pair = (0.375, 0.625)
            let best: Double? = 0.8125
            let scores: [String: Double] = ["a": 0.4375]
            let cube: [[[Double]]] = [[[0.5, 0.3125]]]
            var chart = Chart(title: "历史")
            chart.line([0, 1], [0.8125, 0.3125], label: "副本")
            ```

            """
        // The chart holds copies of 0.8125 and 0.3125: made to show values, it offers none.
        let prose = "斜率是 0.75，截距 0.125，第二个数 0.625，最好的 0.8125，历史中的 1.41667，立方 0.3125，分数 0.4375。\n"
        let book = try TemporaryBook(["01.md": code + prose])
        let bind = try book.render(["--bind"])
        #expect(bind.status == 0, "\(bind.stderr)")
        let text = try String(contentsOf: book.chapters.appendingPathComponent("01.md"), encoding: .utf8)
        #expect(
            text.hasSuffix(
                "斜率是 [0.75](=fit.w[1])，截距 [0.125](=fit.b)，第二个数 [0.625](=pair.1)，最好的 [0.8125](=best!)，历史中的 [1.41667](=history[2][1])，立方 [0.3125](=cube[0][0][1])，分数 0.4375。\n"
            ), "\(text)")
        #expect(
            bind.stderr.contains(
                "Chapters/01.md:7:1: note: the numbers of 'scores' are not offered for the claims: a dictionary keeps no order its numbers could be named by; bind one by its key"
            ), "\(bind.stderr)")
        let check = try book.render(["--check"])
        #expect(check.status == 0, "every written binding compiles and checks: \(check.stderr)")
    }
}
