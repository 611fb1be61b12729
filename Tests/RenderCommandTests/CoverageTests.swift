import Foundation
import GalleyTestSupport
import Testing

/// Claim coverage end to end: the closing line of `--check`, the report's unchecked claims and
/// per-chapter counts, `--strict`'s exit codes, and the not-a-claim mark.
@Suite("Claim coverage")
struct CoverageTests {
    static let code = """
        ```swift run
        let z: [Double] = [3, 1, -3]
        let a = softmax(z)
        ```

        """

    @Test(
        "--check ends with the unchecked claims among every stated number; --report lists them and counts per chapter")
    func summaryAndReport() throws {
        let source = MarkedSource(
            Self.code
                + "概率是 [0.88，0.12，0.00](=a)，约有 ⚑88% 落在第一类；误差约为 ⚑0.3，0.2。共 3 类，Python 3.12<!-- not a claim -->。\n"
        )
        let book = try TemporaryBook(["01.md": source.text, "02.md": "# 空\n\n没有数字。\n"])
        let report = book.root.appendingPathComponent("report.json")
        let run = try book.render(["--check", "--report", report.path])
        #expect(run.status == 0, "unchecked claims are not errors without --strict: \(run.stderr)")
        #expect(
            run.stdout.contains(
                "3 stated numbers checked in 1 chapter (3 computed, 0 restated inputs), 0 wrong; 3 of 6 stated numbers unchecked; 1 claim can be bound: render --bind"
            ),
            "\(run.stdout)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        let unchecked = try #require(json["unchecked"] as? [[String: Any]])
        #expect(unchecked.map { $0["text"] as? String } == ["88%", "0.3，0.2"])
        #expect(unchecked.map { $0["line"] as? Int } == source.markers.map(\.line))
        #expect(unchecked.map { $0["column"] as? Int } == source.markers.map(\.column))
        #expect(unchecked.allSatisfy { ($0["file"] as? String) == "Chapters/01.md" })
        let chapters = try #require(json["perChapter"] as? [[String: Any]])
        #expect(chapters.map { $0["file"] as? String } == ["Chapters/01.md", "Chapters/02.md"])
        #expect(chapters.map { $0["numbersUnchecked"] as? Int } == [3, 0])
        #expect(chapters.map { $0["statedChecked"] as? Int } == [3, 0])
        #expect(chapters.map { $0["inputsRestated"] as? Int } == [0, 0])
        #expect(json["statedChecked"] as? Int == 3)
        #expect(json["statedNumbers"] as? Int == 6)
    }

    @Test("--check says how many claims --bind can bind, and which chapters' code offers nothing to bind to")
    func summaryTellsWhatCanBeDone() throws {
        let book = try TemporaryBook([
            "01-bindable.md": Self.code + "最大的概率约为 0.88，最小的约为 0.0022。\n",
            "02-failing.md": "```swift run\nlet broken: Int = \"a\"\n```\n\n概率约为 0.88。\n",
            "03-no-code.md": "# 无代码\n\n概率约为 0.5。\n",
            "04-covered.md": Self.code + "最大的概率约为 [0.88](=a[0])。\n",
        ])
        let run = try book.render(["--check"])
        #expect(run.status == 1, "the failing chapter's block is an error: \(run.stderr)")
        #expect(
            run.stdout.contains(
                "; 2 claims can be bound: render --bind; 2 chapters' code offers no value to bind their claims to"),
            "\(run.stdout)")
        let covered = try TemporaryBook(["01.md": Self.code + "最大的概率约为 [0.88](=a[0])。\n"])
        let clean = try covered.render(["--check"])
        #expect(clean.stdout.hasSuffix("0 of 1 stated number unchecked\n"), "nothing to suggest: \(clean.stdout)")
    }

    @Test("--strict: an unchecked claim is an error at the claim, and so is a warning; a covered book passes")
    func strict() throws {
        let source = MarkedSource(Self.code + "最大的概率约为 ⚑0.88。\n")
        let book = try TemporaryBook(["01.md": source.text])
        let plain = try book.render(["--check"])
        #expect(plain.status == 0, "\(plain.stderr)")
        let strict = try book.render(["--check", "--strict"])
        #expect(strict.status == 1)
        #expect(
            strict.stderr.contains(
                "Chapters/01.md:\(source.marker.line):\(source.marker.column): error: 0.88 is not checked"),
            "\(strict.stderr)")

        let warned = try TemporaryBook(["01.md": "```swift run hdie\nlet x = 1\n```\n"])
        #expect(try warned.render(["--check"]).status == 0)
        let strictWarning = try warned.render(["--check", "--strict"])
        #expect(strictWarning.status == 1)
        #expect(strictWarning.stderr.contains("error: unknown option 'hdie'"), "\(strictWarning.stderr)")

        let covered = try TemporaryBook(["01.md": Self.code + "最大的概率约为 [0.88](=a[0])。\n"])
        let clean = try covered.render(["--check", "--strict"])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(
            clean.stdout.contains(
                "1 stated number checked in 1 chapter (1 computed, 0 restated inputs), 0 wrong; 0 of 1 stated number unchecked"
            ))
    }

    /// A chapter computing a vector, a number and a vector with two equal elements.
    static let values = """
        ```swift run
        let z: [Double] = [3, 1, -3]
        let a = softmax(z)
        let loss = -log(a[0])
        let p = [0.3, 0.7, 0.3]
        ```

        """

    @Test("--report proposes bindings: one that fits, ambiguous ones with their candidates, near misses")
    func suggestions() throws {
        let code = Self.values
        let book = try TemporaryBook(["01.md": code + "损失约为 0.129，概率是 0.88，0.12，0.00；有两个 0.3；总和约为 0.14 吗？\n"])
        let report = book.root.appendingPathComponent("report.json")
        let run = try book.render(["--check", "--report", report.path])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        let suggestions = try #require(json["suggestions"] as? [[String: Any]])
        let byText = Dictionary(uniqueKeysWithValues: suggestions.map { ($0["text"] as? String ?? "", $0) })
        #expect(byText["0.129"]?["binding"] as? String == "loss")
        #expect(byText["0.88，0.12，0.00"]?["binding"] as? String == "a")
        #expect(byText["0.3"]?["candidates"] as? [String] == ["p[0]", "p[2]"])
        #expect((byText["0.14"]?["nearMisses"] as? [String])?.contains("loss = 0.1291") == true, "\(suggestions)")
        #expect(suggestions.first?["binding"] != nil, "sure suggestions come first")
    }

    @Test("--bind wraps each claim one value fits, byte for byte, and --check then covers them; the rest are notes")
    func bindThenCheck() throws {
        let code = Self.values
        let prose = "损失约为 **0.129**，概率是 0.88，0.12，0.00。| 不动: 有两个 0.3。\n\n| 项 | 值 |\n|---|---|\n| 损失 | 0.129 |\n"
        let book = try TemporaryBook(["01.md": code + prose])
        let bind = try book.render(["--bind"])
        #expect(bind.status == 0, "\(bind.stderr)")
        #expect(bind.stdout.contains("bound 3 claims in Chapters/01.md"), "\(bind.stdout)")
        #expect(
            bind.stderr.contains(
                "note: 0.3 is not checked: ambiguous: it matches 'p[0]', 'p[2]'; bind it to the one it means"),
            "\(bind.stderr)")
        let text = try String(contentsOf: book.chapters.appendingPathComponent("01.md"), encoding: .utf8)
        #expect(
            text
                == code
                + "损失约为 **[0.129](=loss)**，概率是 [0.88，0.12，0.00](=a)。| 不动: 有两个 0.3。\n\n| 项 | 值 |\n|---|---|\n| 损失 | [0.129](=loss) |\n"
        )
        let check = try book.render(["--check"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(
            check.stdout.contains(
                "5 stated numbers checked in 1 chapter (5 computed, 0 restated inputs), 0 wrong; 1 of 6 stated numbers unchecked"
            ),
            "\(check.stdout)")
        #expect(try book.render(["--bind"]).stdout.contains("no claim to bind"))
        #expect(try book.render(["--bind", "--check"]).status == 2, "a usage error")
        #expect(try book.render(["--bind", "--strict"]).status == 2, "a usage error")
    }

    @Test("a chapter whose code does not compile gets no suggestions, and Galley says so")
    func noValues() throws {
        let source = MarkedSource("```swift run\nlet loss = undefinedThing\n```\n\n损失约为 ⚑0.129。\n")
        let book = try TemporaryBook(["01.md": source.text])
        let bind = try book.render(["--bind"])
        #expect(
            bind.stderr.contains(
                "Chapters/01.md:\(source.marker.line):\(source.marker.column): warning: no bindings suggested for this chapter: its code did not compile or run to its end"
            ), "\(bind.stderr)")
        #expect(try String(contentsOf: book.chapters.appendingPathComponent("01.md"), encoding: .utf8) == source.text)
        let strict = try book.render(["--check", "--strict"])
        #expect(
            strict.stderr.contains("0.129 is not checked: the chapter's code did not run to its end"),
            "\(strict.stderr)")
    }

    @Test("a formula's bare-number side is a claim unless the formula is checked or marked")
    func mathClaims() throws {
        let source = MarkedSource(
            Self.code
                + "⚑$$L = -\\log p \\approx 0.128$$\n\n$$\\pi \\approx 3.14$$\n<!-- not a claim -->\n\n$$-\\log 0.88 \\approx 0.128$$\n"
        )
        let book = try TemporaryBook(["01.md": source.text])
        let run = try book.render(["--check", "--strict"])
        #expect(run.status == 1)
        let errors = run.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 1, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "Chapters/01.md:\(source.marker.line):\(source.marker.column): error: 0.128 in this formula is not checked"
            ),
            "\(run.stderr)")
    }

    @Test("a vector written alone in math is a claim, and --strict says how to check it")
    func mathVectors() throws {
        let source = MarkedSource(Self.code + "概率是 ⚑$[0.88, 0.12, 0.00]$，整数 $(3, 1)$ 不是。\n")
        let book = try TemporaryBook(["01.md": source.text])
        let run = try book.render(["--check", "--strict"])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "Chapters/01.md:\(source.marker.line):\(source.marker.column): error: [0.88, 0.12, 0.00] in this formula is not checked: it matches 'a': a vector in a formula is not checked; state it in prose as a stated-number link ([[0.88, 0.12, 0.00]](=a))"
            ), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").filter { $0.contains("error:") }.count == 1, "\(run.stderr)")
        #expect(
            run.stdout.contains("3 of 3 stated numbers unchecked"),
            "\(run.stdout)")
    }

    @Test(
        "a number bound to a literal constant is a restated input, counted apart in the summary, the report and the pages"
    )
    func restatedInputs() throws {
        let code = """
            ```swift run
            let p = 0.7
            let q = p
            var r = 0.25
            r *= 2
            let loss = -log(p)
            let z: [Double] = [3, 1, -3]  // 分数
            ```

            """
        // Restated: p, q (a let of p), z and z[1]; computed: r (a var) and loss.
        let prose = "输入 [0.7](=p)、[0.7](=q)、[(3, 1, −3)](=z)、[1](=z[1])；翻倍后 [0.5](=r)，损失 [0.357](=loss)。\n"
        let book = try TemporaryBook(["01.md": code + prose])
        let report = book.root.appendingPathComponent("report.json")
        let check = try book.render(["--check", "--report", report.path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(
            check.stdout.contains(
                "8 stated numbers checked in 1 chapter (2 computed, 6 restated inputs), 0 wrong; 0 of 8 stated numbers unchecked"
            ), "\(check.stdout)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        #expect(json["inputsRestated"] as? Int == 6)
        let chapters = try #require(json["perChapter"] as? [[String: Any]])
        #expect(chapters.map { $0["inputsRestated"] as? Int } == [6])
        #expect(try book.render([]).status == 0)
        let page = try #require(book.output("01.html"))
        #expect(page.components(separatedBy: "class=\"stated correct restated\"").count - 1 == 4, "one mark per link")
        #expect(page.components(separatedBy: "class=\"stated correct\"").count - 1 == 2)
        let checks = try #require(book.output("checks.html"))
        #expect(checks.contains("<td class=\"count\">8</td><td class=\"count\">2</td><td class=\"count\">6</td>"))
    }
}
